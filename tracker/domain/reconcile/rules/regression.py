"""Rule 2, same-source regression (flows): a source's own running total from one start must not
fall. A later claim of the source, counting from the same start, whose high is below an earlier
claim's low is a contradiction within one source (often a correction, a typo or a changed
definition).

Two sweeps find the pairs: the window nesting shared with containment
(:func:`.nesting.inside_pairs`), where both claims are the same source's with the same start,
and a sweep within each (source, start) run for the claim ending no earlier with the smallest
high. A pair is flagged when each is the other's most extreme counterpart. Severity is moderate:
a source's own revision is a question to ask, not proof that either figure is wrong.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.reconcile.raw import RawFlag, ratio_of
from tracker.domain.reconcile.rules.nesting import Floats, Ints, same_run
from tracker.domain.reconcile.sweep import NONE, codes, nested_max_inside, nested_min

RULE = "regression"
SEVERITY = "moderate"


def _run_pairs(run: Ints, e: Ints, reported: Ints, low: Floats, high: Floats) -> tuple[Ints, Ints]:
    """Within one run (group, start, source): a claim ending no earlier whose high is below A's
    low (ending later, or reported no earlier when it ends the same day)."""
    zeros = np.zeros(len(run), dtype=np.int64)
    queries = np.flatnonzero(low > 0)
    best_b = nested_min(run, zeros, e, high, run[queries], zeros[queries], e[queries])
    found = best_b != NONE
    a, b = queries[found], best_b[found]
    bad = (low[a] > high[b]) & ((e[b] > e[a]) | (reported[b] >= reported[a]))
    a, b = a[bad], b[bad]
    if len(a) == 0:
        return a, b
    ub, inv = np.unique(b, return_inverse=True)
    back = nested_max_inside(run, zeros, e, low, run[ub], zeros[ub], e[ub])[inv]
    mutual = back == a
    return a[mutual], b[mutual]


def find(flows: pd.DataFrame, inside: tuple[Ints, Ints]) -> list[RawFlag]:
    """Regression flags among :func:`.nesting.dated_flows`, given their
    :func:`.nesting.inside_pairs`."""
    if flows.empty:
        return []
    a, b = inside
    own = same_run(flows, a, b)
    pairs = set(zip(a[own].tolist(), b[own].tolist(), strict=True))
    s, e = flows["start_d"].to_numpy(), flows["end_d"].to_numpy()
    low, high = flows["low"].to_numpy(), flows["high"].to_numpy()
    run = codes(codes(flows["g"].to_numpy(), s), flows["source_c"].to_numpy())
    ra, rb = _run_pairs(run, e, flows["reported_d"].to_numpy(), low, high)
    pairs |= set(zip(ra.tolist(), rb.tolist(), strict=True))
    idx = flows.index.to_numpy()
    return [
        RawFlag(
            rule=RULE,
            severity=SEVERITY,
            members=(int(idx[i]), int(idx[j])),
            anchor=int(idx[i]),
            ratio=ratio_of(low[i], high[j]),
            exclude=(int(idx[i]), int(idx[j])),
            reason="contradicts",
        )
        for i, j in sorted(pairs)
    ]
