"""The trends page's queries: the metric to show, the series of a metric, one series'
claims and stored bands, and the flag a reader follows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd
from sqlalchemy import ColumnElement, and_, distinct, func, select
from sqlalchemy.engine import Connection

from tracker.domain.filters import Filters
from tracker.storage.figures import raw_frame
from tracker.storage.flagquery import newest_notes, note_of, status_of
from tracker.storage.pages.shared import (
    BANDS,
    FIGURE_PAGE_COLUMNS,
    FL,
    F,
    S,
    active,
    frame_of,
    summarised,
    summary_scope,
)


def series_figures(
    conn: Connection,
    metric: str,
    population: str,
    location: str,
    filters: Filters = Filters(),
    levels: dict[str, int] | None = None,
    limit: int = 5000,
) -> pd.DataFrame:
    """The claims of one series (exact place, not the places below it), oldest first.

    Only the source and date filters apply; at most ``limit`` claims, the newest.
    """
    narrowed = Filters(source=filters.source, date_from=filters.date_from, date_to=filters.date_to)
    newest = (
        select(F.c.row_id)
        .where(
            and_(
                *active(narrowed, levels or {}),
                F.c.metric == metric,
                F.c.population == population,
                F.c.location == location,
            )
        )
        .order_by(F.c.period_end.desc(), F.c.reported_on.desc(), F.c.figure_id)
        .limit(limit)
    )
    columns = [F.c[c] for c in FIGURE_PAGE_COLUMNS]
    query = (
        select(*columns)
        .where(F.c.row_id.in_(newest))
        .order_by(F.c.period_end, F.c.reported_on, F.c.figure_id)
    )
    return raw_frame(conn, query)


def series_bands(conn: Connection, metric: str, population: str, location: str) -> pd.DataFrame:
    """The stored reconciled bands of one series (every window start), by date."""
    query = (
        select(BANDS)
        .where(
            and_(
                BANDS.c.metric == metric,
                BANDS.c.population == population,
                BANDS.c.location == location,
            )
        )
        .order_by(BANDS.c.measure, BANDS.c.window_start, BANDS.c.date)
    )
    out = frame_of(conn, query)
    for column in ("window_start", "date"):
        if column in out:
            out[column] = pd.to_datetime(out[column])
    return out


def series_in_metric(
    conn: Connection, metric: str, filters: Filters, levels: dict[str, int], limit: int = 40
) -> pd.DataFrame:
    """The series of one metric in scope, most claims first: population, location,
    n_claims, n_sources (from the stored summaries when the filters allow it)."""
    scoped = replace(filters, metric=(metric,))
    n_claims: ColumnElement
    if summarised(scoped):
        table, n_claims, where = S, func.sum(S.c.n_claims), summary_scope(scoped, levels)
    else:
        table, n_claims, where = F, func.count(), active(scoped, levels)
    query = (
        select(
            table.c.population,
            table.c.location,
            n_claims.label("n_claims"),
            func.count(distinct(table.c.source)).label("n_sources"),
        )
        .where(*where)
        .group_by(table.c.population, table.c.location)
        .order_by(n_claims.desc(), table.c.location, table.c.population)
        .limit(limit)
    )
    out = frame_of(conn, query)
    out["n_claims"] = out["n_claims"].astype("int64")
    return out


def first_metric(
    conn: Connection, filters: Filters, levels: dict[str, int], order: Sequence[str]
) -> str | None:
    """The first metric in ``order`` with a figure in scope (one indexed look-up each)."""
    for metric in order:
        found = conn.execute(
            select(F.c.figure_id)
            .where(and_(*active(replace(filters, metric=(metric,)), levels)))
            .limit(1)
        ).first()
        if found is not None:
            return metric
    return None


def metrics_in_scope(conn: Connection, filters: Filters, levels: dict[str, int]) -> pd.DataFrame:
    """Metrics with figures in scope and how many: metric, n_claims."""
    query = (
        select(F.c.metric, func.count().label("n_claims"))
        .where(and_(*active(replace(filters, metric=()), levels)))
        .group_by(F.c.metric)
        .order_by(func.count().desc())
    )
    return frame_of(conn, query)


def flag_by_id(conn: Connection, flag_id: str) -> pd.DataFrame:
    """One flag with its status and note (empty when unknown)."""
    notes = newest_notes()
    query = (
        select(FL, status_of(notes).label("status"), note_of(notes).label("note"))
        .select_from(FL.outerjoin(notes, notes.c.flag_id == FL.c.flag_id))
        .where(FL.c.flag_id == flag_id)
    )
    return frame_of(conn, query)


def echo_sources(conn: Connection, metric: str, population: str, location: str) -> list[list[str]]:
    """The source groups that echo flags of one series say are one claim carried twice."""
    rows = conn.execute(
        select(FL.c.sources).where(
            and_(
                FL.c.rule == "echo",
                FL.c.metric == metric,
                FL.c.population == population,
                FL.c.location == location,
            )
        )
    ).fetchall()
    return [[s for s in str(r[0]).split(";") if s] for r in rows]
