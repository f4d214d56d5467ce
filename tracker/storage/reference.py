"""The registry tables (sources, episodes, areas, gazetteer) in the database, loaded from data/.

The caller reads data/ (:func:`tracker.ingest.reference.read_reference`) and hands the
vocabularies in: storage reads and writes the database only.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from tracker.domain.vocabularies import Vocabularies
from tracker.storage import tables


def _sync(
    conn: Connection,
    table: Table,
    frame: pd.DataFrame,
    key: str,
    keep: frozenset[str] = frozenset(),
) -> int:
    """Insert missing rows and bring changed ones up to date; rows only in the DB stay, and
    so do the rows whose key is in ``keep`` (edited in the registry: data/ does not undo it)."""
    columns = [c.name for c in table.columns]
    frame = frame[[c for c in columns if c in frame]].copy()
    for column in ("start", "end"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column]).dt.date
    frame = frame.astype(object).where(frame.notna(), None)
    stored = {
        row._mapping[key]: dict(row._mapping) for row in conn.execute(select(table)).fetchall()
    }
    inserts, changed = [], 0
    for record in frame.to_dict("records"):
        old = stored.get(record[key])
        if old is None:
            inserts.append(record)
        elif record[key] not in keep and any(old.get(c) != v for c, v in record.items()):
            conn.execute(table.update().where(table.c[key] == record[key]).values(**record))
            changed += 1
    if inserts:
        conn.execute(table.insert(), inserts)
    return len(inserts) + changed


def edited_keys(conn: Connection, registry: str) -> frozenset[str]:
    """The ids of the registry's rows edited with `tracker sources|episodes|areas edit`."""
    log = tables.registry_changes
    query = select(log.c.key).where(log.c.registry == registry, log.c.field != "added")
    return frozenset(conn.execute(query.distinct()).scalars())


def load_registry(conn: Connection, vocab: Vocabularies) -> dict[str, int]:
    """Bring sources, episodes, areas and locations in the database up to date with data/."""
    return {
        "sources": _sync(conn, tables.sources, vocab.sources, "id", edited_keys(conn, "sources")),
        "episodes": _sync(
            conn, tables.episodes, vocab.episodes, "id", edited_keys(conn, "episodes")
        ),
        "areas": _sync(conn, tables.areas, vocab.areas, "id", edited_keys(conn, "areas")),
        "locations": _sync(conn, tables.locations, vocab.gazetteer, "pcode"),
    }


def add_sources(conn: Connection, sources: pd.DataFrame) -> int:
    """Insert the registry rows whose id the database does not hold yet; returns how many."""
    columns = [c.name for c in tables.sources.columns]
    frame = sources[columns]
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    known = set(conn.execute(select(tables.sources.c.id)).scalars())
    missing = [r for r in records if r["id"] not in known]
    if missing:
        conn.execute(tables.sources.insert(), missing)
    return len(missing)


#: The registry tables the database's vocabularies are read from (:func:`read_vocabularies`).
REGISTRY_TABLES: tuple[Table, ...] = (
    tables.sources,
    tables.episodes,
    tables.locations,
    tables.areas,
)


def registry_rows(conn: Connection) -> list[list[tuple[object, ...]]]:
    """Every row of the registry tables as plain tuples, read as :func:`read_vocabularies`
    reads them: what the stored vocabularies are made of (a cache's key)."""
    return [[tuple(row) for row in conn.execute(select(table))] for table in REGISTRY_TABLES]


def read_vocabularies(conn: Connection, files: Vocabularies) -> Vocabularies:
    """The vocabularies of data/ (``files``), with the registry tables as the database holds
    them (``files`` themselves before the registry is loaded)."""
    sources = pd.read_sql(select(tables.sources), conn).set_index("id", drop=False)
    episodes = pd.read_sql(select(tables.episodes), conn).set_index("id", drop=False)
    gazetteer = pd.read_sql(select(tables.locations), conn).set_index("pcode", drop=False)
    areas = pd.read_sql(select(tables.areas), conn).set_index("id", drop=False)
    if sources.empty or gazetteer.empty:
        return files
    for column in ("start", "end"):
        episodes[column] = pd.to_datetime(episodes[column]).dt.strftime("%Y-%m-%d")
    return replace(files, sources=sources, episodes=episodes, gazetteer=gazetteer, areas=areas)
