"""Which figures changed since a mark, for patching a kept download instead of rendering it.

Figure revisions are append-only: every add, revision, retraction, review decision and
import writes new rows, and only the ``current`` marker of a superseded row changes in
place. So the figures whose current row may differ from what a file rendered at a mark
(the newest ``row_id`` then) holds are exactly those with a row beyond the mark. On
PostgreSQL two writers may commit out of ``row_id`` order; :func:`rows_up_to` counts the
rows at or below a mark, and a count that grew since the mark was taken says a row
committed late below it (the caller then renders the whole file).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from tracker.storage import tables

F = tables.figures


def figure_ids_after(conn: Connection, mark: int) -> list[str]:
    """The ids of figures with a row written after row ``mark`` (each once)."""
    query = select(F.c.figure_id).where(F.c.row_id > mark).distinct()
    return [row[0] for row in conn.execute(query)]


def rows_up_to(conn: Connection, mark: int) -> int:
    """How many figure rows have a row_id at or below ``mark``."""
    query = select(func.count()).select_from(F).where(F.c.row_id <= mark)
    return int(conn.execute(query).scalar_one())
