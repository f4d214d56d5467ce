"""import_sqlite and import_postgres: CSV → validated → committed, against pandas' floor.

Floor: ``pandas.read_csv`` of the same file + ``DataFrame.to_sql`` into a fresh database of
the same kind through SQLAlchemy (pandas' documented way): no validation, no defaults, no
intervals, no indexes, no flags. Ours: ``Store.import_file(read_figure_file(path))`` into a
fresh, initialised database: read, validate, normalise, compare with stored ids, insert,
recompute the flags of the touched components, commit.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import create_engine

from bench import data
from bench.record import Record, measured, not_run
from bench.timing import timed
from tracker.ingest.readers import read_figure_file
from tracker.storage.database import database_url

GOAL = 1.0


def floor_seconds(path: Path, url: str) -> float:
    """read_csv + to_sql of the file into the database at url."""
    engine = create_engine(database_url(url))

    def run() -> None:
        frame = pd.read_csv(path, low_memory=False)
        frame.to_sql("figures_floor", engine, index=False, if_exists="replace")

    seconds, _ = timed(run)
    engine.dispose()
    return seconds


def ours_seconds(path: Path, url: str) -> float:
    store = data.fresh_store(url)

    def run() -> int:
        result = store.import_file(read_figure_file(path), why="bench")
        if not result.plan.ok:
            raise RuntimeError(f"synthetic file did not import: {result.plan.problems[:3]}")
        return result.stored

    seconds, _ = timed(run)
    store.engine.dispose()
    return seconds


def import_sqlite(n: int, path: Path, keep_as: str | None = None) -> Record:
    """Into SQLite files; ``keep_as`` keeps our database for the benchmarks that follow."""
    floor = floor_seconds(path, data.sqlite_url(f"floor-{n}"))
    ours = ours_seconds(path, data.sqlite_url(keep_as or f"import-{n}"))
    return measured("import_sqlite", n, ours, "s", GOAL, floor)


def import_postgres(n: int, path: Path) -> Record:
    if not data.pg_available():
        return not_run("import_postgres", n, "s", GOAL, "no PostgreSQL server reachable")
    floor_url, ours_url = data.pg_create("floor"), data.pg_create("import")
    try:
        floor = floor_seconds(path, floor_url)
        ours = ours_seconds(path, ours_url)
    finally:
        data.pg_drop(floor_url)
        data.pg_drop(ours_url)
    return measured("import_postgres", n, ours, "s", GOAL, floor)
