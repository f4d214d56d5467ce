"""Which stored flags a filter selects, and the analysts' newest word on each.

One definition of each clause for the dashboard's pages (:mod:`tracker.storage.pages`), the
command line and the downloads (:mod:`tracker.storage.flagstore`): a flag is in a source
filter when one of its sources is asked for; it is in a date filter when one of its figures'
current revision ends inside the dates (as everywhere else, dates filter on period_end); its
status and note are those of the analyst's newest note, "open" and empty without one.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Subquery, and_, func, literal, or_, select
from sqlalchemy.engine import Connection

from tracker.domain.filters import Filters
from tracker.storage import tables

F = tables.figures
FL = tables.flags
FF = tables.flag_figures
NOTES = tables.flag_notes


def newest_notes() -> Subquery:
    """Each noted flag's newest note: flag_id, status, note."""
    newest = (
        select(NOTES.c.flag_id, func.max(NOTES.c.row_id).label("row_id"))
        .group_by(NOTES.c.flag_id)
        .subquery()
    )
    return (
        select(NOTES.c.flag_id, NOTES.c.status, NOTES.c.note)
        .join(newest, NOTES.c.row_id == newest.c.row_id)
        .subquery()
    )


def status_of(notes: Subquery) -> ColumnElement:
    """A flag's status: its newest note's, else open."""
    return func.coalesce(notes.c.status, "open")


def note_of(notes: Subquery) -> ColumnElement:
    """A flag's note: its newest note's, else empty."""
    return func.coalesce(notes.c.note, "")


def by_sources(sources: Sequence[str]) -> ColumnElement:
    """Flags one of whose ';'-joined sources is among ``sources``."""
    return or_(*[(literal(";") + FL.c.sources + literal(";")).contains(f";{s};") for s in sources])


def by_dates(filters: Filters) -> ColumnElement | None:
    """Flags with a figure whose current revision ends within the filters' dates (None when
    the filters give no date)."""
    if not (filters.date_from or filters.date_to):
        return None
    dated: list[ColumnElement[bool]] = [F.c.current]
    if filters.date_from:
        dated.append(F.c.period_end >= filters.date_from)
    if filters.date_to:
        dated.append(F.c.period_end <= filters.date_to)
    return FL.c.flag_id.in_(
        select(FF.c.flag_id).where(FF.c.figure_id.in_(select(F.c.figure_id).where(and_(*dated))))
    )


def flag_ids_between(conn: Connection, first: str, last: str) -> dict[str, str]:
    """figure_id → its flags' ids, sorted and ';'-joined, for figure ids from first to last
    in byte order, the order the files are written in (one range query on flag_figures).

    The range is compared in the database's own order (its index serves it) only where that
    order is byte order; a PostgreSQL database made with another collation (en_US.UTF-8 puts
    'a2' before 'D001') compares it in byte order, else a chunk's range misses its flags."""
    figure_id = FF.c.figure_id if _bytewise(conn) else FF.c.figure_id.collate("C")
    rows = conn.execute(
        select(FF.c.figure_id, FF.c.flag_id).where(and_(figure_id >= first, figure_id <= last))
    ).fetchall()
    return _joined(rows)


#: Collations that order text as its bytes (glibc's C.UTF-8 orders by code point: the same).
BYTEWISE = ("c", "posix", "c.utf8", "c.utf-8")


def _bytewise(conn: Connection) -> bool:
    """Whether the database compares text in byte order (SQLite always does). A database's
    collation is fixed when it is made, so it is read once per connection, not per chunk."""
    if conn.dialect.name != "postgresql":
        return True
    if "bytewise" not in conn.info:
        row = conn.exec_driver_sql(
            "SELECT datlocprovider, datcollate FROM pg_database WHERE datname = current_database()"
        ).one()
        conn.info["bytewise"] = str(row[0]) == "c" and str(row[1]).lower() in BYTEWISE
    return bool(conn.info["bytewise"])


def flag_ids_of(conn: Connection, ids: Sequence[str]) -> dict[str, str]:
    """figure_id → its flags' ids, sorted and ';'-joined, for the figures ``ids``."""
    query = select(FF.c.figure_id, FF.c.flag_id).where(FF.c.figure_id.in_(list(ids)))
    return _joined(conn.execute(query).fetchall())


def flag_ids_of_all(conn: Connection) -> dict[str, str]:
    """figure_id → its flags' ids, sorted and ';'-joined, for every figure in a flag (as
    :func:`flag_ids_between` writes them)."""
    return _joined(conn.execute(select(FF.c.figure_id, FF.c.flag_id)).fetchall())


def _joined(rows: Sequence) -> dict[str, str]:
    grouped: dict[str, set[str]] = {}
    for figure_id, flag_id in rows:
        grouped.setdefault(figure_id, set()).add(flag_id)
    return {figure_id: ";".join(sorted(ids)) for figure_id, ids in grouped.items()}
