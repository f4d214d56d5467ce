"""Commands that enter, check, change and list figures."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pandas as pd

from tracker.cli import commands_formats, moves
from tracker.cli.common import err, filters_from, open_store, print_table
from tracker.domain.compare import as_text, differences
from tracker.domain.revisions import parse_assignments
from tracker.domain.typed import typed_row
from tracker.domain.vocabularies import CANONICAL_COLUMNS
from tracker.ingest.readers import FigureFile, read_figure_file
from tracker.ingest.reference import DATA_DIR
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
        f"database {store.url.render_as_string(hide_password=True)}: schema {state} "
        f"(version {after})"
    )
    vocab = store.vocab
    print(
        f"registry: {len(vocab.sources)} sources, {len(vocab.episodes)} episodes, "
        f"{len(vocab.areas)} areas, {len(vocab.gazetteer)} places"
    )
    load_file(store, SEED_FILE, "founding article")
    if args.demo:
        load_file(store, DEMO_FILE, "demo data (Dar'a 2018)")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Every layout, canonical included, goes through the formats module (issue #14)."""
    return commands_formats.run_validate(args)


def cmd_import(args: argparse.Namespace) -> int:
    """Every layout, canonical included, goes through the formats module (issue #14)."""
    return commands_formats.run_import(args)


def cmd_add(args: argparse.Namespace) -> int:
    store = open_store(args)
    row = typed_row(
        {c: getattr(args, c) for c in CANONICAL_COLUMNS if getattr(args, c) is not None}
    )
    table = pd.DataFrame([row]).astype("string")
    file = FigureFile(table, Path("command-line"), [])
    moved: list[Any] = []
    if args.propose:  # a proposal moves nothing public: `tracker review list` previews it
        result = store.import_file(file, propose=True)
    else:
        with moves.watching_figures(store, table) as moved:
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
        fid = result.plan.new["figure_id"].iloc[0]
        print(f"figure {fid} proposed for review" if args.propose else f"stored figure {fid}")
        moves.print_moved(store, moved)
    else:
        fid = result.plan.unchanged_ids[0] if result.plan.unchanged_ids else row.get("figure_id")
        print(f"figure {fid} is already stored with these values")
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
    if getattr(args, "propose", False):
        return _propose_revision(store, args)
    with moves.watching_figure(store, args.figure_id) as moved:
        revised = store.revise(args.figure_id, parse_assignments(args.assignments), args.why)
    print(
        f"figure {args.figure_id}: new revision stored "
        f"(interval {int(revised['low'].iloc[0])}–{_high(revised['high'].iloc[0])})"
    )
    moves.print_moved(store, moved)
    return 0


def cmd_retract(args: argparse.Namespace) -> int:
    store = open_store(args)
    if getattr(args, "propose", False):
        return _propose_retraction(store, args)
    with moves.watching_figure(store, args.figure_id) as moved:
        store.retract(args.figure_id, args.why)
    print(f"figure {args.figure_id}: retracted (its revisions are kept; see `tracker history`)")
    moves.print_moved(store, moved)
    return 0


def _propose_revision(store: Any, args: argparse.Namespace) -> int:
    """A revision proposed for review: nothing public moves (`tracker review list` says
    what accepting it would)."""
    from tracker.service import proposals

    changes = parse_assignments(args.assignments)
    proposals.propose_revision(store, store.shell_actor(), args.figure_id, changes, args.why)
    print(f"figure {args.figure_id}: revision proposed for review (`tracker review list`)")
    return 0


def _propose_retraction(store: Any, args: argparse.Namespace) -> int:
    from tracker.service import proposals

    proposals.propose_retraction(store, store.shell_actor(), args.figure_id, args.why)
    print(f"figure {args.figure_id}: retraction proposed for review (`tracker review list`)")
    return 0


def _high(value: float) -> str:
    return "∞" if value == float("inf") else str(int(value))


def _review_words(row: pd.Series) -> str:
    """ ", proposed for review" or ", accepted by NAME"; nothing for a figure published
    without review."""
    status = row.get("review_status")
    reviewer = row.get("reviewed_by")
    if pd.notna(reviewer) and reviewer:
        return f", {status} by {reviewer}"
    return f", {status} for review" if status == "proposed" else ""


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
            f"by {row['entered_by']}{_review_words(row)}"
        )
        if pd.notna(row["why"]) and row["why"]:
            print(f"  why: {row['why']}")
        if previous is None:
            print("  first entered: " + ", ".join(f"{c}={v}" for c, v in text.loc[i].items() if v))
        else:
            changes = differences(text.loc[i], previous)
            print("  changed: " + ("; ".join(changes) if changes else "no value (status only)"))
        previous = text.loc[i]
    return 0
