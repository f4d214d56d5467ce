"""From a claim's value and qualifier to the interval [low, high] of counts it allows.

DESIGN.md §1. Counts are whole numbers, so bounds are rounded outward (low down,
high up): "about 126" with τ = 0.10 allows 113 to 139. An unbounded high is ``inf``.
The rule that produced each interval is kept beside it (``interval_rule``).

Scaling by 1 ± τ or by a household size is done in whole numbers (the factor as a
fraction), so a bound is exact for every count up to the schema's maximum (10^10) and
beyond: float64 holds every such bound exactly, but float multiplication rounds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction

import numpy as np
import pandas as pd

from tracker.domain.lookup import lookup
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
INT64_SAFE = 2**62


def scaled(x: np.ndarray, factor: float, up: bool) -> np.ndarray:
    """x·factor rounded down (``up``: rounded up), exact for whole, finite x.

    The factor is read as the fraction it was written as (0.9 is 9/10), and the product
    is formed in 64-bit integers when it fits; other cells (inf, NaN, fractions, or
    products past 2^62) take the float formula with a small tolerance.
    """
    x = np.asarray(x, dtype="float64")
    ratio = Fraction(factor).limit_denominator(10**6)
    num, den = ratio.numerator, ratio.denominator
    eps = -1e-9 if up else 1e-9
    out = np.ceil(x * factor + eps) if up else np.floor(x * factor + eps)
    whole = np.isfinite(x) & (x == np.round(x)) & (np.abs(x) * max(num, den, 1) < INT64_SAFE)
    if whole.any():
        product = x[whole].astype("int64") * num
        exact = -((-product) // den) if up else product // den
        out[whole] = exact.astype("float64")
    return out


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
        scaled(v, 1 - tau, up=False),
        scaled(v, 1 - tau, up=False),
        v,
        v + 1,
        np.zeros_like(v),
        np.zeros_like(v),
        v,
        2 * v,
    ]
    highs = [
        v,
        scaled(v, 1 + tau, up=True),
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
    return lookup(qualifier.astype(str), texts, "str")


def add_intervals(
    figures: pd.DataFrame,
    tau: float = DEFAULT_SETTINGS.tau,
    household_size: pd.Series | None = None,
) -> pd.DataFrame:
    """Add low, high, tau, household_size and interval_rule to normalised figures
    (:func:`interval_columns`)."""
    return figures.assign(**interval_columns(figures, tau, household_size))


def interval_columns(
    figures: Mapping[str, pd.Series],
    tau: float = DEFAULT_SETTINGS.tau,
    household_size: pd.Series | None = None,
) -> dict[str, object]:
    """tau, household_size, low, high and interval_rule of normalised figures (their
    qualifier, value, value_high and unit columns), in that order.

    Households convert to persons: the interval's low is multiplied by the smallest
    plausible household size and its high by the largest, so the conversion widens
    it, and the rule says so. ``household_size`` is indexed by figure row and holds
    "low–high" tuples (or NaN when the figure is not in households).
    """
    qualifier, unit = figures["qualifier"], figures["unit"]
    index = qualifier.index
    low, high = interval_bounds(qualifier, figures["value"], figures["value_high"], tau)
    rule = rule_text(qualifier, tau)
    sizes = pd.Series(pd.NA, index=index, dtype="string")
    if household_size is not None:
        hh = household_size.reindex(index)
        in_hh = (unit == "households") & hh.notna()
        if in_hh.any():
            low[in_hh], high[in_hh] = _in_persons(low[in_hh], high[in_hh], hh[in_hh])
            label = hh[in_hh].map(_size_label)
            sizes.loc[in_hh] = label
            rule[in_hh] = rule[in_hh] + "; households → persons × " + label
    return {
        "tau": np.where(qualifier.isin(list(TAU_QUALIFIERS)), tau, np.nan),
        "household_size": sizes,
        "low": low,
        "high": high,
        "interval_rule": rule,
    }


def _in_persons(low: pd.Series, high: pd.Series, sizes: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A households interval in persons: low × the smallest size (down), high × the largest
    (up), each exact (:func:`scaled`), one multiplication per distinct size."""
    out_low = np.array(low, dtype="float64")
    out_high = np.array(high, dtype="float64")
    for size in set(sizes):
        rows = (sizes == size).to_numpy(dtype=bool)
        out_low[rows] = scaled(out_low[rows], size[0], up=False)
        out_high[rows] = scaled(out_high[rows], size[1], up=True)
    return out_low, out_high


def _size_label(size: tuple[float, float]) -> str:
    low, high = size
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"
