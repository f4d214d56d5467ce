"""import_wide_daily: the 37,618-cell wide daily file against the same figures as canonical CSV.

Ours: read the wide file through the ``wide-daily`` mapping (melt, places resolved, ids built)
and import it into a fresh SQLite database. Floor: the same figures, already written as a
canonical CSV, read and imported into another fresh database. The ratio is the cost of the
mapping (goal ≤ 1.5). The real file (``../shared/real-data/datasets/``) is used when present,
else a synthetic file of the same shape (2,687 days × 14 governorates).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from bench import data
from bench.record import Record, measured
from bench.timing import timed
from tracker.domain.places import PlaceIndex
from tracker.ingest.formats.apply import MapOptions, Mapped, map_file
from tracker.ingest.formats.places import read_countries
from tracker.ingest.formats.registry import find_format
from tracker.ingest.readers import FigureFile, read_figure_file
from tracker.ingest.reference import read_gazetteer, read_place_aliases

GOAL = 1.5
REAL = (
    data.ROOT.parent
    / "shared"
    / "real-data"
    / "datasets"
    / "romansul__syrian-civil-war"
    / "casualties_by_province_by_day.csv"
)
PROVINCES = [
    "Aleppo",
    "Damascus",
    "Damascus Suburbs",
    "Daraa",
    "Deir Ezzor",
    "Hama",
    "Hasakeh",
    "Homs",
    "Idlib",
    "Lattakia",
    "Quneitra",
    "Raqqa",
    "Sweida",
    "Tartous",
]
DAYS = 2687  # 2,687 days × 14 governorates = 37,618 cells


def wide_file() -> Path:
    """The real wide file when present, else a synthetic one of the same shape."""
    if REAL.exists():
        return REAL
    path = data.WORK / "wide-daily-synthetic.csv"
    data.WORK.mkdir(parents=True, exist_ok=True)
    rng, first = random.Random(data.SEED), date(2011, 1, 5)
    lines = [",".join(["day", *PROVINCES])]
    for i in range(DAYS):
        cells = [f"{rng.randint(0, 30)}.0" for _ in PROVINCES]
        lines.append(",".join([(first + timedelta(days=i)).isoformat(), *cells]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def mapped(path: Path) -> Mapped:
    index = PlaceIndex(read_gazetteer().reset_index(drop=True), read_place_aliases())
    options = MapOptions({"source": "vdc"})
    return map_file(path, find_format("wide-daily"), options, index, read_countries())


def _import(url: str, read: Callable[[], FigureFile]) -> tuple[float, int]:
    """Seconds to read and import into a fresh store (made before the clock starts)."""
    store = data.fresh_store(url)
    seconds, result = timed(lambda: store.import_file(read(), why="bench"))
    store.engine.dispose()
    if not result.plan.ok:
        raise RuntimeError(f"the wide file did not import: {result.plan.problems[:3]}")
    return seconds, int(result.stored)


def import_wide_daily() -> Record:
    """Seconds to import the wide file, as a ratio to the same figures as canonical CSV."""
    data.WORK.mkdir(parents=True, exist_ok=True)
    path = wide_file()
    canonical = data.WORK / "wide-daily-as-canonical.csv"
    first = mapped(path)
    first.file.table.to_csv(canonical, index=False)
    cells = len(first.file.table)
    floor, stored = _import(data.sqlite_url("wide-floor"), lambda: read_figure_file(canonical))
    ours, ours_stored = _import(data.sqlite_url("wide-ours"), lambda: mapped(path).file)
    if stored != ours_stored:
        raise RuntimeError(f"stored {ours_stored} figures from the wide file, {stored} from CSV")
    note = f"{cells:,} cells, {'real' if path == REAL else 'synthetic'} file"
    return measured("import_wide_daily", cells, ours, "s", GOAL, floor, note)
