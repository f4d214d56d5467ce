"""Reading figures through the ADBC driver never leaves this process reading old data.

The driver carries its own copy of SQLite; in the same process as Python's it dropped the
process's locks on the file when it closed, so once another process closed the database
cleanly (deleting the write-ahead log) this process's connections went on reading the data
as they were. The driver now reads in a process of its own."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.domain.filters import Filters
from tracker.service.store import Store
from tracker.storage.arrowread import arrow_supported

CLOSE_CLEANLY = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT 1'); c.close()"
)
WRITE = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "c.execute(\"INSERT INTO tracker_meta (key, value) VALUES ('probe', 'written')\"); c.commit()"
)


def test_writes_by_others_are_seen_after_an_arrow_read(tmp_path: Path) -> None:
    from tests.dashboards.test_downloads import build_store

    path = tmp_path / "tracker.db"
    store: Store = build_store(f"sqlite:///{path}")
    if not arrow_supported(store.url):
        pytest.skip("no ADBC driver for SQLite installed")
    mine = sqlite3.connect(path)  # a connection of this process, as a server's pool holds
    mine.execute("SELECT count(*) FROM figures").fetchall()
    chunks = list(store.figure_rows(Filters(), ["figure_id", "value"], chunk_rows=100))
    assert chunks and all(chunk.batch is not None for chunk in chunks)  # the driver read them
    for program in (CLOSE_CLEANLY, WRITE):
        subprocess.run([sys.executable, "-c", program, str(path)], check=True)
    seen = mine.execute("SELECT value FROM tracker_meta WHERE key = 'probe'").fetchall()
    mine.close()
    store.engine.dispose()
    assert seen == [("written",)]
