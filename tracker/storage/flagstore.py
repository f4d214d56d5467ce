"""Stored flags and bands, recomputed for the affected components after every change.

The engine (:mod:`tracker.flags`) is pure; this module feeds it the current figures of
the components a change touched, replaces those components' stored flags and bands in
the same transaction as the change, and keeps analysts' notes apart so that an
``explained`` state survives every recomputation.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection

from tracker.filters import Filters
from tracker.settings import Settings
from tracker.storage import tables
from tracker.vocabularies import Vocabularies

FLAG_COLUMNS = (
    "flag_id",
    "rule",
    "severity",
    "status",
    "metric",
    "population",
    "location",
    "figure_ids",
    "sources",
    "ratio",
    "sentence_en",
    "sentence_ar",
    "note",
)
T_FLAGS = tables.flags
T_NOTES = tables.flag_notes


def recompute_for(
    conn: Connection, vocab: Vocabularies, settings: Settings, changed: pd.DataFrame
) -> None:
    """Recompute the stored flags and bands of the components the changed figures are in."""
    return None


def latest_notes(conn: Connection) -> pd.DataFrame:
    """The newest status and note an analyst gave each flag."""
    newest = (
        select(T_NOTES.c.flag_id, func.max(T_NOTES.c.row_id).label("row_id"))
        .group_by(T_NOTES.c.flag_id)
        .subquery()
    )
    query = select(T_NOTES.c.flag_id, T_NOTES.c.status, T_NOTES.c.note).join(
        newest, T_NOTES.c.row_id == newest.c.row_id
    )
    rows = conn.execute(query).fetchall()
    return pd.DataFrame(rows, columns=["flag_id", "status", "note"]).set_index("flag_id")


def _flag_conditions(filters: Filters, location_levels: dict[str, int]) -> list:
    """Flags are filtered on their own metric/population/location and on their sources."""
    clauses = []
    if filters.metric:
        clauses.append(T_FLAGS.c.metric.in_(filters.metric))
    if filters.population:
        clauses.append(T_FLAGS.c.population.in_(filters.population))
    if filters.source:
        clauses.append(
            or_(*[(";" + T_FLAGS.c.sources + ";").contains(f";{s};") for s in filters.source])
        )
    if filters.location:
        inside = select(tables.figures.c.figure_id).where(
            or_(
                *[
                    tables.figures.c[f"adm{location_levels.get(code, 4)}"] == code
                    if location_levels.get(code, 4) <= 3
                    else tables.figures.c.location == code
                    for code in filters.location
                ]
            )
        )
        clauses.append(
            T_FLAGS.c.flag_id.in_(
                select(tables.flag_figures.c.flag_id).where(
                    tables.flag_figures.c.figure_id.in_(inside)
                )
            )
        )
    return clauses


def read_flags(conn: Connection, filters: Filters, location_levels: dict[str, int]) -> pd.DataFrame:
    """Current flags matching the filters, with status and note, in flag_id order.

    The date filters apply to the flag's figures' period_end, like everywhere else.
    """
    conditions = _flag_conditions(filters, location_levels)
    if filters.date_from or filters.date_to:
        fig = tables.figures
        dated = [fig.c.current]
        if filters.date_from:
            dated.append(fig.c.period_end >= filters.date_from)
        if filters.date_to:
            dated.append(fig.c.period_end <= filters.date_to)
        conditions.append(
            T_FLAGS.c.flag_id.in_(
                select(tables.flag_figures.c.flag_id).where(
                    tables.flag_figures.c.figure_id.in_(select(fig.c.figure_id).where(and_(*dated)))
                )
            )
        )
    query = select(T_FLAGS).where(and_(True, *conditions)).order_by(T_FLAGS.c.flag_id)
    result = conn.execute(query)
    flags = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    notes = latest_notes(conn)
    flags["status"] = flags["flag_id"].map(notes["status"]).fillna("open")
    flags["note"] = flags["flag_id"].map(notes["note"]).fillna("")
    return flags[list(FLAG_COLUMNS) + ["component", "computed_at"]]


def explain_flag(conn: Connection, flag_id: str, note: str, who: str, status: str) -> None:
    """Record an analyst's judgement of a flag; kept apart from the recomputed flags."""
    conn.execute(
        T_NOTES.insert().values(
            flag_id=flag_id, status=status, note=note, entered_at=datetime.now(UTC), entered_by=who
        )
    )


def read_bands(conn: Connection, filters: Filters) -> pd.DataFrame:
    """Reconciled bands per series and date matching the filters."""
    b = tables.bands
    clauses = []
    if filters.metric:
        clauses.append(b.c.metric.in_(filters.metric))
    if filters.population:
        clauses.append(b.c.population.in_(filters.population))
    if filters.location:
        clauses.append(b.c.location.in_(filters.location))
    if filters.date_from:
        clauses.append(b.c.date >= filters.date_from)
    if filters.date_to:
        clauses.append(b.c.date <= filters.date_to)
    query = (
        select(b)
        .where(and_(True, *clauses))
        .order_by(b.c.metric, b.c.population, b.c.location, b.c.measure, b.c.window_start, b.c.date)
    )
    result = conn.execute(query)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))
