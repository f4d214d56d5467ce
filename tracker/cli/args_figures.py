"""The options of the commands that enter, check, change and list figures (standard library only).

Their run functions are in :mod:`tracker.cli.commands_figures`, imported when one runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.args_formats import add_format_options
from tracker.cli.options import DATE, VOCABULARIES, add_filter_options, lazy

if TYPE_CHECKING:
    from tracker.cli.options import Commands

RUN = "tracker.cli.commands_figures"
FIGURE_FILE = (
    "a CSV (UTF-8, also with Excel's byte-order mark, or Windows-1256) or an XLSX workbook "
    "with the canonical columns of DESIGN.md §4"
)

PROPOSE = (
    "store as proposals awaiting review (`tracker review`): public only once a reviewer "
    "who is not their author accepts them"
)
PROPOSE_CHANGE = (
    "store the change as a proposal awaiting review (`tracker review`): the published figure "
    "stays as it is until a reviewer who is not its author accepts it"
)

# The canonical columns in order (tracker.domain.vocabularies.CANONICAL_COLUMNS), each with
# the help of its `tracker add` option.
FIGURE_COLUMNS: dict[str, str] = {
    "figure_id": "the figure's id (optional: given, a re-import is idempotent)",
    "reported_on": f"required: the day the source published the figure ({DATE})",
    "source": "required: source id from the registry (data/sources.csv), e.g. sohr",
    "publisher": "who carried the figure, if not the source itself (text)",
    "url": "the publication's http(s) address",
    "metric": f"required: metric id from {VOCABULARIES}/metrics.csv, e.g. killed",
    "population": f"population id from {VOCABULARIES}/populations.csv (default: all)",
    "location": "required: P-code from the gazetteer (data/gazetteer/), e.g. SY12, or an area id "
    "(`tracker areas list`), e.g. eastern-ghouta",
    "period_start": f"first day the figure covers ({DATE})",
    "period_end": f"last day the figure covers ({DATE}; default: reported_on)",
    "measure": f"flow or stock ({VOCABULARIES}/measures.csv; default: from the metric)",
    "episode": "episode id from data/episodes.csv",
    "qualifier": "the source's wording: exact, approx, nearly, at_least, more_than, at_most, "
    f"less_than, range or magnitude ({VOCABULARIES}/qualifiers.csv; default: exact)",
    "value": "required: the number, an integer ≥ 0",
    "value_high": "the upper end, an integer ≥ value (only with --qualifier range)",
    "unit": "persons, households, events, localities or facilities "
    f"({VOCABULARIES}/units.csv; default: from the metric)",
    "quote": "the source's own words (text)",
    "quote_lang": "the quote's language, an ISO 639-1 code such as ar or en",
    "notes": "anything else worth keeping (text)",
}


def _file_commands(commands: Commands) -> None:
    p = commands.add_parser(
        "init", help="create or upgrade the database and load the reference data"
    )
    p.add_argument(
        "--demo",
        action="store_true",
        help="also load the Dar'a 2018 demo figures (data/demo/daraa-2018.csv)",
    )
    p.set_defaults(run=lazy(f"{RUN}:cmd_init"))

    p = commands.add_parser("validate", help="check a CSV or XLSX file of figures; store nothing")
    p.add_argument("file", type=Path, metavar="FILE", help=FIGURE_FILE)
    add_format_options(p, importing=False)
    p.set_defaults(run=lazy(f"{RUN}:cmd_validate"))

    p = commands.add_parser("import", help="store the figures of a CSV or XLSX file")
    p.add_argument("file", type=Path, metavar="FILE", help=FIGURE_FILE)
    p.add_argument(
        "--partial",
        action="store_true",
        help="store the valid rows; write the rejected ones to FILE.rejects.csv",
    )
    p.add_argument("--why", metavar="TEXT", help="why these figures are entered (kept with each)")
    add_format_options(p, importing=True)
    p.add_argument("--propose", action="store_true", help=PROPOSE)
    p.set_defaults(run=lazy(f"{RUN}:cmd_import"))


def _figure_commands(commands: Commands) -> None:
    p = commands.add_parser("add", help="enter one figure")
    for column, text in FIGURE_COLUMNS.items():
        p.add_argument(f"--{column.replace('_', '-')}", dest=column, metavar="VALUE", help=text)
    p.add_argument("--propose", action="store_true", help=PROPOSE)
    p.set_defaults(run=lazy(f"{RUN}:cmd_add"))

    p = commands.add_parser("list", help="current figures as a table")
    add_filter_options(p)
    p.add_argument(
        "--limit", type=int, default=200, metavar="N", help="at most N rows (default 200; 0: all)"
    )
    p.set_defaults(run=lazy(f"{RUN}:cmd_list"))

    p = commands.add_parser("revise", help="write a new revision of a figure")
    p.add_argument("figure_id", metavar="FIGURE_ID", help="the figure's id (see tracker list)")
    p.add_argument(
        "--set",
        dest="assignments",
        action="append",
        required=True,
        metavar="COLUMN=VALUE",
        help="a change (repeatable); COLUMN is any canonical column but figure_id (the "
        "options of tracker add, with _ for -); VALUE empty clears it",
    )
    p.add_argument("--why", required=True, metavar="TEXT", help="why the figure changes")
    p.add_argument("--propose", action="store_true", help=PROPOSE_CHANGE)
    p.set_defaults(run=lazy(f"{RUN}:cmd_revise"))

    p = commands.add_parser("retract", help="withdraw a figure (a revision; nothing is deleted)")
    p.add_argument("figure_id", metavar="FIGURE_ID", help="the figure's id (see tracker list)")
    p.add_argument("--why", required=True, metavar="TEXT", help="why the figure is withdrawn")
    p.add_argument("--propose", action="store_true", help=PROPOSE_CHANGE)
    p.set_defaults(run=lazy(f"{RUN}:cmd_retract"))

    p = commands.add_parser("history", help="every revision of a figure")
    p.add_argument("figure_id", metavar="FIGURE_ID", help="the figure's id (see tracker list)")
    p.set_defaults(run=lazy(f"{RUN}:cmd_history"))


def register(commands: Commands) -> None:
    """init, validate, import, add, list, revise, retract, history (DESIGN.md §4)."""
    _file_commands(commands)
    _figure_commands(commands)
