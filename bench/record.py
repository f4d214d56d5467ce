"""A benchmark result and the rule that says whether it meets its goal."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Record:
    """One measurement: value in unit; ratio = value / baseline when there is a baseline.

    ``goal`` bounds the ratio when there is a baseline, else the value itself; met is None
    when the benchmark could not run (``note`` says why). ``old_floor`` keeps an earlier
    run's kind of floor beside a new one (the imports' ``to_sql`` through SQLAlchemy), so
    the history reads on.
    """

    name: str
    n: int
    value: float | None
    unit: str
    baseline: float | None
    ratio: float | None
    goal: float
    met: bool | None
    note: str = ""
    old_floor: float | None = None


def measured(
    name: str,
    n: int,
    value: float,
    unit: str,
    goal: float,
    baseline: float | None = None,
    note: str = "",
) -> Record:
    """A record that ran: met when ratio (or value, without a baseline) <= goal."""
    ratio = value / baseline if baseline else None
    judged = ratio if baseline else value
    return Record(
        name,
        n,
        _round(value),
        unit,
        _round(baseline),
        _round(ratio),
        goal,
        bool(judged <= goal),
        note,
    )


def not_run(name: str, n: int, unit: str, goal: float, reason: str) -> Record:
    """A benchmark whose code or data is not there: no number, and why."""
    return Record(name, n, None, unit, None, None, goal, None, reason)


def _round(x: float | None) -> float | None:
    if x is None or not math.isfinite(x):
        return x
    return float(f"{x:.4g}")


def _load(path: Path) -> dict:
    """results.json as {"benchmarks": [...], "loadtest": [...]} (a bare list is benchmarks)."""
    if not path.exists():
        return {}
    content = json.loads(path.read_text())
    return {"benchmarks": content} if isinstance(content, list) else content


def _save(content: dict, path: Path) -> None:
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n")


def write_json(records: list[Record], path: Path) -> None:
    """The benchmark records; the load test's runs already in the file are kept."""
    _save({**_load(path), "benchmarks": [asdict(r) for r in records]}, path)


def read_json(path: Path) -> list[Record]:
    return [Record(**r) for r in _load(path).get("benchmarks", [])]


def write_loadtest(runs: list[dict], path: Path) -> None:
    """The load test's runs, one per database kind, under ``loadtest``; the rest is kept."""
    content = _load(path)
    kept = [
        r for r in content.get("loadtest", []) if r["backend"] not in {x["backend"] for x in runs}
    ]
    _save({**content, "loadtest": kept + runs}, path)


def read_loadtest(path: Path) -> list[dict]:
    return list(_load(path).get("loadtest", []))
