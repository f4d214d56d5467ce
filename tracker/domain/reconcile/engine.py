"""compute(figures, ctx): the seven rules, the flags with their sentences, the bands.

Pure: pandas and numpy in, DataFrames out. Every rule compares claims of one component
(metric, country) only, except that a stock's divergence names the flows of the same country
that change it (:mod:`.rules.flows_between`), so ``compute`` over some components together
with their :func:`~.rules.flows_between.related_components` gives exactly the flags a full run
gives for them. After a small change the storage recomputes less still: the flags touching the
changed claims' neighbourhood, over the claims those flags depend on
(:mod:`tracker.domain.reconcile.scoped`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from tracker.domain.intervals import interval_bounds
from tracker.domain.reconcile import band, output, sentences
from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.ids import flag_id
from tracker.domain.reconcile.raw import RawFlag
from tracker.domain.reconcile.rules import (
    containment,
    divergence,
    echo,
    flows_between,
    hierarchy,
    nesting,
    regression,
    staleness,
    subgroup,
)
from tracker.domain.reconcile.series import Labels, Prepared, prepare

FLAG_COLUMNS = [
    "flag_id", "rule", "severity", "status", "metric", "population", "location", "figure_ids",
    "sources", "ratio", "sentence_en", "sentence_ar", "note", "component",
]  # fmt: skip
EXCLUDED_COLUMNS = ["figure_id", "reason", "flag_id"]
SERIES_COLUMNS = [
    "component", "series_key", "window_start", "start_assumed", "date", "claim", "derived",
    "excluded",
]  # fmt: skip


@dataclass
class Reconciliation:
    """What compute() returns: flags, bands, the claims left out of bands, annotated series."""

    flags: pd.DataFrame
    bands: pd.DataFrame
    excluded: pd.DataFrame
    series: pd.DataFrame


def find_flags(
    claims: pd.DataFrame, labels: Labels, ctx: ReconcileContext, echoes: bool = True
) -> tuple[list[RawFlag], pd.DataFrame]:
    """All rules over the coded claims (the echo rule only when ``echoes``): the raw flags and
    the derived daily-sum claims."""
    found: list[RawFlag] = []
    flows = nesting.dated_flows(claims)
    if len(flows):
        inside = nesting.inside_pairs(flows)
        found += containment.find(flows, inside)
        found += regression.find(flows, inside)
    sums = containment.daily_sums(flows, claims)
    found += sums.flags
    usable = nesting.comparable(claims)
    supersets = subgroup.population_supersets(labels, ctx)
    nested = nesting.nested_pairs(usable, labels.ancestors, supersets)
    found += hierarchy.find(claims, nested)
    found += hierarchy.find_sums(claims, labels, usable)
    found += subgroup.find(claims, nested)
    found += flows_between.annotate(divergence.find(claims, ctx), claims, labels, ctx)
    found += staleness.find(claims, ctx)
    if echoes:
        found += echo.find(claims, labels, ctx)
    return found, sums.derived


def _publications(prep: Prepared, ids: np.ndarray, wanted: list[int]) -> dict[int, list[str]]:
    """claim → its figure ids, sorted (only for the claims flags mention)."""
    rows = np.flatnonzero(np.isin(prep.row_claim, wanted))
    pairs = sorted(zip(prep.row_claim[rows].tolist(), ids[rows].tolist(), strict=True))
    out: dict[int, list[str]] = {}
    for claim, fid in pairs:
        out.setdefault(claim, []).append(fid)
    return out


def _flag_row(
    f: RawFlag,
    recs: dict[int, Any],
    pubs: dict[int, list[str]],
    source_of: dict[str, str],
    ctx: ReconcileContext,
) -> dict[str, Any]:
    """One row of the flags table."""
    figures = sorted({fid for c in f.members for fid in pubs[c]})
    key = sorted({fid for c in (f.id_members or f.members) for fid in pubs[c]})
    en, ar = sentences.write(f, recs, ctx)
    anchor = recs[f.anchor]
    return {
        "flag_id": flag_id(f.rule, key), "rule": f.rule, "severity": f.severity,
        "status": "open", "metric": anchor.metric, "population": anchor.population,
        "location": anchor.location, "figure_ids": ";".join(figures),
        "sources": ";".join(source_of[x] for x in figures),
        "ratio": round(f.ratio, 4) if math.isfinite(f.ratio) else np.nan,
        "sentence_en": en, "sentence_ar": ar, "note": "", "component": anchor.component,
    }  # fmt: skip


def assemble(
    raw: list[RawFlag], prep: Prepared, figures: pd.DataFrame, ctx: ReconcileContext
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The flags table (sorted by id, one row per flag) and the exclusions table."""
    wanted = sorted({c for f in raw for c in (*f.members, *f.exclude, *f.mentions)})
    ids = figures["figure_id"].astype(str).to_numpy()
    pubs = _publications(prep, ids, wanted)
    recs = dict(zip(wanted, prep.labels.records(prep.claims.loc[wanted]), strict=True))
    source_of = {fid: recs[c].source for c, fids in pubs.items() for fid in fids}
    rows, excluded = [], []
    for f in raw:
        row = _flag_row(f, recs, pubs, source_of, ctx)
        rows.append(row)
        excluded += [(x, f.reason, row["flag_id"]) for c in f.exclude for x in pubs[c]]
    first: dict[str, dict[str, Any]] = {}
    for row in rows:
        first.setdefault(row["flag_id"], row)
    flags = _flags_frame(first)
    out = pd.DataFrame(excluded, columns=EXCLUDED_COLUMNS).drop_duplicates()
    out = out.sort_values(EXCLUDED_COLUMNS).reset_index(drop=True).astype("string")
    return flags, out


def _flags_frame(rows: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """The flags table from the first row of each flag id, sorted by id; each column typed as it is
    built (typing a built frame's 13 text columns cost more than building it, per change)."""
    ordered = [rows[k] for k in sorted(rows)]
    columns = {
        c: pd.array([r[c] for r in ordered], dtype="Float64" if c == "ratio" else "string")
        for c in FLAG_COLUMNS
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(len(ordered)), copy=False)


def compute(figures: pd.DataFrame, ctx: ReconcileContext, series: bool = True) -> Reconciliation:
    """Flags, bands, exclusions and annotated series (empty without ``series``) for the given
    (current) figures.

    ``figures`` follows the storage's contract (figure_id, reported_on, source, metric,
    population, location, period_start, period_end, measure, episode, qualifier, value,
    value_high, unit, low, high; publisher and url are passed through).
    """
    figures = with_intervals(figures.reset_index(drop=True), ctx)
    prep = prepare(figures, ctx)
    raw, derived = find_flags(prep.claims, prep.labels, ctx)
    flags, excluded = assemble(raw, prep, figures, ctx)
    left_out = {c for f in raw for c in f.exclude}
    bands, sums = bands_of(prep, derived, left_out)
    annotated = output.series_frame(figures, prep, excluded, sums) if series else pd.DataFrame()
    return Reconciliation(flags, bands, excluded, annotated)


def bands_of(
    prep: Prepared,
    derived: pd.DataFrame,
    left_out: set[int],
    wanted: Callable[[pd.DataFrame], np.ndarray] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The bands of the claims not left out (and of the daily sums that narrow them), and those
    sums. ``wanted`` picks the claims (rows shaped like ``prep.claims``) whose series are asked
    for, default all: a series' band depends only on its own claims, what is left out of them
    and its group's daily counts."""
    claims = prep.claims
    kept = claims[~claims.index.isin(list(left_out))]
    sums = output.derived_claims(derived, claims, left_out)
    if wanted is not None:
        kept = kept[wanted(kept)]
        sums = sums[wanted(sums)] if len(sums) else sums
    rows = pd.concat([kept, sums], ignore_index=True) if len(sums) else kept
    return band.compute(rows, prep.labels), sums


def with_intervals(figures: pd.DataFrame, ctx: ReconcileContext) -> pd.DataFrame:
    """The figures with low/high, computed by DESIGN §1 when the caller did not give them."""
    if {"low", "high"} <= set(figures.columns):
        return figures
    low, high = interval_bounds(
        figures["qualifier"], figures["value"], figures["value_high"], ctx.settings.tau
    )
    return figures.assign(low=low, high=high)
