"""flags_full and flags_incremental: the reconciliation engine on stored figures.

flags_full: every stored flag and band recomputed from the stored figures and written back
(``flagstore.recompute(..., None)`` in one transaction), against ``pandas.read_csv`` of the
same file. flags_incremental: one new figure imported into the 1M database, the whole path
from file to updated stored flags (``Store.import_file``), median of several.
"""

from __future__ import annotations

import statistics
import uuid
from pathlib import Path

import pandas as pd

from bench.record import Record, measured, not_run
from bench.timing import timed
from tracker.ingest.readers import FigureFile
from tracker.service.store import Store

FULL_GOAL = 5.0
INCREMENTAL_GOAL = 50.0
TRIALS = 5


def _engine_missing() -> str | None:
    try:
        from tracker.domain.reconcile import compute  # noqa: F401
        from tracker.storage.flagstore import recompute  # noqa: F401
    except ImportError as exc:
        return f"the reconciliation engine is not importable yet ({exc})"
    return None


def flags_full(n: int, path: Path, url: str) -> Record:
    reason = _engine_missing()
    if reason:
        return not_run("flags_full", n, "s", FULL_GOAL, reason)
    from tracker.storage.flagstore import recompute

    floor, _ = timed(lambda: pd.read_csv(path, low_memory=False))
    store = Store(url)

    def run() -> int:
        with store.engine.begin() as conn:
            return recompute(conn, store.vocab, store.settings, None)

    seconds, count = timed(run)
    store.engine.dispose()
    return measured("flags_full", n, seconds, "s", FULL_GOAL, floor, note=f"{count} flags stored")


def _one_figure(store: Store, k: int, run: str) -> FigureFile:
    """A new running-total figure in a busy series of the stored data (its id is new on every
    run, so the benchmark can be repeated on the same database)."""
    with store.engine.connect() as conn:
        count = store.count()
        row = pd.read_sql(
            "SELECT source, metric, population, location, period_start, period_end "
            "FROM figures WHERE current AND period_start IS NOT NULL "
            f"ORDER BY row_id LIMIT 1 OFFSET {(k + 1) * count // (TRIALS + 2)}",
            conn,
        ).iloc[0]
    end = pd.Timestamp(row["period_end"]) + pd.Timedelta(days=1)
    table = pd.DataFrame(
        [
            {
                "figure_id": f"bench-inc-{run}-{k}",
                "reported_on": end.strftime("%Y-%m-%d"),
                "source": row["source"],
                "metric": row["metric"],
                "population": row["population"],
                "location": row["location"],
                "period_start": pd.Timestamp(row["period_start"]).strftime("%Y-%m-%d"),
                "qualifier": "at_least",
                "value": "1",
            }
        ],
        dtype="string",
    )
    return FigureFile(table, Path(f"bench-inc-{run}-{k}.csv"))


def flags_incremental(n: int, url: str) -> Record:
    reason = _engine_missing()
    if reason:
        return not_run("flags_incremental", n, "ms", INCREMENTAL_GOAL, reason)
    store = Store(url)
    run = uuid.uuid4().hex[:8]
    times = []
    for k in range(TRIALS):
        file = _one_figure(store, k, run)
        seconds, result = timed(lambda file=file: store.import_file(file, why="bench"))
        if result.stored != 1:
            raise RuntimeError(f"the new figure was not stored: {result.plan.problems}")
        times.append(seconds * 1000)
    store.engine.dispose()
    return measured(
        "flags_incremental",
        n,
        statistics.median(times),
        "ms",
        INCREMENTAL_GOAL,
        note=f"median of {TRIALS}; min {min(times):.0f} ms, max {max(times):.0f} ms",
    )
