"""The synthetic files and the databases the benchmarks run on, made once per run."""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import create_engine, text

from tracker.ingest.reference import read_reference
from tracker.service.store import Store
from tracker.synth import register_synthetic_sources, synthesise
from tracker.synth.output import planted_path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "bench"
SEED = 1
PG_ADMIN = "postgresql://root@/postgres?host=/var/run/postgresql"


def synthetic_file(n: int) -> Path:
    """The synthetic figures file of size n (made once, kept under var/bench/)."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"synth-{n}-s{SEED}.csv"
    if not path.exists() or not planted_path(path).exists():
        synthesise(n, SEED, read_reference()).write(path)
    return path


def sqlite_url(label: str) -> str:
    path = WORK / f"{label}.db"
    for extra in ("", "-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def fresh_store(url: str) -> Store:
    """An initialised store with the synthetic sources in its registry."""
    store = Store(url)
    store.upgrade()
    register_synthetic_sources(store)
    store.engine.dispose()
    return Store(url)


def pg_available() -> bool:
    try:
        with create_engine(PG_ADMIN.replace("postgresql://", "postgresql+psycopg://")).connect():
            return True
    except Exception:
        return False


def pg_create(label: str) -> str:
    """A new PostgreSQL database for one benchmark; returns its URL."""
    name = f"bench_{label}_{uuid.uuid4().hex[:6]}"
    subprocess.run(["createdb", "-h", "/var/run/postgresql", name], check=True)
    return f"postgresql://root@/{name}?host=/var/run/postgresql"


def pg_drop(url: str) -> None:
    """Drop the database of ``url`` (its name is the URL's path, not the socket's)."""
    name = urlsplit(url).path.lstrip("/")
    admin = create_engine(
        PG_ADMIN.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
