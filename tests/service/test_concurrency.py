"""Real processes against one database: nothing is lost, a killed import leaves no trace."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.helpers import write_figures
from tracker.service.store import Store


def tracker(*args: str, db: str) -> subprocess.Popen:
    env = {**os.environ, "TRACKER_DB": db, "TRACKER_NO_PROGRESS": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_two_processes_importing_at_once_lose_nothing(
    store: Store, db_url: str, tmp_path: Path
) -> None:
    a = write_figures(tmp_path / "a.csv", 3000, "A")
    b = write_figures(tmp_path / "b.csv", 3000, "B")
    procs = [tracker("import", str(a), db=db_url), tracker("import", str(b), db=db_url)]
    outcomes = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outcomes
    assert store.count() == 6000
    ids = set(store.figures()["figure_id"])
    assert "A-002999" in ids and "B-000000" in ids


def _import_in_progress(store: Store) -> bool:
    """True while another process holds an open transaction that has written something."""
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect() as conn:
            return bool(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        " AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
                    )
                ).scalar()
            )
    probe = sqlite3.connect(str(store.engine.url.database), timeout=0)
    try:
        probe.execute("BEGIN IMMEDIATE")  # fails while a writer's transaction is open
        probe.rollback()
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


@pytest.mark.slow
def test_a_killed_import_leaves_the_database_as_it_was(
    store: Store, db_url: str, tmp_path: Path
) -> None:
    first = write_figures(tmp_path / "first.csv", 50, "K")
    assert tracker("import", str(first), db=db_url).wait(timeout=120) == 0
    big = write_figures(tmp_path / "big.csv", 100_000, "BIG")
    proc = tracker("import", str(big), db=db_url)
    deadline = time.monotonic() + 120
    while not _import_in_progress(store):
        assert proc.poll() is None, "the import finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    store.engine.dispose()
    assert store.count() == 50
    assert not any(store.figures()["figure_id"].str.startswith("BIG"))
