"""Vectorised sort-and-sweep primitives the rules share (numpy only, no Python loop per claim).

Every function answers, for many queries at once, "which claim is the most extreme one that
stands in a given relation to me?". Each costs O(n log n): a few sorts and binary searches per
level of a dyadic decomposition, never a comparison of all pairs. Ties are broken by the smaller
data position, so the answers depend only on the order the caller sorted the data in.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

Side = Literal["left", "right"]

NONE = -1


def codes(*columns: np.ndarray) -> np.ndarray:
    """One int64 code per distinct combination of the given integer columns, numbered in order
    of first appearance (so the codes follow the order the caller sorted the rows in).

    Columns are packed into as few 62-bit words as their ranges allow, then hashed exactly
    (pandas.factorize), which is much faster than sorting on many keys.
    """
    if not columns:
        raise ValueError("codes() needs at least one column")
    words: list[np.ndarray] = []
    bits = 0
    for col in columns:
        col = np.asarray(col, dtype=np.int64)
        lo = int(col.min(initial=0))
        width = max(int(col.max(initial=0)) - lo, 0).bit_length()
        shifted = col - lo
        if not words or bits + width > 62:
            words.append(shifted.copy())
            bits = width
        else:
            words[-1] = (words[-1] << width) | shifted
            bits += width
    code = _factorized(words[0])
    for w in words[1:]:
        other = _factorized(w)
        code = _factorized(code * (int(other.max(initial=0)) + 1) + other)
    return code


def _factorized(values: np.ndarray) -> np.ndarray:
    """pandas.factorize's codes as int64 (numbered in order of first appearance)."""
    return np.asarray(pd.factorize(values)[0], dtype=np.int64)


def search(sorted_keys: np.ndarray, needles: np.ndarray, side: Side = "left") -> np.ndarray:
    """np.searchsorted with the needles sorted first: binary searches in order stay in cache,
    which is several times faster on millions of needles."""
    needles = np.asarray(needles)
    if len(needles) < 1024:
        return np.asarray(np.searchsorted(sorted_keys, needles, side), dtype=np.int64)
    order = np.argsort(needles)
    out = np.empty(len(needles), dtype=np.int64)
    out[order] = np.searchsorted(sorted_keys, needles[order], side)
    return out


def order_by(*keys: np.ndarray) -> np.ndarray:
    """A stable order of rows by several integer keys (the last varies fastest), from one
    argsort of the keys packed into one int64 (falls back to lexsort when they do not fit)."""
    packed = np.zeros(len(keys[0]), dtype=np.int64)
    bits = 0
    for key in keys:
        key = np.asarray(key, dtype=np.int64)
        lo = int(key.min(initial=0))
        width = max(int(key.max(initial=0)) - lo, 0).bit_length()
        bits += width
        if bits > 62:
            return np.lexsort([np.asarray(k) for k in reversed(keys)])
        packed = (packed << width) | (key - lo)
    return np.argsort(packed, kind="stable")


def remap(found: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Positions found in a subset, as positions in the whole (NONE stays NONE)."""
    if len(positions) == 0:
        return np.full(len(found), NONE, dtype=np.int64)
    return np.where(found == NONE, NONE, positions[np.maximum(found, 0)])


def _value_rank(v: np.ndarray) -> np.ndarray:
    """Rank of each value (ties broken by position): a unique int standing for (value, position)."""
    order = np.argsort(v, kind="stable")
    rank = np.empty(len(v), dtype=np.int64)
    rank[order] = np.arange(len(v), dtype=np.int64)
    return rank


def _suffix_min(values: np.ndarray, block: np.ndarray) -> np.ndarray:
    """Minimum of values from each position to the end of its block (blocks sorted ascending)."""
    if len(values) == 0:
        return values
    big = np.int64(int(values.max()) + 1)
    rev_vals = values[::-1]
    rev_block = block[::-1] - block.min()
    acc = np.minimum.accumulate(rev_vals + rev_block * big) - rev_block * big
    return np.asarray(acc[::-1])


def _distinct_ranks(
    gx: np.ndarray, span_x: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For sorted-distinct (group, x) pairs: the sorted distinct keys, each data point's rank of
    x within its group, the position of its group's first distinct key, and the group's number
    of distinct x."""
    order = np.argsort(gx)
    sorted_gx = gx[order]
    new = np.empty(len(gx), dtype=bool)
    new[:1] = True
    new[1:] = sorted_gx[1:] != sorted_gx[:-1]
    uniq = sorted_gx[new]
    uid = np.empty(len(gx), dtype=np.int64)
    uid[order] = np.cumsum(new) - 1
    ug = uniq // span_x
    new_group = np.empty(len(uniq), dtype=bool)
    new_group[:1] = True
    new_group[1:] = ug[1:] != ug[:-1]
    gstart = np.maximum.accumulate(np.where(new_group, np.arange(len(uniq)), 0))
    gid = np.cumsum(new_group) - 1
    size = np.bincount(gid)[gid]
    return uniq, uid - gstart[uid], gstart[uid], size[uid]


def nested_min(
    g: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    v: np.ndarray,
    qg: np.ndarray,
    qx: np.ndarray,
    qy: np.ndarray,
) -> np.ndarray:
    """For each query, the data position with the smallest v among data with
    g == qg, x <= qx and y >= qy (NONE when there is none).

    With x = window start and y = window end this is "the window containing mine whose value
    is smallest". The data's distinct x per group are ranked; a query's prefix of ranks is cut
    into dyadic blocks (as in a Fenwick tree) and, per block size, the data are sorted by
    (block, y) with a suffix minimum, so each query needs one binary search per block size.
    Ties go to the smaller data position.
    """
    n, m = len(g), len(qg)
    out = np.full(m, NONE, dtype=np.int64)
    if n == 0 or m == 0:
        return out
    g, x, y = (np.asarray(a, dtype=np.int64) for a in (g, x, y))
    qg, qx, qy = (np.asarray(a, dtype=np.int64) for a in (qg, qx, qy))
    v = np.asarray(v, dtype=np.float64)
    keep = np.flatnonzero(np.isin(g, qg))
    if len(keep) < n:
        return remap(nested_min(g[keep], x[keep], y[keep], v[keep], qg, qx, qy), keep)
    lo_x = min(int(x.min()), int(qx.min()))
    lo_y = min(int(y.min()), int(qy.min()))
    span_x = max(int(x.max()), int(qx.max())) - lo_x + 2
    span_y = max(int(y.max()), int(qy.max())) - lo_y + 2
    uniq, rank, first, group_size = _distinct_ranks(g * span_x + (x - lo_x), span_x)
    qfirst = search(uniq, qg * span_x, "left")
    qrank = search(uniq, qg * span_x + (qx - lo_x), "right") - qfirst
    vrank = _value_rank(v)
    best = np.full(m, n, dtype=np.int64)
    for level in range(int(qrank.max(initial=0)).bit_length()):
        qsel = np.flatnonzero((qrank >> level) & 1)
        if len(qsel) == 0:
            continue
        blk = rank >> level
        dsel = np.flatnonzero(((blk & 1) == 0) & (((blk + 1) << level) <= group_size))
        if len(dsel) == 0:
            continue
        dblock = first[dsel] + (blk[dsel] << level)
        key = dblock * span_y + (y[dsel] - lo_y)
        order = np.argsort(key)
        key, dblock = key[order], dblock[order]
        suffix = _suffix_min(vrank[dsel][order], dblock)
        qblock = qfirst[qsel] + (((qrank[qsel] >> level) - 1) << level)
        pos = search(key, qblock * span_y + (qy[qsel] - lo_y), "left")
        clipped = np.minimum(pos, len(key) - 1)
        hit = (pos < len(key)) & (dblock[clipped] == qblock)
        best[qsel] = np.where(hit, np.minimum(best[qsel], suffix[clipped]), best[qsel])
    found = best < n
    order_v = np.empty(n, dtype=np.int64)
    order_v[vrank] = np.arange(n, dtype=np.int64)
    out[found] = order_v[best[found]]
    return out


def nested_max_inside(
    g: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    v: np.ndarray,
    qg: np.ndarray,
    qx: np.ndarray,
    qy: np.ndarray,
) -> np.ndarray:
    """For each query, the data position with the largest v among data with
    g == qg, x >= qx and y <= qy: "the window inside mine whose value is largest"."""
    neg = [-np.asarray(a, dtype=np.int64) for a in (x, y, qx, qy)]
    return nested_min(g, neg[0], neg[1], -np.asarray(v, dtype=np.float64), qg, neg[2], neg[3])


def _merge_top2(
    a: tuple[np.ndarray, np.ndarray],
    b: tuple[np.ndarray, np.ndarray],
    val: np.ndarray,
    src: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Merge two (best, best-of-another-source) summaries; the sentinel is the last position."""
    (b1, s1), (b2, s2) = a, b
    take2 = (val[b2] > val[b1]) | ((val[b2] == val[b1]) & (b2 < b1))
    best = np.where(take2, b2, b1)
    second = np.full_like(best, len(val) - 1)
    for cand in (b1, s1, b2, s2):
        ok = src[cand] != src[best]
        better = ok & ((val[cand] > val[second]) | ((val[cand] == val[second]) & (cand < second)))
        second = np.where(better, cand, second)
    return best, second


def range_best_other_source(
    val: np.ndarray, src: np.ndarray, lo: np.ndarray, hi: np.ndarray, qsrc: np.ndarray
) -> np.ndarray:
    """For each query, the position in [lo, hi) with the largest val whose source differs from
    qsrc (NONE when there is none). Ties: the smaller position.

    A sparse table of (best, best from another source) pairs, built one doubling at a time;
    each query reads two overlapping blocks of the largest size that fits its range.
    """
    n, m = len(val), len(lo)
    out = np.full(m, NONE, dtype=np.int64)
    if n == 0 or m == 0:
        return out
    valx = np.append(np.asarray(val, dtype=np.float64), -np.inf)
    srcx = np.append(np.asarray(src, dtype=np.int64), -1)
    sentinel = n
    length = np.asarray(hi, dtype=np.int64) - np.asarray(lo, dtype=np.int64)
    live = length > 0
    level_of = np.zeros(m, dtype=np.int64)
    level_of[live] = np.floor(np.log2(length[live])).astype(np.int64)
    best = np.append(np.arange(n, dtype=np.int64), sentinel)
    second = np.full(n + 1, sentinel, dtype=np.int64)
    res_best = np.full(m, sentinel, dtype=np.int64)
    res_second = np.full(m, sentinel, dtype=np.int64)
    for level in range(int(level_of[live].max(initial=-1)) + 1):
        if level:
            half = 1 << (level - 1)
            shifted = np.append(np.arange(half, n + 1, dtype=np.int64), [sentinel] * half)
            shifted = np.minimum(shifted, sentinel)
            best, second = _merge_top2((best, second), (best[shifted], second[shifted]), valx, srcx)
            best[sentinel] = second[sentinel] = sentinel
        sel = np.flatnonzero(live & (level_of == level))
        if len(sel) == 0:
            continue
        left = lo[sel]
        right = hi[sel] - (1 << level)
        res_best[sel], res_second[sel] = _merge_top2(
            (best[left], second[left]), (best[right], second[right]), valx, srcx
        )
    pick = np.where(srcx[res_best] != qsrc, res_best, res_second)
    found = pick != sentinel
    out[found] = pick[found]
    return out


# -- running bounds along runs of rows -------------------------------------------------------


def run_ids(keys: np.ndarray) -> np.ndarray:
    """0, 1, 2, … per run of equal consecutive keys (rows of one series are consecutive)."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.cumsum(np.r_[False, keys[1:] != keys[:-1]]).astype(np.int64)


def running_max(values: np.ndarray, run: np.ndarray) -> np.ndarray:
    """The largest value so far within each run (run ids ascending along the rows): values are
    ranked, each run's ranks lifted above every earlier run's, and one accumulate suffices."""
    values = np.asarray(values, dtype="float64")
    if len(values) == 0:
        return values
    distinct, rank = np.unique(values, return_inverse=True)
    lift = run * np.int64(len(distinct))
    return np.asarray(distinct[np.maximum.accumulate(rank + lift) - lift])


def running_min_after(values: np.ndarray, run: np.ndarray) -> np.ndarray:
    """The smallest value from each row to the end of its run."""
    values = np.asarray(values, dtype="float64")
    if len(values) == 0:
        return values
    backwards = run[-1] - run[::-1]
    return np.asarray(-running_max(-values[::-1], backwards)[::-1])


def last_marked(values: np.ndarray, marked: np.ndarray, run: np.ndarray) -> np.ndarray:
    """Per row, the value of the nearest marked row at or before it in its run (-1: none)."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    rows = np.arange(len(values), dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, run[1:] != run[:-1]])
    start = starts[run - run[0]]
    last = np.maximum.accumulate(np.where(marked, rows, start - 1))
    found = np.asarray(values, dtype=np.int64)[np.maximum(last, 0)]
    return np.where(last >= start, found, -1)


def next_marked(values: np.ndarray, marked: np.ndarray, run: np.ndarray) -> np.ndarray:
    """Per row, the value of the nearest marked row at or after it in its run (-1: none)."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    backwards = run[-1] - run[::-1]
    return last_marked(values[::-1], marked[::-1], backwards)[::-1]
