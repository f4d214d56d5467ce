"""Reconciliation over a part of the figures: the flags that touch given figures, and the bands
of given groups, exactly as a full run over every figure would give them.

The storage recomputes after a change only what the change can alter (see
:mod:`tracker.storage.flagscope` for which figures that is and why they suffice). It reads a
*scope*: the figures the rules must compare those flags' claims with, plus whole groups
(metric, population, place) whose bands it replaces. Over such a scope:

- a flag of rule R is *owned* when one of its figures is in ``owned[R]``; the caller guarantees
  the scope holds every claim the rules compare those figures' claims with, so the owned flags
  (ids, figures, sentences, exclusions) are those of a full run. Flags the scope computes from
  partial data never touch an owned figure and are dropped.
- the band of a series depends only on its group's claims, which of them are left out, and the
  group's daily counts: given a complete group and the full run's exclusions, it is the full
  run's band.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.engine import assemble, bands_of, find_flags, with_intervals
from tracker.domain.reconcile.raw import RawFlag
from tracker.domain.reconcile.rules import containment, nesting
from tracker.domain.reconcile.series import Prepared, prepare


@dataclass
class Scope:
    """Figures of a scope as claims, with the raw flags and daily sums found among them."""

    figures: pd.DataFrame
    prep: Prepared
    raw: list[RawFlag]
    derived: pd.DataFrame

    @classmethod
    def of(
        cls, figures: pd.DataFrame, ctx: ReconcileContext, rules: bool = True, echoes: bool = True
    ) -> Scope:
        """Run every rule (without ``echoes``, all but echo; without ``rules``, only the daily
        sums the bands need) over the scope's figures (current figures with low/high)."""
        figures = with_intervals(figures.reset_index(drop=True), ctx)
        prep = prepare(figures, ctx)
        if rules:
            raw, derived = find_flags(prep.claims, prep.labels, ctx, echoes)
            return cls(figures, prep, raw, derived)
        derived = containment.daily_sums(nesting.dated_flows(prep.claims), prep.claims).derived
        return cls(figures, prep, [], derived)

    def claim_figures(self) -> dict[int, list[str]]:
        """claim → the figure ids of its publications."""
        ids = self.figures["figure_id"].astype(str).tolist()
        out: dict[int, list[str]] = {}
        for claim, fid in zip(self.prep.row_claim.tolist(), ids, strict=True):
            out.setdefault(claim, []).append(fid)
        return out

    def owned_flags(
        self, owned: Mapping[str, set[str]], ctx: ReconcileContext
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The flags table and the exclusions of the flags that touch an owned figure of their
        rule (the same rows a full run gives for them)."""
        pubs = self.claim_figures()
        mine = [f for f in self.raw if _touches(f, pubs, owned.get(f.rule, set()))]
        return assemble(mine, self.prep, self.figures, ctx)

    def bands(self, groups: set[tuple[str, str, str]], excluded: Iterable[str]) -> pd.DataFrame:
        """Bands of the series of these (metric, population, location) groups, each complete in
        the scope, with the claims of the ``excluded`` figures left out."""
        ids = self.figures["figure_id"].astype(str).to_numpy()
        hit = np.isin(ids, np.asarray(sorted(set(excluded)), dtype=object))
        left_out = set(np.unique(self.prep.row_claim[hit]).tolist())
        labels = self.prep.labels
        metric = {name: i for i, name in enumerate(labels.names["metric"].tolist())}
        population = {name: i for i, name in enumerate(labels.names["population"].tolist())}
        location = {name: i for i, name in enumerate(labels.location.tolist())}
        codes = {
            (metric[m], population[p], location[loc])
            for m, p, loc in groups
            if m in metric and p in population and loc in location
        }

        def wanted(rows: pd.DataFrame) -> np.ndarray:
            keys = zip(
                rows["metric_c"].tolist(),
                rows["pop_c"].tolist(),
                rows["loc_c"].tolist(),
                strict=True,
            )
            return np.fromiter((k in codes for k in keys), dtype=bool, count=len(rows))

        bands, _ = bands_of(self.prep, self.derived, left_out, wanted)
        return bands


def _touches(flag: RawFlag, pubs: dict[int, list[str]], owned: set[str]) -> bool:
    """Whether one of the flag's figures is owned."""
    return any(fid in owned for claim in flag.members for fid in pubs[claim])
