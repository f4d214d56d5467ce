"""The options of `tracker extract` (standard library only; it runs
:func:`tracker.cli.commands_extract.cmd_extract`)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.options import lazy

if TYPE_CHECKING:
    from tracker.cli.options import Commands


def _date(text: str) -> date:
    """--reported-on as a date; anything else is a bad option (exit 2, like every other)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: not a date in the form YYYY-MM-DD") from None


def register(commands: Commands) -> None:
    p = commands.add_parser(
        "extract",
        help="propose figures from an article's text (Arabic or English); store nothing",
        description="Read an article (UTF-8 text; a first line that is only an address is "
        "taken as --url) and propose every figure it states, each with its evidence, "
        "confidence and the reasons for each field. Nothing is stored: keep the rows you "
        "confirm and import them.",
    )
    p.add_argument("file", help="a UTF-8 text file, or - for standard input")
    p.add_argument(
        "--lang",
        choices=["ar", "en"],
        help="the text's language: ar or en (default: guessed from the script)",
    )
    p.add_argument(
        "--reported-on",
        dest="reported_on",
        metavar="DATE",
        type=_date,
        help="the day the article was published (YYYY-MM-DD); relative dates count from it",
    )
    p.add_argument(
        "--publisher",
        help="where the article was read (a registered source's "
        "own site is its source when the text names none)",
    )
    p.add_argument("--url", help="the article's address")
    p.add_argument(
        "--format",
        choices=["table", "csv"],
        default="table",
        help="table (to read; default) or csv (the canonical columns plus span_start, span_end, "
        "evidence, confidence, reasons: edit it, then `tracker import` it)",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here, not to stdout")
    p.set_defaults(run=lazy("tracker.cli.commands_extract:cmd_extract"))
