"""A series' claims as chart points, and the bands shaded behind them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.views.trends import band_lines, figure_kind, primary_band, trend_points

COLUMNS = [
    "figure_id",
    "source",
    "publisher",
    "url",
    "metric",
    "population",
    "location",
    "period_start",
    "period_end",
    "reported_on",
    "measure",
    "qualifier",
    "value",
    "value_high",
    "unit",
    "low",
    "high",
    "household_size",
]


def claims(rows):
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for c in ("period_start", "period_end", "reported_on"):
        frame[c] = pd.to_datetime(frame[c])
    frame["value_high"] = frame["value_high"].astype("Int64")
    frame["high"] = frame["high"].astype("float64")
    return frame


ROWS = [
    (
        "S07",
        "sohr",
        None,
        None,
        "killed",
        "civilians",
        "SY12",
        "2018-06-19",
        "2018-06-29",
        "2018-06-29",
        "flow",
        "approx",
        100,
        None,
        "persons",
        90,
        110,
        None,
    ),
    (
        "R046",
        "sohr",
        "naaju.com",
        "https://naaju.com/x",
        "killed",
        "civilians",
        "SY12",
        "2018-06-19",
        "2018-06-30",
        "2018-06-30",
        "flow",
        "approx",
        126,
        None,
        "persons",
        113,
        139,
        None,
    ),
    (
        "R120",
        "snhr",
        "<b>Islampos</b>",
        "javascript:alert(1)",
        "killed",
        "civilians",
        "SY12",
        "2018-06-15",
        "2018-06-30",
        "2018-07-01",
        "flow",
        "at_least",
        214,
        None,
        "persons",
        214,
        np.inf,
        None,
    ),
    (
        "R047",
        "sohr",
        None,
        None,
        "killed",
        "civilians",
        "SY12",
        "2018-06-30",
        "2018-06-30",
        "2018-06-30",
        "flow",
        "at_least",
        10,
        None,
        "persons",
        10,
        np.inf,
        None,
    ),
]
FLAGS = pd.DataFrame(
    [
        {
            "figure_id": "R120",
            "flag_id": "F1",
            "rule": "divergence",
            "severity": "moderate",
            "status": "open",
            "sentence_en": "x",
            "sentence_ar": "y",
        },
        {
            "figure_id": "R046",
            "flag_id": "F1",
            "rule": "divergence",
            "severity": "moderate",
            "status": "open",
            "sentence_en": "x",
            "sentence_ar": "y",
        },
        {
            "figure_id": "S07",
            "flag_id": "E1",
            "rule": "echo",
            "severity": "info",
            "status": "open",
            "sentence_en": "x",
            "sentence_ar": "y",
        },
    ]
)


def test_kinds_points_and_whiskers(vocab):
    points = trend_points(claims(ROWS), vocab, "en", FLAGS, {"R120"}).set_index("figure_id")
    assert list(figure_kind(claims(ROWS))) == ["window", "window", "window", "daily"]
    assert points.at["R046", "y"] == 126
    assert (points.at["R046", "err_minus"], points.at["R046", "err_plus"]) == (13, 13)
    assert points.at["R120", "open_ended"] and points.at["R120", "err_plus"] == 0
    assert (
        points.at["R120", "flagged"] and not points.at["S07", "flagged"]
    )  # echo is no contradiction
    assert points.at["S07", "flag_ids"] == "E1"
    assert points.at["R120", "highlighted"] and not points.at["R046", "highlighted"]
    # the same start joins claims into one line; another start does not
    assert points.at["S07", "group"] == points.at["R046", "group"] != points.at["R120", "group"]


def test_hover_says_who_what_when_and_escapes_text(vocab):
    points = trend_points(claims(ROWS), vocab, "en", FLAGS).set_index("figure_id")
    hover = points.at["R046", "hover"]
    assert "Syrian Observatory for Human Rights" in hover and "via naaju.com" in hover
    assert "about 126" in hover and "19–30 Jun 2018" in hover
    assert "Approximate" in hover and "113–139" in hover and "https://naaju.com/x" in hover
    snhr = points.at["R120", "hover"]
    assert "&lt;b&gt;Islampos&lt;/b&gt;" in snhr and "javascript" not in snhr
    assert points.at["R120", "url"] == ""
    arabic = trend_points(claims(ROWS), vocab, "ar", FLAGS).set_index("figure_id")
    assert "المرصد السوري لحقوق الإنسان" in arabic.at["R046", "hover"]
    assert "نحو" in arabic.at["R046", "hover"]


def test_households_are_drawn_in_persons(vocab):
    row = (
        "R041",
        "un-ocha",
        None,
        None,
        "displaced",
        "all",
        "SY12",
        "2018-06-27",
        "2018-06-27",
        "2018-06-29",
        "flow",
        "approx",
        768,
        None,
        "households",
        3455,
        4225,
        "4.5–5.5",
    )
    point = trend_points(claims([row]), vocab).iloc[0]
    assert 3455 <= point["y"] <= 4225 and point["y"] == 768 * 5


def test_primary_band_is_the_best_backed_window():
    bands = pd.DataFrame(
        {
            "measure": ["flow"] * 4,
            "window_start": pd.to_datetime(
                ["2018-06-17", "2018-06-17", "2018-06-19", "2018-07-12"]
            ),
            "window_start_assumed": [False, False, True, False],
            "date": pd.to_datetime(["2018-06-28", "2018-07-04", "2018-07-05", "2018-07-19"]),
            "low": [62000, 285000, 288000, 126000],
            "high": [66000, 320000, np.nan, 154000],
            "headline": [64000, 302500, 288000, 140000],
            "n_claims": [1, 4, 1, 1],
        }
    )
    lines = band_lines(bands)
    assert len(lines) == 3 and lines[1]["high"] == [np.inf]
    assert primary_band(lines)[0]["window_start"] == pd.Timestamp("2018-06-17")
