"""The options of the reconciliation commands: series, flags, flags explain, flags recompute.

Standard library only; the run functions are in :mod:`tracker.cli.commands_reconcile`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.cli.options import (
    FLAG_STATES,
    RULES,
    SEVERITIES,
    VOCABULARIES,
    add_filter_options,
    add_format_option,
    lazy,
)

if TYPE_CHECKING:
    from tracker.cli.options import Commands

RUN = "tracker.cli.commands_reconcile"


def _flag_actions(commands: Commands) -> None:
    e = commands.add_parser(
        "explain", help="mark a flag explained; the note survives recomputation"
    )
    e.add_argument(
        "flag_id", metavar="FLAG_ID", help="the flag's id, e.g. FL-divergence-268a41a6ef94"
    )
    e.add_argument("--note", required=True, metavar="TEXT", help="why the flag is not a problem")
    e.add_argument("--reopen", action="store_true", help="mark it open again instead")
    e.set_defaults(run=lazy(f"{RUN}:cmd_explain"))
    r = commands.add_parser("recompute", help="recompute every flag and band from scratch")
    r.set_defaults(run=lazy(f"{RUN}:cmd_recompute"))


def register(commands: Commands) -> None:
    """series and flags, with flags' own sub-commands (DESIGN.md §4)."""
    p = commands.add_parser("series", help="the reconciled series (band and headline per date)")
    add_filter_options(p)
    add_format_option(p, "the bytes of /download/series.csv")
    p.set_defaults(run=lazy(f"{RUN}:cmd_series"))

    p = commands.add_parser("flags", help="current flags; `flags explain` and `flags recompute`")
    add_filter_options(p)
    add_format_option(p, "the columns of /download/flags.csv")
    p.add_argument(
        "--rule",
        metavar="RULES",
        help=f"only these rules: {', '.join(RULES)} ({VOCABULARIES}/rules.csv); an unknown "
        "one is refused, as /download/flags.csv?rule= refuses it",
    )
    p.add_argument(
        "--severity",
        metavar="SEVERITIES",
        help=f"only these severities: {', '.join(SEVERITIES)} ({VOCABULARIES}/severities.csv)",
    )
    p.add_argument(
        "--status",
        choices=list(FLAG_STATES),
        help="only flags in this state: open (not yet looked at) or explained (by an analyst)",
    )
    p.set_defaults(run=lazy(f"{RUN}:cmd_flags"))
    _flag_actions(p.add_subparsers(dest="action", metavar="ACTION"))
