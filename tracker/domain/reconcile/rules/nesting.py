"""Nesting (DESIGN §6), the sweeps the containment, regression, hierarchy and subgroup rules share.

Claim A is bounded by claim B of the same count (metric and measure) when A's window lies inside
B's, A's place inside or equal to B's and A's population inside or equal to B's; low(A) > high(B)
contradicts. Containment (windows), hierarchy (places) and subgroup (populations) are the cases
where two of the three are equal, and a flag keeps the name of its case.

A pair is kept only when each claim is the other's most extreme counterpart: B is A's container
with the smallest high, and A is, in turn, B's contained claim with the largest low. Each sweep is
O(n log n) (:mod:`tracker.domain.reconcile.sweep`), never all pairs.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from tracker.domain.reconcile.raw import RawFlag, hard_severity, ratio_of
from tracker.domain.reconcile.sweep import NONE, codes, nested_max_inside, nested_min, remap
from tracker.domain.windows import NO_DAY

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

#: What a flow claim needs for the window sweeps.
FLOW_COLUMNS = [
    "metric_c", "pop_c", "loc_c", "source_c", "start_d", "end_d", "reported_d", "low", "high",
    "start_assumed",
]  # fmt: skip


def dated_flows(claims: pd.DataFrame) -> pd.DataFrame:
    """Flows with a known (or assumed) start, with their group code ``g`` (metric, population,
    place): what containment, regression and the daily sums compare."""
    flows = claims.loc[claims["flow"] & claims["start_known"], FLOW_COLUMNS]
    return flows.assign(g=codes(*(flows[c].to_numpy() for c in ("metric_c", "pop_c", "loc_c"))))


# -- windows inside windows (containment and regression) ------------------------------------


def _pick(first: Ints, second: Ints, value: Floats, smaller: bool) -> Ints:
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


def _containers(
    g: Ints, gs: Ints, s: Ints, e: Ints, high: Floats, qg: Ints, qgs: Ints, qs: Ints, qe: Ints
) -> Ints:
    """Container with the smallest high for the queries: start strictly earlier, or the same
    start and a strictly later end (never exactly the same window)."""
    earlier = nested_min(g, s, e, high, qg, qs - 1, qe)
    same_start = nested_min(gs, np.zeros(len(gs)), e, high, qgs, np.zeros(len(qgs)), qe + 1)
    return _pick(earlier, same_start, high, smaller=True)


def _contained(g: Ints, gs: Ints, s: Ints, e: Ints, low: Floats, q: Ints) -> Ints:
    """Contained claim with the largest low for queries q (strictly smaller window)."""
    later = nested_max_inside(g, s, e, low, g[q], s[q] + 1, e[q])
    zeros = np.zeros(len(g), dtype=np.int64)
    same_start = nested_max_inside(gs, zeros, e, low, gs[q], zeros[q], e[q] - 1)
    return _pick(later, same_start, low, smaller=False)


def inside_pairs(flows: pd.DataFrame) -> tuple[Ints, Ints]:
    """(A, B) positions in ``flows`` (:func:`dated_flows`): A's window strictly inside B's in one
    group, low(A) > high(B), each the other's extreme.

    Only windows longer than a day with a finite high can contain anything that contradicts
    them, and only claims with a positive low can exceed anything: the sweep skips the rest.
    """
    g = flows["g"].to_numpy()
    s, e = flows["start_d"].to_numpy(), flows["end_d"].to_numpy()
    low, high = flows["low"].to_numpy(), flows["high"].to_numpy()
    gs = codes(g, s)
    queries = np.flatnonzero(low > 0)
    holders = np.flatnonzero((e > s) & np.isfinite(high))
    best_b = _containers(
        g[holders], gs[holders], s[holders], e[holders], high[holders],
        g[queries], gs[queries], s[queries], e[queries],
    )  # fmt: skip
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


def same_run(flows: pd.DataFrame, a: Ints, b: Ints) -> npt.NDArray[np.bool_]:
    """Whether each pair is one source's own running total (same source, same start)."""
    src, s = flows["source_c"].to_numpy(), flows["start_d"].to_numpy()
    same: npt.NDArray[np.bool_] = (src[a] == src[b]) & (s[a] == s[b])
    return same


# -- places and populations inside places and populations (hierarchy and subgroup) ----------


def comparable(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims with a window: flows with a known start, and stocks (window = their date), with
    ``x`` = the window's first day."""
    cols = ["metric_c", "pop_c", "loc_c", "measure_c", "flow", "start_d", "end_d", "low", "high"]
    usable = claims.loc[~claims["flow"] | claims["start_known"], cols]
    x = np.where(usable["flow"], usable["start_d"], usable["end_d"])
    return usable.assign(x=np.where(x == NO_DAY, usable["end_d"], x))


def _with_self(own: Ints, broader: Ints) -> list[Ints]:
    """Per depth (the code itself first, then nearest broader first), each claim's code there."""
    return [own] + [broader[own, depth] for depth in range(broader.shape[1])]


def _expand(usable: pd.DataFrame, places: Ints, populations: Ints) -> tuple[Ints, Ints, Ints]:
    """(claim position, place code, population code) for every (place or place above it) ×
    (population or population it belongs to) of each claim but its own (place, population):
    the product order's broader keys, a handful per claim. Ordered by depth, then claim."""
    place_at = _with_self(usable["loc_c"].to_numpy(), places)
    pop_at = _with_self(usable["pop_c"].to_numpy(), populations)
    rows, locs, pops = [], [], []
    for i, up_place in enumerate(place_at):
        for j, up_pop in enumerate(pop_at):
            if i == j == 0:
                continue
            hit = np.flatnonzero((up_place >= 0) & (up_pop >= 0))
            rows.append(hit)
            locs.append(up_place[hit])
            pops.append(up_pop[hit])
    return np.concatenate(rows), np.concatenate(locs), np.concatenate(pops)


def nested_pairs(usable: pd.DataFrame, places: Ints, populations: Ints) -> list[tuple[int, int]]:
    """(part claim, whole claim) pairs of :func:`comparable` claims in the product order (DESIGN
    §6): the part's place inside or equal to the whole's, its population inside or equal to the
    whole's (not both equal), its window inside or equal to the whole's; low(part) >
    high(whole), each the other's extreme counterpart.

    ``places`` and ``populations`` are code × depth tables of the broader codes (nearest first,
    -1 padded). Each claim is listed once under every broader (place, population) key; the
    sweep then asks, per listed claim, for the claim at that key with the smallest high whose
    window contains it, and per such whole for the listed part with the largest low. A stock is
    compared at its own date only.
    """
    if usable.empty:
        return []
    part_pos, part_loc, part_pop = _expand(usable, places, populations)
    if len(part_pos) == 0:
        return []
    metric, measure = usable["metric_c"].to_numpy(), usable["measure_c"].to_numpy()
    key = codes(
        np.concatenate([metric[part_pos], metric]),
        np.concatenate([measure[part_pos], measure]),
        np.concatenate([part_loc, usable["loc_c"].to_numpy()]),
        np.concatenate([part_pop, usable["pop_c"].to_numpy()]),
    )
    pk, wk = key[: len(part_pos)], key[len(part_pos) :]
    keep_p = np.isin(pk, wk)
    part_pos, pk = part_pos[keep_p], pk[keep_p]
    whole_pos = np.flatnonzero(np.isin(wk, pk))
    wk = wk[whole_pos]
    x, y = usable["x"].to_numpy(), usable["end_d"].to_numpy()
    low, high = usable["low"].to_numpy(), usable["high"].to_numpy()
    px, py, plow = x[part_pos], y[part_pos], low[part_pos]
    wx, wy, whigh = x[whole_pos], y[whole_pos], high[whole_pos]
    q = np.flatnonzero(plow > 0)
    best = nested_min(wk, wx, wy, whigh, pk[q], px[q], py[q])
    found = best != NONE
    a, b = q[found], best[found]
    bad = plow[a] > whigh[b]
    a, b = a[bad], b[bad]
    if len(a) == 0:
        return []
    ub, inv = np.unique(b, return_inverse=True)
    back = nested_max_inside(pk, px, py, plow, wk[ub], wx[ub], wy[ub])[inv]
    mutual = back == a
    claim = usable.index.to_numpy()
    return sorted(
        {
            (int(claim[part_pos[i]]), int(claim[whole_pos[j]]))
            for i, j in zip(a[mutual], b[mutual], strict=True)
        }
    )


def split_by_place(
    pairs: list[tuple[int, int]], claims: pd.DataFrame
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The pairs whose places differ (hierarchy, populations equal or not: a mixed case keeps
    the name of the place it crosses) and those at one place (subgroup)."""
    loc = claims["loc_c"]
    across = [(a, b) for a, b in pairs if loc.at[a] != loc.at[b]]
    at_one = [(a, b) for a, b in pairs if loc.at[a] == loc.at[b]]
    return across, at_one


def pair_flags(rule: str, pairs: list[tuple[int, int]], claims: pd.DataFrame) -> list[RawFlag]:
    """One hard flag per (part, whole) pair of claim numbers: major, or moderate when either
    window start is assumed."""
    low, high = claims["low"].to_numpy(), claims["high"].to_numpy()
    assumed = claims["start_assumed"].to_numpy()
    return [
        RawFlag(
            rule=rule,
            severity=hard_severity(bool(assumed[a] or assumed[b])),
            members=(a, b),
            anchor=a,
            ratio=ratio_of(low[a], high[b]),
        )
        for a, b in pairs
    ]
