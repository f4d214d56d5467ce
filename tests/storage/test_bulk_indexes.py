"""A large SQLite import builds the figure table's secondary indexes after the load: the
same indexes come back, a failure leaves them (and the figures) as they were, and a small
import into a large table keeps them in place."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy.engine import Connection

from tests.helpers import write_figures
from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store
from tracker.storage import bulk, tables


def _indexes(store: Store) -> list[tuple[str, str]]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'figures' "
            "ORDER BY name"
        ).fetchall()
    return [(name, sql) for name, sql in rows]


@pytest.fixture
def low_threshold(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Rebuild from 10 rows on; the list records each table whose indexes were dropped."""
    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 10)
    dropped: list[str] = []
    real = bulk.secondary_indexes

    def spy(conn: Connection, table: tables.Table) -> list[tuple[str, str]]:
        dropped.append(table.name)
        return real(conn, table)

    monkeypatch.setattr(bulk, "secondary_indexes", spy)
    return dropped


def test_a_large_import_stores_every_figure_and_the_same_indexes(
    sqlite_store: Store, tmp_path: Path, low_threshold: list[str]
) -> None:
    before = _indexes(sqlite_store)
    assert len(before) > 10
    result = sqlite_store.import_file(read_figure_file(write_figures(tmp_path / "a.csv", 40, "A")))
    assert result.plan.ok and result.stored == 40
    assert low_threshold == ["figures"]
    assert _indexes(sqlite_store) == before
    assert sqlite_store.count() == 40
    with sqlite_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_failure_after_the_load_leaves_figures_and_indexes_as_they_were(
    sqlite_store: Store, tmp_path: Path, low_threshold: list[str]
) -> None:
    sqlite_store.import_file(read_figure_file(write_figures(tmp_path / "a.csv", 12, "A")))
    before = _indexes(sqlite_store)

    def fail(plan: object) -> None:
        raise RuntimeError("the rejects file could not be written")

    big = read_figure_file(write_figures(tmp_path / "b.csv", 60, "B"))
    with pytest.raises(RuntimeError):
        sqlite_store.import_file(big, before_commit=fail)
    assert low_threshold == ["figures", "figures"]  # the second load did drop them
    assert _indexes(sqlite_store) == before
    assert sqlite_store.count() == 12


def test_a_small_import_into_a_larger_table_keeps_the_indexes_in_place(
    sqlite_store: Store, tmp_path: Path, low_threshold: list[str]
) -> None:
    sqlite_store.import_file(read_figure_file(write_figures(tmp_path / "a.csv", 100, "A")))
    sqlite_store.import_file(read_figure_file(write_figures(tmp_path / "b.csv", 20, "B")))
    assert low_threshold == ["figures"]  # 20 < the 100 stored: inserted into the live indexes
    assert sqlite_store.count() == 120


def test_the_threshold_is_a_share_of_the_stored_rows(sqlite_store: Store) -> None:
    with sqlite_store.engine.begin() as conn:
        assert bulk._worth_rebuilding(conn, tables.figures, bulk.REBUILD_MIN_ROWS)
        assert not bulk._worth_rebuilding(conn, tables.figures, bulk.REBUILD_MIN_ROWS - 1)
        conn.exec_driver_sql(
            "INSERT INTO figures (row_id, figure_id, revision, current, status, reported_on, "
            "source, metric, population, location, period_end, measure, qualifier, value, unit, "
            "low, interval_rule, entered_at, entered_by) VALUES (1000000, 'X', 1, 1, 'active', "
            "'2018-07-01', 'sohr', 'killed', 'all', 'SY12', '2018-07-01', 'flow', 'exact', 1, "
            "'persons', 1, 'exact', '2026-01-01 00:00:00', 't')"
        )
        assert not bulk._worth_rebuilding(conn, tables.figures, 200_000)
        assert not bulk._worth_rebuilding(conn, tables.figures, 999_999)
        assert bulk._worth_rebuilding(conn, tables.figures, 1_000_000)
        conn.rollback()


def test_postgres_has_no_index_dropped(store: Store, tmp_path: Path, low_threshold: list[str]):
    """On PostgreSQL the rows go by COPY into the live indexes (dropping one would lock
    every reader out until the import commits)."""
    store.import_file(read_figure_file(write_figures(tmp_path / "a.csv", 30, "A")))
    assert store.count() == 30
    expected = ["figures"] if store.engine.dialect.name == "sqlite" else []
    assert low_threshold == expected
    assert isinstance(store.figures(), pd.DataFrame)
