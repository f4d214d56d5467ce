"""Synthetic figures at scale, drawn from one consistent truth, for timing the engine.

``synthetic_figures(n, gazetteer, seed)`` gives n figures in the input contract of
:func:`tracker.domain.reconcile.compute` (with low/high): since-totals, daily counts and
stocks over the whole gazetteer, from ten sources, honest except for a share of planted
errors (values tripled), so the flags are a realistic handful rather than none or millions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.intervals import interval_bounds

DAY0 = np.datetime64("2018-01-01")
FLOWS = ("killed", "injured", "displaced")
STOCKS = ("idps", "at_border")
POP_SHARE = {"all": 1.0, "civilians": 0.7, "children": 0.2}


def _rates(gazetteer: pd.DataFrame, rng: np.random.Generator) -> pd.Series:
    """Daily rate per place: communities draw one, every area adds its own to its children's."""
    gaz = gazetteer.reset_index(drop=True)
    rate = pd.Series(rng.uniform(0.2, 3.0, len(gaz)), index=gaz["pcode"].to_numpy())
    parent = pd.Series(gaz["parent"].to_numpy(), index=gaz["pcode"].to_numpy())
    level = pd.Series(gaz["level"].astype(int).to_numpy(), index=gaz["pcode"].to_numpy())
    for lvl in range(int(level.max()), 0, -1):
        kids = rate[level == lvl]
        sums = kids.groupby(parent[kids.index].to_numpy()).sum()
        rate[sums.index] += sums
    return rate


def synthetic_figures(
    n: int, gazetteer: pd.DataFrame, seed: int = 0, error_share: float = 0.0005
) -> pd.DataFrame:
    """n figures with low/high, in the engine's input contract."""
    rng = np.random.default_rng(seed)
    rate = _rates(gazetteer, rng)
    places = rate.index.to_numpy()
    weight = np.where(pd.Series(places).str.startswith("C"), 1.0, 20.0)
    loc = rng.choice(places, n, p=weight / weight.sum())
    pop = rng.choice(list(POP_SHARE), n, p=[0.5, 0.35, 0.15])
    stock = rng.random(n) < 0.15
    metric = np.where(stock, rng.choice(STOCKS, n), rng.choice(FLOWS, n))
    daily = ~stock & (rng.random(n) < 0.3)
    start = np.where(daily, 0, rng.choice([0, 30, 60], n))
    end = np.maximum(start, rng.integers(0, 365, n))
    end = np.where(stock, 300 + rng.integers(0, 65, n), end)
    start = np.where(daily, end, start)
    length = end - start + 1
    r = rate.reindex(loc).to_numpy() * pd.Series(pop).map(POP_SHARE).to_numpy()
    truth = np.where(stock, np.floor(r * 50), np.floor(r * length)).astype(np.int64)
    qualifier = rng.choice(
        ["exact", "approx", "at_least", "at_most", "range"], n, p=[0.1, 0.45, 0.25, 0.1, 0.1]
    )
    slack = np.floor(truth * rng.uniform(0, 0.08, n)).astype(np.int64) + rng.integers(0, 3, n)
    approx = np.round(truth * rng.uniform(0.92, 1.08, n)).astype(np.int64)
    value = np.select(
        [
            qualifier == "at_least",
            qualifier == "at_most",
            qualifier == "range",
            qualifier == "approx",
        ],
        [np.maximum(truth - slack, 0), truth + slack, np.maximum(truth - slack, 0), approx],
        truth,
    )
    value_high = np.where(qualifier == "range", truth + rng.integers(0, 3, n) + slack, -1)
    planted = rng.random(n) < error_share
    value = np.where(planted, value * 3 + 5, value)
    value_high = np.where(planted & (qualifier == "range"), value + 2, value_high)
    reported = end + rng.integers(0, 3, n)
    df = pd.DataFrame(
        {
            "figure_id": pd.Series(np.char.add("S", np.arange(n).astype(str))).astype("string"),
            "reported_on": DAY0 + reported.astype("timedelta64[D]"),
            "source": pd.Series(rng.choice([f"src{i}" for i in range(10)], n)).astype("string"),
            "publisher": pd.Series(pd.NA, index=range(n), dtype="string"),
            "metric": pd.Series(metric).astype("string"),
            "population": pd.Series(pop).astype("string"),
            "location": pd.Series(loc).astype("string"),
            "period_start": np.where(
                stock, np.datetime64("NaT"), DAY0 + start.astype("timedelta64[D]")
            ).astype("datetime64[ns]"),
            "period_end": (DAY0 + end.astype("timedelta64[D]")).astype("datetime64[ns]"),
            "measure": pd.Series(np.where(stock, "stock", "flow")).astype("string"),
            "episode": pd.Series(pd.NA, index=range(n), dtype="string"),
            "qualifier": pd.Series(qualifier).astype("string"),
            "value": value.astype("int64"),
            "value_high": pd.array(np.where(value_high < 0, pd.NA, value_high), dtype="Int64"),
            "unit": pd.Series("persons", index=range(n), dtype="string"),
            "url": pd.Series(pd.NA, index=range(n), dtype="string"),
        }
    )
    df["low"], df["high"] = interval_bounds(df["qualifier"], df["value"], df["value_high"], 0.1)
    return df
