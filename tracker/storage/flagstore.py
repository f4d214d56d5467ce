"""Stored flags and bands, recomputed for the affected components after every change.

The engine (:mod:`tracker.flags`) is pure; this module feeds it the current figures of
the components a change touched, replaces those components' stored flags and bands in
the same transaction as the change, and keeps analysts' notes apart so that an
``explained`` state survives every recomputation.
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime

import numpy as np
import pandas as pd
from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.engine import Connection

from tracker.filters import Filters
from tracker.flags import Reconciliation, component_key, compute
from tracker.reconcile_context import ReconcileContext
from tracker.settings import Settings
from tracker.storage import tables
from tracker.storage.bulk import insert_many
from tracker.storage.figures import type_figures
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


_CONTEXTS: dict[int, ReconcileContext] = {}


def context_for(vocab: Vocabularies, settings: Settings) -> ReconcileContext:
    """The engine's context for these vocabularies (built once per process)."""
    key = id(vocab)
    if key not in _CONTEXTS:
        _CONTEXTS.clear()
        _CONTEXTS[key] = ReconcileContext.from_vocabularies(vocab, settings)
    return _CONTEXTS[key]


def _lock_components(conn: Connection, components: list[str]) -> None:
    """Serialise recomputations of the same component across processes (PostgreSQL).

    SQLite needs none: its writer lock already serialises whole transactions.
    """
    if conn.dialect.name != "postgresql":
        return
    for component in sorted(components):
        key = zlib.crc32(component.encode()) - 2**31
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


#: The columns of a figure the engine reads (its input contract), nothing more.
ENGINE_COLUMNS = (
    "figure_id", "reported_on", "source", "publisher", "url", "metric", "population",
    "location", "period_start", "period_end", "measure", "episode", "qualifier", "value",
    "value_high", "unit", "low", "high",
)  # fmt: skip


def _figures_of(conn: Connection, components: list[str] | None) -> pd.DataFrame:
    """Current, active figures of the components (all when None), as the engine wants them.

    Read as plain DBAPI tuples and typed column by column: building row objects costs more
    than the reconciliation itself at a million figures.
    """
    F = tables.figures
    query = select(*[F.c[c] for c in ENGINE_COLUMNS]).where(
        and_(F.c.current, F.c.status == "active")
    )
    if components is not None:
        pairs = [c.split("|", 1) for c in components]
        query = query.where(or_(*[and_(F.c.metric == m, F.c.adm0 == c) for m, c in pairs]))
    compiled = query.compile(dialect=conn.dialect)
    params = compiled.construct_params()
    if conn.dialect.paramstyle == "qmark":
        args = tuple(params[name] for name in compiled.positiontup or ())
    else:
        args = params
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), args)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(ENGINE_COLUMNS)
    frame = pd.DataFrame(
        {c: pd.Series(v, dtype=object) for c, v in zip(ENGINE_COLUMNS, columns, strict=True)}
    )
    return type_figures(frame)


def recompute(
    conn: Connection, vocab: Vocabularies, settings: Settings, components: list[str] | None
) -> int:
    """Replace the stored flags and bands of these components (all when None) by a fresh
    computation over their current figures; returns the number of flags stored."""
    ctx = context_for(vocab, settings)
    if components is not None:
        _lock_components(conn, components)
    figures = _figures_of(conn, components)
    result = compute(figures, ctx) if len(figures) else None
    _clear(conn, components)
    if result is None:
        return 0
    _store(conn, result)
    return len(result.flags)


def recompute_for(
    conn: Connection, vocab: Vocabularies, settings: Settings, changed: pd.DataFrame
) -> int:
    """Recompute the components the changed figures belong to."""
    ctx = context_for(vocab, settings)
    components = sorted(set(component_key(changed, ctx).dropna().astype(str)))
    return recompute(conn, vocab, settings, components)


def stored_components(conn: Connection) -> list[str]:
    """Every (metric, country) component that has current figures, as "metric|country"."""
    F = tables.figures
    query = select(F.c.metric, F.c.adm0).where(F.c.current).distinct()
    return sorted(f"{m}|{c}" for m, c in conn.execute(query).fetchall())


def clear_all(conn: Connection) -> None:
    """Remove every stored flag and band (before a full recomputation)."""
    _clear(conn, None)


def _clear(conn: Connection, components: list[str] | None) -> None:
    for table in (tables.flags, tables.flag_figures, tables.bands, tables.band_exclusions):
        if components is None:
            conn.execute(table.delete())
            continue
        for start in range(0, len(components), 500):
            chunk = components[start : start + 500]
            conn.execute(table.delete().where(table.c.component.in_(chunk)))


def _store(conn: Connection, result: Reconciliation) -> None:
    now = datetime.now(UTC)
    flags = result.flags
    if len(flags):
        rows = flags.drop(columns=["status", "note"]).assign(computed_at=now)
        rows["ratio"] = rows["ratio"].astype("float64")
        insert_many(conn, tables.flags, rows)
        links = (
            flags[["flag_id", "figure_ids", "component"]]
            .assign(figure_id=flags["figure_ids"].str.split(";"))
            .explode("figure_id")
        )
        insert_many(conn, tables.flag_figures, links[["flag_id", "figure_id", "component"]])
    _store_bands(conn, result)


def _store_bands(conn: Connection, result: Reconciliation) -> None:
    bands = result.bands
    if len(bands):
        rows = bands.copy()
        component = rows["metric"].astype(str) + "|" + rows["location"].map(_country(result))
        rows["component"] = component
        for column in ("window_start", "date"):
            rows[column] = pd.to_datetime(rows[column]).dt.date
        for column in ("low", "high", "headline"):
            values = pd.to_numeric(rows[column]).astype("float64")
            rows[column] = values.where(np.isfinite(values))
        columns = [c.name for c in tables.bands.columns]
        insert_many(conn, tables.bands, rows[[c for c in columns if c in rows]])
    excluded = result.excluded
    if len(excluded):
        component = excluded["figure_id"].map(_component_of_figure(result))
        insert_many(conn, tables.band_exclusions, excluded.assign(component=component))


def _country(result: Reconciliation) -> dict[str, str]:
    series = result.series
    return dict(zip(series["location"], series["component"].str.split("|").str[1], strict=False))


def _component_of_figure(result: Reconciliation) -> dict[str, str]:
    series = result.series.dropna(subset=["figure_id"])
    return dict(zip(series["figure_id"], series["component"], strict=False))


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
    ids = flags["flag_id"].astype(object)
    flags["status"] = ids.map(notes["status"].to_dict()).astype("string").fillna("open")
    flags["note"] = ids.map(notes["note"].to_dict()).astype("string").fillna("")
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
