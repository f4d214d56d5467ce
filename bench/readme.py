"""The README's Benchmarks section, generated from bench/results.json and bench/notes.md."""

from __future__ import annotations

import re
from pathlib import Path

from bench.record import Record

HEADING = "## Benchmarks"
LOAD_HEADING = "### Load test"
LOAD_INTRO = """\
`make loadtest` (`python -m bench.loadtest`; `--clients`, `--duration`, `--figures`, `--quick`)
runs gunicorn with the recommended `gunicorn.conf.py` (4 gthread workers × 8 threads) on the
loopback address against a copy of the synthetic database, while `tracker import` adds 2%
more figures; each client is a reader who opens a page (HTML), fires the callback the page
fires, sometimes types in the area control, clicks a claim or downloads a file, then waits
0.5–1.5 s. The runs are under `loadtest` in `bench/results.json`.
Goal: no error, p95 of the callbacks ≤ 300 ms.
"""
NOTES = Path(__file__).with_name("notes.md")
INTRO = """\
`make bench` makes synthetic files with `tracker synth` and runs every benchmark at 100,000
and 1,000,000 figures; `bench/results.json` holds the records (name, n, value, unit, baseline,
ratio, goal, met), and the table below is that file (its run took {minutes} minutes on this
2-core machine). A ratio divides our time by a floor measured in the same run on the same
file; without a floor the goal bounds the value. A row with no number did not run; its note
says why. The import floors are the honest ones of issue #17: `pandas.read_csv` +
`to_sql` through a plain `sqlite3` connection in chunks of 50,000 rows, and PostgreSQL's
`COPY` of the file into an unindexed table; the *old floor* column keeps the earlier floor
(`to_sql` through SQLAlchemy) so the history reads on. Our import runs in a process of its
own, whose peak resident memory is the `import_*_memory` row.
`python -m bench.run --sizes 200000 --only import_sqlite,import_postgres` re-measures the
imports alone. `python -m bench.run --only import_wide_daily` runs the wide-file import alone
(37,618 cells, as a ratio to the same figures as canonical CSV) and replaces its row.
"""


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "bytes":
        return f"{value / 1e6:,.1f} MB"
    if unit == "ms":
        return f"{value:,.0f} ms"
    return f"{value:,.2f} s" if unit == "s" else f"{value:,.3g}"


def _goal(record: Record) -> str:
    if record.unit == "bytes":
        return f"≤ {_number(record.goal, record.unit)}"
    if record.baseline is not None or record.name.startswith(
        ("import", "flags_full", "export_csv")
    ):
        return f"ratio ≤ {record.goal:g}"
    return f"≤ {_number(record.goal, record.unit)}"


def _met(record: Record) -> str:
    return {True: "yes", False: "**no**", None: "not run"}[record.met]


def table(records: list[Record]) -> str:
    lines = [
        "| benchmark | n | value | floor | ratio | goal | met | note | old floor |",
        "|---|---:|---:|---:|---:|---|---|---|---:|",
    ]
    for r in records:
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}"
        note = r.note.replace("|", "/")
        lines.append(
            f"| {r.name} | {r.n:,} | {_number(r.value, r.unit)} | "
            f"{_number(r.baseline, r.unit)} | {ratio} | {_goal(r)} | {_met(r)} | {note} | "
            f"{_number(r.old_floor, r.unit)} |"
        )
    return "\n".join(lines)


def loadtest_table(runs: list[dict]) -> str:
    """One row per database kind and request kind: requests, p50/p95/p99, errors."""
    lines = [
        LOAD_HEADING,
        "",
        LOAD_INTRO,
        "| database | figures | clients × s | kind | requests | req/s | p50 | p95 | p99 | errors |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        if "kinds" not in run:
            lines.append(
                f"| {run['backend']} | {run['n']:,} | — | not run | — | — | — | — | — | "
                f"{run.get('note', '')} |"
            )
            continue
        for kind, k in run["kinds"].items():
            if ":" in kind:
                continue
            lines.append(
                f"| {run['backend']} | {run['n']:,} | {run['clients']} × {run['duration_s']:g} | "
                f"{kind} | {k['requests']:,} | {k['requests'] / run['duration_s']:.1f} | "
                f"{k['p50_ms']:,.0f} ms | {k['p95_ms']:,.0f} ms | {k['p99_ms']:,.0f} ms | "
                f"{k['errors']} |"
            )
        imp = run["import"]
        lines.append(
            f"| {run['backend']} | {run['n']:,} | import beside | {imp['figures']:,} figures | — | "
            f"— | {imp['seconds']:g} s | — | — | exit {imp['exit']} |"
        )
    return "\n".join(lines) + "\n"


def section(records: list[Record], minutes: float, runs: list[dict] | None = None) -> str:
    notes = NOTES.read_text(encoding="utf-8").strip() if NOTES.exists() else ""
    parts = [HEADING, "", INTRO.format(minutes=round(minutes)), table(records), ""]
    if runs:
        parts += [loadtest_table(runs)]
    if notes:
        parts += [notes, ""]
    return "\n".join(parts)


def update(
    readme: Path, records: list[Record], minutes: float, runs: list[dict] | None = None
) -> None:
    """Replace (or append) the Benchmarks section, which is the README's last."""
    text = readme.read_text(encoding="utf-8")
    head = text.split("\n" + HEADING + "\n")[0].rstrip("\n")
    readme.write_text(head + "\n\n" + section(records, minutes, runs), encoding="utf-8")


def update_loadtest(readme: Path, runs: list[dict]) -> None:
    """Replace (or add, after the benchmark table) the load-test table in the README."""
    text = readme.read_text(encoding="utf-8")
    new = loadtest_table(runs)
    if LOAD_HEADING + "\n" in text:
        before, rest = text.split(LOAD_HEADING + "\n", 1)
        after = rest.split("\n### ", 1)
        tail = "\n### " + after[1] if len(after) > 1 else ""
        text = before + new + tail
    elif "\n### " in text.split("\n" + HEADING + "\n")[-1] and HEADING in text:
        head, bench = text.split("\n" + HEADING + "\n")
        first, more = bench.split("\n### ", 1)
        text = head + "\n" + HEADING + "\n" + first.rstrip("\n") + "\n\n" + new + "\n### " + more
    else:
        text = text.rstrip("\n") + "\n\n" + new
    readme.write_text(text, encoding="utf-8")


def update_table(readme: Path, records: list[Record]) -> None:
    """Replace only the results table (``--only``: the intro's run time and notes stay)."""
    text = readme.read_text(encoding="utf-8")
    start = text.index("| benchmark | n |", text.index("\n" + HEADING + "\n"))
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    readme.write_text(text[:start] + table(records) + text[end:], encoding="utf-8")


def full_run_minutes(readme: Path) -> float:
    """The minutes of the last full run, as the README's section says (0 when it says none):
    a benchmark run alone (``bench.run --only``) leaves that number as it was."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    found = re.search(r"its run took (\d+(?:\.\d+)?) minutes", text)
    return float(found.group(1)) if found else 0.0
