"""The import's write and look-up paths: stored values exactly as SQLAlchemy would store them,
the stored-id look-up, and re-imports compared in one pass (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select

from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store
from tracker.storage import bulk, tables
from tracker.storage import figures as figure_rows

FIXTURES = Path(__file__).parents[1] / "fixtures"
F = tables.figures


def _one_figure(store: Store) -> pd.DataFrame:
    store.import_file(read_figure_file(FIXTURES / "good_figures.csv"))
    return store.figures().iloc[[0]].reset_index(drop=True)


def test_driver_values_equal_sqlalchemy_binding_value_by_value(sqlite_store: Store) -> None:
    series = {
        F.c.period_end: pd.Series(pd.to_datetime(["2018-06-30", None, "2018-06-30", "2018-07-01"])),
        F.c.value: pd.Series([5, 7, 5, 0], dtype="int64"),
        F.c.high: pd.Series([5.0, np.nan, np.inf, 0.0]).where(lambda s: np.isfinite(s)),
        F.c.tau: pd.Series([0.1, np.nan, 0.1, 0.25]),
        F.c.current: pd.Series([True, True, False, True]),
        F.c.notes: pd.Series(["a", None, "a", ""], dtype="string"),
        F.c.entered_at: pd.Series([datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)] * 4),
    }
    with sqlite_store.engine.connect() as conn:
        for column, values in series.items():
            process = column.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
            expected = bulk._python_values(column.type, values)
            if process is not None:
                expected = [None if v is None else process(v) for v in expected]
            got = bulk._driver_values(conn, column.type, values)
            assert got == expected and [type(v) for v in got] == [type(v) for v in expected]
            many = pd.concat([values] * (bulk.FEW_ROWS // 4 + 1), ignore_index=True)
            got_many = bulk._driver_values(conn, column.type, many)  # distinct values once
            expected_many = expected * (bulk.FEW_ROWS // 4 + 1)
            assert got_many == expected_many
            assert [type(v) for v in got_many] == [type(v) for v in expected_many]


def test_a_few_cells_convert_as_a_whole_column_does(sqlite_store: Store) -> None:
    series = {
        F.c.period_end: pd.Series(pd.to_datetime(["2018-06-30", None, "2018-07-01"])),
        F.c.period_start: pd.Series(["2018-06-30", None, "2018-07-01"], dtype="string"),
        F.c.value: pd.Series([5, 7, 0], dtype="int64"),
        F.c.value_high: pd.Series([5, None, 9], dtype="Int64"),
        F.c.high: pd.Series([5.0, np.nan, 0.0]),
        F.c.tau: pd.Series([0.1, np.nan, 0.25]),
        F.c.current: pd.Series([True, True, False]),
        F.c.notes: pd.Series(["a", None, ""], dtype="string"),
        F.c.location: pd.Series(["SY12", "SY12", None], dtype="category"),
        F.c.entered_at: pd.Series([datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)] * 3),
    }
    for column, values in series.items():
        cells = bulk._cell_values(column.type, values)
        whole = bulk._column_values(column.type, values)
        assert cells == whole and [type(v) for v in cells] == [type(v) for v in whole], column
    with pytest.raises(TypeError):
        bulk._cell_values(F.c.value.type, pd.Series([5.5]))


def test_sqlite_insert_leaves_the_connection_cache_as_it_was(sqlite_store: Store) -> None:
    figure = _one_figure(sqlite_store)
    figure["figure_id"] = "CACHE-1"
    with sqlite_store.engine.begin() as conn:
        before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        figure_rows.insert_revisions(conn, figure, who="t", why=None, batch=None)
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before


def test_text_cells_with_csv_characters_are_stored_as_given(store: Store) -> None:
    """PostgreSQL's COPY reads CSV: commas, quotes, line breaks and an empty text must
    arrive as given, and a missing cell as NULL."""
    figure = _one_figure(store)
    notes = ['a, "b"', "line\nbreak\r\n", "", None, "plain", "\\"]
    rows = pd.concat([figure] * len(notes), ignore_index=True)
    rows["figure_id"] = [f"CSV-{i}" for i in range(len(notes))]
    rows["notes"] = pd.Series(notes, dtype="string")
    with store.engine.begin() as conn:
        figure_rows.insert_revisions(conn, rows, who="t", why='why, "so"', batch=None)
        stored = conn.execute(
            select(F.c.figure_id, F.c.notes, F.c.why).where(F.c.figure_id.like("CSV-%"))
        ).fetchall()
    by_id = {r.figure_id: (r.notes, r.why) for r in stored}
    assert [by_id[f"CSV-{i}"][0] for i in range(len(notes))] == notes
    assert {w for _, w in by_id.values()} == {'why, "so"'}


@pytest.mark.postgres
def test_a_text_cell_reading_a_null_marker_is_stored_as_given(pg_url: str) -> None:
    """COPY's CSV tells NULL by an unquoted empty cell, so no text is mistaken for it."""
    store = Store(pg_url)
    store.upgrade()
    figure = _one_figure(store)
    figure["figure_id"], figure["notes"] = "NULL-1", "\\N"
    with store.engine.begin() as conn:
        figure_rows.insert_revisions(conn, figure, who="t", why=None, batch=None)
        stored = conn.execute(select(F.c.notes).where(F.c.figure_id == "NULL-1")).scalar()
    assert stored == "\\N"
    store.engine.dispose()


def test_stored_ids_names_exactly_the_stored_figures(store: Store) -> None:
    store.import_file(read_figure_file(FIXTURES / "good_figures.csv"))
    asked = [f"NOPE-{i}" for i in range(2_000)] + ["T001", "T003", "T003"]
    with store.engine.connect() as conn:
        assert figure_rows.stored_ids(conn, asked) == {"T001", "T003"}
        assert figure_rows.stored_ids(conn, []) == set()


def test_reimport_sorts_rows_into_new_unchanged_and_conflicting(
    store: Store, tmp_path: Path
) -> None:
    store.import_file(read_figure_file(FIXTURES / "good_figures.csv"))
    given = pd.read_csv(FIXTURES / "good_figures.csv", dtype=str, keep_default_na=False)
    given.loc[given["figure_id"] == "T002", "value"] = "215"
    extra = given[given["figure_id"] == "T001"].assign(figure_id="T100")
    path = tmp_path / "again.csv"
    pd.concat([given, extra], ignore_index=True).to_csv(path, index=False)
    plan = store.plan(read_figure_file(path))
    assert plan.unchanged == len(given) - 1
    assert plan.new["figure_id"].tolist() == ["T100"]
    assert [str(p) for p in plan.conflicts] == [
        "line 3, column figure_id, value 'T002': figure T002 is already stored with other "
        "values (value: 214 → 215); a stored figure is never overwritten: use `tracker revise "
        "T002 --set COLUMN=VALUE --why TEXT` to change it"
    ]
    assert list(plan.rejected_rows) == [1]


def test_reimport_matches_any_stored_revision(store: Store, tmp_path: Path) -> None:
    """A file giving a figure's first values again is recognised although it was revised."""
    store.import_file(read_figure_file(FIXTURES / "good_figures.csv"))
    store.revise("T001", {"value": "130"}, why="correction")
    plan = store.plan(read_figure_file(FIXTURES / "good_figures.csv"))
    assert plan.ok and plan.unchanged == 5 and plan.new.empty
