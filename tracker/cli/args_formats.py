"""The options of `tracker formats` and the other-layout options of `import` and `validate`
(standard library only; they run :mod:`tracker.cli.commands_formats`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.options import lazy

if TYPE_CHECKING:
    from tracker.cli.options import Commands


def add_format_options(parser: argparse.ArgumentParser, importing: bool) -> None:
    """The options of `import` and `validate` that read another layout (DESIGN.md §6)."""
    group = parser.add_argument_group("other layouts (`tracker formats` lists them)")
    group.add_argument("--format", help="format name or mapping file (.toml); default: by header")
    group.add_argument("--as-of", metavar="DATE", help="reported_on of every figure (YYYY-MM-DD)")
    group.add_argument(
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="COL=VALUE",
        help="a canonical column's value for every figure (repeatable), e.g. source=vdc",
    )
    group.add_argument("--places", type=Path, metavar="FILE", help="your aliases (alias,pcode)")
    group.add_argument("--only-country", metavar="CC", help="keep only this country's rows (SY)")
    if importing:
        group.add_argument(
            "--dry-run", action="store_true", help="say what would be stored; store nothing"
        )
        group.add_argument(
            "--revise-changed",
            action="store_true",
            help="store a stored figure given with other values as its next revision "
            "(needs --why; the stored revision stays); default: refused as a conflict",
        )


def register(commands: Commands) -> None:
    p = commands.add_parser("formats", help="the file layouts Tracker reads, and their traps")
    p.add_argument("--show", metavar="NAME", help="one format's mapping in words")
    p.set_defaults(run=lazy("tracker.cli.commands_formats:cmd_formats"))
