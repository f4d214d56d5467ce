"""Rule 1, window containment (flows): if claim A's window lies inside claim B's (same metric,
population and place), count(A) <= count(B); contradiction when low(A) > high(B).

Pairwise: for each claim A the sweep finds the container with the smallest high; for that
container, the contained claim with the largest low (:func:`.nesting.inside_pairs`). A flag pairs
two claims that are each other's most extreme counterpart, so one wrong figure raises one flag,
not one per claim it contradicts. Two different sources' claims on exactly the same window are
left to the divergence rule, and a source's own running total falling is a regression
(:mod:`.regression`).

Daily counts: a source's one-day counts summed over a window are a derived claim for that
window, comparable with any claim on it (another source's "since" total, or its own). For every
multi-day window W claimed in a series group and every source with at least two daily counts
inside W: low = sum of the daily lows; high = sum of the daily highs when the days cover all of
W, else unbounded. Contradiction when the sum's low exceeds high(W's claim) (the days lie inside
W), or when the days cover W and low(W's claim) exceeds the sum's high. Sums use prefix sums and
binary search, one lookup per (window, source). Per pair of sources and direction only the most
extreme window is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from tracker.domain.reconcile.raw import RawFlag, hard_severity, ratio_of
from tracker.domain.reconcile.rules.nesting import Ints, same_run
from tracker.domain.reconcile.sweep import codes, order_by, search
from tracker.domain.windows import one_day

RULE = "containment"


def find(flows: pd.DataFrame, inside: tuple[Ints, Ints]) -> list[RawFlag]:
    """Pairwise containment flags among :func:`.nesting.dated_flows`, from their
    :func:`.nesting.inside_pairs` that are not one source's own running total."""
    a, b = inside
    other = ~same_run(flows, a, b)
    idx = flows.index.to_numpy()
    low, high = flows["low"].to_numpy(), flows["high"].to_numpy()
    assumed = flows["start_assumed"].to_numpy()
    out = []
    for i, j in sorted(zip(a[other].tolist(), b[other].tolist(), strict=True)):
        ca, cb = int(idx[i]), int(idx[j])
        out.append(
            RawFlag(
                rule=RULE,
                severity=hard_severity(bool(assumed[i] or assumed[j])),
                members=(ca, cb),
                anchor=ca,
                ratio=ratio_of(low[i], high[j]),
                exclude=(ca, cb),
                reason="contradicts",
            )
        )
    return out


# -- daily counts summed over a window -------------------------------------------------------


@dataclass
class DailySums:
    """Derived claims (one row per window and source) and the flags they raise."""

    derived: pd.DataFrame
    flags: list[RawFlag]


def _daily_table(days: pd.DataFrame) -> pd.DataFrame:
    """One row per (group, source, day), in that order: largest low and smallest high of that
    day's claims."""
    g, src, day = (days[c].to_numpy(np.int64) for c in ("g", "source_c", "start_d"))
    order = order_by(g, src, day)
    g, src, day = g[order], src[order], day[order]
    new = np.r_[True, (g[1:] != g[:-1]) | (src[1:] != src[:-1]) | (day[1:] != day[:-1])]
    starts = np.flatnonzero(new)
    return pd.DataFrame({
        "g": g[starts], "source_c": src[starts], "start_d": day[starts],
        "low": np.maximum.reduceat(days["low"].to_numpy("float64")[order], starts),
        "high": np.minimum.reduceat(days["high"].to_numpy("float64")[order], starts),
    })  # fmt: skip


#: The window claim's columns a (window, daily source) pair carries: what the sums, the flags
#: and the derived claims read.
PAIR_COLUMNS = ("g", "source_c", "start_d", "end_d", "low", "high")


def _with_sources(src_g: np.ndarray, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each window claim (by its position in ``g``, its group code) once per daily source of
    its group (by its position in ``src_g``, the sources' groups, sorted), in the claims' order
    then the sources'."""
    first = np.searchsorted(src_g, g, "left")
    count = np.searchsorted(src_g, g, "right") - first
    rep = np.repeat(np.arange(len(g)), count)
    offset = np.arange(len(rep)) - np.repeat(np.cumsum(count) - count, count)
    return rep, np.repeat(first, count) + offset


def _windows(flows: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """(multi-day window claim, daily source) pairs with the sums of that source's days in it:
    the window's claim number (``target``) and :data:`PAIR_COLUMNS`, the daily source
    (``day_source``, ``gsrc``), the days' span in the table (``i0``, ``i1``, ``n_days``) and their
    sums. Computed on arrays and built into one frame (a frame of the claims' every column,
    repeated per source and added to a column at a time, cost more than the sums)."""
    start_d, day_g = table["start_d"].to_numpy(), table["g"].to_numpy(np.int64)
    span = int(start_d.max() - start_d.min()) + 2
    lo_day = int(start_d.min())
    gsrc = codes(day_g, table["source_c"].to_numpy())
    key = gsrc * span + (start_d - lo_day)
    high = table["high"].to_numpy()
    cum_low = np.concatenate([[0.0], np.cumsum(table["low"].to_numpy())])
    cum_high = np.concatenate([[0.0], np.cumsum(np.where(np.isinf(high), 0.0, high))])
    cum_inf = np.concatenate([[0], np.cumsum(np.isinf(high))])
    firsts = np.flatnonzero(np.r_[True, gsrc[1:] != gsrc[:-1]])  # a row per (group, source)
    g = flows["g"].to_numpy(np.int64)
    multi = np.flatnonzero(
        (flows["end_d"].to_numpy() > flows["start_d"].to_numpy()) & np.isin(g, day_g[firsts])
    )
    rep, at = _with_sources(day_g[firsts], g[multi])
    take = multi[rep]
    pair = {"target": flows.index.to_numpy()[take]}
    pair |= {c: flows[c].to_numpy()[take] for c in PAIR_COLUMNS}
    pair |= {"day_source": table["source_c"].to_numpy()[firsts][at], "gsrc": gsrc[firsts][at]}
    s = np.clip(pair["start_d"] - lo_day, -1, span - 1)
    e = np.clip(pair["end_d"] - lo_day, -1, span - 1)
    i0 = search(key, pair["gsrc"] * span + s, "left")
    i1 = search(key, pair["gsrc"] * span + e, "right")
    n = i1 - i0
    full = n == pair["end_d"] - pair["start_d"] + 1
    finite = (cum_inf[i1] - cum_inf[i0]) == 0
    pair |= {
        "i0": i0,
        "i1": i1,
        "n_days": n,
        "sum_low": cum_low[i1] - cum_low[i0],
        "sum_high": np.where(full & finite, cum_high[i1] - cum_high[i0], np.inf),
    }
    kept = n >= 2
    return pd.DataFrame({c: v[kept] for c, v in pair.items()})


def _strongest(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per (group, day source, window source, direction): the window with the largest ratio."""
    pairs = pairs.sort_values(
        ["g", "day_source", "source_c", "over", "ratio", "end_d", "target"],
        ascending=[True, True, True, True, False, True, True],
    )
    return pairs.drop_duplicates(["g", "day_source", "source_c", "over"])


def daily_sums(flows: pd.DataFrame, claims: pd.DataFrame) -> DailySums:
    """Derived sums and their contradictions. ``flows`` are flows with a known start and a
    group code ``g`` (metric, population, location)."""
    empty = DailySums(pd.DataFrame(), [])
    days = flows[one_day(flows["start_d"], flows["end_d"], flows["start_assumed"])]
    if len(days) < 2:
        return empty
    table = _daily_table(days)
    pairs = _windows(flows, table)
    if pairs.empty:
        return empty
    over = pairs["sum_low"] > pairs["high"]
    under = pairs["low"] > pairs["sum_high"]
    bad = pairs[over | under].assign(over=over[over | under])
    bad = bad.assign(
        ratio=np.where(
            bad["over"],
            [ratio_of(a, b) for a, b in zip(bad["sum_low"], bad["high"], strict=True)],
            [ratio_of(a, b) for a, b in zip(bad["low"], bad["sum_high"], strict=True)],
        )
    )
    days = days.reset_index(names="claim")
    flags = [_flag(row, table, days, claims) for row in _strongest(bad).itertuples()]
    return DailySums(pairs, flags)


def _flag(row: Any, table: pd.DataFrame, days: pd.DataFrame, claims: pd.DataFrame) -> RawFlag:
    """One derived-sum flag: the daily claims first, then the window's claim."""
    span = table.iloc[row.i0 : row.i1]
    chosen = days[
        (days["g"] == span["g"].iloc[0])
        & (days["source_c"] == span["source_c"].iloc[0])
        & days["start_d"].between(span["start_d"].min(), span["start_d"].max())
    ]
    day_claims = sorted(int(c) for c in chosen["claim"])
    target = int(row.target)
    assumed = bool(claims["start_assumed"].iloc[target])
    return RawFlag(
        rule=RULE,
        severity=hard_severity(assumed),
        members=(*day_claims, target),
        anchor=target,
        ratio=float(row.ratio),
        exclude=(*day_claims, target),
        reason="contradicts",
        detail={
            "derived": True,
            "over": bool(row.over),
            "days": day_claims,
            "target": target,
            "n_days": int(row.n_days),
            "sum_low": float(row.sum_low),
            "sum_high": float(row.sum_high),
        },
    )
