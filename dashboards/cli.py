"""`tracker serve`: the dashboard adds this command to the CLI as a plug-in.

pyproject.toml names :func:`register` in the "tracker.commands" entry-point group, so
``tracker`` finds it without importing ``dashboards`` (DESIGN.md §4). Standard library only
at the top: the app, Dash and the store are imported when ``serve`` runs.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.cli.options import Commands

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def register(commands: Commands) -> None:
    """Add ``serve`` and its options to the `tracker` command line."""
    p = commands.add_parser("serve", help="the dashboard and its download URLs")
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="ADDRESS",
        help=f"the address to listen on (default {DEFAULT_HOST}; 0.0.0.0: every interface)",
    )
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        metavar="PORT",
        help=f"the TCP port, 1–65535 (default {DEFAULT_PORT})",
    )
    p.add_argument(
        "--debug", action="store_true", help="Dash's debug mode: reload on change, tracebacks"
    )
    p.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """Serve the dashboard (embedded use; production runs gunicorn on dashboards.wsgi)."""
    from dashboards.app import create_app
    from tracker.cli.common import open_store

    app = create_app(open_store(args))
    print(f"Tracker dashboard on http://{args.host}:{args.port}/  (downloads under /download/)")
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0
