"""Rule 4, population subgroup: civilians ⊆ all, children ⊆ civilians, palestinian_refugees ⊆
all (``subset_of`` in populations.csv). Children cannot outnumber civilians, nor civilians all
people, in the same place and a window containing theirs: low(sub) > high(super) contradicts.

Each claim is compared with every population it belongs to at its own place
(:func:`.nesting.nested_pairs`); a subgroup in a smaller place than the broader population's is
a hierarchy flag (:mod:`.hierarchy`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.raw import RawFlag
from tracker.domain.reconcile.rules.nesting import Ints, pair_flags, split_by_place
from tracker.domain.reconcile.series import Labels

RULE = "subgroup"


def population_supersets(labels: Labels, ctx: ReconcileContext) -> Ints:
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


def find(claims: pd.DataFrame, nested: list[tuple[int, int]]) -> list[RawFlag]:
    """The nested pairs (:func:`.nesting.nested_pairs`) at one place: each population against
    every population it belongs to, same place and count."""
    return pair_flags(RULE, split_by_place(nested, claims)[1], claims)
