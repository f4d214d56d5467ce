"""Cheap answers to "have the data changed?", for the caches of pages and downloads.

Figures and analysts' notes are append-only, so their newest row (max row_id, an index
look-up) changes with every import, revision, retraction and note; flags and bands are
replaced when recomputed (their count and the flags' newest computed_at change).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection

from tracker.storage import tables

F = tables.figures
FL = tables.flags
NOTES = tables.flag_notes


def data_version(conn: Connection) -> tuple[str, ...]:
    """Changes whenever figures, flags or notes change (one query; keys the pages' answers)."""
    row = conn.execute(
        select(
            select(func.max(F.c.row_id)).scalar_subquery(),
            select(func.max(FL.c.computed_at)).scalar_subquery(),
            select(func.count()).select_from(FL).scalar_subquery(),
            select(func.max(NOTES.c.row_id)).scalar_subquery(),
        )
    ).one()
    return tuple(str(v) for v in row)


@dataclass(frozen=True)
class ChangeStamps:
    """What a download's version is made of: the newest figure and note (row id and when
    entered), the flags' count and newest computation, the bands' count."""

    figure_row: object
    figure_time: object
    note_row: object
    note_time: object
    flag_count: object
    flag_time: object
    band_count: object


def _newest(conn: Connection, table: Table, stamp: str) -> tuple[object, object]:
    """(max row_id, its timestamp) of an append-only table, by its primary key."""
    row = conn.execute(
        select(table.c.row_id, table.c[stamp]).order_by(table.c.row_id.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, None)


def change_stamps(conn: Connection) -> ChangeStamps:
    """A handful of indexed or small aggregate queries."""
    figure_row, figure_time = _newest(conn, F, "entered_at")
    note_row, note_time = _newest(conn, NOTES, "entered_at")
    flag_count, flag_time = conn.execute(
        select(func.count(), func.max(FL.c.computed_at)).select_from(FL)
    ).one()
    band_count = conn.execute(select(func.count()).select_from(tables.bands)).scalar_one()
    return ChangeStamps(
        figure_row, figure_time, note_row, note_time, flag_count, flag_time, band_count
    )
