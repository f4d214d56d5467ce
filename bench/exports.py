"""export_csv and export_memory: ``/download/figures.csv`` of every figure, through the real
Flask route of a running dashboard server.

Floor: ``pyarrow.csv.write_csv`` of the same table (the downloaded file read back by pyarrow
with every column as text) to a file. Memory: the server's peak resident memory during the
download minus its resident memory just before (the kernel's high-water mark, reset first).
"""

from __future__ import annotations

import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from bench import data
from bench.record import Record, measured
from bench.server import Server
from bench.timing import timed

RATIO_GOAL = 2.0
MEMORY_GOAL = 200e6
PATH = "/download/figures.csv"


def _download(server: Server, target: Path) -> tuple[int, float]:
    import urllib.request

    start = time.perf_counter()
    size = 0
    with (
        urllib.request.urlopen(server.base + PATH, timeout=1800) as answer,
        target.open("wb") as out,
    ):
        while block := answer.read(1 << 20):
            out.write(block)
            size += len(block)
    return size, time.perf_counter() - start


def _floor(target: Path) -> float:
    names = target.open(encoding="utf-8").readline().strip().split(",")
    table = pacsv.read_csv(
        target, convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in names})
    )
    seconds, _ = timed(lambda: pacsv.write_csv(table, data.WORK / "floor-export.csv"))
    return seconds


def measure(server: Server, n: int) -> list[Record]:
    target = data.WORK / "export.csv"
    before = server.rss()
    server.reset_peak()
    size, seconds = _download(server, target)
    peak = server.peak() - before
    rows = sum(1 for _ in target.open(encoding="utf-8")) - 1
    floor = _floor(target)
    for path in (target, data.WORK / "floor-export.csv"):
        path.unlink(missing_ok=True)
    return [
        measured(
            "export_csv", n, seconds, "s", RATIO_GOAL, floor, note=f"{rows} rows, {size} bytes"
        ),
        measured(
            "export_memory",
            n,
            peak,
            "bytes",
            MEMORY_GOAL,
            note="server VmHWM during the download minus VmRSS before",
        ),
    ]
