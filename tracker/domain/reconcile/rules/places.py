"""Rules 3 and 4, pair by pair: a place against the places containing it (hierarchy), and a
population subgroup against the groups it belongs to (subgroup).

A community's count cannot exceed its sub-district's, district's, governorate's or country's for
a window containing its own; children cannot outnumber civilians, nor civilians all people, in
the same place and window. Contradiction when low(part) > high(whole).

Each claim is listed once under every broader key (each ancestor place, or each larger
population); the sweep then asks, per listed claim, for the broader claim with the smallest high
whose window contains it, and keeps pairs that are each other's most extreme counterpart. A stock
is compared at its own date only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.raw import RawFlag, hard_severity, ratio_of
from tracker.domain.reconcile.series import Labels
from tracker.domain.reconcile.sweep import NONE, codes, nested_max_inside, nested_min
from tracker.domain.windows import NO_DAY


def comparable(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims with a window: flows with a known start, and stocks (window = their date), with
    ``x`` = the window's first day."""
    cols = ["metric_c", "pop_c", "loc_c", "measure_c", "flow", "start_d", "end_d", "low", "high"]
    usable = claims.loc[~claims["flow"] | claims["start_known"], cols]
    x = np.where(usable["flow"], usable["start_d"], usable["end_d"])
    return usable.assign(x=np.where(x == NO_DAY, usable["end_d"], x))


def _expand(usable: pd.DataFrame, column: str, broader: np.ndarray) -> tuple[np.ndarray, ...]:
    """(claim position, broader code) for every broader code of each claim's ``column`` code;
    ``broader`` is code × depth (nearest first, -1 padded). Ordered by depth, then claim."""
    own = usable[column].to_numpy()
    rows, keys = [], []
    for depth in range(broader.shape[1]):
        up = broader[own, depth]
        hit = np.flatnonzero(up >= 0)
        rows.append(hit)
        keys.append(up[hit])
    return np.concatenate(rows), np.concatenate(keys)


def broader_pairs(usable: pd.DataFrame, column: str, broader: np.ndarray) -> list[tuple[int, int]]:
    """(part claim, whole claim) pairs along ``column`` (loc_c or pop_c): the part's window
    inside the whole's, low(part) > high(whole), each the other's extreme counterpart."""
    if usable.empty:
        return []
    part_pos, part_code = _expand(usable, column, broader)
    if len(part_pos) == 0:
        return []
    fixed = [c for c in ("metric_c", "pop_c", "loc_c", "measure_c") if c != column]
    base = [usable[c].to_numpy() for c in fixed]
    key = codes(
        *(np.concatenate([b[part_pos], b]) for b in base),
        np.concatenate([part_code, usable[column].to_numpy()]),
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


def _flags(rule: str, pairs: list[tuple[int, int]], claims: pd.DataFrame) -> list[RawFlag]:
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


def population_supersets(labels: Labels, ctx: ReconcileContext) -> np.ndarray:
    """population code × depth → the code of each population it belongs to (-1 padded)."""
    names = list(labels.names["population"])
    index = {p: i for i, p in enumerate(names)}
    chains = [
        [index[s] for s in ctx.population_supersets.get(str(p), ()) if s in index] for p in names
    ]
    out = np.full((len(names), max(max((len(c) for c in chains), default=0), 1)), -1, np.int64)
    for i, chain in enumerate(chains):
        out[i, : len(chain)] = chain
    return out


def find_hierarchy(claims: pd.DataFrame, labels: Labels) -> list[RawFlag]:
    """Each place against every ancestor place with a claim for the same count."""
    pairs = broader_pairs(comparable(claims), "loc_c", labels.ancestors)
    return _flags("hierarchy", pairs, claims)


def find_subgroup(claims: pd.DataFrame, labels: Labels, ctx: ReconcileContext) -> list[RawFlag]:
    """Each population against every population it belongs to, same place and count."""
    pairs = broader_pairs(comparable(claims), "pop_c", population_supersets(labels, ctx))
    return _flags("subgroup", pairs, claims)
