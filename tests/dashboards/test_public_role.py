"""The public app served through a read-only PostgreSQL role: it works, and cannot write."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from tests.dashboards.serving import served
from tracker.cli import main
from tracker.service.store import Store

DATA = Path(__file__).parents[2] / "data"
pytestmark = pytest.mark.postgres


@pytest.fixture
def public_url(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A read-only role made by `tracker db grant-readonly`, with a password, and its URL."""
    monkeypatch.setenv("TRACKER_DB", pg_url)
    monkeypatch.setenv("TRACKER_NO_PROGRESS", "1")
    assert main(["init", "--demo"]) == 0
    role = f"writers_public_{uuid.uuid4().hex[:8]}"
    assert main(["db", "grant-readonly", role]) == 0
    assert main(["db", "grant-readonly", role]) == 0  # idempotent
    admin = Store(pg_url)
    with admin.transaction() as conn:
        conn.execute(text(f"ALTER ROLE \"{role}\" PASSWORD 'readonly-test'"))
    database = make_url(admin.url).database
    yield f"postgresql://{role}:readonly-test@127.0.0.1/{database}"
    with admin.transaction() as conn:  # also revokes CONNECT on the database
        conn.execute(text(f'DROP OWNED BY "{role}"'))
        conn.execute(text(f'DROP ROLE "{role}"'))
    admin.engine.dispose()


def test_the_public_app_works_through_the_read_only_role(pg_url: str, public_url: str) -> None:
    store, public = Store(pg_url), Store(public_url)
    with served(store, public) as base:
        page = requests.get(f"{base}/figures", timeout=30)
        download = requests.get(f"{base}/download/figures.csv", timeout=60)
    assert page.status_code == 200
    assert download.status_code == 200 and download.text.count("\n") > 60
    assert public.engine.pool.checkedin() > 0  # the pages read through the read-only role
    with (
        pytest.raises(ProgrammingError, match="permission denied"),
        public.transaction() as conn,
    ):
        conn.execute(text("DELETE FROM figures"))
    assert store.count() > 0
    store.engine.dispose()
    public.engine.dispose()


def test_grant_readonly_on_sqlite_says_why_not(sqlite_url: str, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    assert main(["init"]) == 0
    capsys.readouterr()
    assert main(["db", "grant-readonly", "tracker_public"]) == 1
    assert "PostgreSQL feature" in capsys.readouterr().err


def test_grant_readonly_refuses_a_role_that_can_write(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("TRACKER_DB", pg_url)
    assert main(["init"]) == 0
    capsys.readouterr()
    assert main(["db", "grant-readonly", "root"]) == 1  # the superuser the tests run as
    err = capsys.readouterr().err.strip()
    assert err.startswith("tracker db: role root can still write (")
    assert "superuser" in err and "\n" not in err


def test_grant_readonly_takes_write_rights_from_an_existing_role(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DB", pg_url)
    assert main(["init"]) == 0
    role = f"writers_was_writer_{uuid.uuid4().hex[:8]}"
    admin = Store(pg_url)
    with admin.transaction() as conn:
        conn.execute(text(f'CREATE ROLE "{role}"'))
        conn.execute(text(f'GRANT INSERT, UPDATE, DELETE ON figures TO "{role}"'))
    try:
        assert main(["db", "grant-readonly", role]) == 0
        with admin.connect() as conn:
            rights = conn.execute(
                text(
                    "SELECT has_table_privilege(:r, 'figures', 'SELECT'),"
                    " has_table_privilege(:r, 'figures', 'INSERT'),"
                    " has_table_privilege(:r, 'figures', 'DELETE')"
                ),
                {"r": role},
            ).one()
        assert tuple(rights) == (True, False, False)
    finally:
        with admin.transaction() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        admin.engine.dispose()
