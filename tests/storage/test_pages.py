"""The dashboard's page queries (tracker.storage.pages) on SQLite and PostgreSQL: aggregates
and pages, sorted and filtered in the database."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.dashboards.fixture_data import build_url
from tracker.domain.filters import Filters
from tracker.service.store import Store
from tracker.storage import versions
from tracker.storage.pages import discrepancies, figures, overview, shared, sources, trends


@pytest.fixture
def filled(db_url: str, tmp_path: Path):
    build_url(db_url, tmp_path / "hostile.csv")
    store = Store(db_url)
    yield store
    store.close()


def test_queries_answer_the_pages(filled: Store):
    store = filled
    vocab, levels = store.vocab, store.location_levels
    with store.connect() as conn:
        summary = overview.series_summary(conn, Filters(location=("SY12",)), levels)
        killed = summary[
            (summary.metric == "killed")
            & (summary.population == "civilians")
            & (summary.location == "SY12")
        ].iloc[0]
        assert killed.n_claims == 6
        claims = trends.series_figures(conn, "killed", "civilians", "SY12", Filters(), levels)
        assert list(claims["figure_id"])[:2] == ["R027", "R030"]  # oldest period end first
        assert claims["period_end"].is_monotonic_increasing
        assert set(
            trends.series_figures(
                conn, "killed", "civilians", "SY12", Filters(source=("snhr",)), levels
            )["source"]
        ) == {"snhr"}

        page, total = figures.figures_page(conn, Filters(), levels, "value", True, 5, 0)
        assert total == store.count() and len(page) == 5
        assert page["value"].is_monotonic_decreasing
        page2, _ = figures.figures_page(conn, Filters(), levels, "value", True, 5, 5)
        assert page2["value"].iloc[0] <= page["value"].iloc[-1]
        assert not set(page2["figure_id"]) & set(page["figure_id"])
        bad_sort, _ = figures.figures_page(
            conn, Filters(), levels, "value; DROP TABLE figures", True, 3
        )
        assert len(bad_sort) == 3  # an unknown sort key falls back, never reaches SQL
        only_snhr, n_snhr = figures.figures_page(conn, Filters(source=("snhr",)), levels)
        assert n_snhr == len(only_snhr) and set(only_snhr["source"]) == {"snhr"}

        flags, n = discrepancies.flags_page(conn, Filters(), vocab, limit=50)
        ranks = flags["severity"].map(vocab.extra["severities"]["rank"].astype(int))
        assert ranks.is_monotonic_decreasing and n == len(flags)
        t_flags = flags[flags["flag_id"].str.startswith("T-")].set_index("flag_id")
        assert t_flags.at["T-cont-killed", "status"] == "explained"
        assert t_flags.at["T-div-killed", "status"] == "open"
        explained, _ = discrepancies.flags_page(conn, Filters(), vocab, statuses=("explained",))
        assert "T-cont-killed" in set(explained["flag_id"])
        assert set(explained["status"]) == {"explained"}
        by_rule, _ = discrepancies.flags_page(conn, Filters(), vocab, rules=("echo",))
        assert set(by_rule["rule"]) == {"echo"}
        by_source, _ = discrepancies.flags_page(conn, Filters(source=("snhr",)), vocab)
        assert all("snhr" in s.split(";") for s in by_source["sources"])
        outside, _ = discrepancies.flags_page(conn, Filters(location=("SY03",)), vocab)
        assert "T-div-killed" not in set(outside["flag_id"])
        inside, _ = discrepancies.flags_page(conn, Filters(location=("SY12",)), vocab, limit=100)
        assert "T-div-killed" in set(inside["flag_id"])

        counts = discrepancies.flag_counts(conn, Filters(), vocab, by=("metric", "status"))
        assert counts["n"].sum() == n

        of_figures = shared.flags_of_figures(conn, ["R120", "R046"])
        assert {"T-div-killed"} <= set(of_figures["flag_id"])

        rules = vocab.contradiction_rules
        stats = sources.source_stats(conn, Filters(), levels, rules).set_index("source")
        assert stats.at["snhr", "n_figures"] == 3
        assert stats.at["snhr", "n_flagged"] >= 1
        assert stats.at["snhr", "n_contradicted"] >= 1
        assert stats["newest_report"].dtype.kind == "M"

        bands = overview.latest_bands(
            conn, [("displaced", "all", "SY"), ("killed", "civilians", "SY12")]
        )
        fixture = bands[bands["window_start"] == pd.Timestamp("2018-06-17")]
        assert not fixture.empty
        assert trends.echo_sources(conn, "displaced", "all", "SY12")
        assert trends.flag_by_id(conn, "T-div-border").iloc[0]["severity"] == "major"
        assert trends.flag_by_id(conn, "nope").empty
        ordered = figures.figures_by_ids(conn, ["R046", "R120"])
        assert list(ordered["figure_id"]) == ["R046", "R120"]
        assert versions.data_version(conn)


@pytest.mark.parametrize("sort", ["reported_on", "value", "source", "location"])
@pytest.mark.parametrize("descending", [True, False])
def test_a_small_selection_sorted_after_its_filters_gives_the_same_pages(
    filled: Store, monkeypatch: pytest.MonkeyPatch, sort: str, descending: bool
):
    """A selection small enough to be sorted after its filters found it (on SQLite) shows
    the same figures in the same order, page after page, as one walked in the sort order."""
    levels = filled.location_levels
    selections = [Filters(), Filters(location=("SY12",)), Filters(metric=("killed",))]

    def pages(threshold: int) -> list[list[str]]:
        monkeypatch.setattr(figures, "SORT_AFTER_FILTER", threshold)
        with filled.connect() as conn:
            return [
                figures.figures_page(conn, f, levels, sort, descending, 4, offset)[0][
                    "figure_id"
                ].tolist()
                for f in selections
                for offset in (0, 4, 8)
            ]

    walked, sorted_after = pages(-1), pages(10**9)
    assert walked == sorted_after and any(walked)
