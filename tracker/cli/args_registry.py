"""The options of `tracker sources`, `tracker episodes` and `tracker areas`: the registries
from the shell.

Their run functions are in :mod:`tracker.cli.commands_registry`, imported when one runs.
Adding and editing need an admin (the shell's operator, or an admin account); every change
is logged with who and when (`... changes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.cli.options import lazy

if TYPE_CHECKING:
    from argparse import ArgumentParser

    from tracker.cli.options import Commands

RUN = "tracker.cli.commands_registry"

#: Each registry's options besides the id: (flag, help, required when adding).
OPTIONS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "sources": (
        ("name-en", "the name in English", True),
        ("name-ar", "the name in Arabic", True),
        ("short-en", "a short name in English", False),
        ("short-ar", "a short name in Arabic", False),
        ("type", "the publisher type: an id of data/vocabularies/source_types.csv", True),
        ("reliability", "low, medium or high (data/vocabularies/reliability.csv)", True),
        ("url", "the publisher's web address (http or https)", False),
    ),
    "episodes": (
        ("name-en", "the name in English", True),
        ("name-ar", "the name in Arabic", True),
        ("start", "the first day, YYYY-MM-DD", True),
        ("end", "the last day, YYYY-MM-DD (none while it lasts)", False),
        ("location", "the area: a P-code of the gazetteer (e.g. SY12)", False),
    ),
    "areas": (
        ("name-en", "the name in English", True),
        ("name-ar", "the name in Arabic", True),
        ("members", "the member P-codes, separated by spaces (e.g. 'SY12 SY14')", True),
        ("note", "where the area's bounds come from, and what it leaves out", False),
    ),
}


def _fields(parser: ArgumentParser, registry: str, adding: bool) -> None:
    for flag, text, required in OPTIONS[registry]:
        dest = flag.replace("-", "_")
        names = [f"--{flag}"] + (["--publisher-type"] if flag == "type" else [])
        parser.add_argument(*names, dest=dest, required=adding and required, help=text)


def _registry(commands: Commands, registry: str, what: str) -> None:
    p = commands.add_parser(registry, help=f"the {what} registry: `{registry} add|list|edit`")
    p.set_defaults(run=lazy(f"{RUN}:cmd_list"), registry=registry)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    q = actions.add_parser("add", help=f"register a new {what} (admins only)")
    q.add_argument("id", metavar="CODE", help="lower-case letters, digits, '.', '_' or '-'")
    _fields(q, registry, adding=True)
    q.set_defaults(run=lazy(f"{RUN}:cmd_add"))
    q = actions.add_parser("list", help=f"every {what} registered")
    q.set_defaults(run=lazy(f"{RUN}:cmd_list"))
    q = actions.add_parser("edit", help=f"change fields of a {what} (logged: who, when, old → new)")
    q.add_argument("id", metavar="CODE", help=f"the {what}'s id")
    _fields(q, registry, adding=False)
    q.set_defaults(run=lazy(f"{RUN}:cmd_edit"))
    q = actions.add_parser("changes", help=f"the change log of the {what}s (or of one)")
    q.add_argument("id", metavar="CODE", nargs="?", help=f"only this {what}")
    q.set_defaults(run=lazy(f"{RUN}:cmd_changes"))


def register(commands: Commands) -> None:
    """sources and episodes (issue #13), areas (issue #16)."""
    _registry(commands, "sources", "source")
    _registry(commands, "episodes", "episode")
    _registry(commands, "areas", "area")
