"""The options of `tracker db grant-readonly ROLE` (standard library only; it runs
:mod:`tracker.cli.commands_db`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.cli.options import lazy

if TYPE_CHECKING:
    from tracker.cli.options import Commands


def register(commands: Commands) -> None:
    """db grant-readonly ROLE."""
    p = commands.add_parser("db", help="database administration: `db grant-readonly ROLE`")
    p.set_defaults(run=lazy("tracker.cli.commands_db:cmd_db"))
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    g = actions.add_parser(
        "grant-readonly", help="create or update a read-only PostgreSQL role for the public app"
    )
    g.add_argument("role", metavar="ROLE", help="the role name, e.g. tracker_public")
    g.set_defaults(run=lazy("tracker.cli.commands_db:cmd_grant_readonly"))
