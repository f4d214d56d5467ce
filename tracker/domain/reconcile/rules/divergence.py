"""Rule 5, divergence (soft): two sources counting nearly the same window whose intervals do not
overlap at all.

Flows: the same period_end, starts at most ``divergence_start_days`` apart, and the shorter window
covering at least ``divergence_min_overlap`` of the longer. Only the claim with the longer (or
the same) window may be the larger: a shorter window with the larger count is a containment
contradiction, and a later end with a larger count is growth, never divergence. Stocks: dated at
most ``stock_days`` apart, either way.

Per claim X the sweep finds, among other sources' claims in X's range, the one with the largest
low (Y); the pair is flagged when low(Y) > high(X) and X is, in turn, the claim with the smallest
high in Y's range. Severity grows with ratio = low(Y) / high(X).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.raw import RawFlag, divergence_severity, ratio_of
from tracker.domain.reconcile.sweep import NONE, codes, order_by, range_best_other_source, search
from tracker.domain.settings import Settings

RULE = "divergence"


Range = tuple[np.ndarray, np.ndarray]


def _ranges(key: np.ndarray, g: np.ndarray, span: int, lo: np.ndarray, hi: np.ndarray) -> Range:
    """Positions [from, to) of the sorted keys with group g and x in [lo, hi]."""
    start = search(key, g * span + np.maximum(lo, 0), "left")
    stop = search(key, g * span + np.minimum(hi, span - 1), "right")
    return start, np.maximum(stop, start)


def _flow_bounds(x: np.ndarray, end: np.ndarray, base: int, st: Settings) -> tuple[Range, Range]:
    """Start ranges: where a larger partner may start, and where a smaller one may start."""
    days, share = st.divergence_start_days, st.divergence_min_overlap
    length = end - (x + base) + 1
    above_lo = np.maximum(
        x - days, np.ceil(end - base + 1 - length / share - 1e-9).astype(np.int64)
    )
    below_hi = np.minimum(
        x + days, np.floor(end - base + 1 - share * length + 1e-9).astype(np.int64)
    )
    return (above_lo, x), (x, below_hi)


def _pairs(frame: pd.DataFrame, stock: bool, st: Settings) -> list[tuple[int, int]]:
    """(smaller X, larger Y) positions in frame that are each other's extreme partner."""
    frame = frame.iloc[order_by(frame["g"].to_numpy(), frame["x"].to_numpy())]
    g, x = frame["g"].to_numpy(), frame["x"].to_numpy()
    base = int(x.min())
    x = x - base
    span = int(x.max()) + 2
    key = g * span + x
    low, high = frame["low"].to_numpy(), frame["high"].to_numpy()
    src = frame["source_c"].to_numpy()
    if stock:
        k = st.stock_days
        above, below = (x - k, x + k), (x - k, x + k)
    else:
        above, below = _flow_bounds(x, frame["end_d"].to_numpy(), base, st)
    a_from, a_to = _ranges(key, g, span, *above)
    y = range_best_other_source(low, src, a_from, a_to, src)
    cand = np.flatnonzero(y != NONE)
    cand = cand[low[y[cand]] > high[cand]]
    if len(cand) == 0:
        return []
    ys = y[cand]
    b_from, b_to = _ranges(key, g[ys], span, below[0][ys], below[1][ys])
    back = range_best_other_source(-high, src, b_from, b_to, src[ys])
    mutual = back == cand
    claim = frame["claim"].to_numpy()
    return sorted(
        {(int(claim[i]), int(claim[j])) for i, j in zip(cand[mutual], ys[mutual], strict=True)}
    )


def find(claims: pd.DataFrame, ctx: ReconcileContext) -> list[RawFlag]:
    """Divergence flags for flows (same end) and stocks (close dates)."""
    st = ctx.settings
    cols = ["metric_c", "pop_c", "loc_c", "source_c", "start_d", "end_d", "low", "high"]
    frame = claims.loc[claims["flow"] & claims["start_known"], cols].reset_index(names="claim")
    pairs: list[tuple[int, int]] = []
    flows = frame
    if len(flows):
        g = codes(*(flows[c].to_numpy() for c in ("metric_c", "pop_c", "loc_c", "end_d")))
        pairs += _pairs(flows.assign(g=g, x=flows["start_d"]), False, st)
    stocks = claims.loc[~claims["flow"], cols].reset_index(names="claim")
    if len(stocks):
        g = codes(*(stocks[c].to_numpy() for c in ("metric_c", "pop_c", "loc_c")))
        pairs += _pairs(stocks.assign(g=g, x=stocks["end_d"]), True, st)
    low, high = claims["low"].to_numpy(), claims["high"].to_numpy()
    out = []
    for small, large in pairs:
        ratio = ratio_of(low[large], high[small])
        severity = divergence_severity(
            ratio, st.divergence_moderate_ratio, st.divergence_major_ratio
        )
        out.append(
            RawFlag(
                rule=RULE,
                severity=severity,
                members=(large, small),
                anchor=large,
                ratio=ratio if math.isfinite(ratio) else math.inf,
            )
        )
    return out
