"""Problems said once per distinct value: "unknown source 'vdc' — on 37,618 rows (lines 2–37619)".

A file whose every row names the same unknown source or place has one problem, not one per
row. Problems with the same column, value and message are grouped; the group names how many
rows it concerns and where, with runs of consecutive lines written as ranges.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tracker.domain.validation import Problem

SHOWN_RUNS = 6


@dataclass(frozen=True)
class ProblemGroup:
    """One problem (column, value, message) and every line it occurs on."""

    column: str
    value: str
    message: str
    lines: tuple[int, ...]
    count: int = 0  # how many times it occurs (a line of a wide table holds several figures)

    @property
    def rows(self) -> int:
        return len(self.lines)

    def __str__(self) -> str:
        if self.rows == 1 and self.count <= 1:
            return str(Problem(self.lines[0], self.column, self.value, self.message))
        shown = f", value {self.value!r}" if self.value != "" else ", value empty"
        many = max(self.count, self.rows)
        where = (
            f"{self.rows:,} rows"
            if many == self.rows
            else f"{many:,} figures of {self.rows:,} rows"
        )
        lines = describe_lines(self.lines)
        return f"column {self.column}{shown}: {self.message} — on {where} ({lines})"


def group_problems(problems: Iterable[Problem]) -> list[ProblemGroup]:
    """Problems grouped by (column, value, message), in the order of their first line."""
    lines: dict[tuple[str, str, str], list[int]] = {}
    for p in sorted(problems):
        lines.setdefault((p.column, p.value, p.message), []).append(p.line)
    groups = [
        ProblemGroup(c, v, m, tuple(sorted(set(ls))), len(ls)) for (c, v, m), ls in lines.items()
    ]
    return sorted(groups, key=lambda g: (g.lines[0], g.column))


def describe_lines(lines: Iterable[int]) -> str:
    """``2, 3, 4, 9`` → "lines 2–4, 9"; at most a few runs, then how many more lines."""
    runs: list[tuple[int, int]] = []
    for line in sorted(set(lines)):
        if runs and line == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], line)
        else:
            runs.append((line, line))
    parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs[:SHOWN_RUNS]]
    rest = sum(b - a + 1 for a, b in runs[SHOWN_RUNS:])
    text = ", ".join(parts) + (f" and {rest:,} more" if rest else "")
    single = len(runs) == 1 and runs[0][0] == runs[0][1]
    return ("line " if single else "lines ") + text
