"""The stored bands of some groups brought to a new computation, writing only what differs.

After a small change the incremental path recomputes the bands of whole (metric, population,
location) groups: hundreds of rows per group, of which a new figure changes a few (its own
date, and the dates its bounds reach). Rewriting every row of the group cost more than the
rest of the recomputation, so the stored rows of the groups are read, compared row by row
with the new ones, and only the stored rows that differ are deleted and only the new rows
that differ inserted. The result is the same table as a delete of the groups and an insert
of every new row: a band row is identified by its series and date (metric, population,
location, measure, window_start, date; one row each by construction), and a row is kept only
when every column is equal.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.engine import Connection

from tracker.storage import tables
from tracker.storage.bulk import insert_many, python_values

B = tables.bands
Group = tuple[str, str, str]
KEY = ("metric", "population", "location", "measure", "window_start", "date")
#: Groups read per query of the stored rows.
GROUPS_PER_READ = 100


def replace(conn: Connection, groups: Iterable[Group], rows: pd.DataFrame) -> int:
    """Make the stored bands of ``groups`` exactly ``rows`` (prepared as stored: the table's
    columns, dates as dates, a missing bound as missing); returns the rows written (deleted
    and inserted). A new row is compared as the values the insert would hand the database
    (:func:`~tracker.storage.bulk.python_values`) with the stored row as read back."""
    ordered = sorted(set(groups))
    columns = [c.name for c in B.columns]
    stored = set(_stored(conn, ordered, columns))
    values = [python_values(B.c[c].type, rows[c]) for c in columns]
    new = list(zip(*values, strict=True)) if len(rows) else []
    kept = stored & set(new)
    gone = list(stored - kept)
    added = [i for i, r in enumerate(new) if r not in kept]
    if len(gone) * 2 > len(stored):  # most rows change: the groups are rewritten whole
        _delete_groups(conn, ordered)
        added = list(range(len(new)))
    else:
        _delete_rows(conn, gone, columns)
    if added:
        insert_many(conn, B, rows.iloc[added][columns])
    return len(gone) + len(added)


def _stored(conn: Connection, groups: list[Group], columns: list[str]) -> list[tuple]:
    """The stored band rows of the groups, each as a tuple of plain values."""
    out: list[tuple] = []
    for start in range(0, len(groups), GROUPS_PER_READ):
        chunk = groups[start : start + GROUPS_PER_READ]
        where = or_(
            *[
                and_(B.c.metric == m, B.c.population == p, B.c.location == loc)
                for m, p, loc in chunk
            ]
        )
        out += [tuple(r) for r in conn.execute(select(*[B.c[c] for c in columns]).where(where))]
    return out


def _delete_groups(conn: Connection, groups: list[Group]) -> None:
    for metric, population, location in groups:
        conn.execute(
            B.delete().where(
                B.c.metric == metric, B.c.population == population, B.c.location == location
            )
        )


def _delete_rows(conn: Connection, rows: list[tuple], columns: list[str]) -> None:
    """Delete the stored rows with these keys (a window start may be missing)."""
    at = {c: columns.index(c) for c in KEY}
    keys = [{c: row[at[c]] for c in KEY} for row in rows]
    same = [B.c[c] == bindparam(f"k_{c}") for c in KEY if c != "window_start"]
    dated = [k for k in keys if k["window_start"] is not None]
    undated = [k for k in keys if k["window_start"] is None]
    if dated:
        statement = B.delete().where(*same, B.c.window_start == bindparam("k_window_start"))
        conn.execute(statement, [{f"k_{c}": v for c, v in k.items()} for k in dated])
    if undated:
        statement = B.delete().where(*same, B.c.window_start.is_(None))
        params = [{f"k_{c}": v for c, v in k.items() if c != "window_start"} for k in undated]
        conn.execute(statement, params)
