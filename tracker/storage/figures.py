"""Writing and reading figure revisions. Append-only: a revision is never changed or deleted."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    Table,
    and_,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.engine.cursor import BufferedRowCursorFetchStrategy, CursorFetchStrategy

from tracker.domain.filters import Filters
from tracker.domain.normalise import DATE_COLUMNS
from tracker.storage import bulk, tables

F = tables.figures
CHUNK = 900  # bound parameters per IN (…) query, under SQLite's limit
ID_CHUNK = 20_000  # ids per look-up of stored revisions (SQLite ≥ 3.32 allows 32,766)


def now() -> datetime:
    return datetime.now(UTC)


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain Python values (None for missing), as the DBAPI wants them."""
    out = frame.copy()
    for column in DATE_COLUMNS:
        if column in out:
            out[column] = pd.to_datetime(out[column]).dt.date
    if "high" in out:
        out["high"] = out["high"].where(np.isfinite(out["high"].astype("float64")), None)
    out = out.astype(object).where(out.notna(), None)
    return out.to_dict("records")


def insert_revisions(
    conn: Connection,
    figures: pd.DataFrame,
    *,
    who: str,
    why: str | None,
    batch: str | None,
    revision: pd.Series | int = 1,
    status: pd.Series | str = "active",
    review_status: str = "accepted",
    reviewed_by: str | None = None,
) -> int:
    """Store new revisions: accepted ones as the current ones (the caller has retired the
    previous); proposed and rejected ones are never current, so no public read sees them."""
    if figures.empty:
        return 0
    # the caller's columns, not copies: copy-on-write keeps the caller's frame as it is (a
    # copy of a million figures held 400 MB more while they were written); the frame is built
    # once (ten columns set on it one at a time cost more than the insert of one figure)
    columns: dict[str, object] = {
        c: figures[c] for c in tables.FIGURE_VALUE_COLUMNS if c in figures
    }
    if "high" in columns:
        high = figures["high"].astype("float64")
        columns["high"] = high.where(np.isfinite(high))
    columns |= {
        "revision": revision,
        "current": review_status == "accepted",
        "status": status,
        "entered_at": now(),
        "entered_by": who,
        "why": why,
        "batch": batch,
        "review_status": review_status,
        "reviewed_by": reviewed_by,
    }
    rows = pd.DataFrame(columns, index=figures.index, copy=False)
    bulk.insert_many(conn, F, rows, rebuild_indexes=True)
    return len(rows)


def retire(conn: Connection, figure_ids: Sequence[str]) -> None:
    """Mark the current revisions of these figures superseded (their rows stay)."""
    for start in range(0, len(figure_ids), CHUNK):
        chunk = list(figure_ids[start : start + CHUNK])
        conn.execute(
            update(F).where(and_(F.c.figure_id.in_(chunk), F.c.current)).values(current=False)
        )


def revisions_of(conn: Connection, figure_ids: Sequence[str]) -> pd.DataFrame:
    """Every stored revision of the given figures, oldest first."""
    frames = []
    ids = list(dict.fromkeys(figure_ids))
    step = ID_CHUNK if len(ids) > CHUNK and _many_parameters(conn) else CHUNK
    for start in range(0, len(ids), step):
        chunk = ids[start : start + step]
        query = select(F).where(F.c.figure_id.in_(chunk)).order_by(F.c.figure_id, F.c.revision)
        result = conn.execute(query)
        rows = result.fetchall()
        if rows:  # typing an empty frame per chunk costs more than the query
            frames.append(type_figures(pd.DataFrame(rows, columns=list(result.keys()))))
    if not frames:
        return no_revisions()
    return pd.concat(frames, ignore_index=True)


_NONE: list[pd.DataFrame] = []


def no_revisions() -> pd.DataFrame:
    """No revision: an empty frame of the figure table's columns, typed as :func:`read_frame`
    types them (made once: an import of new figures asks for it every time)."""
    if not _NONE:
        _NONE.append(type_figures(pd.DataFrame(columns=[c.name for c in F.columns])))
    return _NONE[0].copy()


def stored_ids(conn: Connection, figure_ids: Sequence[str]) -> set[str]:
    """Which of these figure ids are stored (in any revision).

    The ids go to the driver as they are (one array on PostgreSQL, plain ``?`` marks on
    SQLite), without SQLAlchemy's expansion of a bound parameter per id, and the index on
    (figure_id, revision) answers: an import of new figures learns that cheaply.
    """
    ids = list(dict.fromkeys(figure_ids))
    if not ids:
        return set()
    if conn.dialect.name == "postgresql":
        sql = f"SELECT DISTINCT figure_id FROM {F.name} WHERE figure_id = ANY(%s)"
        return {row[0] for row in conn.exec_driver_sql(sql, (ids,))}
    found: set[str] = set()
    step = ID_CHUNK if _many_parameters(conn) else CHUNK
    for start in range(0, len(ids), step):
        chunk = tuple(ids[start : start + step])
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT DISTINCT figure_id FROM {F.name} WHERE figure_id IN ({marks})"
        found.update(row[0] for row in conn.exec_driver_sql(sql, chunk))
    return found


def _many_parameters(conn: Connection) -> bool:
    """PostgreSQL, and SQLite from 3.32, bind far more than 900 parameters per statement."""
    if conn.dialect.name != "sqlite":
        return True
    import sqlite3

    return sqlite3.sqlite_version_info >= (3, 32)


def read_frame(conn: Connection, query: Select) -> pd.DataFrame:
    """Run a select and type its figure columns as the domain expects."""
    result = conn.execute(query)
    return type_figures(rows_frame(result.fetchall(), list(result.keys())))


def raw_rows(conn: Connection, query: Select | CompoundSelect) -> tuple[list[str], list[tuple]]:
    """Run a select through the DBAPI cursor, skipping SQLAlchemy's per-cell result
    processing (building row objects costs more than the work done with them at a million
    figures; dates then come as text on SQLite): column names and plain tuples."""
    with _executed(conn, query) as cursor:
        return [d[0] for d in cursor.description], cursor.fetchall()


def raw_blocks(conn: Connection, query: Select, size: int) -> Iterator[list[tuple]]:
    """:func:`raw_rows`' tuples, ``size`` rows at a time, so that a caller can make each
    block compact before the next is read (a million rows as tuples of Python objects take
    about a gigabyte). On PostgreSQL the rows come through a server-side cursor: a plain one
    holds the whole result in the client before the first block is read."""
    with _executed(conn, query, server_side=True) as cursor:
        while block := cursor.fetchmany(size):
            yield block


@contextmanager
def _executed(
    conn: Connection, query: Select | CompoundSelect, server_side: bool = False
) -> Iterator[Any]:
    """A DBAPI cursor that has run the query (closed after the block); ``server_side``: a
    named cursor on PostgreSQL, whose rows stay on the server until fetched."""
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    if conn.dialect.paramstyle == "qmark":
        args: tuple | dict = tuple(params[name] for name in compiled.positiontup or ())
    else:
        args = dict(params)
    driver = conn.connection.driver_connection
    named = server_side and conn.dialect.name == "postgresql"
    cursor = driver.cursor(f"tracker_{uuid.uuid4().hex}") if named else driver.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), args)
        yield cursor
    finally:
        cursor.close()


def raw_frame(conn: Connection, query: Select | CompoundSelect) -> pd.DataFrame:
    """:func:`raw_rows` as a frame whose figure columns are typed as :func:`read_frame`
    types them (dates parsed a column at a time)."""
    columns, rows = raw_rows(conn, query)
    frame = type_figures(rows_frame(rows, columns))
    for column in ("entered_at", "window_start", "date"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    return frame


def rows_frame(rows: Sequence[Sequence], columns: list[str]) -> pd.DataFrame:
    """A frame from result rows, built column by column (pandas reads a list of row
    objects one cell at a time: ten times slower for the dashboard's few thousand rows)."""
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(dict(zip(columns, zip(*rows, strict=True), strict=True)))


def type_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as timestamps, counts as integers, an absent high as infinity. The columns are
    typed one by one and the frame built once from them (setting a column at a time cost more
    than typing it, for the few hundred figures one change reads)."""
    typed = {column: _typed(column, frame[column]) for column in frame.columns}
    return pd.DataFrame(typed, index=frame.index, columns=frame.columns, copy=False)


def _typed(column: str, values: pd.Series) -> pd.Series:
    """One column of figures as :func:`type_figures` types it."""
    if column in DATE_COLUMNS:
        return pd.to_datetime(values)
    if column in ("value", "low"):
        return pd.to_numeric(values).astype("int64")
    if column == "value_high":
        return pd.to_numeric(values).astype("Int64")
    if column == "high":
        return pd.to_numeric(values).astype("float64").fillna(np.inf)
    if values.dtype != object or column == "entered_at":
        return values
    return values.astype(bool) if column == "current" else values.astype("string")


def filter_clause(filters: Filters, location_levels: dict[str, int]) -> list[ColumnElement]:
    """SQL conditions for the filters shared by the CLI and the download URLs; with an
    episode, its own figures (narrowed only by a chosen place and dates) and, of the figures
    naming no episode, those in its area and dates (see :mod:`tracker.domain.filters`)."""
    clauses: list[ColumnElement] = []
    if filters.metric:
        clauses.append(F.c.metric.in_(filters.metric))
    if filters.population:
        clauses.append(F.c.population.in_(filters.population))
    if filters.source:
        clauses.append(F.c.source.in_(filters.source))
    scope = _place_and_dates(filters.location, filters.date_from, filters.date_to, location_levels)
    if filters.episode:
        own = _place_and_dates(
            filters.chosen_location, filters.chosen_from, filters.chosen_to, location_levels
        )
        unnamed = or_(F.c.episode.is_(None), F.c.episode == "")
        clauses.append(or_(and_(F.c.episode.in_(filters.episode), *own), and_(unnamed, *scope)))
    else:
        clauses.extend(scope)
    return clauses


def _place_and_dates(
    location: Sequence[str],
    date_from: date | None,
    date_to: date | None,
    location_levels: dict[str, int],
) -> list[ColumnElement]:
    """Figures in these places (or below) whose period ends within the dates."""
    clauses: list[ColumnElement] = []
    if location:
        clauses.append(place_clause(F, location, location_levels))
    if date_from is not None:
        clauses.append(F.c.period_end >= date_from)
    if date_to is not None:
        clauses.append(F.c.period_end <= date_to)
    return clauses


def place_clause(table: Table, codes: Sequence[str], location_levels: dict[str, int]):
    """Rows of ``table`` (with location and adm0–adm3 columns) in these places or below.

    A figure's admN column holds its own location when that is an admin unit of level N,
    so ``admN = code`` alone finds the place and everything under it: one indexed column
    (an ``OR`` with ``location`` made SQLite read every figure of the metric instead)."""
    places = []
    for code in codes:
        level = location_levels.get(code, 4)
        column = table.c[f"adm{level}"] if level <= 3 else table.c.location
        places.append(column == code)
    return or_(*places)


def current_query(
    filters: Filters, location_levels: dict[str, int], include_retracted: bool = False
) -> Select:
    """The current revision of every figure matching the filters, in figure_id order."""
    # The bare column (not SQLAlchemy's "current = 1" on SQLite) matches the partial index
    # ux_figures_current, so the rows come in figure_id order without a sort.
    conditions: list[ColumnElement[bool]] = [
        text("figures.current"),  # type: ignore[list-item]
        *filter_clause(filters, location_levels),
    ]
    if not include_retracted:
        conditions.append(F.c.status == "active")
    return select(F).where(and_(*conditions)).order_by(F.c.figure_id)


def current_rows_query(
    filters: Filters,
    location_levels: dict[str, int],
    columns: Sequence[str] | None,
    dialect: str,
    include_retracted: bool = False,
    after: str | None = None,
    ids: Sequence[str] | None = None,
) -> Select:
    """:func:`current_query` with only ``columns``, after the figure ``after`` when given,
    only the figures ``ids`` when given, sorted by figure_id in byte order on every
    database (the same file everywhere)."""
    query = current_query(filters, location_levels, include_retracted)
    if columns is not None:
        query = query.with_only_columns(*[F.c[c] for c in columns])
    if ids is not None:
        query = query.where(F.c.figure_id.in_(list(ids)))
    order = F.c.figure_id.collate("C") if dialect == "postgresql" else F.c.figure_id
    if after is not None:
        query = query.where(order > after)
    if dialect == "postgresql":  # byte order, as SQLite sorts
        query = query.order_by(None).order_by(order)
    return query


def iter_current_rows(
    conn: Connection,
    filters: Filters,
    location_levels: dict[str, int],
    include_retracted: bool = False,
    chunk_rows: int = 50_000,
    columns: Sequence[str] | None = None,
    after: str | None = None,
    ids: Sequence[str] | None = None,
) -> Iterator[tuple[list[str], list, list[tuple]]]:
    """Current figures a chunk at a time as the DBAPI cursor gives them, in figure_id order:
    (column names, each column's result processor or None, the raw rows).

    Passing a raw value through its processor gives exactly what a SQLAlchemy Row holds;
    reading the cursor directly saves building a Row per figure.
    """
    query = current_rows_query(
        filters, location_levels, columns, conn.dialect.name, include_retracted, after, ids
    )
    result = conn.execution_options(stream_results=True).execute(query)
    try:
        names = list(result.keys())
        cursor = result.cursor
        dialect = conn.dialect
        processors = [
            F.c[name].type.dialect_impl(dialect).result_processor(dialect, described[1])
            for name, described in zip(names, cursor.description, strict=True)
        ]
        # A streaming result (PostgreSQL) has already read a row or more ahead into its
        # buffer: take them back as they came from the cursor, then read the cursor itself.
        # Any other way of fetching would lose rows here, so it is refused.
        strategy = result.cursor_strategy
        pending: list = []
        if isinstance(strategy, BufferedRowCursorFetchStrategy):
            pending = list(strategy._rowbuffer)
            strategy._rowbuffer.clear()
        elif type(strategy) is not CursorFetchStrategy:
            raise RuntimeError(f"cannot read the cursor under {type(strategy).__name__}")
        while True:
            if len(pending) < chunk_rows:
                pending += cursor.fetchmany(chunk_rows - len(pending))
            if not pending:
                break
            rows, pending = pending[:chunk_rows], pending[chunk_rows:]
            yield names, processors, rows
    finally:
        result.close()


def processed_columns(names: list[str], processors: list, rows: list[tuple]) -> dict[str, list]:
    """Raw rows as column lists (name → values), each value as a SQLAlchemy Row holds it."""
    out: dict[str, list] = {}
    for name, column, process in zip(names, zip(*rows, strict=True), processors, strict=True):
        if process is None:
            out[name] = list(column)
        else:
            out[name] = [None if v is None else process(v) for v in column]
    return out


def iter_current_columns(
    conn: Connection,
    filters: Filters,
    location_levels: dict[str, int],
    include_retracted: bool = False,
    chunk_rows: int = 50_000,
    columns: Sequence[str] | None = None,
) -> Iterator[dict[str, list]]:
    """Current figures a chunk at a time as column lists (name → values), in figure_id order."""
    for names, processors, rows in iter_current_rows(
        conn, filters, location_levels, include_retracted, chunk_rows, columns
    ):
        yield processed_columns(names, processors, rows)


def iter_current(
    conn: Connection,
    filters: Filters,
    location_levels: dict[str, int],
    include_retracted: bool = False,
    chunk_rows: int = 50_000,
) -> Iterator[pd.DataFrame]:
    """Stream current figures in chunks so that memory stays bounded at any size."""
    for chunk in iter_current_columns(
        conn, filters, location_levels, include_retracted, chunk_rows
    ):
        yield type_figures(pd.DataFrame(chunk))


def count_current(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(F).where(F.c.current)).scalar_one())


def count_matching(conn: Connection, filters: Filters, location_levels: dict[str, int]) -> int:
    """How many current figures (retracted ones included) the filters select."""
    where = [F.c.current == True, *filter_clause(filters, location_levels)]  # noqa: E712
    return int(conn.execute(select(func.count()).select_from(F).where(*where)).scalar_one())


def current_with_prefix(
    conn: Connection, prefix: str, sources: Sequence[str], start: date, end: date
) -> tuple[int, date | None, date | None]:
    """How many current, not retracted figures of these sources have an id starting with
    ``prefix`` and a period meeting ``start``…``end``, and the span of their periods."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    query = select(func.count(), func.min(F.c.period_end), func.max(F.c.period_end)).where(
        F.c.current,
        F.c.status != "retracted",
        F.c.figure_id.like(escaped + "%", escape="\\"),
        F.c.source.in_(list(sources)),
        F.c.period_end >= start,
        func.coalesce(F.c.period_start, F.c.period_end) <= end,
    )
    count, first, last = conn.execute(query).one()
    return int(count), first, last
