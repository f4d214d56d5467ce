"""The sweep primitives against brute force on random inputs."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.reconcile.sweep import (
    NONE,
    last_marked,
    nested_max_inside,
    nested_min,
    next_marked,
    range_best_other_source,
    run_ids,
    running_max,
    running_min_after,
)

points = st.lists(
    st.tuples(
        st.integers(0, 2),
        st.integers(0, 12),
        st.integers(0, 12),
        st.integers(0, 6),
    ),
    min_size=0,
    max_size=40,
)
queries = st.lists(
    st.tuples(st.integers(0, 2), st.integers(-1, 13), st.integers(-1, 13)), min_size=1, max_size=20
)


def _brute_min(data, q):
    out = []
    for qg, qx, qy in q:
        best, best_i = None, NONE
        for i, (g, x, y, v) in enumerate(data):
            if g == qg and x <= qx and y >= qy and (best is None or v < best):
                best, best_i = v, i
        out.append(best_i)
    return np.array(out)


@settings(max_examples=300, deadline=None)
@given(points, queries)
def test_nested_min_matches_brute_force(data, q):
    arr = np.array(data, dtype=float).reshape(-1, 4)
    qa = np.array(q).reshape(-1, 3)
    got = nested_min(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3], qa[:, 0], qa[:, 1], qa[:, 2])
    assert got.tolist() == _brute_min(data, q).tolist()


@settings(max_examples=300, deadline=None)
@given(points, queries)
def test_nested_max_inside_matches_brute_force(data, q):
    arr = np.array(data, dtype=float).reshape(-1, 4)
    qa = np.array(q).reshape(-1, 3)
    got = nested_max_inside(
        arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3], qa[:, 0], qa[:, 1], qa[:, 2]
    )
    want = []
    for qg, qx, qy in q:
        best, best_i = None, NONE
        for i, (g, x, y, v) in enumerate(data):
            if g == qg and x >= qx and y <= qy and (best is None or v > best):
                best, best_i = v, i
        want.append(best_i)
    assert got.tolist() == want


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 9), st.integers(0, 3)), min_size=1, max_size=40),
    st.data(),
)
def test_range_best_other_source_matches_brute_force(items, data):
    val = np.array([v for v, _ in items], dtype=float)
    src = np.array([s for _, s in items])
    n = len(items)
    lo = np.array(data.draw(st.lists(st.integers(0, n), min_size=5, max_size=5)))
    hi = np.array([data.draw(st.integers(int(x), n)) for x in lo])
    qsrc = np.array(data.draw(st.lists(st.integers(0, 3), min_size=5, max_size=5)))
    got = range_best_other_source(val, src, lo, hi, qsrc)
    for k in range(5):
        cands = [i for i in range(lo[k], hi[k]) if src[i] != qsrc[k]]
        want = min(cands, key=lambda i: (-val[i], i)) if cands else NONE
        assert got[k] == want


series_rows = st.lists(
    st.tuples(
        st.integers(0, 3),
        st.sampled_from([0.0, 1.0, 5.0, 7.5, 1e9, np.inf, -np.inf]),
        st.booleans(),
    ),
    min_size=0,
    max_size=30,
).map(sorted)


@given(series_rows)
@settings(max_examples=200, deadline=None)
def test_running_bounds_restart_with_every_series(rows: list) -> None:
    """A band's running floor and ceiling never carry over from one series to the next."""
    keys = np.array([k for k, _, _ in rows], dtype=np.int64)
    values = np.array([v for _, v, _ in rows], dtype="float64")
    marked = np.array([m for _, _, m in rows], dtype=bool)
    run = run_ids(keys)
    positions = np.arange(len(rows), dtype=np.int64) * 10
    want_max, want_min, want_last, want_next = [], [], [], []
    for i, key in enumerate(keys.tolist()):
        same = [j for j in range(len(rows)) if keys[j] == key]
        before = [j for j in same if j <= i]
        after = [j for j in same if j >= i]
        want_max.append(max(values[j] for j in before))
        want_min.append(min(values[j] for j in after))
        want_last.append(max((positions[j] for j in before if marked[j]), default=-1))
        want_next.append(min((positions[j] for j in after if marked[j]), default=-1))
    assert running_max(values, run).tolist() == want_max
    assert running_min_after(values, run).tolist() == want_min
    assert last_marked(positions, marked, run).tolist() == want_last
    assert next_marked(positions, marked, run).tolist() == want_next
