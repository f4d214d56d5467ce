"""The `tracker` command line (DESIGN.md §4)."""

from __future__ import annotations

import argparse
import sys

from tracker.cli import (
    commands_figures,
    commands_formats,
    commands_reconcile,
    commands_serve,
    commands_synth,
)
from tracker.domain.filters import FilterError
from tracker.domain.revisions import RevisionError
from tracker.ingest.readers import InputFileError
from tracker.storage.database import DatabaseError


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """The filters shared by every command (several values: separate with commas)."""
    group = parser.add_argument_group("filters")
    group.add_argument("--metric", help="metric id(s), e.g. killed or displaced,idps")
    group.add_argument("--population", help="population id(s), e.g. civilians")
    group.add_argument("--location", help="P-code(s); includes the places below it")
    group.add_argument("--source", help="source id(s), e.g. sohr")
    group.add_argument("--from", dest="date_from", metavar="DATE", help="period_end on or after")
    group.add_argument("--to", dest="date_to", metavar="DATE", help="period_end on or before")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tracker",
        description="Humanitarian displacement and casualty tracker: figures as claims, "
        "reconciled series, consistency flags.",
    )
    parser.add_argument("--db", help="database URL (default: $TRACKER_DB or the SQLite file)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands_figures.register(sub, add_filter_options)
    commands_reconcile.register(sub, add_filter_options)
    commands_serve.register(sub, add_filter_options)
    commands_synth.register(sub, add_filter_options)
    commands_formats.register(sub, add_filter_options)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except (InputFileError, RevisionError, DatabaseError, FilterError) as exc:
        print(f"tracker {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing of the unfinished step was stored", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
