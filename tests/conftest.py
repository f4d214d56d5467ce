"""Shared fixtures: reference data, stores on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tracker.domain.vocabularies import Vocabularies
from tracker.ingest.reference import read_reference
from tracker.service.store import Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PG_ADMIN = os.environ.get("TRACKER_TEST_PG", "postgresql://root@/postgres?host=/var/run/postgresql")


@pytest.fixture(scope="session")
def vocab() -> Vocabularies:
    return read_reference()


def _pg_available() -> bool:
    try:
        engine = create_engine(PG_ADMIN.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect():
            return True
    except Exception:
        return False


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    if not _pg_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN} (CI must start it)")
        pytest.skip("no PostgreSQL server reachable (set TRACKER_TEST_PG)")
    name = f"tracker_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        PG_ADMIN.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, query = PG_ADMIN.partition("?")
    url = base.rsplit("/", 1)[0] + f"/{name}" + (f"?{query}" if query else "")
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Run a storage test once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An initialised, empty store (registry loaded, no figures)."""
    s = Store(db_url)
    s.upgrade()
    yield s
    s.engine.dispose()


@pytest.fixture
def sqlite_store(sqlite_url: str) -> Iterator[Store]:
    s = Store(sqlite_url)
    s.upgrade()
    yield s
    s.engine.dispose()


@pytest.fixture(scope="module")
def downloads_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The download tests' fixture database, built once per module; tests copy it."""
    from tests.dashboards.test_downloads import build_store

    path = tmp_path_factory.mktemp("template") / "tracker.db"
    build_store(f"sqlite:///{path}").engine.dispose()
    return path


@pytest.fixture
def downloads_store(downloads_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A store on a fresh copy of the download tests' database (a test may change it)."""
    import shutil

    copy = tmp_path / "tracker.db"
    shutil.copyfile(downloads_template, copy)
    store = Store(f"sqlite:///{copy}")
    yield store
    store.engine.dispose()
