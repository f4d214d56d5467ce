"""Series summaries stay equal to what the figures say, after every kind of change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import select

from tests.helpers import write_figures
from tracker.domain.filters import Filters
from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store
from tracker.storage import summaries, tables
from tracker.storage.database import MIGRATIONS, _set_version
from tracker.storage.pages.overview import series_summary
from tracker.storage.pages.sources import source_stats
from tracker.storage.pages.trends import series_in_metric

KEY = ["metric", "population", "location", "measure", "source"]


def stored(store: Store) -> pd.DataFrame:
    S = tables.series_sources
    with store.engine.connect() as conn:
        rows = conn.execute(select(*[S.c[c] for c in KEY], S.c.n_claims)).fetchall()
    frame = pd.DataFrame(rows, columns=[*KEY, "n_claims"])
    return frame.sort_values(KEY, ignore_index=True)


def expected(store: Store) -> pd.DataFrame:
    """Grouped from the figures themselves: what the summaries must say."""
    figures = store.figures()
    if figures.empty:
        return pd.DataFrame(columns=[*KEY, "n_claims"])
    counted = figures.groupby(KEY, as_index=False).size().rename(columns={"size": "n_claims"})
    return counted.astype({c: str for c in KEY}).sort_values(KEY, ignore_index=True)


def assert_summaries_match(store: Store) -> None:
    got, want = stored(store), expected(store)
    assert got.astype({"n_claims": int}).equals(want.astype({"n_claims": int})), (got, want)


def test_import_revise_and_retract_keep_summaries_exact(store: Store, tmp_path: Path) -> None:
    store.import_file(read_figure_file(write_figures(tmp_path / "a.csv", 60, "A")))
    assert_summaries_match(store)
    assert stored(store)["n_claims"].sum() == 60

    # a revision that moves a figure to another place leaves one series and joins another
    store.revise("A-000000", {"location": "SY14"}, why="wrong governorate")
    assert_summaries_match(store)
    store.retract("A-000001", why="duplicate of another report")
    assert_summaries_match(store)
    assert stored(store)["n_claims"].sum() == 59


def test_large_imports_rebuild_in_one_pass(store: Store, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(summaries, "REBUILD_ABOVE", 2)
    store.import_file(read_figure_file(write_figures(tmp_path / "a.csv", 30, "A")))
    store.import_file(read_figure_file(write_figures(tmp_path / "b.csv", 30, "B")))
    assert_summaries_match(store)


def test_pages_read_the_summaries_unless_a_date_filter_asks_for_figures(
    store: Store, tmp_path: Path
) -> None:
    store.import_file(read_figure_file(write_figures(tmp_path / "a.csv", 48, "A")))
    levels = store.location_levels
    with store.engine.connect() as conn:
        everything = series_summary(conn, Filters(), levels)
        in_daraa = series_summary(conn, Filters(location=("SY12",)), levels)
        one_source = series_summary(conn, Filters(source=("sohr",)), levels)
        july = Filters(date_from=date(2018, 7, 1), date_to=date(2018, 7, 14))
        in_july = series_summary(conn, july, levels)
        ranked = series_in_metric(conn, "killed", Filters(), levels)
        by_source = source_stats(
            conn, Filters(location=("SY13",)), levels, store.vocab.contradiction_rules
        )
    assert everything["n_claims"].sum() == 48
    # SY12 and the places below it (SY1200, SY120000, C5993): four of the six places
    assert set(in_daraa["location"]) == {"SY12", "SY1200", "SY120000", "C5993"}
    assert in_daraa["n_claims"].sum() == 32
    assert one_source["n_claims"].sum() == 12  # one source in four
    assert in_july["n_claims"].sum() == 28  # days 1–14, twice over: counted from the figures
    assert dict(zip(by_source["source"], by_source["n_figures"], strict=True)) == {
        "sohr": 4,  # figures 4, 16, 28, 40 are in SY13 (i % 6 == 4) from sohr (i % 4 == 0)
        "un-ocha": 4,
    }
    assert ranked["n_claims"].tolist() == [8] * 6
    assert set(ranked["n_sources"]) == {2}  # i % 4 sources over i % 6 places: two each


def test_upgrading_a_version_1_database_builds_the_summaries(store: Store, tmp_path: Path) -> None:
    store.import_file(read_figure_file(write_figures(tmp_path / "a.csv", 24, "A")))
    with store.engine.begin() as conn:  # as a database made before summaries existed
        tables.series_sources.drop(conn)
        _set_version(conn, 1)
    assert 2 in MIGRATIONS
    before, after = store.upgrade()
    assert (before, after) == (1, tables.SCHEMA_VERSION)
    assert_summaries_match(store)
