"""Series, claims, components and reconciled bands (domain.reconcile.series, .band)."""

from __future__ import annotations

import pandas as pd
import pytest

from tracker.domain.intervals import interval_bounds
from tracker.domain.reconcile import BAND_COLUMNS, compute
from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.series import component_key, prepare

CTX = ReconcileContext.from_frames(
    gazetteer=pd.DataFrame(
        {
            "pcode": ["SY", "SY12", "C1", "LB"],
            "level": [0, 1, 4, 0],
            "name_en": ["Syria", "Dar'a", "Town", "Lebanon"],
            "name_ar": ["سوريا", "درعا", "بلدة", "لبنان"],
            "parent": [None, "SY", "SY12", None],
        }
    ),
    populations=pd.DataFrame({"id": ["all", "civilians"], "subset_of": [None, "all"]}),
    episodes=pd.DataFrame(
        {
            "id": ["daraa"],
            "name_en": ["Dar'a offensive"],
            "name_ar": ["هجوم درعا"],
            "start": ["2018-06-19"],
        }
    ),
)


def figures(*rows: dict) -> pd.DataFrame:
    base = {
        "reported_on": None,
        "publisher": None,
        "population": "all",
        "location": "SY12",
        "period_start": None,
        "measure": "flow",
        "episode": None,
        "qualifier": "exact",
        "value_high": None,
        "unit": "persons",
        "url": None,
        "metric": "displaced",
    }
    df = pd.DataFrame([base | r for r in rows])
    df["reported_on"] = df["reported_on"].fillna(df["period_end"])
    for c in ("reported_on", "period_start", "period_end"):
        df[c] = pd.to_datetime(df[c])
    df["value_high"] = pd.to_numeric(df["value_high"]).astype("Int64")
    df["low"], df["high"] = interval_bounds(df["qualifier"], df["value"], df["value_high"], 0.1)
    return df


def test_flow_without_start_takes_the_episode_start_marked_assumed():
    df = compute(
        figures(
            {
                "figure_id": "A",
                "source": "s",
                "value": 5,
                "period_end": "2018-06-20",
                "episode": "daraa",
            },
            {"figure_id": "B", "source": "s", "value": 5, "period_end": "2018-06-20"},
            {
                "figure_id": "C",
                "source": "s",
                "value": 5,
                "period_end": "2018-06-20",
                "period_start": "2018-06-17",
                "episode": "daraa",
            },
            {
                "figure_id": "D",
                "source": "s",
                "value": 5,
                "period_end": "2018-06-20",
                "measure": "stock",
                "episode": "daraa",
                "metric": "idps",
            },
        ),
        CTX,
    ).series.set_index("figure_id")
    assert df.loc["A", "window_start"] == pd.Timestamp("2018-06-19")
    assert df.loc["A", "start_assumed"]
    assert pd.isna(df.loc["B", "window_start"]) and not df.loc["B", "start_assumed"]
    assert df.loc["C", "window_start"] == pd.Timestamp("2018-06-17")
    assert not df.loc["C", "start_assumed"]
    assert pd.isna(df.loc["D", "window_start"])


def test_identical_claims_of_one_source_are_one_claim_with_publications():
    rows = (
        figures(
            {
                "figure_id": "A",
                "source": "s",
                "value": 5,
                "period_end": "2018-06-20",
                "publisher": "Reuters",
            },
            {
                "figure_id": "B",
                "source": "s",
                "value": 5,
                "period_end": "2018-06-20",
                "publisher": "AFP",
                "reported_on": "2018-06-21",
            },
            {"figure_id": "C", "source": "t", "value": 5, "period_end": "2018-06-20"},
            {"figure_id": "D", "source": "s", "value": 6, "period_end": "2018-06-20"},
        )
        .iloc[::-1]
        .reset_index(drop=True)
    )
    prep = prepare(rows, CTX)
    claim = dict(zip(rows["figure_id"], prep.row_claim, strict=True))
    assert claim["A"] == claim["B"] == 0
    assert len({claim[x] for x in "ACD"}) == 3
    first = prep.claims.loc[0]
    assert first["n_pub"] == 2 and rows.loc[first["fig"], "figure_id"] == "A"
    assert first["reported_d"] == pd.Timestamp("2018-06-20").value // 86_400_000_000_000


def test_component_is_metric_and_country():
    df = figures(
        {"figure_id": "A", "source": "s", "value": 5, "period_end": "2018-06-20", "location": "C1"},
        {
            "figure_id": "B",
            "source": "s",
            "value": 5,
            "period_end": "2018-06-20",
            "location": "LB",
            "metric": "killed",
        },
    )
    assert component_key(df, CTX).tolist() == ["displaced|SY", "killed|LB"]


def test_cumulative_band_is_running_max_of_lows_and_running_min_of_highs():
    result = compute(
        figures(
            {
                "figure_id": "A",
                "source": "s",
                "value": 100,
                "qualifier": "at_least",
                "period_start": "2018-06-17",
                "period_end": "2018-06-20",
            },
            {
                "figure_id": "B",
                "source": "t",
                "value": 150,
                "qualifier": "approx",
                "period_start": "2018-06-17",
                "period_end": "2018-06-22",
            },
            {
                "figure_id": "C",
                "source": "u",
                "value": 160,
                "qualifier": "at_most",
                "period_start": "2018-06-17",
                "period_end": "2018-06-25",
            },
        ),
        CTX,
    )
    bands = result.bands
    assert list(bands.columns) == BAND_COLUMNS
    assert bands["low"].tolist() == [100, 135, 135]
    assert bands["high"].tolist() == [160, 160, 160]
    # the headline quotes the claim setting the floor (never the midpoint 148 no source gave)
    assert bands["headline"].tolist() == [100, 150, 150]
    assert bands["headline_qualifier"].tolist() == ["at_least", "approx", "approx"]
    assert bands["headline_sources"].tolist() == ["s", "t", "t"]
    assert not bands["contested"].any() and result.flags.empty


def test_band_leaves_out_contradicting_claims_and_says_why():
    result = compute(
        figures(
            {
                "figure_id": "A",
                "source": "s",
                "value": 100,
                "period_start": "2018-06-17",
                "period_end": "2018-06-20",
            },
            {
                "figure_id": "B",
                "source": "t",
                "value": 150,
                "period_start": "2018-06-18",
                "period_end": "2018-06-19",
            },
            {
                "figure_id": "C",
                "source": "u",
                "value": 30,
                "period_start": "2018-06-18",
                "period_end": "2018-06-19",
            },
            {
                "figure_id": "D",
                "source": "u",
                "value": 10,
                "period_start": "2018-06-17",
                "period_end": "2018-06-18",
            },
        ),
        CTX,
    )
    assert result.excluded["figure_id"].tolist() == ["A", "B"]
    assert set(result.excluded["reason"]) == {"contradicts"}
    assert not result.bands["contested"].any()
    series = result.series.set_index("figure_id")
    assert series.loc["A", "series_key"] == "displaced|all|SY12|flow|2018-06-17"
    assert series["excluded"].notna().sum() == len(result.excluded)


def test_stock_band_is_per_date_and_headline_follows_the_rule():
    result = compute(
        figures(
            {
                "figure_id": "A",
                "source": "s",
                "value": 60000,
                "qualifier": "approx",
                "measure": "stock",
                "metric": "at_border",
                "period_end": "2018-07-05",
            },
            {
                "figure_id": "B",
                "source": "t",
                "value": 59000,
                "qualifier": "at_most",
                "measure": "stock",
                "metric": "at_border",
                "period_end": "2018-07-05",
            },
            {
                "figure_id": "C",
                "source": "t",
                "value": 200,
                "qualifier": "at_most",
                "measure": "stock",
                "metric": "at_border",
                "period_end": "2018-07-15",
            },
        ),
        CTX,
    )
    bands = result.bands
    assert bands["low"].tolist() == [54000, 0]
    assert bands["high"].tolist() == [59000, 200]
    # "about 60,000" is what a source said; 56,500 (the band's midpoint) nobody did
    assert bands["headline"].tolist() == [60000, 200]
    assert bands["headline_qualifier"].tolist() == ["approx", "at_most"]
    assert bands["n_sources"].tolist() == [2, 1]


@pytest.mark.parametrize(
    "claims,value,qualifier,sources",
    [
        ([("s", "more_than", 270000)], 270000, "more_than", "s"),
        ([("s", "at_least", 214)], 214, "at_least", "s"),
        ([("s", "at_most", 184000)], 184000, "at_most", "s"),
        ([("s", "at_most", 184000), ("t", "at_least", 100)], 100, "at_least", "t"),
        ([("s", "exact", 40), ("t", "exact", 40)], 40, "exact", "s;t"),
        ([("s", "approx", 300000), ("t", "approx", 310000)], 310000, "approx", "t"),
        ([("s", "exact", 120), ("t", "exact", 100)], None, None, None),
    ],
)
def test_headline_quotes_a_source_never_a_derived_bound(claims, value, qualifier, sources):
    """The headline is the stated value and qualifier of the claim setting the floor (else
    the ceiling), with every source stating it; a contested date has none."""
    rows = [
        {"figure_id": f"F{i}", "source": src, "qualifier": q, "value": v,
         "measure": "stock", "metric": "at_border", "period_end": "2018-07-05"}
        for i, (src, q, v) in enumerate(claims)
    ]  # fmt: skip
    bands = compute(figures(*rows), CTX).bands
    got = bands.iloc[-1]
    if value is None:
        assert pd.isna(got["headline"]) and pd.isna(got["headline_qualifier"])
        assert pd.isna(got["headline_sources"])
    else:
        assert (got["headline"], got["headline_qualifier"]) == (value, qualifier)
        assert got["headline_sources"] == sources
