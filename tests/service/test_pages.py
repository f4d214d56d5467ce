"""The page loaders (tracker.service.pages) on the dashboard fixture: what each page reads,
with the choosing rule handed in by the caller."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

from tests.dashboards import fixture_data
from tracker.domain.filters import Filters
from tracker.service.pages.discrepancies import load_flags_page
from tracker.service.pages.figures import load_figure, load_figures_page
from tracker.service.pages.overview import load_overview
from tracker.service.pages.sources import load_source_stats
from tracker.service.pages.trends import load_trend
from tracker.service.store import Store
from tracker.views.series import choose_series, choose_series_per_metric


@pytest.fixture(scope="module")
def dash_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The dashboard fixture (seed, demo, a revision, a hostile figure, T-… flags)."""
    store = Store(fixture_data.build(tmp_path_factory.mktemp("pages") / "pages.db"))
    yield store
    store.close()


def test_a_followed_flag_names_the_series_without_choosing(dash_store: Store) -> None:
    def never(*_args):
        raise AssertionError("the flag names the series")

    data = load_trend(dash_store, Filters(), "T-div-killed", never)
    assert (data.metric, data.population, data.location) == ("killed", "civilians", "SY12")
    assert data.flag is not None and data.flag["status"] == "open"
    assert data.filters.metric == ("killed",)
    assert {"R046", "R120"} <= set(data.claims["figure_id"])
    assert data.claims["period_end"].is_monotonic_increasing
    assert data.figure_flags is not None and "T-div-killed" in set(data.figure_flags["flag_id"])
    assert not data.bands.empty and not data.truncated


def test_without_a_flag_the_callers_rule_chooses_the_series(dash_store: Store) -> None:
    asked: list[pd.DataFrame] = []

    def first(series: pd.DataFrame, filters: Filters, vocab) -> pd.Series:
        asked.append(series)
        return choose_series(series, filters, vocab)

    data = load_trend(dash_store, Filters(metric=("killed",), location=("SY12",)), None, first)
    assert len(asked) == 1 and data.series is asked[0]
    assert data.location == "SY12" and data.metric == "killed"
    nothing = load_trend(dash_store, Filters(metric=("missing",)), None, choose_series)
    assert nothing.population is None and nothing.claims.empty


def test_figures_past_the_end_give_the_last_page(dash_store: Store) -> None:
    page = load_figures_page(dash_store, Filters(), "value; DROP", True, 999, 25)
    assert page.page == -(-page.total // 25) and not page.figures.empty
    assert page.sort == "reported_on"  # an unknown sort key falls back
    assert page.flags is not None
    figure, flags = load_figure(dash_store, "R120")
    assert list(figure["figure_id"]) == ["R120"] and "T-div-killed" in set(flags["flag_id"])
    assert load_figure(dash_store, "R999")[0].empty


def test_flags_overview_and_sources_read_their_pages(dash_store: Store) -> None:
    flags = load_flags_page(dash_store, Filters(), (), ("explained",), (), 1, 20)
    assert set(flags.flags["status"]) == {"explained"}
    assert flags.counts["n"].sum() == flags.total
    ids = {i for f in flags.flags["figure_ids"] for i in str(f).split(";") if i}
    assert set(flags.figures["figure_id"]) <= ids

    overview = load_overview(dash_store, Filters(location=("SY12",)), choose_series_per_metric)
    assert "killed" in set(overview.summary["metric"])
    assert set(overview.claims["metric"]) <= set(overview.summary["metric"])
    assert not overview.flag_counts.empty
    none = load_overview(dash_store, Filters(metric=("missing",)), choose_series_per_metric)
    assert none.summary.empty and none.claims.empty

    stats = load_source_stats(dash_store, Filters()).set_index("source")
    assert stats.at["snhr", "n_figures"] == 3
