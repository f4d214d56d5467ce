"""The headline-series rule and every card field drawn from the headline's series (#11)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.filters import Filters
from tracker.views.headline import headline_windows, with_civilian_cards
from tracker.views.overview import Card, build_card
from tracker.views.series import annotate_figures

SUMMARY = pd.DataFrame(
    {
        "metric": ["killed"],
        "population": ["all"],
        "location": ["SY12"],
        "measure": ["flow"],
        "n_claims": [4],
        "n_sources": [3],
        "newest_report": pd.to_datetime(["2018-07-09"]),
        "last_end": pd.to_datetime(["2018-07-09"]),
    }
)


def claims() -> pd.DataFrame:
    """Since 19 June (the episode's start): SOHR and SNHR; a two-day count since 27 June by a
    third source, reported later and with more figures — the kind that headlined "46"."""
    rows = [
        ("A", "sohr", "approx", 126, "2018-06-19", "2018-06-30", "2018-06-30"),
        ("B", "snhr", "at_least", 120, "2018-06-19", "2018-06-29", "2018-07-01"),
        ("C", "x", "exact", 40, "2018-06-27", "2018-06-28", "2018-07-08"),
        ("D", "x", "exact", 46, "2018-06-27", "2018-06-28", "2018-07-09"),
        ("E", "x", "exact", 46, "2018-06-27", "2018-06-28", "2018-07-09"),
    ]
    frame = pd.DataFrame(
        rows,
        columns=["figure_id", "source", "qualifier", "value", "period_start", "period_end",
                 "reported_on"],
    )  # fmt: skip
    lows = {"approx": 0.9, "at_least": 1.0, "exact": 1.0}
    return frame.assign(
        metric="killed",
        population="all",
        location="SY12",
        value_high=pd.array([pd.NA] * len(frame), dtype="Int64"),
        unit="persons",
        low=[v * lows[q] for v, q in zip(frame["value"], frame["qualifier"], strict=True)],
        high=[
            v * 1.1 if q == "approx" else (np.inf if q == "at_least" else v)
            for v, q in zip(frame["value"], frame["qualifier"], strict=True)
        ],  # fmt: skip
        period_start=pd.to_datetime(frame["period_start"]),
        period_end=pd.to_datetime(frame["period_end"]),
        reported_on=pd.to_datetime(frame["reported_on"]),
        measure="flow",
        episode="daraa-2018",
        household_size=None,
    )


def bands() -> pd.DataFrame:
    """The newest band row of each window start (as stored)."""
    return pd.DataFrame(
        {
            "metric": ["killed", "killed"],
            "population": ["all", "all"],
            "location": ["SY12", "SY12"],
            "window_start": pd.to_datetime(["2018-06-19", "2018-06-27"]),
            "window_start_assumed": [False, False],
            "measure": ["flow", "flow"],
            "date": pd.to_datetime(["2018-06-30", "2018-06-28"]),
            "low": [120.0, 46.0],
            "high": [138.6, 46.0],
            "headline": [126.0, 46.0],
            "n_claims": [2, 2],
            "n_sources": [2, 1],
            "headline_qualifier": ["approx", "exact"],
            "contested": [False, False],
            "headline_sources": ["sohr", "x"],
        }
    )


def card(vocab) -> Card:
    made = build_card("killed", SUMMARY, claims(), bands(), [], pd.DataFrame(), Filters(), vocab)
    assert made is not None
    return made


def test_rule_prefers_the_episode_window_then_sources_over_a_busier_short_count(vocab):
    annotated = annotate_figures(claims(), vocab)
    assert headline_windows(annotated, vocab) == {"killed": "2018-06-19"}


def test_rule_breaks_ties_by_sources_then_longest_window_then_newest_report(vocab):
    annotated = annotate_figures(claims(), vocab).assign(episode=None)
    # no window starts at an episode now: the most sources wins (19 June: 2, 27 June: 1)
    assert headline_windows(annotated, vocab) == {"killed": "2018-06-19"}
    one_each = annotated[annotated["figure_id"].isin(["A", "D"])]
    # one source each: the longest window (19–30 June, 11 days) beats 27–28 June
    assert headline_windows(one_each, vocab) == {"killed": "2018-06-19"}


def test_card_headline_comes_from_the_episode_series(vocab):
    c = card(vocab)
    assert c.window_start == "2018-06-19"
    assert (c.headline, c.headline_qualifier) == (126.0, "approx")
    assert c.headline_sources == ["sohr"]


def test_card_independent_sources_come_from_the_headline_series(vocab):
    c = card(vocab)
    assert (c.n_sources, c.n_independent) == (2, 2)  # SOHR, SNHR; not the 27 June source


def test_card_newest_report_comes_from_the_headline_series(vocab):
    assert card(vocab).newest_report == pd.Timestamp("2018-07-01").date()  # not 9 July's


def test_card_range_comes_from_the_headline_series(vocab):
    assert card(vocab).range == {"low": 120.0, "high": 126.0, "open_ended": False,
                                 "n_sources": 2}  # fmt: skip


def test_card_names_each_sources_newest_figure_in_its_words(vocab):
    said = card(vocab).source_figures
    # the highest number said first; the 27 June source counts another window (since when)
    assert [(f["source"], f["qualifier"], f["value"], f["same_window"]) for f in said] == [
        ("sohr", "approx", 126, True),
        ("snhr", "at_least", 120, True),
        ("x", "exact", 46, False),
    ]
    assert said[2]["window_start"] == "2018-06-27" and said[2]["figure_id"] in ("D", "E")


def test_card_latest_claim_comes_from_the_headline_series(vocab):
    assert card(vocab).latest["figure_id"] in ("A", "B")


def test_civilians_get_their_own_card_next_to_all_people(vocab):
    all_people = Card("killed", "all", "SY12", "flow", 1, 1, 1)
    other = Card("airstrikes", "all", "SY12", "flow", 1, 1, 1)
    civilians = Card("killed", "civilians", "SY12", "flow", 1, 1, 1)
    out = with_civilian_cards([all_people, other], [civilians])
    assert [(c.metric, c.population) for c in out] == [
        ("killed", "all"), ("killed", "civilians"), ("airstrikes", "all"),
    ]  # fmt: skip
    assert out[1].extra
    assert with_civilian_cards([civilians], [civilians]) == [civilians]


def test_a_range_headline_keeps_both_ends_the_source_gave(vocab):
    made = range_card(vocab)
    assert (made.headline, made.headline_value_high, made.headline_qualifier) == (
        150.0, 200.0, "range",
    )  # fmt: skip


def range_card(vocab) -> Card:
    """A stock card whose headline is a source's "between 150 and 200"."""
    summary = SUMMARY.assign(metric="at_border", measure="stock")
    claim = claims().iloc[[0]].assign(
        metric="at_border", measure="stock", qualifier="range", value=150,
        value_high=pd.array([200], dtype="Int64"), low=150.0, high=200.0, period_start=pd.NaT,
    )  # fmt: skip
    band = bands().iloc[[0]].assign(
        metric="at_border", measure="stock", window_start=pd.NaT, low=150.0, high=200.0,
        headline=150.0, headline_qualifier="range", headline_sources="sohr",
    )  # fmt: skip
    made = build_card("at_border", summary, claim, band, [], pd.DataFrame(), Filters(), vocab)
    assert made is not None
    return made
