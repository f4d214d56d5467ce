"""Which series a card or chart shows, independent sources, the range across sources."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from tracker.domain.filters import Filters
from tracker.domain.normalise import normalise
from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.series import prepare
from tracker.domain.vocabularies import Vocabularies
from tracker.domain.windows import from_days
from tracker.ingest.reference import DATA_DIR, read_figures_file
from tracker.synth import synthesise, synthetic_sources
from tracker.views.series import (
    choose_series,
    independent_sources,
    main_window,
    newest_per_source,
    range_across_sources,
    window_key,
)


def figure_rows(rows):
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
    c = figure_rows(
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
    c = figure_rows(
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
    c = figure_rows(
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


# -- the dashboard's series key and the engine's window start are one rule --------------------


def _typed(table: pd.DataFrame, vocab: Vocabularies) -> pd.DataFrame:
    """Canonical text figures as the storage hands them over (defaults, intervals)."""
    return normalise(table.replace("", pd.NA), vocab)


def _engine_keys(figures: pd.DataFrame, vocab: Vocabularies) -> pd.Series:
    """The window start the engine gives each figure, written as the dashboard's key."""
    prep = prepare(figures.reset_index(drop=True), ReconcileContext.from_vocabularies(vocab))
    start = pd.Series(from_days(prep.start_d)).dt.strftime("%Y-%m-%d").fillna("open")
    stock = (figures["measure"] == "stock").to_numpy()
    return start.where(~stock, "stock").set_axis(figures.index)


def _assert_keys_agree(figures: pd.DataFrame, vocab: Vocabularies) -> None:
    dashboard = window_key(figures, vocab)
    engine = _engine_keys(figures, vocab)
    differ = figures.loc[dashboard != engine, ["figure_id", "period_start", "period_end"]]
    assert differ.empty, differ.assign(dashboard=dashboard, engine=engine).head()


def test_series_key_agrees_with_the_engine_on_every_demo_figure(vocab):
    tables = [read_figures_file(DATA_DIR / p) for p in ("demo/daraa-2018.csv", "seed/figures.csv")]
    figures = _typed(pd.concat(tables, ignore_index=True), vocab)
    keys = window_key(figures, vocab)
    assumed = figures["period_start"].isna() & ~keys.isin(["open", "stock"])
    assert (keys == "stock").any() and assumed.any()
    _assert_keys_agree(figures, vocab)


def test_series_key_agrees_with_the_engine_on_synthetic_figures(vocab):
    """20,000 synthetic figures, each naming one of two episodes that start amid them and
    every third without its period_start, so that flows without a start end both before and
    after their episode began."""
    table = synthesise(20_000, 11, _with_synthetic_sources(vocab)).figures
    ends = pd.to_datetime(table["period_end"].replace("", pd.NA).fillna(table["reported_on"]))
    starts = ends.quantile([0.4, 0.6]).dt.strftime("%Y-%m-%d").tolist()
    episodes = pd.DataFrame(
        {"id": ["ep-a", "ep-b"], "name_en": ["A", "B"], "name_ar": ["أ", "ب"], "start": starts}
    ).set_index("id", drop=False)
    synthetic = dataclasses.replace(_with_synthetic_sources(vocab), episodes=episodes)
    row = np.arange(len(table))
    table["episode"] = np.where(row % 2, "ep-a", "ep-b")
    table.loc[row % 3 == 0, "period_start"] = ""
    figures = _typed(table, synthetic)
    assert len(figures) == 20_000
    keys = window_key(figures, synthetic)
    no_start = figures["period_start"].isna() & (figures["measure"] == "flow")
    assert (no_start & (keys == "open")).any() and (no_start & (keys != "open")).any()
    _assert_keys_agree(figures, synthetic)


def _with_synthetic_sources(vocab: Vocabularies) -> Vocabularies:
    return dataclasses.replace(vocab, sources=pd.concat([vocab.sources, synthetic_sources()]))


def test_no_assumed_start_after_the_window_ends(vocab):
    """A Dar'a flow with no period_start ending 2018-06-10, before the offensive's start
    (2018-06-19), counts from no known day; one ending 2018-06-25 counts from 2018-06-19."""
    rows = pd.DataFrame(
        {
            "figure_id": ["early", "late", "stock"],
            "reported_on": ["2018-06-10", "2018-06-25", "2018-06-25"],
            "source": "sohr",
            "metric": ["killed", "killed", "idps"],
            "location": "SY12",
            "period_end": ["2018-06-10", "2018-06-25", "2018-06-25"],
            "episode": "daraa-2018",
            "value": "50",
        }
    )
    figures = _typed(rows, vocab)
    assert window_key(figures, vocab).tolist() == ["open", "2018-06-19", "stock"]
    _assert_keys_agree(figures, vocab)
