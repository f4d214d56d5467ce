"""export_csv, export_csv_cold and export_memory: ``/download/figures.csv`` of every figure,
through the real Flask route of a running dashboard server.

The unfiltered file is rendered from the database on the first request after a data change
and kept in the download cache (tracker/exports/cache.py); later requests for the same data
are served from that file. The cache is emptied first, then the file is downloaded twice:
export_csv_cold is the first (rendering) request, export_csv the second, what a data desk's
scheduled fetch gets while the data stand still.

Floor: ``pyarrow.csv.write_csv`` of the same table (the downloaded file read back by pyarrow
with every column as text) to a file. Memory: the server's peak resident memory during a
download minus its resident memory just before (the kernel's high-water mark, reset first);
the larger of the two downloads is recorded.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
from sqlalchemy.engine import make_url

from bench import data
from bench.record import Record, measured
from bench.server import Server
from bench.timing import timed
from tracker.publish.cache import cache_folder
from tracker.storage.database import database_url

RATIO_GOAL = 2.0
COLD_GOAL = 3.0  # issue #17: the first download after a change, ≤ 3× pyarrow's writer
MEMORY_GOAL = 200e6
PATH = "/download/figures.csv"


def _download(server: Server, target: Path) -> tuple[int, float, str]:
    """Bytes, seconds and a hash of one download written to ``target``."""
    import urllib.request

    start = time.perf_counter()
    size = 0
    digest = hashlib.sha1()
    with (
        urllib.request.urlopen(server.base + PATH, timeout=1800) as answer,
        target.open("wb") as out,
    ):
        while block := answer.read(1 << 20):
            out.write(block)
            size += len(block)
            digest.update(block)
    return size, time.perf_counter() - start, digest.hexdigest()


def _measured_download(server: Server, target: Path) -> tuple[int, float, str, int]:
    """One download with the server's memory growth during it."""
    before = server.rss()
    server.reset_peak()
    size, seconds, digest = _download(server, target)
    return size, seconds, digest, server.peak() - before


def _floor(target: Path) -> float:
    names = target.open(encoding="utf-8").readline().strip().split(",")
    table = pacsv.read_csv(
        target, convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in names})
    )
    seconds, _ = timed(lambda: pacsv.write_csv(table, data.WORK / "floor-export.csv"))
    return seconds


def _empty_cache(server: Server) -> Path | None:
    """Remove the kept figures files, so the first download renders; the folder or None."""
    folder = cache_folder(make_url(database_url(server.url)))
    if folder is not None and folder.is_dir():
        for kept in folder.glob("figures.*.csv"):
            kept.unlink(missing_ok=True)
    return folder


def measure(server: Server, n: int) -> list[Record]:
    target = data.WORK / "export.csv"
    folder = _empty_cache(server)
    size, cold, cold_hash, cold_peak = _measured_download(server, target)
    kept = folder is not None and any(folder.glob("figures.*.csv"))
    warm_size, warm, warm_hash, warm_peak = _measured_download(server, target)
    if (warm_size, warm_hash) != (size, cold_hash):
        raise RuntimeError("the second download differs from the first")
    rows = sum(1 for _ in target.open(encoding="utf-8")) - 1
    floor = _floor(target)
    for path in (target, data.WORK / "floor-export.csv"):
        path.unlink(missing_ok=True)
    _empty_cache(server)  # a quarter of a gigabyte nobody reads again
    where = f"kept in {folder.name}/" if kept else "no file cache: both streamed"
    shape = f"{rows} rows, {size} bytes"
    return [
        measured(
            "export_csv",
            n,
            warm,
            "s",
            RATIO_GOAL,
            floor,
            note=f"repeat request, same data ({where}); first request {cold:.2f} s; {shape}",
        ),
        measured(
            "export_csv_cold",
            n,
            cold,
            "s",
            COLD_GOAL,
            floor,
            note=f"first request after a data change, rendered from the database; {shape}",
        ),
        measured(
            "export_memory",
            n,
            max(cold_peak, warm_peak),
            "bytes",
            MEMORY_GOAL,
            note=f"server VmHWM during a download minus VmRSS before (first "
            f"{max(cold_peak, 0) / 1e6:.0f} MB, repeat {max(warm_peak, 0) / 1e6:.0f} MB)",
        ),
    ]
