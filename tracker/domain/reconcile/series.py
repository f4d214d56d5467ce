"""Figures as series and claims (DESIGN §1–2), in integer codes so the rules stay vectorised.

A *series* is (metric, population, location, measure, window start): the claims that count
the same thing since the same day, at different dates. The window start is the one rule of
:func:`tracker.domain.windows.window_start`: a flow without a period_start takes its episode's
start, marked ``start_assumed``; a stock has no window start (it describes one date).

A *claim* is what one source said: identical figures of one source (same window, qualifier and
value) carried by several publishers are one claim with several publications. The rules compare
claims, never publications, so a number is never corroborated by its own copies. Claims are
numbered in the order of their smallest figure_id, so every tie the rules break depends on the
figures' ids, never on the order the figures came in.

A *component* is (metric, country): every rule compares figures within one component only (a
stock's divergence also names the flows that change it: recompute a stock's component with
those of its flows, :func:`.rules.flows_between.related_components`), so recomputing the
components an import touched gives exactly the flags of a full run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from tracker.domain.lookup import lookup
from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.sweep import codes
from tracker.domain.windows import NO_DAY, episode_days, to_days, window_start

CODED = ("metric", "population", "source", "measure", "qualifier", "unit", "episode")
RECORD_NUMBERS = (
    "value",
    "value_high",
    "low",
    "high",
    "start_d",
    "end_d",
    "reported_d",
    "start_assumed",
    "n_pub",
)


class ClaimRecord(NamedTuple):
    """One claim with its text, as the sentences read it (fields: ``Index``, the CODED texts,
    location, component, then the RECORD_NUMBERS)."""

    Index: int
    metric: str
    population: str
    source: str
    measure: str
    qualifier: str
    unit: str
    episode: str
    location: str
    component: str
    value: int
    value_high: float
    low: float
    high: float
    start_d: int
    end_d: int
    reported_d: int
    start_assumed: bool
    n_pub: int


assert ClaimRecord._fields == ("Index", *CODED, "location", "component", *RECORD_NUMBERS)


@dataclass
class Labels:
    """The text behind the codes. ``location`` lists the figures' locations (sorted) and then
    their ancestors; ``parent``, ``level`` and ``country`` index into it (-1: none)."""

    names: dict[str, np.ndarray]
    location: np.ndarray
    parent: np.ndarray
    level: np.ndarray
    country: np.ndarray
    ancestors: np.ndarray  # location × depth → ancestor location (nearest first), -1 padded

    def component_names(self, claims: pd.DataFrame) -> np.ndarray:
        """ "metric|country" per component code (claims' comp_c)."""
        first = pd.Series(np.arange(len(claims))).groupby(claims["comp_c"].to_numpy()).first()
        rows = claims.iloc[first.to_numpy()]
        metric = self.names["metric"][rows["metric_c"].to_numpy()]
        country = self.location[rows["country_c"].to_numpy()]
        out = np.empty(len(first), dtype=object)
        out[first.index.to_numpy()] = [f"{m}|{c}" for m, c in zip(metric, country, strict=True)]
        return out

    def records(self, claims: pd.DataFrame) -> list[ClaimRecord]:
        """The claims as light records with their text back (for sentences): fast to read."""
        text = {name: self.names[name][claims[f"{name}_c"].to_numpy()] for name in CODED}
        location = self.location[claims["loc_c"].to_numpy()]
        country = self.location[claims["country_c"].to_numpy()]
        component = [f"{m}|{c}" for m, c in zip(text["metric"], country, strict=True)]
        columns = {
            "Index": claims.index.to_numpy(), **text, "location": location,
            "component": component,
            **{c: claims[c].to_numpy() for c in RECORD_NUMBERS},
        }  # fmt: skip
        lists = [
            list(columns[f]) if not isinstance(columns[f], np.ndarray) else columns[f].tolist()
            for f in ClaimRecord._fields
        ]
        return [ClaimRecord(*row) for row in zip(*lists, strict=True)]

    def decode(self, claims: pd.DataFrame) -> pd.DataFrame:
        """Claims with their text columns back (for sentences and outputs)."""
        out = claims.copy()
        for name in CODED:
            out[name] = self.names[name][claims[f"{name}_c"].to_numpy()]
        out["location"] = self.location[claims["loc_c"].to_numpy()]
        out["country"] = self.location[claims["country_c"].to_numpy()]
        out["component"] = out["metric"].astype(str) + "|" + out["country"].astype(str)
        return out


def _factor(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Sorted factorisation; missing values get the last code (named '')."""
    values = column.astype("string")
    codes_, uniques = pd.factorize(values, sort=True, use_na_sentinel=True)
    names = np.append(np.asarray(uniques, dtype=object), "")
    codes_ = np.where(codes_ < 0, len(uniques), codes_).astype(np.int64)
    return codes_, names


def _locations(locations: np.ndarray, ctx: ReconcileContext) -> Labels:
    """The location table: the figures' locations, then every ancestor they have."""
    known = list(locations)
    index = {p: i for i, p in enumerate(known)}
    for p in list(known):
        for a in ctx.ancestors.get(str(p), ()):
            if a not in index:
                index[a] = len(known)
                known.append(a)
    location = np.asarray(known, dtype=object)
    parent = np.array([index.get(ctx.parent.get(str(p)) or "", -1) for p in location], np.int64)
    level = np.array([ctx.level.get(str(p), 0) for p in location], dtype=np.int64)
    chains = [[index[a] for a in ctx.ancestors.get(str(p), ())] for p in location]
    depth = max((len(c) for c in chains), default=0)
    ancestors = np.full((len(location), max(depth, 1)), -1, dtype=np.int64)
    for i, chain in enumerate(chains):
        ancestors[i, : len(chain)] = chain
    country = np.array([index.get(ctx.root(str(p)), i) for i, p in enumerate(location)], np.int64)
    return Labels({}, location, parent, level, country, ancestors)


@dataclass
class Prepared:
    """Figures turned into claims: ``claims`` (numeric, one row per claim, numbered 0..m-1),
    ``row_claim`` (the claim of each figure row, in the caller's order), the figure rows'
    ``start_d`` and ``start_assumed``, and the ``labels`` behind the codes."""

    claims: pd.DataFrame
    row_claim: np.ndarray
    start_d: np.ndarray
    start_assumed: np.ndarray
    labels: Labels


def prepare(figures: pd.DataFrame, ctx: ReconcileContext) -> Prepared:
    """Code the figures, give flows their window start, and group publications into claims."""
    n = len(figures)
    names: dict[str, np.ndarray] = {}
    coded: dict[str, np.ndarray] = {}
    for name in CODED:
        column = figures[name] if name in figures else pd.Series(pd.NA, index=figures.index)
        coded[name], names[name] = _factor(column)
    loc_c, loc_names = _factor(figures["location"])
    labels = _locations(loc_names, ctx)
    labels.names = names
    end = to_days(figures["period_end"])
    flow = names["measure"][coded["measure"]] == "flow"
    start, assumed = window_start(
        to_days(figures["period_start"]),
        end,
        flow,
        episode_days(names["episode"], ctx.episode_start)[coded["episode"]],
    )
    value = figures["value"].to_numpy(dtype=np.int64)
    high_value = pd.to_numeric(figures["value_high"], errors="coerce").to_numpy(dtype=float)
    order = np.argsort(figures["figure_id"].astype("string").to_numpy(), kind="stable")
    key = [coded[c] for c in ("metric", "population", "source", "measure", "qualifier", "unit")]
    claim_sorted = codes(
        *(k[order] for k in key),
        loc_c[order],
        start[order],
        end[order],
        value[order],
        np.nan_to_num(high_value, nan=-1.0).astype(np.int64)[order],
    )
    row_claim = np.empty(n, dtype=np.int64)
    row_claim[order] = claim_sorted
    m = int(claim_sorted.max(initial=-1)) + 1
    seen = np.maximum.accumulate(np.r_[-1, claim_sorted])[:-1]
    rep = order[claim_sorted > seen]  # codes count up in order of first appearance
    reported_first = _per_claim_min(row_claim, to_days(figures["reported_on"]), m)
    all_assumed = _per_claim_min(row_claim, assumed.astype(np.int64), m).astype(bool)
    loc_rep = loc_c[rep]
    country_c = labels.country[loc_rep]
    claims = pd.DataFrame(
        {
            "fig": rep,
            **{f"{c}_c": coded[c][rep] for c in CODED},
            "pop_c": coded["population"][rep],
            "loc_c": loc_rep,
            "start_d": start[rep],
            "end_d": end[rep],
            "reported_d": reported_first,
            "start_assumed": all_assumed & flow[rep],
            "flow": flow[rep],
            "value": value[rep],
            "value_high": high_value[rep],
            "low": figures["low"].to_numpy(dtype=float)[rep],
            "high": figures["high"].to_numpy(dtype=float)[rep],
            "n_pub": np.bincount(row_claim, minlength=m),
            "start_known": start[rep] != NO_DAY,
            "country_c": country_c,
            "comp_c": codes(coded["metric"][rep], country_c),
        }
    )
    return Prepared(claims, row_claim, start, assumed, labels)


def _per_claim_min(row_claim: np.ndarray, values: np.ndarray, m: int) -> np.ndarray:
    """The smallest of each claim's values (every claim 0..m-1 has a row), built into the
    claims table with the rest instead of grouped and set on it afterwards."""
    out = np.full(m, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(out, row_claim, values.astype(np.int64))
    return out


def component_key(figures: pd.DataFrame, ctx: ReconcileContext) -> pd.Series:
    """(metric, country) per figure as ``"metric|country"``: the unit of recomputation."""
    locations = figures["location"].astype("string")
    roots = {code: ctx.root(str(code)) for code in pd.unique(locations.dropna())}
    country = lookup(locations, roots, "string")
    return (figures["metric"].astype("string") + "|" + country).rename("component")
