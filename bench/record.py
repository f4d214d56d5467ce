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
    when the benchmark could not run (``note`` says why).
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


def write_json(records: list[Record], path: Path) -> None:
    path.write_text(json.dumps([asdict(r) for r in records], indent=2, ensure_ascii=False) + "\n")


def read_json(path: Path) -> list[Record]:
    return [Record(**r) for r in json.loads(path.read_text())]
