"""import_sqlite and import_postgres: CSV → validated → committed, against honest floors.

Floors, measured in the same run on the same file, into a fresh database of the same kind:

- SQLite: ``pandas.read_csv`` + ``DataFrame.to_sql`` through a plain ``sqlite3`` connection,
  ``chunksize=50_000`` (pandas' fastest documented way into SQLite);
- PostgreSQL: ``COPY … FROM STDIN`` of the file's bytes into an unindexed table of text
  columns (psycopg 3 ``cursor.copy``), the server's own bulk path.

Neither validates, fills defaults, derives intervals, builds indexes or computes flags. The
old floor, ``to_sql`` through SQLAlchemy without chunks, is kept in each record's
``old_floor`` so the history reads on. Ours: ``Store.import_file(read_figure_file(path))``
into a fresh, initialised database (read, validate, normalise, compare with stored ids,
insert, recompute the flags of the touched components, commit), run in a process of its own
so its peak resident memory is the import's alone (``import_sqlite_memory``,
``import_postgres_memory``; goal ≤ 1.5 GB at 1M).
"""

from __future__ import annotations

import csv
import json
import os
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psycopg
from psycopg import sql
from sqlalchemy import create_engine, make_url

from bench import data
from bench.record import Record, measured, not_run
from bench.timing import timed
from tracker.storage.database import database_url

GOAL = 2.0  # import ≤ 2× its honest floor (issue #17)
MEMORY_GOAL = 1.5e9  # bytes of peak resident memory of a whole import
FLOOR_CHUNK = 50_000
COPY_BLOCK = 1 << 20


def old_floor_seconds(path: Path, url: str) -> float:
    """read_csv + to_sql through SQLAlchemy, no chunks (the floor of earlier runs)."""
    engine = create_engine(database_url(url))

    def run() -> None:
        frame = pd.read_csv(path, low_memory=False)
        frame.to_sql("figures_old_floor", engine, index=False, if_exists="replace")

    seconds, _ = timed(run)
    engine.dispose()
    return seconds


def sqlite_floor_seconds(path: Path, url: str) -> float:
    """read_csv + to_sql through a sqlite3 connection, 50,000 rows per executemany."""
    database = make_url(url).database
    assert database, url

    def run() -> None:
        frame = pd.read_csv(path, low_memory=False)
        with sqlite3.connect(database) as conn:
            frame.to_sql("figures_floor", conn, index=False, chunksize=FLOOR_CHUNK)

    seconds, _ = timed(run)
    return seconds


def postgres_floor_seconds(path: Path, url: str) -> float:
    """COPY of the file's bytes into an unindexed table with one text column per header."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    columns = sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in header)
    create = sql.SQL("CREATE TABLE figures_floor ({})").format(columns)
    copy_sql = sql.SQL("COPY figures_floor FROM STDIN WITH (FORMAT csv, HEADER true)")

    def run() -> None:
        with psycopg.connect(url) as conn, conn.cursor() as cursor:
            cursor.execute(create)
            with cursor.copy(copy_sql) as copy, path.open("rb") as source:
                while block := source.read(COPY_BLOCK):
                    copy.write(block)

    seconds, _ = timed(run)
    return seconds


def ours_seconds(path: Path, url: str) -> float:
    """The import in this process (seconds only)."""
    from tracker.ingest.readers import read_figure_file

    store = data.fresh_store(url)

    def run() -> int:
        result = store.import_file(read_figure_file(path), why="bench")
        if not result.plan.ok:
            raise RuntimeError(f"synthetic file did not import: {result.plan.problems[:3]}")
        return result.stored

    seconds, _ = timed(run)
    store.engine.dispose()
    return seconds


def ours_in_process(path: Path, url: str) -> tuple[float, float]:
    """The import in a new process: (seconds, peak resident bytes of that process)."""
    paths = [str(data.ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(
        [sys.executable, "-m", "bench.imports", str(path), url],
        cwd=data.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"import process failed: {done.stderr.strip()[-300:]}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    return float(out["seconds"]), float(out["peak_bytes"])


def _records(
    name: str, n: int, ours: tuple[float, float], floor: float, old: float
) -> list[Record]:
    seconds, peak = ours
    record = measured(name, n, seconds, "s", GOAL, floor)
    record.old_floor = float(f"{old:.4g}")
    return [record, measured(f"{name}_memory", n, peak, "bytes", MEMORY_GOAL)]


def import_sqlite(n: int, path: Path, keep_as: str | None = None) -> list[Record]:
    """Into SQLite files; ``keep_as`` keeps our database for the benchmarks that follow."""
    floor = sqlite_floor_seconds(path, data.sqlite_url(f"floor-{n}"))
    old = old_floor_seconds(path, data.sqlite_url(f"old-floor-{n}"))
    ours = ours_in_process(path, data.sqlite_url(keep_as or f"import-{n}"))
    for label in (f"floor-{n}", f"old-floor-{n}") + (() if keep_as else (f"import-{n}",)):
        data.sqlite_url(label)  # removes the file
    return _records("import_sqlite", n, ours, floor, old)


def import_postgres(n: int, path: Path) -> list[Record]:
    if not data.pg_available():
        return [not_run("import_postgres", n, "s", GOAL, "no PostgreSQL server reachable")]
    urls = [data.pg_create(label) for label in ("floor", "oldfloor", "import")]
    try:
        floor = postgres_floor_seconds(path, urls[0])
        old = old_floor_seconds(path, urls[1])
        ours = ours_in_process(path, urls[2])
    finally:
        for url in urls:
            data.pg_drop(url)
    return _records("import_postgres", n, ours, floor, old)


def peak_resident_bytes() -> int:
    """This process's peak resident memory since it started its program: VmHWM, the high-water
    mark of its own address space. (``ru_maxrss`` is no such thing for a spawned process:
    Linux carries the parent's high-water mark across fork and exec, so it read the bench
    runner's own peak — the floors' whole-file frames — whenever that was the larger.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # not Linux: KiB


def _main(path: str, url: str) -> None:
    """``python -m bench.imports FILE URL``: one import; prints seconds and peak memory."""
    started = time.perf_counter()
    seconds = ours_seconds(Path(path), url)
    peak = peak_resident_bytes()
    print(
        json.dumps({"seconds": seconds, "peak_bytes": peak, "wall": time.perf_counter() - started})
    )


if __name__ == "__main__":
    _main(*sys.argv[1:3])
