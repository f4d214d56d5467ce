"""export_csv, export_csv_cold, export_csv_after_change, export_csv_after_import and
export_memory: ``/download/figures.csv`` of every figure, through the real Flask route of a
running dashboard server.

The unfiltered file is rendered from the database on the first request after a data change
and kept in the download cache (tracker/publish/cache.py) with its row index; later requests
for the same data are served from that file, and the first request after a small change
patches it (tracker/publish/patch.py). The cache is emptied first (file and index), then:
export_csv_cold is the first request, a full render from the database with nothing kept;
export_csv the second, what a data desk's scheduled fetch gets while the data stand still;
export_csv_after_change the first request after one ``tracker add`` (a whole command in its
own process, a figure new to the database); export_csv_after_import the first request after
``tracker import`` of 1,000 new synthetic figures (``tracker synth`` with a seed of its own).
Last the cache is emptied again and the file rendered in full once more: its bytes must be
those of the patched file (the run fails otherwise), and its time is the note's second cold
measurement.

Floor: ``pyarrow.csv.write_csv`` of the same table (the downloaded file read back by pyarrow
with every column as text) to a file. Memory: the server's peak resident memory during a
download minus its resident memory just before (the kernel's high-water mark, reset first);
the larger of the two downloads is recorded.
"""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
from sqlalchemy.engine import make_url

from bench import data, shell
from bench.record import Record, measured
from bench.server import Server
from bench.timing import timed
from tracker.publish.cache import cache_folder
from tracker.storage.database import database_url

RATIO_GOAL = 2.0
COLD_GOAL = 3.0  # issue #17: the first download after a change, ≤ 3× pyarrow's writer
MEMORY_GOAL = 200e6
PATH = "/download/figures.csv"
ROOT = Path(__file__).resolve().parents[1]
IMPORTED = 1_000  # figures of export_csv_after_import's import


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
    """Remove the kept figures files and their row indexes, so the next download renders
    in full; the folder or None."""
    folder = cache_folder(make_url(database_url(server.url)))
    if folder is not None and folder.is_dir():
        for kept in [*folder.glob("figures.*.csv"), *folder.glob("figures.*.csv.rows")]:
            kept.unlink(missing_ok=True)
    return folder


def _rows(target: Path) -> int:
    """Rows of a downloaded figures.csv (a quoted cell may hold a line break)."""
    with target.open(encoding="utf-8", newline="") as text:
        return sum(1 for _ in csv.reader(text)) - 1


def _tracker(url: str, *arguments: str) -> None:
    """One whole tracker command, as a user runs it (fails loudly when it fails)."""
    env = dict(os.environ, TRACKER_DB=url, PYTHONPATH=str(ROOT), TRACKER_NO_PROGRESS="1")
    done = subprocess.run(
        [sys.executable, "-m", "tracker", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"tracker {arguments[0]} failed: {done.stderr.strip()[-300:]}")


def _adding(url: str) -> Callable[[str], None]:
    """``tracker add`` of one new running-total figure in a busy series (chosen now)."""
    row = shell.series(url, 1)[0]

    def add(url: str) -> None:
        _tracker(url, *shell.add_arguments(row, f"bench-export-{uuid.uuid4().hex[:8]}"))

    return add


def _import_some(url: str) -> None:
    """``tracker import`` of IMPORTED new synthetic figures (ids of a seed of their own)."""
    seed = 100 + uuid.uuid4().int % 800
    path = data.WORK / f"export-import-{seed}.csv"
    try:
        synth = ("synth", "--figures", str(IMPORTED), "--seed", str(seed), "--no-register")
        _tracker(url, *synth, "-o", str(path))
        _tracker(url, "import", str(path))
    finally:
        for made in data.WORK.glob(f"export-import-{seed}.*"):
            made.unlink(missing_ok=True)


def _after(server: Server, change: Callable[[str], None], target: Path) -> tuple[float, int]:
    """Seconds of the first download after ``change`` (whole tracker commands, as a user
    makes it), and the rows it holds."""
    change(database_url(server.url))
    _, seconds, _, _ = _measured_download(server, target)
    return seconds, _rows(target)


def measure(server: Server, n: int) -> list[Record]:
    target = data.WORK / "export.csv"
    add_one = _adding(database_url(server.url))
    folder = _empty_cache(server)
    size, cold, cold_hash, cold_peak = _measured_download(server, target)
    kept = folder is not None and any(folder.glob("figures.*.csv"))
    warm_size, warm, warm_hash, warm_peak = _measured_download(server, target)
    if (warm_size, warm_hash) != (size, cold_hash):
        raise RuntimeError("the second download differs from the first")
    rows = _rows(target)
    floor = _floor(target)
    added, added_rows = _after(server, add_one, target)
    imported, imported_rows = _after(server, _import_some, target)
    patched_size, _, patched_hash = _download(server, target)
    _empty_cache(server)
    again_size, again, again_hash = _download(server, target)
    if (again_size, again_hash) != (patched_size, patched_hash):
        raise RuntimeError("the patched file differs from a full render of the same data")
    for path in (target, data.WORK / "floor-export.csv"):
        path.unlink(missing_ok=True)
    _empty_cache(server)  # a quarter of a gigabyte nobody reads again
    where = f"kept in {folder.name}/" if kept else "no file cache: both streamed"
    shape = f"{rows} rows, {size} bytes"
    patch = (
        "the kept file patched (tracker/publish/patch.py); a full render of the same data "
        f"after it gave the same bytes in {again:.2f} s"
    )
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
            note=f"first request after a data change, rendered from the database with no "
            f"kept file; {shape}",
        ),
        measured(
            "export_csv_after_change",
            n,
            added,
            "s",
            COLD_GOAL,
            floor,
            note=f"first request after one `tracker add` ({added_rows} rows): {patch}",
        ),
        measured(
            "export_csv_after_import",
            n,
            imported,
            "s",
            COLD_GOAL,
            floor,
            note=f"first request after `tracker import` of {IMPORTED:,} new figures "
            f"({imported_rows} rows): {patch}",
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
