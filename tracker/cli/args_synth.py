"""The options of `tracker synth` (standard library only; it runs
:func:`tracker.cli.commands_synth.cmd_synth`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.options import SYNTH_RATE, lazy

if TYPE_CHECKING:
    from tracker.cli.options import Commands


def register(commands: Commands) -> None:
    p = commands.add_parser(
        "synth",
        help="write N synthetic figures (sources marked not real) with planted contradictions",
    )
    p.add_argument(
        "--figures", type=int, required=True, metavar="N", help="how many figures (at least 1)"
    )
    p.add_argument(
        "--seed", type=int, default=1, metavar="INT", help="the same seed gives the same file"
    )
    p.add_argument(
        "--contradictions",
        type=float,
        default=SYNTH_RATE,
        metavar="RATE",
        help=f"planted contradictions per figure (default {SYNTH_RATE}; at least one per rule)",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="the CSV to write; FILE.planted.csv lists the planted contradictions",
    )
    p.add_argument(
        "--no-register",
        action="store_true",
        help="do not add the synthetic sources to the database's registry",
    )
    p.set_defaults(run=lazy("tracker.cli.commands_synth:cmd_synth"))
