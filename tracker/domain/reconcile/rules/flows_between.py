"""A stock divergence with a documented change: the flows reported between its two dates.

Two stock claims dated a few days apart that do not overlap (:mod:`.divergence`) may both be
right when people moved in between: 60,000 people at the border on 5 July and 150–200 on 8 July
are no disagreement if more than 28,000 were reported returning home in between. The rule,
stated once here:

- The flows that change a stock are those of ``data/vocabularies/stock_flows.csv``: a flow
  ``out`` of the stock (returned, for people at the border) can explain a fall, a flow ``in``
  (newly displaced) a rise. Which way the stock moved is read from the two claims: the larger
  one dated earlier is a fall, dated later a rise; two claims of the same date name no change.
- A flow is *between* the dates when its window ends after the earlier date and no later than
  the later one (d1 < end ≤ d2): it was counted up to a day inside the interval.
- A flow counts for the stock's place when it is at that place or inside it (people returning
  to a town in Dar'a leave Dar'a's border count); a flow in a wider place may have happened
  elsewhere and is not named. Likewise its population is the stock's or a part of it.
- Such a flag names those flows in its sentence (they explain, they are not contradicted: they
  do not join the flag's figures, so no page marks them, and its id is unchanged) and is one
  severity step lower (major → moderate → minor → info): a documented change is not
  a major disagreement. Whether the flows' numbers account for the whole gap is left to the
  reader, who sees them in the sentence.

Because a stock's flag now reads other metrics, a recomputation of a stock's component reads
the components of its flows too (:func:`related_components`).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.raw import RawFlag
from tracker.domain.reconcile.series import Labels

#: Severities from the lowest (ranks of data/vocabularies/severities.csv).
SEVERITY_ORDER = ("info", "minor", "moderate", "major")


def one_step_lower(severity: str) -> str:
    """The next lower severity (info stays info)."""
    rank = SEVERITY_ORDER.index(severity)
    return SEVERITY_ORDER[max(rank - 1, 0)]


def stocks_changed_by(ctx: ReconcileContext) -> dict[str, set[str]]:
    """Flow metric → the stock metrics it changes (stock_flows.csv read the other way)."""
    out: dict[str, set[str]] = {}
    for stock, links in ctx.stock_flows.items():
        for flow, _ in links:
            out.setdefault(flow, set()).add(stock)
    return out


def related_components(components: list[str], ctx: ReconcileContext) -> list[str]:
    """The "metric|country" components to recompute with these, so that each is read whole
    with every component its flags read: the stocks a flow changes and the flows that change a
    stock, followed until nothing is added (the family of the displacement metrics)."""
    changes = stocks_changed_by(ctx)
    out, todo = set(components), list(components)
    while todo:
        metric, country = todo.pop().split("|", 1)
        linked = {*changes.get(metric, ()), *(f for f, _ in ctx.stock_flows.get(metric, ()))}
        for other in sorted(f"{m}|{country}" for m in linked):
            if other not in out:
                out.add(other)
                todo.append(other)
    return sorted(out)


def families(components: list[str], ctx: ReconcileContext) -> list[list[str]]:
    """These components and their :func:`related_components`, split into families: each family
    is closed (its flags read no component outside it), so each can be recomputed alone and the
    families' flags together are a whole run's. In order of their first component."""
    out: list[list[str]] = []
    done: set[str] = set()
    for component in sorted(components):
        if component not in done:
            family = related_components([component], ctx)
            done.update(family)
            out.append(family)
    return out


def annotate(
    found: list[RawFlag], claims: pd.DataFrame, labels: Labels, ctx: ReconcileContext
) -> list[RawFlag]:
    """The flags with each stock divergence that has flows between its dates annotated."""
    flow = claims["flow"].to_numpy()
    stocks = [i for i, f in enumerate(found) if f.rule == "divergence" and not flow[f.anchor]]
    if not ctx.stock_flows or not stocks:
        return found
    index = _FlowIndex(claims, labels, ctx)
    out = list(found)
    for i in stocks:
        flag = out[i]
        flows, change, span = index.between(flag.members[0], flag.members[1])
        if flows:
            out[i] = replace(
                flag,
                severity=one_step_lower(flag.severity),
                mentions=flows,
                detail={**flag.detail, "change": change, "span": span},
            )
    return out


def _search(country: np.ndarray, end: np.ndarray, c: int, day: int) -> int:
    """Position after the last (country, end) ≤ (c, day) in arrays sorted by both."""
    lo = int(np.searchsorted(country, c, "left"))
    hi = int(np.searchsorted(country, c, "right"))
    return lo + int(np.searchsorted(end[lo:hi], day, "right"))


class _FlowIndex:
    """The flows of the metrics that change a stock, sorted by (country, end) for look-ups."""

    def __init__(self, claims: pd.DataFrame, labels: Labels, ctx: ReconcileContext) -> None:
        self.claims, self.labels, self.ctx = claims, labels, ctx
        self.metric_code = {str(m): i for i, m in enumerate(labels.names["metric"].tolist())}
        self.pop_code = {str(p): i for i, p in enumerate(labels.names["population"].tolist())}
        wanted = [
            self.metric_code[f]
            for links in ctx.stock_flows.values()
            for f, _ in links
            if f in self.metric_code
        ]
        metric = claims["metric_c"].to_numpy()
        rows = np.flatnonzero(claims["flow"].to_numpy() & np.isin(metric, wanted))
        end = claims["end_d"].to_numpy()[rows]
        country = claims["country_c"].to_numpy()[rows]
        order = np.lexsort((rows, end, country))
        self.rows, self.end, self.country = rows[order], end[order], country[order]
        self.metric = metric[self.rows]
        self.loc = claims["loc_c"].to_numpy()[self.rows]
        self.pop = claims["pop_c"].to_numpy()[self.rows]

    def between(self, large: int, small: int) -> tuple[tuple[int, ...], str, tuple[int, int]]:
        """The flows between the two stock claims that move the stock the way it moved (claim
        numbers, by end date), the change ("fell" or "rose") and the two dates."""
        c = self.claims
        d_large, d_small = int(c.at[large, "end_d"]), int(c.at[small, "end_d"])
        if d_large == d_small:
            return (), "", (d_large, d_small)
        change, direction = ("fell", "out") if d_large < d_small else ("rose", "in")
        d1, d2 = sorted((d_large, d_small))
        country = int(c.at[large, "country_c"])
        start = _search(self.country, self.end, country, d1)
        stop = _search(self.country, self.end, country, d2)
        fits = self._fits(slice(start, stop), large, direction)
        return tuple(int(r) for r in self.rows[start:stop][fits]), change, (d1, d2)

    def _fits(self, part: slice, stock: int, direction: str) -> np.ndarray:
        """Which flows of the slice change the stock in that direction, at the stock's place or
        inside it, of the stock's population or a part of it."""
        c, labels = self.claims, self.labels
        metric = str(labels.names["metric"][int(c.at[stock, "metric_c"])])
        flows = [
            self.metric_code[f]
            for f, d in self.ctx.stock_flows.get(metric, ())
            if d == direction and f in self.metric_code
        ]
        place, whole = (
            int(c.at[stock, "loc_c"]),
            str(labels.names["population"][c.at[stock, "pop_c"]]),
        )
        pops = [self.pop_code[whole]] + [
            self.pop_code[p]
            for p, chain in self.ctx.population_supersets.items()
            if whole in chain and p in self.pop_code
        ]
        loc = self.loc[part]
        inside: np.ndarray = (loc == place) | (labels.ancestors[loc] == place).any(axis=1)
        fits: np.ndarray = np.isin(self.metric[part], flows) & np.isin(self.pop[part], pops)
        out: np.ndarray = np.logical_and(fits, inside)
        return out
