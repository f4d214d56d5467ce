"""Wording a true count honestly: a qualifier and a value whose interval holds the truth.

Each source has a style (agencies say "about", monitors "at least", outlets round). Whatever
the wording, the interval the tracker derives from it (DESIGN §1, :mod:`tracker.domain.intervals`)
contains the hidden true count; a wording that would not is replaced by the exact count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.intervals import interval_bounds
from tracker.domain.settings import DEFAULT_SETTINGS

TAU = DEFAULT_SETTINGS.tau
MAGNITUDES = np.array([10, 100, 1000, 10000])
#: Qualifier mix per source type, for running totals and stocks.
STYLES: dict[str, dict[str, float]] = {
    "un_agency": {
        "approx": 0.45,
        "exact": 0.2,
        "range": 0.1,
        "at_least": 0.1,
        "nearly": 0.06,
        "more_than": 0.05,
        "at_most": 0.02,
        "magnitude": 0.02,
    },
    "ngo_monitor": {
        "exact": 0.35,
        "at_least": 0.35,
        "more_than": 0.1,
        "approx": 0.15,
        "magnitude": 0.03,
        "less_than": 0.02,
    },
    "local_council": {"exact": 0.5, "approx": 0.3, "at_most": 0.1, "range": 0.1},
    "media": {"approx": 0.4, "more_than": 0.2, "nearly": 0.15, "exact": 0.2, "magnitude": 0.05},
}
DAILY_STYLE = {"exact": 0.9, "at_least": 0.1}


def choose_qualifiers(
    kind: np.ndarray, source_type: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """A qualifier per claim from its source's style (daily counts are mostly exact)."""
    out = np.empty(len(kind), dtype=object)
    styles = {("daily", t): DAILY_STYLE for t in STYLES} | {
        (k, t): style for t, style in STYLES.items() for k in ("cum", "stock")
    }
    keys = pd.Series(list(zip(kind, source_type, strict=True)))
    for key, rows in keys.groupby(keys).groups.items():
        style = styles.get(key, STYLES["ngo_monitor"])
        out[rows] = rng.choice(list(style), size=len(rows), p=list(style.values()))
    return out


def _nice(x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Round to two significant digits, as people say big numbers (some of the time)."""
    x = np.maximum(x, 0)
    digits = np.floor(np.log10(np.maximum(x, 1))).astype(np.int64)
    step = 10.0 ** np.maximum(digits - 1, 0)
    rounded = np.round(x / step) * step
    return np.where((x >= 1000) & (rng.random(len(x)) < 0.6), rounded, np.round(x))


def _magnitude(t: np.ndarray) -> np.ndarray:
    """The largest unit word u with 2u <= t <= 10u - 1, or 0 when none fits."""
    fits = (2 * MAGNITUDES[None, :] <= t[:, None]) & (t[:, None] <= 10 * MAGNITUDES[None, :] - 1)
    return np.where(fits.any(axis=1), MAGNITUDES[np.argmax(fits * MAGNITUDES[None, :], axis=1)], 0)


def honest(q: np.ndarray, v: np.ndarray, vh: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Whether each wording is valid (DESIGN §4) and its interval holds the true count."""
    low, high = interval_bounds(pd.Series(q), pd.Series(v), pd.Series(vh), TAU)
    ok = (low.to_numpy() <= t) & (t <= high.to_numpy()) & (v >= 0)
    ok &= (q != "range") | (np.nan_to_num(vh, nan=-1) >= v)
    ok &= (q != "magnitude") | np.isin(v, MAGNITUDES)
    ok &= (q != "less_than") | (v >= 1)
    return ok


def word(
    q: np.ndarray, t: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Value, value_high (NaN unless range) and qualifier for true counts t."""
    t = np.asarray(t, dtype=np.int64)
    tf = t.astype(np.float64)
    u = rng.uniform(size=(3, len(t)))
    v = np.select(
        [
            q == "approx",
            q == "nearly",
            q == "at_least",
            q == "more_than",
            q == "at_most",
            q == "less_than",
            q == "range",
            q == "magnitude",
        ],
        [
            _nice(tf * (0.93 + 0.14 * u[0]), rng),
            np.ceil(tf * (1 + 0.09 * u[0])),
            np.floor(tf * (0.75 + 0.25 * u[0])),
            np.floor(tf * (0.75 + 0.25 * u[0])) - 1,
            np.ceil(tf * (1 + 0.25 * u[0])),
            np.ceil(tf * (1 + 0.25 * u[0])) + 1,
            np.floor(tf * (0.8 + 0.2 * u[1])),
            _magnitude(t),
        ],
        default=tf,
    ).astype(np.int64)
    vh = np.where(q == "range", np.ceil(tf * (1 + 0.2 * u[2])) + 1, np.nan)
    ok = honest(q, v, vh, t)
    q = np.where(ok, q, "exact")
    v = np.where(ok, v, t)
    vh = np.where(ok, vh, np.nan)
    return v, vh, q.astype(object)


def nudge(
    q: np.ndarray,
    v: np.ndarray,
    vh: np.ndarray,
    t: np.ndarray,
    rng: np.random.Generator,
    spread: int = 3,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Another honest wording of the same truth with a value up to ``spread`` away (to break
    an echo)."""
    q, v, vh, t = (np.asarray(a).copy() for a in (q, v, vh, t))
    done = np.zeros(len(t), dtype=bool)
    step = rng.integers(1, spread + 1, size=len(t))
    for cand_q, cand_v in (
        (q, v + step),
        (q, v - step),
        (np.full(len(t), "at_least", dtype=object), v - step),
        (np.full(len(t), "at_most", dtype=object), v + step),
    ):
        cand_vh = np.where(cand_q == "range", vh, np.nan)
        ok = ~done & honest(cand_q, cand_v, cand_vh, t)
        q, v, vh = np.where(ok, cand_q, q), np.where(ok, cand_v, v), np.where(ok, cand_vh, vh)
        done |= ok
    rest = ~done
    slack = rng.integers(1, np.maximum(t // 10, 1) + 2)
    q[rest], v[rest], vh[rest] = "at_least", np.maximum(t - slack, 0)[rest], np.nan
    return q, v, vh
