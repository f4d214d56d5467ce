"""Commands that enter, check, change and list figures."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pandas as pd

from tracker.cli.common import err, filters_from, open_store, print_table
from tracker.domain.compare import as_text, differences
from tracker.domain.revisions import parse_assignments
from tracker.domain.validation import Problem, group_problems
from tracker.domain.vocabularies import CANONICAL_COLUMNS
from tracker.ingest.readers import FigureFile, read_figure_file
from tracker.ingest.reference import DATA_DIR, read_reference
from tracker.service.importer import ImportPlan, plan_import, write_rejects
from tracker.service.store import Store

SEED_FILE = DATA_DIR / "seed" / "figures.csv"
DEMO_FILE = DATA_DIR / "demo" / "daraa-2018.csv"


def load_file(store: Store, path: Path, label: str) -> int:
    result = store.import_file(read_figure_file(path), why=f"tracker init: {label}")
    if not result.plan.ok:
        for problem in result.plan.problems:
            err(f"{path}: {problem}")
        raise SystemExit(1)
    print(f"{label}: {result.stored} figures stored, {result.plan.unchanged} already stored")
    return result.stored


def cmd_init(args: argparse.Namespace) -> int:
    store = open_store(args, require=False)
    before, after = store.upgrade()
    state = "created" if before == 0 else ("upgraded" if before < after else "up to date")
    print(
        f"database {store.engine.url.render_as_string(hide_password=True)}: schema {state} "
        f"(version {after})"
    )
    vocab = store.vocab
    print(
        f"registry: {len(vocab.sources)} sources, {len(vocab.episodes)} episodes, "
        f"{len(vocab.gazetteer)} places"
    )
    load_file(store, SEED_FILE, "founding article")
    if args.demo:
        load_file(store, DEMO_FILE, "demo data (Dar'a 2018)")
    return 0


SHOWN_GROUPS = 200  # a report names at most this many (column, value) groups


def print_problems(problems: list[Problem], path: Path, prefix: str = "") -> None:
    """Problems grouped per (column, value, fault) with their first lines, at most
    SHOWN_GROUPS of them; the count of the rest is said, never silently dropped."""
    groups = group_problems(problems)
    for group in groups[:SHOWN_GROUPS]:
        err(f"{path}: {prefix}{group}")
    hidden = groups[SHOWN_GROUPS:]
    if hidden:
        count = sum(len(g.lines) for g in hidden)
        columns = ", ".join(sorted({g.column for g in hidden}))
        err(f"{path}: … and {count:,} more problem(s) of {len(hidden):,} other kind(s) not "
            f"shown (columns: {columns})")  # fmt: skip


def report_problems(plan: ImportPlan, path: Path) -> None:
    print_problems(plan.problems, path)
    lines = len(plan.rejected_rows) or len({p.line for p in plan.problems})
    err(f"{path}: {len(plan.problems) + plan.unlisted} problem(s) on {lines} line(s)")


def cmd_validate(args: argparse.Namespace) -> int:
    file = read_figure_file(args.file)
    for notice in file.notices:
        err(f"{args.file}: note: {notice}")
    store = open_store(args, require=False)
    try:
        store.require_schema()
        plan = store.plan(file)
    except Exception:  # an uninitialised database: check against data/ alone
        with store.engine.connect() as conn:
            plan = plan_import(conn, file, read_reference(), date.today())
    for notice in plan.notices[len(file.notices) :]:
        err(f"{args.file}: note: {notice}")
    print_problems(plan.conflicts, args.file, "note: import would refuse ")
    if plan.invalid:
        print_problems(plan.invalid, args.file)
        lines = len({p.line for p in plan.invalid} | {2 + int(i) for i in plan.rejected_rows})
        err(
            f"{args.file}: {len(plan.invalid) + plan.unlisted} problem(s) on {lines} line(s); "
            "nothing stored "
            "(validate never stores)"
        )
        return 1
    print(f"{args.file}: {len(file.table)} figure(s), all valid")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    store = open_store(args)
    file = read_figure_file(args.file)
    written: list[Path] = []

    def keep_rejects(plan: ImportPlan) -> None:  # before the commit: both or neither
        if not plan.ok:
            written.append(write_rejects(file, plan))

    try:
        result = store.import_file(
            file, partial=args.partial, why=args.why, before_commit=keep_rejects
        )
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    plan = result.plan
    for notice in plan.notices:
        err(f"{args.file}: note: {notice}")
    if not plan.ok:
        report_problems(plan, args.file)
        if not args.partial:
            err(
                "nothing stored: fix these and import again, or use --partial to store the "
                "valid rows and get the rejected ones in a rejects file"
            )
            return 1
        err(
            f"{len(plan.rejected_rows)} row(s) rejected, written with their reasons to {written[0]}"
        )
    print(
        f"{args.file}: {result.stored} figure(s) stored, {plan.unchanged} already stored"
        + (f", {len(plan.rejected_rows)} rejected" if not plan.ok else "")
    )
    return 0 if plan.ok else 1


def cmd_add(args: argparse.Namespace) -> int:
    store = open_store(args)
    row = {c: getattr(args, c) for c in CANONICAL_COLUMNS if getattr(args, c) is not None}
    table = pd.DataFrame([row]).astype("string")
    file = FigureFile(table, Path("command-line"), [])
    result = store.import_file(file)
    if not result.plan.ok:
        for p in result.plan.problems:
            err(
                f"--{p.column.replace('_', '-')} {p.value!r}: {p.message}"
                if p.line != 1
                else f"--{p.column.replace('_', '-')}: {p.message}"
            )
        err("nothing stored")
        return 1
    if result.stored:
        print(f"stored figure {result.plan.new['figure_id'].iloc[0]}")
    else:
        print(f"figure {row.get('figure_id')} is already stored with these values")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    figures = store.figures(filters_from(args, store))
    total = len(figures)
    if args.limit:
        figures = figures.head(args.limit)
    if figures.empty:
        print("no figures match")
        return 0
    text = as_text(figures)
    shown = pd.DataFrame(
        {
            "figure_id": figures["figure_id"],
            "reported_on": text["reported_on"],
            "source": figures["source"],
            "metric": figures["metric"],
            "population": figures["population"],
            "location": figures["location"],
            "period": text["period_start"].where(text["period_start"] != "", "…")
            + " → "
            + text["period_end"],
            "qualifier": figures["qualifier"],
            "value": text["value"] + text["value_high"].map(lambda v: f"–{v}" if v else ""),
            "unit": figures["unit"],
            "interval": figures["low"].astype(str)
            + "–"
            + figures["high"].map(lambda h: "∞" if h == float("inf") else str(int(h))),
        }
    )
    print_table(shown)
    if total > len(figures):
        print(f"({len(figures)} of {total} figures shown; --limit 0 shows all)")
    return 0


def cmd_revise(args: argparse.Namespace) -> int:
    store = open_store(args)
    revised = store.revise(args.figure_id, parse_assignments(args.assignments), args.why)
    print(
        f"figure {args.figure_id}: new revision stored "
        f"(interval {int(revised['low'].iloc[0])}–{_high(revised['high'].iloc[0])})"
    )
    return 0


def cmd_retract(args: argparse.Namespace) -> int:
    store = open_store(args)
    store.retract(args.figure_id, args.why)
    print(f"figure {args.figure_id}: retracted (its revisions are kept; see `tracker history`)")
    return 0


def _high(value: float) -> str:
    return "∞" if value == float("inf") else str(int(value))


def cmd_history(args: argparse.Namespace) -> int:
    store = open_store(args)
    revisions = store.history(args.figure_id)
    if revisions.empty:
        err(f"no figure with id {args.figure_id!r} is stored")
        return 1
    text = as_text(revisions)
    previous = None
    for i, row in revisions.iterrows():
        marker = " (current)" if row["current"] else ""
        print(
            f"revision {row['revision']}{marker}: {row['status']}, "
            f"{pd.Timestamp(row['entered_at']).strftime('%Y-%m-%d %H:%M:%S')} "
            f"by {row['entered_by']}"
        )
        if row["why"] is not pd.NA and row["why"]:
            print(f"  why: {row['why']}")
        if previous is None:
            print("  first entered: " + ", ".join(f"{c}={v}" for c, v in text.loc[i].items() if v))
        else:
            changes = differences(text.loc[i], previous)
            print("  changed: " + ("; ".join(changes) if changes else "no value (status only)"))
        previous = text.loc[i]
    return 0
