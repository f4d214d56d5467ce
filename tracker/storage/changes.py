"""Which figures changed since a mark, for patching a kept download instead of rendering it.

Figure revisions are append-only: every add, revision, retraction, review decision and
import writes new rows, and only the ``current`` marker of a superseded row changes in
place. So the figures whose current row may differ from what a file rendered at a mark
(the newest ``row_id`` then) holds are exactly those with a row beyond the mark. On
PostgreSQL two writers may commit out of ``row_id`` order; :func:`rows_up_to` counts the
rows at or below a mark, and a count that grew since the mark was taken says a row
committed late below it (the caller then renders the whole file).

All of this holds only while the rows at or below the mark are the ones the file was
rendered from. A database restored from an older backup, or deleted and made again at the
same place, numbers its rows anew: row ``mark`` is then another row or none, and the rows
below it are not the file's. :func:`row_at` names the row at a mark, so that the caller can
tell.
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


def row_at(conn: Connection, mark: int) -> str:
    """Which figure row is row ``mark``: its figure id, revision and entry time ("" when
    there is no such row). Rows are never changed but for ``current``, so the answer stays
    the same for as long as the database is the same one."""
    query = select(F.c.figure_id, F.c.revision, F.c.entered_at).where(F.c.row_id == mark)
    row = conn.execute(query).first()
    return "" if row is None else "|".join(str(v) for v in row)
