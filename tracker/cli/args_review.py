"""The options of `tracker review` and `tracker users` (standard library only, DESIGN.md §6).

Their run functions are in :mod:`tracker.cli.commands_review`, imported when one runs.
The shell acts as $TRACKER_USER (else the login name): with that name's account and role
when it has one, else as the database's operator, an admin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.cli.options import lazy

if TYPE_CHECKING:
    from tracker.cli.options import Commands

RUN = "tracker.cli.commands_review"
ROLES = ("analyst", "reviewer", "admin")  # tracker.domain.roles.ACCOUNT_ROLES


def _review(commands: Commands) -> None:
    p = commands.add_parser(
        "review",
        help="proposals: `review list`, `accept ID`, `reject ID`, `send-back ID`, "
        "`resubmit ID`, `withdraw ID`",
    )
    p.set_defaults(run=lazy(f"{RUN}:cmd_review_list"), limit=50)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    q = actions.add_parser("list", help="every proposal awaiting review, with what it changes")
    q.add_argument(
        "--limit", type=int, default=50, metavar="N", help="at most N proposals (default 50)"
    )
    q.add_argument(
        "--status",
        choices=("proposed", "returned"),
        default="proposed",
        help="proposed (awaiting review, default) or returned (sent back to their author)",
    )
    q.set_defaults(run=lazy(f"{RUN}:cmd_review_list"))
    q = actions.add_parser("accept", help="publish a proposal (not one's own)")
    q.add_argument("figure_id", metavar="FIGURE_ID", help="the proposal's figure id")
    q.add_argument("--why", default="accepted", metavar="TEXT", help="why it is accepted")
    q.set_defaults(run=lazy(f"{RUN}:cmd_review_accept"))
    q = actions.add_parser("reject", help="refuse a proposal, with a reason (kept)")
    q.add_argument("figure_id", metavar="FIGURE_ID", help="the proposal's figure id")
    q.add_argument("--why", required=True, metavar="TEXT", help="why it is rejected")
    q.set_defaults(run=lazy(f"{RUN}:cmd_review_reject"))
    q = actions.add_parser(
        "send-back", help="return a proposal to its author with a comment (kept)"
    )
    q.add_argument("figure_id", metavar="FIGURE_ID", help="the proposal's figure id")
    q.add_argument(
        "--comment", "--why", dest="why", required=True, metavar="TEXT", help="what to fix"
    )
    q.set_defaults(run=lazy(f"{RUN}:cmd_review_send_back"))
    q = actions.add_parser("resubmit", help="the author fixes a proposal sent back")
    q.add_argument("figure_id", metavar="FIGURE_ID", help="the proposal's figure id")
    q.add_argument(
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="COLUMN=VALUE",
        help="a fix (repeatable), as tracker revise --set",
    )
    q.add_argument("--why", required=True, metavar="TEXT", help="what was fixed")
    q.set_defaults(run=lazy(f"{RUN}:cmd_review_resubmit"))
    q = actions.add_parser("withdraw", help="the author withdraws a proposal sent back")
    q.add_argument("figure_id", metavar="FIGURE_ID", help="the proposal's figure id")
    q.add_argument("--why", default="withdrawn", metavar="TEXT", help="why it is withdrawn")
    q.set_defaults(run=lazy(f"{RUN}:cmd_review_withdraw"))


def _users(commands: Commands) -> None:
    p = commands.add_parser("users", help="workspace accounts: `users add`, `list`, `disable`")
    p.set_defaults(run=lazy(f"{RUN}:cmd_users_list"))
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    q = actions.add_parser(
        "add", help="add an account; its password is read from standard input, never a flag"
    )
    q.add_argument("name", metavar="NAME", help="lower-case letters, digits, '.', '_' or '-'")
    q.add_argument(
        "--role", required=True, choices=ROLES, help="analyst, reviewer or admin (see README)"
    )
    q.set_defaults(run=lazy(f"{RUN}:cmd_users_add"))
    q = actions.add_parser("list", help="every account with its role and state")
    q.set_defaults(run=lazy(f"{RUN}:cmd_users_list"))
    q = actions.add_parser("disable", help="disable an account (it is kept, never deleted)")
    q.add_argument("name", metavar="NAME", help="the account's name")
    q.set_defaults(run=lazy(f"{RUN}:cmd_users_disable"))


def register(commands: Commands) -> None:
    """review and users (DESIGN.md §6)."""
    _review(commands)
    _users(commands)
