"""Which series a card or chart shows, independent sources, the range across sources."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.filters import Filters
from tracker.views.series import (
    choose_series,
    independent_sources,
    main_window,
    newest_per_source,
    range_across_sources,
)


def claims(rows):
    frame = pd.DataFrame(
        rows,
        columns=[
            "figure_id",
            "source",
            "period_start",
            "period_end",
            "reported_on",
            "qualifier",
            "value",
            "value_high",
            "low",
            "high",
            "measure",
            "episode",
            "unit",
            "household_size",
        ],
    )
    for c in ("period_start", "period_end", "reported_on"):
        frame[c] = pd.to_datetime(frame[c])
    frame["value_high"] = frame["value_high"].astype("Int64")
    frame["high"] = frame["high"].astype("float64")
    return frame


def test_choose_series_prefers_chosen_place_then_widest_then_all_people(vocab):
    series = pd.DataFrame(
        {
            "population": ["civilians", "all", "all", "all"],
            "location": ["SY12", "SY12", "C6044", "SY"],
            "n_claims": [9, 3, 20, 1],
        }
    )
    assert choose_series(series, Filters(), vocab)["location"] == "SY"
    chosen = choose_series(series, Filters(location=("SY12",)), vocab)
    assert (chosen["location"], chosen["population"]) == ("SY12", "all")
    civ = choose_series(series, Filters(location=("SY12",), population=("civilians",)), vocab)
    assert civ["population"] == "civilians"
    assert choose_series(series.iloc[0:0], Filters(), vocab) is None


def test_publishers_and_echoes_do_not_add_sources():
    assert independent_sources(["un", "un", "sohr"], []) == 2
    assert independent_sources(["un", "unattributed", "sohr"], [["un", "unattributed"]]) == 2
    # an echo naming a source that is not in the series changes nothing
    assert independent_sources(["un", "sohr"], [["unhcr", "un"]]) == 2
    assert independent_sources(["a", "b", "c"], [["a", "b"], ["b", "c"]]) == 1


def test_range_uses_each_sources_newest_claims_in_the_main_window(vocab):
    c = claims(
        [
            (
                "A",
                "un-ocha",
                "2018-06-17",
                "2018-06-29",
                "2018-06-29",
                "approx",
                160000,
                None,
                144000,
                176000,
                "flow",
                "daraa-2018",
                "persons",
                None,
            ),
            (
                "B",
                "un-ocha",
                "2018-06-17",
                "2018-07-04",
                "2018-07-04",
                "range",
                285000,
                325000,
                285000,
                325000,
                "flow",
                "daraa-2018",
                "persons",
                None,
            ),
            (
                "C",
                "unhcr",
                "2018-06-17",
                "2018-07-05",
                "2018-07-05",
                "range",
                285000,
                320000,
                285000,
                320000,
                "flow",
                "daraa-2018",
                "persons",
                None,
            ),
            (
                "D",
                "un-ocha",
                "2018-07-12",
                "2018-07-19",
                "2018-07-19",
                "approx",
                140000,
                None,
                126000,
                154000,
                "flow",
                "daraa-2018",
                "persons",
                None,
            ),
            (
                "E",
                "sohr",
                "2018-06-27",
                "2018-06-27",
                "2018-06-28",
                "exact",
                768,
                None,
                3455,
                4225,
                "flow",
                "daraa-2018",
                "households",
                "4.5–5.5",
            ),
        ]
    )
    window = main_window(c, vocab)
    assert sorted(window["figure_id"]) == ["A", "B", "C"]  # since 17 June, one-day count left out
    assert range_across_sources(window) == {
        "low": 285000.0,
        "high": 325000.0,
        "open_ended": False,
        "n_sources": 2,
    }


def test_open_ended_range_and_households():
    c = claims(
        [
            (
                "A",
                "un",
                None,
                "2018-07-09",
                "2018-07-09",
                "more_than",
                320000,
                None,
                320001,
                np.inf,
                "flow",
                "daraa-2018",
                "persons",
                None,
            ),
            (
                "B",
                "unhcr",
                None,
                "2018-07-05",
                "2018-07-05",
                "approx",
                300,
                None,
                1350,
                1650,
                "flow",
                "daraa-2018",
                "households",
                "4.5–5.5",
            ),
        ]
    )
    result = range_across_sources(c)
    assert result["open_ended"] is True
    assert result["high"] == 320000
    assert result["low"] == 1500  # 300 households × 5 persons


def test_newest_claims_keep_all_of_the_latest_date():
    c = claims(
        [
            (
                "A",
                "un-ocha",
                None,
                "2018-07-04",
                "2018-07-04",
                "at_most",
                189000,
                None,
                0,
                189000,
                "stock",
                None,
                "persons",
                None,
            ),
            (
                "B",
                "un-ocha",
                None,
                "2018-07-04",
                "2018-07-04",
                "at_most",
                248000,
                None,
                0,
                248000,
                "stock",
                None,
                "persons",
                None,
            ),
            (
                "C",
                "un-ocha",
                None,
                "2018-06-29",
                "2018-06-29",
                "approx",
                20000,
                None,
                18000,
                22000,
                "stock",
                None,
                "persons",
                None,
            ),
        ]
    )
    assert sorted(newest_per_source(c)["figure_id"]) == ["A", "B"]
