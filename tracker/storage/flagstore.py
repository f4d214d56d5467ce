"""Stored flags and bands, recomputed for the affected components after every change.

The engine (:mod:`tracker.domain.reconcile`) is pure; this module feeds it the current figures of
the components a change touched, replaces those components' stored flags and bands in
the same transaction as the change, and keeps analysts' notes apart so that an
``explained`` state survives every recomputation.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

import numpy as np
import pandas as pd
from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Select,
    Table,
    and_,
    func,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Connection

from tracker.domain.filters import Filters
from tracker.domain.reconcile import component_key, compute
from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.rules.flows_between import families, related_components
from tracker.domain.reconcile.scoped import Scope
from tracker.domain.settings import Settings
from tracker.domain.vocabularies import Vocabularies
from tracker.storage import banddiff, bandjournal, flagscope, tables
from tracker.storage.bulk import insert_many
from tracker.storage.figures import place_clause, raw_blocks, type_figures
from tracker.storage.flagquery import by_dates, by_sources, newest_notes

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


_CONTEXTS: dict[tuple[int, Settings], ReconcileContext] = {}


def context_for(vocab: Vocabularies, settings: Settings) -> ReconcileContext:
    """The engine's context for these vocabularies and settings (built once per process)."""
    key = (id(vocab), settings)
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


ENGINE_COLUMNS = flagscope.ENGINE_COLUMNS


def _figures_of(conn: Connection, components: list[str] | None) -> pd.DataFrame:
    """Current, active figures of the components (all when None), as the engine wants them.

    Read as plain DBAPI tuples and typed column by column: building row objects costs more
    than the reconciliation itself at a million figures. The tuples are read READ_ROWS at a
    time, each block typed before the next is read. Every figure is read by a scan of the
    table (an index would add a look-up per row).
    """
    F = tables.figures
    query = select(*[F.c[c] for c in ENGINE_COLUMNS]).where(
        and_(F.c.current, F.c.status == "active")
    )
    if components is not None:
        pairs = [c.split("|", 1) for c in components]
        query = query.where(or_(*[and_(F.c.metric == m, F.c.adm0 == c) for m, c in pairs]))
    else:
        query = query.with_hint(F, "NOT INDEXED", "sqlite")
    blocks = [_typed(rows) for rows in raw_blocks(conn, query, READ_ROWS)]
    if len(blocks) == 1:
        return blocks[0]
    return pd.concat(blocks or [_typed([])], ignore_index=True)


#: Figures read from the database at a time (as Python tuples) before they are typed.
READ_ROWS = 50_000


def _typed(rows: list[tuple]) -> pd.DataFrame:
    """A block of the engine's columns, typed (dates parsed, text as strings)."""
    cells = np.empty((len(rows), len(ENGINE_COLUMNS)), dtype=object)
    if rows:
        cells[:] = rows
    frame = pd.DataFrame({c: cells[:, i] for i, c in enumerate(ENGINE_COLUMNS)})
    for column in ("reported_on", "period_start", "period_end"):
        frame[column] = _dates(frame[column])
    return type_figures(frame)


def _dates(column: pd.Series) -> np.ndarray:
    """Dates as datetime64, each distinct day parsed once (a million figures name a few
    thousand days)."""
    codes, days = pd.factorize(column, use_na_sentinel=True)
    parsed = pd.to_datetime(pd.Series(days, dtype=object)).to_numpy(dtype="datetime64[us]")
    out = np.full(len(codes), np.datetime64("NaT"), dtype="datetime64[us]")
    known = codes >= 0
    out[known] = parsed[codes[known]]
    return out


def recompute(
    conn: Connection, vocab: Vocabularies, settings: Settings, components: list[str] | None
) -> int:
    """Replace the stored flags and bands of these components (all when None) by a fresh
    computation over their current figures; returns the number of flags stored. A stock's
    flags read the flows that change it, so their components are recomputed together
    (:func:`~tracker.domain.reconcile.rules.flows_between.related_components`)."""
    ctx = context_for(vocab, settings)
    if components is not None:
        components = related_components(components, ctx)
        _lock_components(conn, components)
    figures = _figures_of(conn, components)
    result = compute(figures, ctx, series=False) if len(figures) else None
    _clear(conn, components)
    if result is None:
        return 0
    _store_flags(conn, result.flags, result.excluded, _places_of(figures, result.excluded), ctx)
    _store_bands(conn, result.bands, ctx)
    return len(result.flags)


#: Above this many changed figures a change recomputes its whole components (an import of a
#: file), below it only the flags and bands the change can alter (see flagscope).
INCREMENTAL_LIMIT = 50

#: A large change recomputes its components a batch at a time, each batch read, reconciled
#: and stored before the next is read, so that memory follows the batch and not the import (a
#: whole million-figure import at once took about a gigabyte more). A batch is one or more
#: whole families (:func:`~tracker.domain.reconcile.rules.flows_between.families`) holding
#: about this many of the changed figures, or one family holding more.
BATCH_FIGURES = 100_000


def recompute_for(
    conn: Connection, vocab: Vocabularies, settings: Settings, changed: pd.DataFrame
) -> int:
    """Bring the stored flags and bands up to date after a change of these figures (old and
    new versions of each); returns the number of flags written."""
    ctx = context_for(vocab, settings)
    keys = component_key(changed, ctx).dropna().astype(str)
    components = related_components(sorted(set(keys)), ctx)
    _lock_components(conn, components)  # all at once, in order: batches take them again
    if len(changed) > INCREMENTAL_LIMIT:
        batches = _batches(families(components, ctx), keys.value_counts().to_dict())
        return sum(recompute(conn, vocab, settings, batch) for batch in batches)
    try:
        return recompute_scope(conn, ctx, changed)
    except flagscope.ScopeTooLarge:
        return recompute(conn, vocab, settings, components)


def _batches(groups: list[list[str]], sizes: dict[str, int]) -> list[list[str]]:
    """Whole families packed in order into batches of at most BATCH_FIGURES changed figures
    (``sizes``: changed figures per component); a larger family is a batch of its own."""
    out: list[list[str]] = []
    held = BATCH_FIGURES
    for family in groups:
        size = sum(sizes.get(c, 0) for c in family)
        if out and held + size <= BATCH_FIGURES:
            out[-1] += family
            held += size
        else:
            out.append(list(family))
            held = size
    return out


def recompute_scope(conn: Connection, ctx: ReconcileContext, changed: pd.DataFrame) -> int:
    """Replace exactly the stored flags and bands the changed figures can alter by what a full
    run would store for them (:mod:`tracker.storage.flagscope` says which and why).

    The scope's figures are read back from the store and not validated again: every stored
    figure passed the one figure schema (:func:`tracker.domain.validation.validate_figures`)
    when it was written, and recomputing flags changes no figure. Only the changed figures
    themselves were validated, by the import or revision that changed them."""
    plan = flagscope.plan(conn, ctx, flagscope.figures_of(changed, ctx))
    scope = Scope.of(plan.reader.frame(), ctx, echoes=plan.echoes)
    flags, excluded = scope.owned_flags(plan.owned, ctx)
    gone = _stored_touching(conn, plan.owned)
    now_out = set(excluded["figure_id"].astype(str))
    moved = set(_exclusions(conn, "flag_id", gone)["figure_id"]) ^ now_out
    groups = plan.groups | _groups_of(plan.reader, moved - set(changed["figure_id"].astype(str)))
    scope = _with_groups(plan, scope, groups, ctx)
    bands = scope.bands(groups, _still_out(conn, plan.reader, groups, gone) | now_out)
    _delete_flags(conn, gone)
    _store_flags(conn, flags, excluded, _places_of(scope.figures, excluded), ctx)
    _replace_bands(conn, groups, bands, ctx)
    return len(flags)


def _with_groups(
    plan: flagscope.Plan, scope: Scope, groups: set[tuple[str, str, str]], ctx: ReconcileContext
) -> Scope:
    """The scope, read again with these groups whole when one of them is not (an echo moved a
    figure of another group in or out of its band)."""
    if all(("group", *g) in plan.reader.asked for g in groups):
        return scope
    for g in sorted(groups):
        plan.reader.group(*g)
    return Scope.of(plan.reader.frame(), ctx, rules=False)


def _still_out(
    conn: Connection, reader: flagscope.Reader, groups: set[tuple[str, str, str]], gone: list[str]
) -> set[str]:
    """Figures of these groups left out of their bands by stored flags that stay."""
    members = [c.figure_id for g in sorted(groups) for c in reader.group(*g)]
    kept = _exclusions(conn, "figure_id", members)
    return set(kept.loc[~kept["flag_id"].isin(gone), "figure_id"])


def _groups_of(reader: flagscope.Reader, figure_ids: set[str]) -> set[tuple[str, str, str]]:
    """The (metric, population, location) group of each figure (read when not yet read)."""
    missing = sorted(figure_ids - set(reader.rows))
    for start in range(0, len(missing), CHUNK):
        chunk = missing[start : start + CHUNK]
        reader.fetch(("ids", *chunk), tables.figures.c.figure_id.in_(chunk))
    index = {c: i for i, c in enumerate(flagscope.ENGINE_COLUMNS)}
    return {
        (row[index["metric"]], row[index["population"]], row[index["location"]])
        for fid in figure_ids
        if (row := reader.rows.get(fid)) is not None
    }


CHUNK = 500


def _chunks(values: Iterable[str]) -> list[list[str]]:
    ordered = sorted(set(values))
    return [ordered[i : i + CHUNK] for i in range(0, len(ordered), CHUNK)]


def _stored_touching(conn: Connection, owned: dict[str, set[str]]) -> list[str]:
    """Ids of stored flags one of whose figures is owned for the flag's rule."""
    links = tables.flag_figures
    found: set[str] = set()
    for chunk in _chunks(set().union(*owned.values())):
        query = (
            select(links.c.flag_id, T_FLAGS.c.rule, links.c.figure_id)
            .join(T_FLAGS, T_FLAGS.c.flag_id == links.c.flag_id)
            .where(links.c.figure_id.in_(chunk))
        )
        for flag_id, rule, figure_id in conn.execute(query):
            if figure_id in owned.get(rule, ()):
                found.add(flag_id)
    return sorted(found)


def _exclusions(conn: Connection, column: str, values: Iterable[str]) -> pd.DataFrame:
    """Stored band exclusions whose ``column`` (flag_id or figure_id) is one of the values."""
    table = tables.band_exclusions
    rows: list = []
    for chunk in _chunks(values):
        query = select(table.c.figure_id, table.c.reason, table.c.flag_id).where(
            table.c[column].in_(chunk)
        )
        rows += conn.execute(query).fetchall()
    return pd.DataFrame(rows, columns=["figure_id", "reason", "flag_id"], dtype=object)


def _delete_flags(conn: Connection, flag_ids: list[str]) -> None:
    for chunk in _chunks(flag_ids):
        for table in (tables.flags, tables.flag_figures, tables.band_exclusions):
            conn.execute(table.delete().where(table.c.flag_id.in_(chunk)))


def _replace_bands(
    conn: Connection, groups: set[tuple[str, str, str]], bands: pd.DataFrame, ctx: ReconcileContext
) -> None:
    """The stored bands of these groups replaced by ``bands``, only the rows that differ
    written (:mod:`tracker.storage.banddiff`)."""
    bandjournal.before_groups(conn, groups)
    banddiff.replace(conn, groups, _band_rows(bands, ctx))


def stored_components(conn: Connection) -> list[str]:
    """Every (metric, country) component that has current figures, as "metric|country"."""
    F = tables.figures
    query = select(F.c.metric, F.c.adm0).where(F.c.current).distinct()
    return sorted(f"{m}|{c}" for m, c in conn.execute(query).fetchall())


def clear_all(conn: Connection) -> None:
    """Remove every stored flag and band (before a full recomputation)."""
    _clear(conn, None)


def _clear(conn: Connection, components: list[str] | None) -> None:
    bandjournal.before_components(conn, components)
    for table in (tables.flags, tables.flag_figures, tables.bands, tables.band_exclusions):
        if components is None:
            conn.execute(table.delete())
            continue
        for start in range(0, len(components), 500):
            chunk = components[start : start + 500]
            conn.execute(table.delete().where(table.c.component.in_(chunk)))


def _component(metric: pd.Series, location: pd.Series, ctx: ReconcileContext) -> pd.Series:
    """ "metric|country" of each row: the component a flag or band is stored under (each
    distinct pair spelt once: a group's hundreds of band rows share one)."""
    spelt: dict[tuple[str, str], str] = {}
    pairs = zip(metric.astype(str).tolist(), location.astype(str).tolist(), strict=True)
    out = [spelt.get(k) or spelt.setdefault(k, f"{k[0]}|{ctx.root(k[1])}") for k in pairs]
    return pd.Series(out, index=metric.index, dtype=object)


def _places_of(figures: pd.DataFrame, excluded: pd.DataFrame) -> pd.DataFrame:
    """figure_id, metric, location of the excluded figures (their band's component)."""
    if excluded.empty:
        return pd.DataFrame(columns=["figure_id", "metric", "location"])
    ids = figures["figure_id"].astype(str)
    rows = figures.loc[ids.isin(set(excluded["figure_id"].astype(str))).to_numpy()]
    out = rows[["figure_id", "metric", "location"]].astype(str)
    return out.drop_duplicates("figure_id")


def _store_flags(
    conn: Connection,
    flags: pd.DataFrame,
    excluded: pd.DataFrame,
    places: pd.DataFrame,
    ctx: ReconcileContext,
) -> None:
    """Insert flags with their figure links and the band exclusions they cause."""
    now = datetime.now(UTC)
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
    if len(excluded):
        where = places.set_index("figure_id")
        ids = excluded["figure_id"].astype(str)
        component = _component(ids.map(where["metric"]), ids.map(where["location"]), ctx)
        insert_many(conn, tables.band_exclusions, excluded.assign(component=component.to_numpy()))


def _store_bands(conn: Connection, bands: pd.DataFrame, ctx: ReconcileContext) -> None:
    if bands.empty:
        return
    insert_many(conn, tables.bands, _band_rows(bands, ctx))


def _band_rows(bands: pd.DataFrame, ctx: ReconcileContext) -> pd.DataFrame:
    """The engine's bands as stored: their component, dates as dates, no infinite bound.
    Built a column at a time into one frame (copying the engine's frame and setting columns on
    it cost more than the rest of writing a new figure's few hundred band rows)."""
    columns = [c.name for c in tables.bands.columns]
    if bands.empty:
        return pd.DataFrame(columns=columns)
    out: dict[str, object] = {}
    for column in columns:
        if column == "component":
            out[column] = _component(bands["metric"], bands["location"], ctx).to_numpy()
        elif column in ("window_start", "date"):
            out[column] = _days(bands[column])
        elif column in ("low", "high", "headline"):
            values = pd.to_numeric(bands[column]).to_numpy(dtype="float64", na_value=np.nan)
            out[column] = np.where(np.isfinite(values), values, np.nan)
        elif column in bands:
            out[column] = bands[column].array
    return pd.DataFrame(out, index=bands.index, copy=False)


def _days(column: pd.Series) -> np.ndarray:
    """Each cell's day as a ``datetime.date`` (NaT where missing), each converted in numpy."""
    days = np.asarray(pd.to_datetime(column)).astype("datetime64[D]")
    out = days.astype(object)
    out[np.isnat(days)] = pd.NaT
    return out


def latest_notes(conn: Connection) -> pd.DataFrame:
    """The newest status and note an analyst gave each flag."""
    notes = newest_notes()
    rows = conn.execute(select(notes.c.flag_id, notes.c.status, notes.c.note)).fetchall()
    return pd.DataFrame(rows, columns=["flag_id", "status", "note"]).set_index("flag_id")


def _flag_conditions(filters: Filters, location_levels: dict[str, int]) -> list[ColumnElement]:
    """Flags are filtered on their own metric/population/location and on their sources."""
    clauses: list[ColumnElement] = []
    if filters.metric:
        clauses.append(T_FLAGS.c.metric.in_(filters.metric))
    if filters.population:
        clauses.append(T_FLAGS.c.population.in_(filters.population))
    if filters.source:
        clauses.append(by_sources(filters.source))
    if filters.location:
        clauses.append(T_FLAGS.c.flag_id.in_(_flags_in_places(filters.location, location_levels)))
    return clauses


def _flags_in_places(codes: Sequence[str], location_levels: dict[str, int]) -> Select:
    """The flags with a figure (any revision of it) in these places or below.

    Asked from the flagged figures (thousands) to the figures (millions, by id): asked the
    other way, SQLite read every figure for a governorate (``admN`` is indexed only with
    ``current``), 300–550 ms at a million figures."""
    ff, f = tables.flag_figures, tables.figures
    placed = (
        select(literal(1))
        .where(f.c.figure_id == ff.c.figure_id, place_clause(f, codes, location_levels))
        .exists()
    )
    return select(ff.c.flag_id).where(placed)


def read_flags(conn: Connection, filters: Filters, location_levels: dict[str, int]) -> pd.DataFrame:
    """Current flags matching the filters, with status and note, in flag_id order.

    The date filters apply to the flag's figures' period_end, like everywhere else.
    """
    conditions = _flag_conditions(filters, location_levels)
    dated = by_dates(filters)
    if dated is not None:
        conditions.append(dated)
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


def _band_clauses(b: Table, filters: Filters) -> list[ColumnElement]:
    """Bands are filtered on their series (metric, population, location) and date."""
    clauses: list[ColumnElement] = []
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
    return clauses


def _band_order(b: Table) -> list[ColumnElement]:
    return [b.c.metric, b.c.population, b.c.location, b.c.measure, b.c.window_start, b.c.date]


def read_bands(conn: Connection, filters: Filters) -> pd.DataFrame:
    """Reconciled bands per series and date matching the filters."""
    b = tables.bands
    query = select(b).where(and_(True, *_band_clauses(b, filters))).order_by(*_band_order(b))
    return _frame(conn.execute(query))


def read_newest_bands(conn: Connection, filters: Filters) -> pd.DataFrame:
    """The bands with a headline on each place's newest date with a headline, matching the
    filters, in :func:`read_bands`' order: the rows a place's newest headline is chosen
    from, found by the database (a metric has tens of thousands of band rows, a few
    hundred places)."""
    b = tables.bands
    clauses = [*_band_clauses(b, filters), b.c.headline.is_not(None)]
    newest = (
        select(b.c.location, func.max(b.c.date).label("date"))
        .where(*clauses)
        .group_by(b.c.location)
        .subquery("newest")
    )
    query = (
        select(b)
        .join(newest, and_(b.c.location == newest.c.location, b.c.date == newest.c.date))
        .where(*clauses)
        .order_by(*_band_order(b))
    )
    return _frame(conn.execute(query))


def _frame(result: CursorResult) -> pd.DataFrame:
    """The rows of ``result`` as a frame with its column names."""
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))
