"""Rule 3, second half: the lows of disjoint places inside an area, summed, cannot exceed the
area's high for the same window.

For one count (metric, population, measure) and one exact window, every place gets a lower bound:
the largest low claimed for it, or the sum of its children's bounds when that is larger (the
children are disjoint, so their counts add). Bounds are built level by level from the
communities up. An area whose own smallest high is below a sum made of two or more claims is
flagged, unless one claim alone already exceeds it (the pairwise rule covers that).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.flags.raw import RawFlag, hard_severity, ratio_of
from tracker.flags.rules.places import comparable
from tracker.flags.sweep import codes
from tracker.series import Labels


def _own(usable: pd.DataFrame) -> pd.DataFrame:
    """Per (window, place): the claim with the largest low and the one with the smallest high."""
    frame = usable.reset_index(names="claim")[["claim", "w", "loc_c", "low", "high"]]
    by_low = frame.sort_values(["w", "loc_c", "low", "claim"], ascending=[1, 1, 0, 1])
    by_high = frame.sort_values(["w", "loc_c", "high", "claim"])
    own = by_low.drop_duplicates(["w", "loc_c"])[["w", "loc_c", "claim", "low"]]
    top = by_high.drop_duplicates(["w", "loc_c"])[["w", "loc_c", "claim", "high"]]
    own = own.rename(columns={"claim": "low_claim"})
    top = top.rename(columns={"claim": "high_claim"})
    return own.merge(top, on=["w", "loc_c"])


def _bounds(own: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Lower bound per (window, place), children first.

    child_sum: the summed bounds of its children; n_children: how many claims that sum is made
    of; max_child: the largest single claim in it.
    """
    nodes = own.assign(
        level=labels.level[own["loc_c"].to_numpy()], child_sum=0.0, n_children=0, max_child=0.0
    )
    done = []
    for level in range(int(nodes["level"].max()), -1, -1):
        at = nodes[nodes["level"] == level]
        own_low = at["low"].fillna(0.0).to_numpy()
        own_wins = own_low >= at["child_sum"].to_numpy()
        at = at.assign(
            bound=np.where(own_wins, own_low, at["child_sum"]),
            parts=np.where(own_wins, 1, at["n_children"]),
            max_part=np.where(own_wins, own_low, at["max_child"]),
        )
        done.append(at)
        up = at[(at["bound"] > 0).to_numpy() & (labels.parent[at["loc_c"].to_numpy()] >= 0)]
        up = up.assign(loc_c=labels.parent[up["loc_c"].to_numpy()])
        up = up.groupby(["w", "loc_c"], as_index=False).agg(
            child_sum_up=("bound", "sum"),
            n_children_up=("parts", "sum"),
            max_child_up=("max_part", "max"),
        )
        rest = nodes[nodes["level"] < level].merge(up, on=["w", "loc_c"], how="outer")
        rest["level"] = labels.level[rest["loc_c"].to_numpy()]
        rest = rest.fillna(
            {
                "child_sum": 0.0,
                "n_children": 0,
                "max_child": 0.0,
                "child_sum_up": 0.0,
                "n_children_up": 0,
                "max_child_up": 0.0,
            }
        )
        nodes = rest.assign(
            child_sum=rest["child_sum"] + rest["child_sum_up"],
            n_children=(rest["n_children"] + rest["n_children_up"]).astype(int),
            max_child=np.fmax(rest["max_child"], rest["max_child_up"]),
        ).drop(columns=["child_sum_up", "n_children_up", "max_child_up"])
    out = pd.concat(done, ignore_index=True)
    return out.assign(parent=labels.parent[out["loc_c"].to_numpy()])


def _contributors(bounds: pd.DataFrame, w: int, place: int) -> list[int]:
    """The claims whose lows make up a place's children sum (walking down the tree)."""
    children = bounds[(bounds["w"] == w) & (bounds["parent"] == place) & (bounds["bound"] > 0)]
    out: list[int] = []
    for row in children.itertuples():
        if pd.notna(row.low) and row.low >= row.child_sum:
            out.append(int(row.low_claim))
        else:
            out.extend(_contributors(bounds, w, int(row.loc_c)))
    return out


def find(claims: pd.DataFrame, labels: Labels) -> list[RawFlag]:
    """Areas whose high is below the summed lows of their disjoint parts."""
    usable = comparable(claims)
    has_parent = labels.parent[usable["loc_c"].to_numpy()] >= 0
    w = codes(*(usable[c].to_numpy() for c in ("metric_c", "pop_c", "measure_c", "x", "end_d")))
    is_area = np.zeros(len(labels.place), dtype=bool)
    is_area[labels.parent[labels.parent >= 0]] = True
    areas = np.unique(w[is_area[usable["loc_c"].to_numpy()]])
    with_parts = np.unique(w[has_parent])
    usable = usable.assign(w=w)[np.isin(w, np.intersect1d(areas, with_parts))]
    if usable.empty:
        return []
    bounds = _bounds(_own(usable), labels)
    bad = bounds[
        bounds["high"].notna()
        & (bounds["n_children"] >= 2)
        & (bounds["child_sum"] > bounds["high"])
        & (bounds["max_child"] <= bounds["high"])
    ]
    if bad.empty:
        return []
    bounds = bounds[bounds["w"].isin(bad["w"])]
    assumed = claims["start_assumed"].to_numpy()
    out = []
    for row in bad.sort_values(["w", "loc_c"]).itertuples():
        parts = sorted(_contributors(bounds, int(row.w), int(row.loc_c)))
        whole = int(row.high_claim)
        out.append(
            RawFlag(
                rule="hierarchy",
                severity=hard_severity(bool(assumed[[*parts, whole]].any())),
                members=(*parts, whole),
                anchor=whole,
                ratio=ratio_of(row.child_sum, row.high),
                detail={"sum": float(row.child_sum), "whole": whole, "parts": parts},
            )
        )
    return out
