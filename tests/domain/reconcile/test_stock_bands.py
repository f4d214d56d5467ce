"""A stock's band exists at the dates its claims give, and an "up to" claim never lowers a floor
that another claim holds up at that date (issue #16, build item 4)."""

from __future__ import annotations

import pandas as pd

from tests.domain.reconcile.reconcile_helpers import default_ctx, fig, frame
from tracker.domain.reconcile import compute


def bands_of(*rows: dict) -> pd.DataFrame:
    return compute(frame(list(rows)), default_ctx()).bands


def dates(bands: pd.DataFrame) -> list[str]:
    return bands["date"].dt.strftime("%Y-%m-%d").tolist()


def test_a_stock_has_band_rows_on_exactly_the_dates_its_claims_give():
    bands = bands_of(
        fig("A", "a", 60000, metric="at_border", location="SY01", end="2018-07-05",
            qualifier="approx"),
        fig("B", "b", 58000, metric="at_border", location="SY01", end="2018-07-08",
            qualifier="approx"),
    )  # fmt: skip
    assert dates(bands) == ["2018-07-05", "2018-07-08"]
    assert bands["low"].tolist() == [54000, 52200]
    assert bands["window_start"].isna().all()


def test_a_stock_with_a_stated_start_is_still_a_count_at_its_date():
    """A stock's period_start does not make a window: its one date is its period end."""
    bands = bands_of(
        fig("A", "a", 160000, metric="idps", location="SY01", start="2018-07-01",
            end="2018-07-05", qualifier="approx"),
        fig("B", "b", 150000, metric="idps", location="SY01", end="2018-07-08",
            qualifier="approx"),
    )  # fmt: skip
    assert dates(bands) == ["2018-07-05", "2018-07-08"]
    assert len(bands.groupby(["metric", "location", "window_start"], dropna=False)) == 1


def test_an_up_to_claim_beside_an_at_least_claim_keeps_the_at_least_floor():
    bands = bands_of(
        fig("A", "a", 59000, metric="at_border", location="SY01", end="2018-07-04",
            qualifier="at_most"),
        fig("B", "b", 40000, metric="at_border", location="SY01", end="2018-07-04",
            qualifier="at_least"),
        fig("C", "c", 30000, metric="at_border", location="SY01", end="2018-07-04",
            qualifier="more_than"),
    )  # fmt: skip
    row = bands.iloc[0]
    assert len(bands) == 1
    assert (row["low"], row["high"]) == (40000, 59000)
    # the headline quotes the claim holding the floor, in its own words
    assert (row["headline"], row["headline_qualifier"]) == (40000, "at_least")
    assert row["n_claims"] == 3 and not row["contested"]


def test_the_floor_is_zero_only_on_a_date_where_no_claim_gives_one():
    """The up-to claim alone on 4 July leaves that date's floor at 0; it does not reach the
    dates either side, whose claims hold their own floors."""
    bands = bands_of(
        fig("A", "a", 20000, metric="at_border", location="SY01", end="2018-06-29",
            qualifier="approx"),
        fig("B", "b", 59000, metric="at_border", location="SY01", end="2018-07-04",
            qualifier="at_most"),
        fig("C", "c", 60000, metric="at_border", location="SY01", end="2018-07-05",
            qualifier="approx"),
    )  # fmt: skip
    assert dates(bands) == ["2018-06-29", "2018-07-04", "2018-07-05"]
    assert bands["low"].tolist() == [18000, 0, 54000]
    assert bands["high"].tolist() == [22000, 59000, 66000]
    assert bands["headline_qualifier"].tolist() == ["approx", "at_most", "approx"]


def test_a_cumulative_flow_keeps_its_running_band():
    """Flows since a start are untouched: the floor runs forward from earlier dates."""
    bands = bands_of(
        fig("A", "a", 300, start="2018-06-19", end="2018-06-25", qualifier="at_least"),
        fig("B", "b", 500, start="2018-06-19", end="2018-06-30", qualifier="at_most"),
    )
    assert dates(bands) == ["2018-06-25", "2018-06-30"]
    assert bands["low"].tolist() == [300, 300]
    assert bands["high"].tolist() == [500, 500]


def test_headline_sources_are_the_same_for_a_small_scope_and_a_large_one(monkeypatch):
    """The sources of each headline are grouped in plain Python for a small scope and by a frame
    for a large one: the demo's bands are the same either way."""
    from reconcile_helpers import data_ctx, load_figures

    from tracker.domain.reconcile import band

    figures = load_figures("demo/daraa-2018.csv", "seed/figures.csv")
    small = compute(figures, data_ctx(), series=False).bands
    monkeypatch.setattr(band, "FEW_CLAIMS", 0)
    large = compute(figures, data_ctx(), series=False).bands
    assert small["headline_sources"].notna().sum() > 20
    pd.testing.assert_frame_equal(small, large)
