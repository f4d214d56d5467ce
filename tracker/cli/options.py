"""Options several commands share, and the help texts that name each option's allowed values.

Standard library only: ``tracker --help`` builds every parser from this module and the
``args_*`` modules without importing pandas, SQLAlchemy or Dash. A few values the library
also defines (download names, languages, the synthetic contradiction rate, the canonical
columns) are written here again so that no heavy module is imported to show them;
``tests/cli/test_cli_parser.py`` checks that each copy equals the library's.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from tracker.cli import startup

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

Runner = Callable[[argparse.Namespace], int]

VOCABULARIES = "data/vocabularies"
DATE = "a date, YYYY-MM-DD"

# Mirrors of library values (tests/cli/test_cli_parser.py keeps them equal).
DOWNLOAD_FILES = ("figures", "series", "flags", "sources")  # tracker.publish.DOWNLOADS
LANGUAGES = ("en", "ar")  # tracker.publish.options.LANGUAGES
SYNTH_RATE = 0.001  # tracker.synth.DEFAULT_RATE
RULES = ("containment", "regression", "hierarchy", "subgroup", "divergence", "staleness", "echo")
SEVERITIES = ("info", "minor", "moderate", "major")
FLAG_STATES = ("open", "explained")  # tracker.publish.options.FLAG_STATUSES


def lazy(target: str) -> Runner:
    """A command's run function, given as "module:function" and imported when it runs."""
    module, _, name = target.partition(":")

    def run(args: argparse.Namespace) -> int:
        with startup.importing():
            startup.import_pandera_lean()
            function: Runner = getattr(importlib.import_module(module), name)
        return function(args)

    run.__qualname__ = run.__name__ = target
    return run


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL: sqlite:///PATH or postgresql://USER@HOST/NAME (default: "
        "$TRACKER_DB, else the SQLite file ~/.local/share/tracker/tracker.db)",
    )


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """The filters shared by every command (several values: separate with commas)."""
    group = parser.add_argument_group("filters (several values: separate with commas)")
    group.add_argument(
        "--metric",
        metavar="IDS",
        help="metric id(s), e.g. killed or displaced,idps; the ids are in "
        f"{VOCABULARIES}/metrics.csv",
    )
    group.add_argument(
        "--population",
        metavar="IDS",
        help=f"population id(s), e.g. civilians; the ids are in {VOCABULARIES}/populations.csv",
    )
    group.add_argument(
        "--location",
        metavar="PCODES",
        help="P-code(s) from the gazetteer (data/gazetteer/), e.g. SY12; includes the places "
        "below it (and the areas inside it); or an area id, e.g. eastern-ghouta",
    )
    group.add_argument(
        "--source",
        metavar="IDS",
        help="source id(s), e.g. sohr; the ids are in data/sources.csv (and the database's "
        "registry)",
    )
    group.add_argument(
        "--from", dest="date_from", metavar="DATE", help=f"period_end on or after DATE ({DATE})"
    )
    group.add_argument(
        "--to", dest="date_to", metavar="DATE", help=f"period_end on or before DATE ({DATE})"
    )
    group.add_argument(
        "--episode",
        metavar="IDS",
        help="episode id(s), e.g. daraa-2018 (data/episodes.csv): the figures naming it, and "
        "those naming none in its area and dates; --location, --from and --to narrow both",
    )


def add_format_option(parser: argparse.ArgumentParser, csv_is: str) -> None:
    parser.add_argument(
        "--format",
        choices=["table", "csv", "json"],
        default="table",
        help=f"table: aligned columns for a person (default); csv: {csv_is}; json: one object "
        "per row",
    )
