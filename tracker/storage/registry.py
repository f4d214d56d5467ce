"""Rows of the sources, episodes and areas registries, and their change log (schema
versions 7 and 8).

Storage only reads and writes; the rules (who may, what a valid row is) are the service's
and the domain's (:mod:`tracker.service.registry`, :mod:`tracker.domain.registry`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection

from tracker.storage import tables

#: Each registry's table and key column.
REGISTRIES: dict[str, tuple[Table, str]] = {
    "sources": (tables.sources, "id"),
    "episodes": (tables.episodes, "id"),
    "areas": (tables.areas, "id"),
}


def row(conn: Connection, registry: str, key: str, lock: bool = False) -> dict[str, Any] | None:
    """One registry row by its id (locked for update when asked), or None."""
    table, column = REGISTRIES[registry]
    query = select(table).where(table.c[column] == key)
    if lock:
        query = query.with_for_update()
    found = conn.execute(query).first()
    return dict(found._mapping) if found else None


def rows(conn: Connection, registry: str) -> list[dict[str, Any]]:
    """Every row of the registry, by id."""
    table, column = REGISTRIES[registry]
    return [dict(r._mapping) for r in conn.execute(select(table).order_by(table.c[column]))]


def insert(conn: Connection, registry: str, record: dict[str, Any]) -> None:
    """A new registry row."""
    table, _ = REGISTRIES[registry]
    conn.execute(table.insert().values(**record))


def update(conn: Connection, registry: str, key: str, values: dict[str, Any]) -> None:
    """Change some fields of one registry row (the caller logs the old values first)."""
    table, column = REGISTRIES[registry]
    conn.execute(table.update().where(table.c[column] == key).values(**values))


def log(
    conn: Connection,
    registry: str,
    key: str,
    changes: list[tuple[str, object, object]],
    by: str,
    at: datetime,
) -> None:
    """Record each (field, old, new) of one add or edit, by whom and when."""
    conn.execute(
        tables.registry_changes.insert(),
        [
            {
                "registry": registry,
                "key": key,
                "field": field,
                "old": None if old is None else str(old),
                "new": None if new is None else str(new),
                "changed_by": by,
                "changed_at": at,
            }
            for field, old, new in changes
        ],
    )


def changes(conn: Connection, registry: str, key: str | None = None) -> list[dict[str, Any]]:
    """The change log of a registry (of one row when ``key`` is given), oldest first."""
    t = tables.registry_changes
    query = select(t).where(t.c.registry == registry)
    if key is not None:
        query = query.where(t.c.key == key)
    return [dict(r._mapping) for r in conn.execute(query.order_by(t.c.id))]


def newest_change(conn: Connection) -> int:
    """The id of the newest change-log row (0 when none): it moves with every add or edit."""
    t = tables.registry_changes
    return int(conn.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar_one())
