"""From a claim's value and qualifier to the interval [low, high] of counts it allows.

DESIGN.md §1. Counts are whole numbers, so bounds are rounded outward (low down,
high up): "about 126" with τ = 0.10 allows 113 to 139. An unbounded high is ``inf``.
The rule that produced each interval is kept beside it (``interval_rule``).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from tracker.domain.settings import DEFAULT_SETTINGS

INF = math.inf

RULE_TEXT: dict[str, str] = {
    "exact": "exact: [v, v]",
    "approx": "approx: [v·(1−τ), v·(1+τ)], τ={tau}",
    "nearly": "nearly: [v·(1−τ), v], τ={tau}",
    "at_least": "at_least: [v, ∞)",
    "more_than": "more_than: [v+1, ∞)",
    "at_most": "at_most: [0, v]",
    "less_than": "less_than: [0, v−1]",
    "range": "range: [v, value_high]",
    "magnitude": "magnitude: [2·v, 10·v−1]",
}
TAU_QUALIFIERS = frozenset({"approx", "nearly"})


def interval_bounds(
    qualifier: pd.Series, value: pd.Series, value_high: pd.Series, tau: float
) -> tuple[pd.Series, pd.Series]:
    """Low and high bound per claim, in the claim's own unit (floats; high may be inf)."""
    v = value.astype("float64").to_numpy()
    vh = pd.to_numeric(value_high, errors="coerce").astype("float64").to_numpy()
    q = qualifier.astype(str).to_numpy()
    conditions = [q == name for name in RULE_TEXT]
    lows = [
        v,
        np.floor(v * (1 - tau) + 1e-9),
        np.floor(v * (1 - tau) + 1e-9),
        v,
        v + 1,
        np.zeros_like(v),
        np.zeros_like(v),
        v,
        2 * v,
    ]
    highs = [
        v,
        np.ceil(v * (1 + tau) - 1e-9),
        v,
        np.full_like(v, INF),
        np.full_like(v, INF),
        v,
        v - 1,
        vh,
        10 * v - 1,
    ]
    low = np.select(conditions, lows, default=np.nan)
    high = np.select(conditions, highs, default=np.nan)
    return pd.Series(low, index=value.index), pd.Series(high, index=value.index)


def rule_text(qualifier: pd.Series, tau: float) -> pd.Series:
    """The words of the rule that produced each interval, with τ where it applies."""
    texts = {q: t.format(tau=f"{tau:.2f}") for q, t in RULE_TEXT.items()}
    return qualifier.astype(str).map(texts)


def add_intervals(
    figures: pd.DataFrame,
    tau: float = DEFAULT_SETTINGS.tau,
    household_size: pd.Series | None = None,
) -> pd.DataFrame:
    """Add low, high, tau, household_size and interval_rule to normalised figures.

    Households convert to persons: the interval's low is multiplied by the smallest
    plausible household size and its high by the largest, so the conversion widens
    it, and the rule says so. ``household_size`` is indexed by figure row and holds
    "low–high" tuples (or NaN when the figure is not in households).
    """
    out = figures.copy()
    low, high = interval_bounds(out["qualifier"], out["value"], out["value_high"], tau)
    rule = rule_text(out["qualifier"], tau)
    out["tau"] = np.where(out["qualifier"].isin(list(TAU_QUALIFIERS)), tau, np.nan)
    out["household_size"] = pd.Series(pd.NA, index=out.index, dtype="string")
    if household_size is not None:
        hh = household_size.reindex(out.index)
        in_hh = (out["unit"] == "households") & hh.notna()
        if in_hh.any():
            size_low = hh[in_hh].map(lambda s: s[0])
            size_high = hh[in_hh].map(lambda s: s[1])
            low[in_hh] = np.floor(low[in_hh] * size_low + 1e-9)
            high[in_hh] = np.ceil(high[in_hh] * size_high - 1e-9)
            label = hh[in_hh].map(_size_label)
            out.loc[in_hh, "household_size"] = label
            rule[in_hh] = rule[in_hh] + "; households → persons × " + label
    out["low"] = low
    out["high"] = high
    out["interval_rule"] = rule
    return out


def _size_label(size: tuple[float, float]) -> str:
    low, high = size
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"
