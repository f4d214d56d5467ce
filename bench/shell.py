"""cli_add, cli_revise and cli_retract: the shell's commands on one figure, as a user runs them.

Each trial is the whole command in a new process (``python -m tracker …``, interpreter start,
imports, the database opened, the figure checked by the schema, stored, the flags of what it
touches brought up to date, the consequences printed), timed from outside. Trial k adds a
new running-total figure to a busy series of the stored data (a figure id new on every run,
so the benchmark can be repeated on the same database), then revises it, then retracts it.
The median of ``TRIALS`` is judged against ``GOAL`` seconds.

As after an install and a first command: the package's bytecode is written first (pip
compiles it on install; a checkout run with ``PYTHONDONTWRITEBYTECODE`` would otherwise compile
every module in every command, 0.1 s), and the vocabulary cache of the database is warm
(:mod:`tracker.service.refcache`; the first command after a registry change builds it).
"""

from __future__ import annotations

import compileall
import os
import resource
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pandas as pd

from bench.record import Record, measured
from tracker.service.store import Store

ROOT = Path(__file__).resolve().parents[1]
GOAL = 0.5
TRIALS = 5
COMMANDS = ("cli_add", "cli_revise", "cli_retract")


RUNNING = "FROM figures WHERE current AND status = 'active' AND period_start IS NOT NULL"


def series(url: str, trials: int) -> list[dict[str, str]]:
    """``trials`` figures spread over the stored data, each with a start (a running total)."""
    store = Store(url)
    try:
        _ = store.vocab  # the cache file the commands read (tracker.service.refcache)
        with store.connect() as conn:
            count = int(pd.read_sql(f"SELECT COUNT(*) AS n {RUNNING}", conn)["n"].iloc[0])
            columns = "source, metric, population, location, period_start, period_end"
            return [
                pd.read_sql(
                    f"SELECT {columns} {RUNNING} ORDER BY row_id LIMIT 1 "
                    f"OFFSET {(k + 1) * count // (trials + 2)}",
                    conn,
                )
                .iloc[0]
                .to_dict()
                for k in range(trials)
            ]
    finally:
        store.close()


def add_arguments(row: dict[str, str], figure_id: str) -> list[str]:
    end = pd.Timestamp(row["period_end"]) + pd.Timedelta(days=1)
    day = end.strftime("%Y-%m-%d")
    return [
        "add",
        "--figure-id",
        figure_id,
        "--reported-on",
        day,
        "--source",
        str(row["source"]),
        "--metric",
        str(row["metric"]),
        "--population",
        str(row["population"]),
        "--location",
        str(row["location"]),
        "--period-start",
        pd.Timestamp(row["period_start"]).strftime("%Y-%m-%d"),
        "--qualifier",
        "at_least",
        "--value",
        "1",
    ]


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(url: str, arguments: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one whole command (fails loudly when it fails). The CPU
    time says what the command costs when the machine's 2 cores are shared with others."""
    env = dict(os.environ, TRACKER_DB=url, PYTHONPATH=str(ROOT))
    cpu = _cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tracker", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"tracker {arguments[0]} failed: {done.stderr.strip()[-300:]}")
    return seconds, _cpu() - cpu


def measure(n: int, url: str) -> list[Record]:
    """cli_add, cli_revise and cli_retract on the database at ``url`` (``n`` figures)."""
    compileall.compile_dir(ROOT / "tracker", quiet=1)
    run = uuid.uuid4().hex[:8]
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in COMMANDS}
    for k, row in enumerate(series(url, TRIALS)):
        figure_id = f"bench-cli-{run}-{k}"
        times["cli_add"].append(_run(url, add_arguments(row, figure_id)))
        revise = ["revise", figure_id, "--set", "value=2", "--why", "bench: revised"]
        times["cli_revise"].append(_run(url, revise))
        retract = ["retract", figure_id, "--why", "bench: retracted"]
        times["cli_retract"].append(_run(url, retract))
    return [_record(name, n, trials) for name, trials in times.items()]


def _record(name: str, n: int, trials: list[tuple[float, float]]) -> Record:
    walls = [wall for wall, _ in trials]
    cpu = statistics.median(c for _, c in trials)
    return measured(
        name,
        n,
        statistics.median(walls),
        "s",
        GOAL,
        note=f"whole command in a new process, median of {len(walls)}; "
        f"min {min(walls):.2f} s, max {max(walls):.2f} s; CPU (user + system) {cpu:.2f} s",
    )


def demo_database(work: Path) -> tuple[str, int]:
    """A fresh database with the founding article and the demo figures (``tracker init
    --demo``), and how many figures it holds."""
    work.mkdir(parents=True, exist_ok=True)
    path = work / "shell-demo.db"
    for extra in ("", "-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    env = dict(os.environ, TRACKER_DB=url, PYTHONPATH=str(ROOT))
    subprocess.run(
        [sys.executable, "-m", "tracker", "init", "--demo"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    store = Store(url)
    try:
        return url, store.count()
    finally:
        store.close()
