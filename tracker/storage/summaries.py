"""Per-series summaries, kept in the same transaction as the figures they summarise.

A series is the figures of one metric, population, place and measure. For each series and
each source speaking to it, a summary row (table ``series_sources``) holds how many active
current claims the source makes and its newest report. Pages that list series or count
sources read these rows instead of grouping every figure; whatever changes figures
(import, revision, retraction) refreshes the rows of the series it touched, so a summary
is never older than its figures.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import and_, func, select, text
from sqlalchemy.engine import Connection

from tracker.storage import tables

F = tables.figures
S = tables.series_sources

#: Above this many touched series a refresh rebuilds every summary in one grouped pass.
REBUILD_ABOVE = 500

SeriesKey = tuple[str, str, str]  # metric, population, place


def touched_series(changed: pd.DataFrame) -> list[SeriesKey]:
    """The (metric, population, place) of changed figures, old and new revisions alike."""
    if changed is None or changed.empty:
        return []
    keys = changed[["metric", "population", "location"]].astype(str).drop_duplicates()
    return sorted(keys.itertuples(index=False, name=None))


#: PostgreSQL advisory lock of the summaries: beyond the 32-bit keys of the flag components.
LOCK_KEY = 2**33 + 1


def refresh(conn: Connection, changed: pd.DataFrame) -> None:
    """Bring the summaries of the series the changed figures belong to up to date.

    Two transactions refreshing the same series would each delete the row, then both
    insert it; on PostgreSQL they take turns (a lock held to commit, taken before any flag
    component's, so no two transactions wait on each other in a cycle). SQLite's writer
    lock already makes them take turns.
    """
    keys = touched_series(changed)
    if keys and conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
    if len(keys) > REBUILD_ABOVE:
        rebuild(conn)
        return
    for key in keys:
        _refresh_one(conn, key)


def rebuild(conn: Connection) -> None:
    """Every summary recomputed from the current figures (a migration, a large import)."""
    conn.execute(S.delete())
    conn.execute(S.insert().from_select(_COLUMNS, _summary_select(None)))


_COLUMNS = [
    "metric",
    "population",
    "location",
    "measure",
    "source",
    "adm0",
    "adm1",
    "adm2",
    "adm3",
    "n_claims",
    "newest_report",
]


def _refresh_one(conn: Connection, key: SeriesKey) -> None:
    metric, population, location = key
    conn.execute(
        S.delete().where(
            and_(S.c.metric == metric, S.c.population == population, S.c.location == location)
        )
    )
    conn.execute(S.insert().from_select(_COLUMNS, _summary_select(key)))


def _summary_select(key: SeriesKey | None):
    """Active current figures counted per series and source, for one (metric, population,
    place) or all."""
    where = [F.c.current == True, F.c.status == "active"]  # noqa: E712
    if key is not None:
        where += [F.c.metric == key[0], F.c.population == key[1], F.c.location == key[2]]
    grain = (F.c.metric, F.c.population, F.c.location, F.c.measure, F.c.source)
    return (
        select(
            *grain,
            func.max(F.c.adm0),
            func.max(F.c.adm1),
            func.max(F.c.adm2),
            func.max(F.c.adm3),
            func.count(),
            func.max(F.c.reported_on),
        )
        .where(and_(*where))
        .group_by(*grain)
    )
