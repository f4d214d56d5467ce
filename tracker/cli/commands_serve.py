"""Commands that hand data out: export files and serve the dashboard."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from tracker.cli.common import filters_from, open_store
from tracker.progress import progress
from tracker.publish import DATAPACKAGE, DOWNLOADS, DownloadOptions, download_pieces
from tracker.publish.package import write_package


def register(sub: argparse._SubParsersAction, add_filters: Callable) -> None:
    p = sub.add_parser(
        "export",
        help="the files the download URLs serve, byte for byte",
        description="Write a download to a file or standard output: the same bytes as "
        "/download/<file>?<the same options>. --format csv writes the CSV, hxl the CSV with "
        "the HXL hashtag row under the header, json the datapackage.json describing the files. "
        "--package DIR writes datapackage.json and every CSV into DIR.",
    )
    add_filters(p)
    p.add_argument("--format", choices=["csv", "hxl", "json"], default="csv")
    p.add_argument("--hxl", action="store_true", help="add the HXL row (as --format hxl)")
    p.add_argument(
        "--file", choices=list(DOWNLOADS), default="figures", help="which CSV (default figures)"
    )
    p.add_argument("--excel", action="store_true", help="start with a UTF-8 BOM (for Excel)")
    p.add_argument("--lang", choices=["en", "ar"], default="en", help="ar adds Arabic names")
    p.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    p.add_argument(
        "--package", type=Path, metavar="DIR", help="write a whole Data Package into DIR"
    )
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("serve", help="the dashboard and its download URLs")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8050)
    p.add_argument("--debug", action="store_true")
    p.set_defaults(run=cmd_serve)


def cmd_export(args: argparse.Namespace) -> int:
    """Write a download through the same code path as the route (same options, same bytes)."""
    store = open_store(args)
    options = DownloadOptions(
        filters=filters_from(args, store),
        hxl=args.hxl or args.format == "hxl",
        excel=args.excel,
        lang=args.lang,
    )
    if args.package is not None:
        for path in write_package(store, options, args.package):
            print(path, file=sys.stderr)
        return 0
    name = DATAPACKAGE if args.format == "json" else DOWNLOADS[args.file].filename
    pieces = progress(download_pieces(store, name, options), desc=f"exporting {name}", unit="chunk")
    if args.output is None:
        return write_stdout(pieces)
    with args.output.open("wb") as out:
        for piece in pieces:
            out.write(piece)
    return 0


def write_stdout(pieces: Iterable[bytes]) -> int:
    """Bytes to standard output; a reader that stops early (| head) is not an error."""
    try:
        for piece in pieces:
            sys.stdout.buffer.write(piece)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from dashboards.app import serve

    store = open_store(args)
    serve(store, host=args.host, port=args.port, debug=args.debug)
    return 0
