"""Commands that hand data out: export files and serve the dashboard."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from tracker.cli.common import filters_from, open_store
from tracker.export import figures_csv_chunks


def register(sub: argparse._SubParsersAction, add_filters: Callable) -> None:
    p = sub.add_parser("export", help="the figures file the download URL serves")
    add_filters(p)
    p.add_argument("--format", choices=["csv", "hxl", "json"], default="csv")
    p.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("serve", help="the dashboard and its download URLs")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8050)
    p.add_argument("--debug", action="store_true")
    p.set_defaults(run=cmd_serve)


def cmd_export(args: argparse.Namespace) -> int:
    store = open_store(args)
    filters = filters_from(args, store)
    pieces = figures_csv_chunks(
        store.iter_figures(filters), store.vocab, store.flag_ids_by_figure()
    )
    out = args.output.open("w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        for piece in pieces:
            out.write(piece)
    finally:
        if args.output:
            out.close()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from dashboards.app import serve

    store = open_store(args)
    serve(store, host=args.host, port=args.port, debug=args.debug)
    return 0
