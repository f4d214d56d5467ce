"""Builders for reconciliation tests: a small two-country gazetteer, figures from keywords, and
the demo data loaded the way the storage hands it over (DESIGN §1 intervals, defaults applied).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from tracker.domain.intervals import interval_bounds
from tracker.domain.reconcile import compute
from tracker.domain.reconcile.context import ReconcileContext

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"

GAZETTEER = pd.DataFrame(
    [
        ("SY", 0, "Syria", "سوريا", None),
        ("SY01", 1, "Damascus", "دمشق", "SY"),
        ("SY02", 1, "Aleppo", "حلب", "SY"),
        ("SY0100", 2, "Damascus district", "منطقة دمشق", "SY01"),
        ("SY010000", 3, "Damascus centre", "مركز دمشق", "SY0100"),
        ("C1", 4, "Alpha", "ألفا", "SY010000"),
        ("C2", 4, "Beta", "بيتا", "SY010000"),
        ("LB", 0, "Lebanon", "لبنان", None),
        ("LB01", 1, "Beirut", "بيروت", "LB"),
    ],
    columns=["pcode", "level", "name_en", "name_ar", "parent"],
)
POPULATIONS = pd.DataFrame(
    [
        ("all", "All people", "جميع الأشخاص", None),
        ("civilians", "Civilians", "مدنيون", "all"),
        ("children", "Children", "أطفال", "civilians"),
        ("women", "Women", "نساء", "all"),
    ],
    columns=["id", "label_en", "label_ar", "subset_of"],
)
SOURCES = pd.DataFrame(
    [
        ("a", "Source A", "المصدر أ", "A", "أ", "high"),
        ("b", "Source B", "المصدر ب", "B", "ب", "medium"),
        ("c", "Source C", "المصدر ج", "C", "ج", "medium"),
        ("d", "Source D", "المصدر د", "D", "د", "low"),
        ("p", "Planted P", "المصدر ف", "P", "ف", "low"),
        ("q", "Planted Q", "المصدر ق", "Q", "ق", "low"),
    ],
    columns=["id", "name_en", "name_ar", "short_en", "short_ar", "reliability"],
)
EPISODES = pd.DataFrame(
    [("ep", "Test offensive", "الهجوم التجريبي", "2018-06-01")],
    columns=["id", "name_en", "name_ar", "start"],
)
MEASURE = {
    "killed": "flow", "displaced": "flow", "returned": "flow", "idps": "stock",
    "at_border": "stock",
}  # fmt: skip


def make_ctx(**settings: Any) -> ReconcileContext:
    """A context over the small test gazetteer (with the words and ranks of data/), with
    default rule settings unless overridden."""
    return ReconcileContext.from_frames(
        gazetteer=GAZETTEER,
        populations=POPULATIONS,
        episodes=EPISODES,
        sources=SOURCES,
        **WORDS_AND_RANKS,
        **settings,
    )


@cache
def default_ctx() -> ReconcileContext:
    """:func:`make_ctx` with every setting at its default, built once."""
    return make_ctx()


def flags_of(rows: list[dict[str, Any]], ctx: ReconcileContext | None = None) -> pd.DataFrame:
    """The flags the engine raises over figures given as :func:`fig` rows."""
    return compute(frame(rows), ctx or default_ctx()).flags


def only(flags: pd.DataFrame, rule: str) -> pd.Series:
    """The one flag of a rule (fails when there is none or more than one)."""
    chosen = flags[flags["rule"] == rule]
    assert len(chosen) == 1, flags[["rule", "figure_ids"]]
    return chosen.iloc[0]


def fig(
    figure_id: str,
    source: str,
    value: int,
    *,
    metric: str = "killed",
    population: str = "civilians",
    location: str = "SY01",
    start: str | None = None,
    end: str = "2018-06-30",
    reported: str | None = None,
    qualifier: str = "exact",
    value_high: int | None = None,
    episode: str | None = None,
    unit: str = "persons",
    publisher: str | None = None,
) -> dict[str, Any]:
    """One figure as the storage would hand it (before intervals)."""
    return {
        "figure_id": figure_id,
        "reported_on": reported or end,
        "source": source,
        "publisher": publisher,
        "metric": metric,
        "population": population,
        "location": location,
        "period_start": start,
        "period_end": end,
        "measure": MEASURE.get(metric, "flow"),
        "episode": episode,
        "qualifier": qualifier,
        "value": value,
        "value_high": value_high,
        "unit": unit,
        "url": None,
    }


def frame(rows: list[dict[str, Any]], tau: float = 0.10, household: float = 5.0) -> pd.DataFrame:
    """Figures with the dtypes of the input contract and low/high by DESIGN §1."""
    df = pd.DataFrame(rows)
    for column in ("reported_on", "period_start", "period_end"):
        df[column] = pd.to_datetime(df[column])
    for column in (
        "figure_id",
        "source",
        "publisher",
        "metric",
        "population",
        "location",
        "measure",
        "episode",
        "qualifier",
        "unit",
        "url",
    ):
        df[column] = df[column].astype("string")
    df["value"] = df["value"].astype("int64")
    df["value_high"] = pd.to_numeric(df["value_high"]).astype("Int64")
    low, high = interval_bounds(df["qualifier"], df["value"], df["value_high"], tau)
    hh = (df["unit"] == "households").to_numpy()
    df["low"] = low.where(~hh, low * household)
    df["high"] = high.where(~hh, high * household)
    return df


def read_csv(relative: str) -> pd.DataFrame:
    return pd.read_csv(DATA / relative, dtype=str, keep_default_na=False, na_values=[""])


def data_ctx(**settings: Any) -> ReconcileContext:
    """The context the lead's storage builds, from the CSVs in data/."""
    return ReconcileContext.from_frames(
        gazetteer=read_csv("gazetteer/SY.csv"),
        populations=read_csv("vocabularies/populations.csv"),
        episodes=read_csv("episodes.csv"),
        sources=read_csv("sources.csv"),
        metrics=read_csv("vocabularies/metrics.csv"),
        **WORDS_AND_RANKS,
        **settings,
    )


#: The vocabularies that say claims in words and rank sources, as the storage hands them over.
WORDS_AND_RANKS = {
    "qualifiers": read_csv("vocabularies/qualifiers.csv"),
    "levels": read_csv("vocabularies/levels.csv"),
    "magnitudes": read_csv("vocabularies/magnitudes.csv"),
    "reliability": read_csv("vocabularies/reliability.csv"),
    "stock_flows": read_csv("vocabularies/stock_flows.csv"),
    "sentence_words": read_csv("vocabularies/sentence_words.csv"),
}


def load_figures(*relatives: str) -> pd.DataFrame:
    """Canonical figure CSVs with the defaults of DESIGN §4 and intervals of §1 applied."""
    raw = pd.concat([read_csv(r) for r in relatives], ignore_index=True)
    metrics = read_csv("vocabularies/metrics.csv").set_index("id")
    raw["population"] = raw["population"].fillna("all")
    raw["period_end"] = raw["period_end"].fillna(raw["reported_on"])
    raw["measure"] = raw["measure"].fillna(raw["metric"].map(metrics["measure"]))
    raw["qualifier"] = raw["qualifier"].fillna("exact")
    raw["unit"] = raw["unit"].fillna(raw["metric"].map(metrics["unit"]))
    rows = raw.drop(columns=["quote", "quote_lang", "notes"]).to_dict("records")
    return frame(rows)
