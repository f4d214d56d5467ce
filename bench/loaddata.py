"""The databases a load test runs on: a base of N synthetic figures, built once and kept,
and a copy of it per run (the import that runs beside the load writes to the copy only).

SQLite: ``var/bench/load-base-N.db``, copied file by file. PostgreSQL: the database
``bench_loadbase_N`` (``$BENCH_PG_PREFIX`` replaces ``bench``),
copied with ``CREATE DATABASE … TEMPLATE`` (a file copy on the
server, seconds instead of a re-import); ``--drop-base`` removes it after the run.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from bench import data
from tracker.ingest.readers import read_figure_file

IMPORT_SEED = 2  # the file imported beside the load: other ids than the base's (seed 1)


def _import(url: str, path: Path) -> None:
    store = data.fresh_store(url)
    result = store.import_file(read_figure_file(path), why="loadtest base")
    store.engine.dispose()
    if not result.plan.ok:
        raise RuntimeError(f"synthetic file did not import: {result.plan.problems[:3]}")


def sqlite_base(n: int) -> Path:
    """The SQLite base database of n figures (built on first use)."""
    path = data.WORK / f"load-base-{n}.db"
    if not path.exists():
        building = data.WORK / f"load-base-{n}.building.db"
        _import(data.sqlite_url(building.stem), data.synthetic_file(n))
        with sqlite3.connect(building) as conn:  # one file: no WAL left beside it
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        building.rename(path)
        for extra in ("-wal", "-shm"):
            Path(f"{building}{extra}").unlink(missing_ok=True)
    return path


def sqlite_copy(n: int) -> str:
    """A fresh copy of the SQLite base for one run; its URL."""
    base = sqlite_base(n)
    url = data.sqlite_url(f"load-run-{n}")
    shutil.copyfile(base, data.WORK / f"load-run-{n}.db")
    return url


def _admin():  # type: ignore[no-untyped-def]
    return create_engine(
        data.PG_ADMIN.replace("postgresql://", "postgresql+psycopg://"),
        isolation_level="AUTOCOMMIT",
    )


def _pg_url(name: str) -> str:
    return f"postgresql://root@/{name}?host=/var/run/postgresql"


def _prefix() -> str:
    """``$BENCH_PG_PREFIX`` (default ``bench``): engineers sharing a server keep apart."""
    return os.environ.get("BENCH_PG_PREFIX", "bench")


def pg_base_name(n: int) -> str:
    return f"{_prefix()}_loadbase_{n}"


def _exists(name: str) -> bool:
    engine = _admin()
    with engine.connect() as conn:
        found = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        ).first()
    engine.dispose()
    return found is not None


def pg_base(n: int) -> str:
    """The PostgreSQL base database of n figures (built on first use); its name."""
    name = pg_base_name(n)
    if not _exists(name):
        building = f"{name}_building"
        engine = _admin()
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{building}"'))
        try:
            _import(_pg_url(building), data.synthetic_file(n))
            with engine.connect() as conn:
                conn.execute(text(f'ALTER DATABASE "{building}" RENAME TO "{name}"'))
        except BaseException:
            data.pg_drop(_pg_url(building))
            raise
        finally:
            engine.dispose()
    return name


def pg_copy(n: int) -> str:
    """A fresh copy of the PostgreSQL base for one run; its URL (drop it with pg_drop)."""
    base = pg_base(n)
    name = f"{_prefix()}_load_{n}_{uuid.uuid4().hex[:6]}"
    engine = _admin()
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{base}"'))
    engine.dispose()
    return _pg_url(name)


def pg_drop_base(n: int) -> None:
    data.pg_drop(_pg_url(pg_base_name(n)))


def import_file(n: int) -> Path:
    """The figures imported while the load runs: a synthetic file of n figures, seed 2."""
    data.WORK.mkdir(parents=True, exist_ok=True)
    path = data.WORK / f"synth-{n}-s{IMPORT_SEED}.csv"
    if not path.exists():
        from tracker.ingest.reference import read_reference
        from tracker.synth import synthesise

        synthesise(n, IMPORT_SEED, read_reference()).write(path)
    return path
