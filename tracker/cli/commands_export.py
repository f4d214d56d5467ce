"""`tracker export`: the files the download URLs serve, written by the same code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable

from tracker.cli.common import filters_from, open_store
from tracker.progress import progress
from tracker.publish import DATAPACKAGE, DOWNLOADS, DownloadOptions, download_pieces
from tracker.publish.package import write_package


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
