"""Rule 3, place hierarchy: a place's count cannot exceed its parent's for the same window
(low(child) > high(parent) contradicts), and the lows of disjoint children summed cannot exceed
the parent's high.

Pairwise: a community's count cannot exceed its sub-district's, district's, governorate's or
country's for a window containing its own, for its own population or any population it belongs
to (:func:`.nesting.nested_pairs`, the product order of DESIGN §6). A pair across places is a
hierarchy flag whether the populations are equal or not: "at least 700 children killed in a
town, 1-20 March" against "450 people killed in its governorate, 1-31 March" is a hierarchy
flag whose sentence names both populations (the mixed case keeps the name of the place rule).

Sums: for one count (metric, population, measure) and one exact window, every place gets a lower
bound: the largest low claimed for it, or the sum of its children's bounds when that is larger
(the children are disjoint, so their counts add). Bounds are built level by level from the
communities up. An area whose own smallest high is below a sum made of two or more claims is
flagged, unless one claim alone already exceeds it (the pairwise rule covers that).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tracker.domain.reconcile.raw import RawFlag, hard_severity, ratio_of
from tracker.domain.reconcile.rules.nesting import comparable, pair_flags, split_by_place
from tracker.domain.reconcile.series import Labels
from tracker.domain.reconcile.sweep import codes, order_by

RULE = "hierarchy"


def find(claims: pd.DataFrame, nested: list[tuple[int, int]]) -> list[RawFlag]:
    """The nested pairs (:func:`.nesting.nested_pairs`) whose places differ: a place against
    every ancestor place with a claim for the same count, of its population or a broader one."""
    return pair_flags(RULE, split_by_place(nested, claims)[0], claims)


# -- the parts of an area summed ----------------------------------------------------------------


@dataclass
class Tree:
    """Nodes (window, place) with their own claims and their children's sums."""

    w: np.ndarray
    location: np.ndarray
    parent: np.ndarray  # node id, -1 at the top
    own_low: np.ndarray
    low_claim: np.ndarray
    own_high: np.ndarray
    high_claim: np.ndarray
    child_sum: np.ndarray
    n_parts: np.ndarray
    max_part: np.ndarray
    bound: np.ndarray


def _nodes(usable: pd.DataFrame, labels: Labels) -> tuple[np.ndarray, np.ndarray]:
    """Every (window, place) with a claim, and every (window, ancestor) above one."""
    w, loc = usable["w"].to_numpy(), usable["loc_c"].to_numpy()
    ws, locations = [w], [loc]
    for depth in range(labels.ancestors.shape[1]):
        up = labels.ancestors[loc, depth]
        ws.append(w[up >= 0])
        locations.append(up[up >= 0])
    w_all, p_all = np.concatenate(ws), np.concatenate(locations)
    first = np.unique(codes(w_all, p_all), return_index=True)[1]
    return w_all[first], p_all[first]


def _tree(usable: pd.DataFrame, labels: Labels) -> Tree:
    """The (window, place) nodes with their own lowest-high and highest-low claims."""
    w, location = _nodes(usable, labels)
    n = len(w)
    node = codes(
        np.concatenate([w, usable["w"].to_numpy(), w]),
        np.concatenate([location, usable["loc_c"].to_numpy(), labels.parent[location]]),
    )
    own_node = node[n : n + len(usable)]
    parent_key = node[n + len(usable) :]
    index = np.full(int(node.max()) + 1, -1, dtype=np.int64)
    index[node[:n]] = np.arange(n)
    parent = np.where(labels.parent[location] >= 0, index[parent_key], -1)
    own = index[own_node]
    claim, low, high = usable.index.to_numpy(), usable["low"].to_numpy(), usable["high"].to_numpy()
    by_low = np.lexsort((claim, -low, own))
    by_high = np.lexsort((claim, high, own))
    t = Tree(
        w,
        location,
        parent,
        np.full(n, np.nan),
        np.full(n, -1),
        np.full(n, np.inf),
        np.full(n, -1),
        np.zeros(n),
        np.zeros(n, np.int64),
        np.zeros(n),
        np.zeros(n),
    )
    for order, values, target, claims in (
        (by_low[::-1], low, t.own_low, t.low_claim),
        (by_high[::-1], high, t.own_high, t.high_claim),
    ):
        target[own[order]] = values[order]
        claims[own[order]] = claim[order]
    return t


def _fill(t: Tree, labels: Labels) -> None:
    """Bounds from the deepest level up: own low, or the children's sum when larger."""
    level = labels.level[t.location]
    for lvl in range(int(level.max(initial=0)), -1, -1):
        at = np.flatnonzero(level == lvl)
        own = np.nan_to_num(t.own_low[at], nan=0.0)
        own_wins = own >= t.child_sum[at]
        t.bound[at] = np.where(own_wins, own, t.child_sum[at])
        parts = np.where(own_wins, 1, t.n_parts[at])
        biggest = np.where(own_wins, own, t.max_part[at])
        up = at[(t.bound[at] > 0) & (t.parent[at] >= 0)]
        sel = (t.bound[at] > 0) & (t.parent[at] >= 0)
        np.add.at(t.child_sum, t.parent[up], t.bound[up])
        np.add.at(t.n_parts, t.parent[up], parts[sel])
        np.maximum.at(t.max_part, t.parent[up], biggest[sel])


def _contributors(t: Tree, node: int) -> list[int]:
    """The claims whose lows make up a node's children sum (walking down the tree)."""
    out: list[int] = []
    for child in np.flatnonzero((t.parent == node) & (t.bound > 0)):
        if not np.isnan(t.own_low[child]) and t.own_low[child] >= t.child_sum[child]:
            out.append(int(t.low_claim[child]))
        else:
            out.extend(_contributors(t, int(child)))
    return out


def find_sums(
    claims: pd.DataFrame, labels: Labels, usable: pd.DataFrame | None = None
) -> list[RawFlag]:
    """Areas whose high is below the summed lows of their disjoint parts (``usable``: the
    claims' :func:`comparable` rows, when the caller has them)."""
    usable = comparable(claims) if usable is None else usable
    if usable.empty:
        return []
    cols = ("metric_c", "pop_c", "measure_c", "x", "end_d")
    usable = usable.assign(w=codes(*(usable[c].to_numpy() for c in cols)))
    usable = usable[np.isin(usable["w"].to_numpy(), _possible_windows(usable, labels))]
    if usable.empty:
        return []
    return _flags(usable, labels, claims)


def _possible_windows(usable: pd.DataFrame, labels: Labels) -> np.ndarray:
    """Windows where some area is claimed and all claims below it, summed, could exceed its
    smallest high (a necessary condition, cheap: one pass over claims × ancestors)."""
    loc, w = usable["loc_c"].to_numpy(), usable["w"].to_numpy()
    low, high = usable["low"].to_numpy(), usable["high"].to_numpy()
    depth = labels.ancestors.shape[1]
    up = np.concatenate([labels.ancestors[loc, d] for d in range(depth)])
    below = up >= 0
    w_up = np.tile(w, depth)[below]
    keys = codes(np.concatenate([w, w_up]), np.concatenate([loc, up[below]]))
    own, anc = keys[: len(w)], keys[len(w) :]
    size = int(keys.max(initial=-1)) + 1
    sums = np.bincount(anc, weights=np.tile(low, depth)[below], minlength=size)
    count = np.bincount(anc, minlength=size)
    top = np.full(size, np.inf)
    np.minimum.at(top, own, high)
    hit = (sums > top) & (count >= 2)
    return np.unique(w[hit[own]])


def _flags(usable: pd.DataFrame, labels: Labels, claims: pd.DataFrame) -> list[RawFlag]:
    """One flag per area whose high its disjoint parts' lows exceed together."""
    t = _tree(usable, labels)
    _fill(t, labels)
    bad = np.flatnonzero(
        np.isfinite(t.own_high) & (t.n_parts >= 2) & (t.child_sum > t.own_high)
        & (t.max_part <= t.own_high)
    )  # fmt: skip
    assumed = claims["start_assumed"].to_numpy()
    out = []
    for node in bad[order_by(t.w[bad], t.location[bad])]:
        parts = sorted(_contributors(t, int(node)))
        whole = int(t.high_claim[node])
        out.append(
            RawFlag(
                rule=RULE,
                severity=hard_severity(bool(assumed[[*parts, whole]].any())),
                members=(*parts, whole),
                anchor=whole,
                ratio=ratio_of(t.child_sum[node], t.own_high[node]),
                detail={"sum": float(t.child_sum[node]), "whole": whole, "parts": parts},
            )
        )
    return out
