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
    p.add_argument(
        "--public-db",
        metavar="URL",
        help="the database URL the public pages and downloads read, as a read-only role "
        "(default $TRACKER_PUBLIC_DB; else the same as --db)",
    )
    p.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """Serve the dashboard (embedded use; production runs gunicorn on dashboards.wsgi)."""
    import os

    from dashboards.app import create_app
    from tracker.cli.common import open_store
    from tracker.service.store import Store

    public_url = args.public_db or os.environ.get("TRACKER_PUBLIC_DB")
    store = open_store(args)
    app = create_app(store, Store(public_url)) if public_url else create_app(store)
    print(f"Tracker dashboard on http://{args.host}:{args.port}/  (downloads under /download/)")
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0
