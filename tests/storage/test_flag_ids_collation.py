"""figures.csv names each figure's flags on a PostgreSQL database whose collation is not
byte order (a server made with en_US.UTF-8 or an ICU locale, as many are)."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import PG_ADMIN, _pg_available
from tests.dashboards.test_downloads import build_store
from tracker.publish import DownloadOptions, download_pieces
from tracker.storage import tables


@pytest.fixture
def english_order_url() -> Iterator[str]:
    """A fresh PostgreSQL database ordering text as English does ('a2' before 'D001')."""
    if not _pg_available():
        pytest.skip("no PostgreSQL server reachable (set TRACKER_TEST_PG)")
    name = f"tracker_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        PG_ADMIN.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    try:
        with admin.connect() as conn:
            conn.execute(
                text(
                    f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu '
                    "ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
                )
            )
    except Exception as exc:  # a server without ICU
        admin.dispose()
        pytest.skip(f"cannot make an ICU database: {exc}")
    base, _, query = PG_ADMIN.partition("?")
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}" + (f"?{query}" if query else "")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_figures_csv_names_the_flags_whatever_the_database_collation(
    english_order_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_CACHE_DIR", "off")
    store = build_store(english_order_url)
    try:
        with store.engine.begin() as conn:  # a figure id that sorts last in byte order only
            row = conn.execute(tables.figures.select().limit(1)).mappings().one()
            values = {k: v for k, v in row.items() if k != "row_id"}
            conn.execute(tables.figures.insert().values({**values, "figure_id": "a2"}))
            linked = dict(conn.execute(tables.flag_figures.select()).mappings().all()[0])
        data = b"".join(download_pieces(store, "figures.csv", DownloadOptions()))
        cells = {
            r["figure_id"]: r["flag_ids"]
            for r in csv.DictReader(io.StringIO(data.decode(), newline=""))
        }
        assert list(cells)[-1] == "a2"
        assert linked["flag_id"] in cells[linked["figure_id"]].split(";")
    finally:
        store.engine.dispose()
