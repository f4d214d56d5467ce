"""A small change writes only the band rows it changes, and the stored bands stay exactly what a
full recomputation stores (SQLite and PostgreSQL)."""

from __future__ import annotations

import pandas as pd
import pytest

from tracker.service.store import Store
from tracker.storage import banddiff, tables

from .test_flagscope import assert_stored_is_full, figure, import_rows, snapshot


@pytest.fixture
def band_writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many band rows each incremental recomputation inserted."""
    written: list[int] = []
    real = banddiff.insert_many

    def counting(conn, table, frame: pd.DataFrame) -> None:
        if table is tables.bands:
            written.append(len(frame))
        real(conn, table, frame)

    monkeypatch.setattr(banddiff, "insert_many", counting)
    return written


def _day(k: int) -> str:
    return f"06-{k:02d}"


def test_a_new_figure_writes_only_the_band_rows_it_changes(
    store: Store, band_writes: list[int]
) -> None:
    running = [
        figure(f"R{k}", "SY12", "06-01", _day(k), "at_least", 10 * k, source=source)
        for k, source in zip(range(2, 22), ["sohr", "snhr"] * 10, strict=True)
    ]
    import_rows(store, pd.DataFrame(running, dtype="string"), "running")
    before = snapshot(store)["bands"]
    assert len(before) == 20
    band_writes.clear()
    new = figure("NEW", "SY12", "06-01", "06-25", "at_least", 1, source="un-ocha")
    import_rows(store, pd.DataFrame([new], dtype="string"), "new")
    assert band_writes == [1], "one new date of the series: one row, the other 20 kept"
    after = snapshot(store)["bands"]
    assert len(after) == 21
    assert set(after["date"]) - set(before["date"]) == {"2018-06-25"}
    assert_stored_is_full(store, "the new figure")


def test_a_revision_moving_every_date_rewrites_the_series(
    store: Store, band_writes: list[int]
) -> None:
    rows = [figure(f"S{k}", "SY12", "06-01", _day(k), "at_most", 500) for k in range(2, 8)]
    import_rows(store, pd.DataFrame(rows, dtype="string"), "capped")
    band_writes.clear()
    store.revise("S7", {"value": "100"}, why="test")  # the ceiling of every earlier date moves
    assert band_writes == [6]
    assert_stored_is_full(store, "the revision")
    store.retract("S7", why="test")
    assert_stored_is_full(store, "the retraction")
    assert set(snapshot(store)["bands"]["high"]) == {"500.0"}
