"""Backing the store up to a file and restoring it (`tracker backup`, `tracker restore`).

Domain rules: a backup is a consistent copy of one moment, taken while others read and write
(SQLite's online backup API copies one read snapshot); a restore never replaces stored figures
unless asked to (``force``). PostgreSQL is backed up with its own tools (README, "Backups").
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tracker.progress import Steps
from tracker.service.store import Store
from tracker.storage.database import DatabaseError

PG_RECIPE = (
    "PostgreSQL is backed up with its own tools: `pg_dump -Fc -f FILE DBURL` and "
    "`pg_restore --clean -d DBURL FILE` (README, 'Writing at the same time, and backups')"
)


class BackupError(Exception):
    """A backup or restore that cannot be done as asked; the message says why."""


def _sqlite_path(store: Store) -> Path:
    if store.engine.dialect.name != "sqlite":
        raise BackupError(PG_RECIPE)
    database = store.engine.url.database
    if not database or database == ":memory:":
        raise BackupError("an in-memory database has nothing to back up")
    return Path(database)


def _copy(source: Path, target: Path, desc: str) -> None:
    """Copy one SQLite database onto another in one read snapshot of the source."""
    steps = Steps(["copying"], desc)
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target))
    try:
        steps.advance("copying")
        src.backup(dst)  # all pages in one step: one consistent snapshot
    finally:
        dst.close()
        src.close()
        steps.close()


def backup(store: Store, target: Path) -> int:
    """Write a consistent copy of the store to ``target``; the number of current figures."""
    source = _sqlite_path(store)
    if target.exists():
        raise BackupError(f"{target} exists; choose a new file name (a backup never overwrites)")
    _copy(source, target, f"backing up to {target.name}")
    return _current_figures(target)


def _current_figures(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM figures WHERE current").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a Tracker database backup ({exc})") from exc
    finally:
        conn.close()


def restore(store: Store, source: Path, force: bool = False) -> int:
    """Replace the store by the backup ``source``; refused over stored figures unless force."""
    target = _sqlite_path(store)
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    figures = _current_figures(source)
    stored = _stored_figures(store)
    if stored and not force:
        raise BackupError(
            f"the database holds {stored} figures; restoring would replace them "
            "(add --force to replace them, or restore into an empty database)"
        )
    store.engine.dispose()
    _copy(source, target, f"restoring {source.name}")
    return figures


def _stored_figures(store: Store) -> int:
    try:
        store.require_schema()
    except DatabaseError:
        return 0
    return store.count()
