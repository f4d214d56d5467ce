"""Rules 1 and 2: window containment and same-source regression (flows).

Containment: if claim A's window lies inside claim B's (same metric, population and place),
count(A) <= count(B); contradiction when low(A) > high(B). Regression: a source's own running
total from one start must not fall; a later claim whose high is below an earlier one's low.

For each claim A the sweep finds the container with the smallest high; for that container, the
contained claim with the largest low. A flag pairs two claims that are each other's most extreme
counterpart, so one wrong figure raises one flag, not one per claim it contradicts. Two different
sources' claims on exactly the same window are left to the divergence rule.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.reconcile.raw import RawFlag, hard_severity, ratio_of
from tracker.domain.reconcile.sweep import NONE, codes, nested_max_inside, nested_min, remap


def _pick(first: np.ndarray, second: np.ndarray, value: np.ndarray, smaller: bool) -> np.ndarray:
    """Of two candidate positions per query, the one with the smaller (or larger) value."""
    if len(value) == 0:
        return first
    v1 = np.where(first == NONE, np.nan, value[np.maximum(first, 0)])
    v2 = np.where(second == NONE, np.nan, value[np.maximum(second, 0)])
    if smaller:
        take2 = (second != NONE) & ((first == NONE) | (v2 < v1) | ((v2 == v1) & (second < first)))
    else:
        take2 = (second != NONE) & ((first == NONE) | (v2 > v1) | ((v2 == v1) & (second < first)))
    return np.where(take2, second, first)


def _containers(g, gs, s, e, high, qg, qgs, qs, qe) -> np.ndarray:
    """Container with the smallest high for the queries: start strictly earlier, or the same
    start and a strictly later end (never exactly the same window)."""
    earlier = nested_min(g, s, e, high, qg, qs - 1, qe)
    same_start = nested_min(gs, np.zeros(len(gs)), e, high, qgs, np.zeros(len(qgs)), qe + 1)
    return _pick(earlier, same_start, high, smaller=True)


def _contained(g, gs, s, e, low, q) -> np.ndarray:
    """Contained claim with the largest low for queries q (strictly smaller window)."""
    later = nested_max_inside(g, s, e, low, g[q], s[q] + 1, e[q])
    zeros = np.zeros(len(g), dtype=np.int64)
    same_start = nested_max_inside(gs, zeros, e, low, gs[q], zeros[q], e[q] - 1)
    return _pick(later, same_start, low, smaller=False)


def _mutual_pairs(g, gs, s, e, low, high) -> tuple[np.ndarray, np.ndarray]:
    """(A, B) positions: A inside B, low(A) > high(B), each the other's extreme.

    Only windows longer than a day with a finite high can contain anything that contradicts
    them, and only claims with a positive low can exceed anything: the sweep skips the rest.
    """
    queries = np.flatnonzero(low > 0)
    holders = np.flatnonzero((e > s) & np.isfinite(high))
    best_b = _containers(
        g[holders],
        gs[holders],
        s[holders],
        e[holders],
        high[holders],
        g[queries],
        gs[queries],
        s[queries],
        e[queries],
    )
    best_b = remap(best_b, holders)
    found = best_b != NONE
    a, b = queries[found], best_b[found]
    bad = low[a] > high[b]
    a, b = a[bad], b[bad]
    if len(a) == 0:
        return a, b
    ub, inv = np.unique(b, return_inverse=True)
    back = _contained(g, gs, s, e, low, ub)[inv]
    mutual = back == a
    return a[mutual], b[mutual]


def _regression_pairs(gss, e, rep, low, high) -> tuple[np.ndarray, np.ndarray]:
    """Same source, same start: a claim ending no earlier whose high is below A's low."""
    zeros = np.zeros(len(gss), dtype=np.int64)
    queries = np.flatnonzero(low > 0)
    best_b = nested_min(gss, zeros, e, high, gss[queries], zeros[queries], e[queries])
    found = best_b != NONE
    a, b = queries[found], best_b[found]
    bad = (low[a] > high[b]) & ((e[b] > e[a]) | (rep[b] >= rep[a]))
    a, b = a[bad], b[bad]
    if len(a) == 0:
        return a, b
    ub, inv = np.unique(b, return_inverse=True)
    back = nested_max_inside(gss, zeros, e, low, gss[ub], zeros[ub], e[ub])[inv]
    mutual = back == a
    return a[mutual], b[mutual]


def find(claims: pd.DataFrame) -> list[RawFlag]:
    """Containment and regression flags among flows with a known (or assumed) start."""
    cols = [
        "metric_c",
        "pop_c",
        "loc_c",
        "source_c",
        "start_d",
        "end_d",
        "reported_d",
        "low",
        "high",
        "start_assumed",
    ]
    flows = claims.loc[claims["flow"] & claims["start_known"], cols]
    if flows.empty:
        return []
    idx = flows.index.to_numpy()
    s, e = flows["start_d"].to_numpy(), flows["end_d"].to_numpy()
    low, high = flows["low"].to_numpy(), flows["high"].to_numpy()
    src = flows["source_c"].to_numpy()
    g = codes(flows["metric_c"].to_numpy(), flows["pop_c"].to_numpy(), flows["loc_c"].to_numpy())
    gs = codes(g, s)
    pairs: dict[tuple[int, int], str] = {}
    a, b = _mutual_pairs(g, gs, s, e, low, high)
    for i, j in zip(a, b, strict=True):
        same = src[i] == src[j] and s[i] == s[j]
        pairs[(int(i), int(j))] = "regression" if same else "containment"
    a, b = _regression_pairs(codes(gs, src), e, flows["reported_d"].to_numpy(), low, high)
    for i, j in zip(a, b, strict=True):
        pairs[(int(i), int(j))] = "regression"
    assumed = flows["start_assumed"].to_numpy()
    out = []
    for (i, j), rule in sorted(pairs.items()):
        ca, cb = int(idx[i]), int(idx[j])
        severity = "moderate" if rule == "regression" else hard_severity(assumed[i] or assumed[j])
        out.append(
            RawFlag(
                rule=rule,
                severity=severity,
                members=(ca, cb),
                anchor=ca,
                ratio=ratio_of(low[i], high[j]),
                exclude=(ca, cb),
                reason="contradicts",
            )
        )
    return out
