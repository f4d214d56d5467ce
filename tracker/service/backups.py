"""Backing the store up to a file and restoring it (`tracker backup`, `tracker restore`).

Domain rules: a backup is a consistent copy of one moment, taken while others read and write
(SQLite's online backup API starts again when another writer commits during the copy); a
restore never replaces stored figures
unless asked to (``force``). PostgreSQL is backed up with its own tools, pg_dump and
pg_restore, run here when they are on PATH.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from tqdm import tqdm

from tracker.progress import Steps, progress_enabled
from tracker.service.store import Store
from tracker.storage.database import DatabaseError
from tracker.storage.figures import count_current

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


PAGES_PER_STEP = 4096  # 16 MB of 4 KB pages between two looks at the bar
RESTARTS = 3  # copies restarted by other writers' commits before one copy in a single step
BAR_DELAY = 1.0  # seconds: a quick copy shows no bar


class _Restarted(Exception):
    """Other writers committed during a stepwise copy too often; copy in one step instead."""


def _copy(source: Path, target: Path, desc: str) -> None:
    """Copy one SQLite database onto another as it was at one moment.

    The copy goes in steps, so a terminal sees a bar and writers are not held back; a commit
    by another writer between two steps makes SQLite start the copy again (so it stays one
    moment). After a few restarts the copy is taken in a single step, one read snapshot.
    """
    try:
        src = sqlite3.connect(str(source))
        dst = sqlite3.connect(str(target))
    except sqlite3.Error as exc:
        raise BackupError(f"{target}: cannot be written ({exc})") from exc
    bar = (
        tqdm(desc=desc, unit="page", delay=BAR_DELAY, file=sys.stderr)
        if progress_enabled()
        else None
    )
    seen = {"remaining": -1, "restarts": 0}

    def step(_status: int, remaining: int, total: int) -> None:
        if remaining >= seen["remaining"] >= 0:  # no page gained: the copy started again
            seen["restarts"] += 1
            if seen["restarts"] > RESTARTS:
                raise _Restarted
        seen["remaining"] = remaining
        if bar is not None:
            bar.total = total
            bar.update(total - remaining - bar.n)

    try:
        try:
            src.backup(dst, pages=PAGES_PER_STEP, progress=step)
        except _Restarted:
            src.backup(dst)  # all pages in one step: one read snapshot
    except sqlite3.Error as exc:  # a full disk, a file that cannot be written
        raise BackupError(f"copying {source} to {target} failed: {exc}") from exc
    finally:
        dst.close()
        src.close()
        if bar is not None:
            bar.close()


def _libpq(store: Store) -> tuple[str, dict[str, str]]:
    """The store's URL as pg_dump reads it, and an environment carrying its password.

    The password goes in ``PGPASSWORD``, never on the command line, where other users of the
    host could read it in the process list.
    """
    url = store.engine.url.set(drivername="postgresql")
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    return url._replace(password=None).render_as_string(hide_password=False), env


def _pg_tool(store: Store, name: str, *args: str) -> None:
    """Run pg_dump or pg_restore on the store; without it on PATH, point to the recipe."""
    if shutil.which(name) is None:
        raise BackupError(f"{name} is not on PATH. {PG_RECIPE}")
    url, env = _libpq(store)
    steps = Steps([name], f"running {name}")
    try:
        steps.advance(name)
        done = subprocess.run(
            [name, f"--dbname={url}", *args], capture_output=True, text=True, env=env, check=False
        )
    finally:
        steps.close()
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["(no message)"]
        raise BackupError(f"{name} failed: {lines[-1]}")


def backup(store: Store, target: Path) -> int:
    """Write a consistent copy of the store to ``target``; the number of current figures."""
    if target.exists():
        raise BackupError(f"{target} exists; choose a new file name (a backup never overwrites)")
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent}: no such folder for the backup")
    try:
        if store.engine.dialect.name == "postgresql":
            return _pg_dump(store, target)
        _copy(_sqlite_path(store), target, f"backing up to {target.name}")
        return _current_figures(target)
    except BaseException:
        target.unlink(missing_ok=True)  # a backup that failed part-way must not look whole
        raise


def _pg_dump(store: Store, target: Path) -> int:
    """pg_dump the snapshot in which the figures were counted: the count is the backup's."""
    with store.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            snapshot = conn.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
            count = count_current(conn)
            _pg_tool(store, "pg_dump", f"--snapshot={snapshot}", "-Fc", "-f", str(target))
    return count


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
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    stored = _stored_figures(store)
    if stored and not force:
        raise BackupError(
            f"the database holds {stored} figures; restoring would replace them "
            "(add --force to replace them, or restore into an empty database)"
        )
    store.engine.dispose()
    if store.engine.dialect.name == "postgresql":
        # one transaction: a restore that fails part-way leaves the database as it was
        _pg_tool(
            store,
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            str(source),
        )
        store.engine.dispose()
        return store.count()
    figures = _current_figures(source)
    _copy(source, _sqlite_path(store), f"restoring {source.name}")
    return figures


def _stored_figures(store: Store) -> int:
    try:
        store.require_schema()
    except DatabaseError:
        return 0
    return store.count()
