"""`tracker export`: the files the download URLs serve, written by the same code."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from tracker.cli.common import filters_from, open_store
from tracker.progress import progress
from tracker.publish import DATAPACKAGE, DOWNLOADS, DownloadOptions, download_pieces
from tracker.publish.asof import data_as_of
from tracker.publish.package import write_package
from tracker.publish.terms import terms_in_scope
from tracker.publish.xlsx import SheetTooLong, write_xlsx
from tracker.service.store import Store


def cmd_export(args: argparse.Namespace) -> int:
    """Write a download through the same code path as the route (same options, same bytes)."""
    store = open_store(args)
    options = DownloadOptions(
        filters=filters_from(args, store),
        hxl=args.hxl or args.format == "hxl",
        excel=args.excel,
        lang=args.lang,
    )
    for terms in terms_in_scope(store, options.filters):  # said wherever they are republished
        print(f"tracker export: note: {terms.name}: {terms.terms} ({terms.url})", file=sys.stderr)
    if args.package is not None:
        for path in write_package(store, options, args.package):
            print(path, file=sys.stderr)
        return 0
    if args.format == "xlsx":
        return export_workbook(store, args, options)
    name = DATAPACKAGE if args.format == "json" else DOWNLOADS[args.file].filename
    pieces = progress(download_pieces(store, name, options), desc=f"exporting {name}", unit="chunk")
    if args.output is None:
        return write_stdout(pieces)
    return write_file(pieces, args.output)


def export_workbook(store: Store, args: argparse.Namespace, options: DownloadOptions) -> int:
    """The table as XLSX into ``-o FILE`` (a workbook is no stream for a terminal), written
    beside it and renamed into place once whole, as /download/<file>.xlsx serves it."""
    if args.output is None:
        print("tracker export: --format xlsx writes a workbook: give -o FILE", file=sys.stderr)
        return 2
    name = f"{args.file}.xlsx"
    address = f"/download/{name}{options.query_string()}"
    part = args.output.with_name(f".{args.output.name}.{os.getpid()}.part")
    try:
        with part.open("wb") as out:
            write_xlsx(store, name, options, address, data_as_of(store), out)
        os.replace(part, args.output)
    except SheetTooLong as exc:
        part.unlink(missing_ok=True)
        print(f"tracker export: {exc}", file=sys.stderr)
        return 1
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise
    return 0


def write_file(pieces: Iterable[bytes], target: Path) -> int:
    """Write to a temporary file beside ``target`` and rename it into place once whole: an
    export that fails part-way leaves no file (and no older one replaced) and exits 1."""
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        with part.open("wb") as out:
            for piece in pieces:
                out.write(piece)
        os.replace(part, target)
    except Exception as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        print(f"tracker export: export failed part-way ({exc}); {target} was not written",
              file=sys.stderr)  # fmt: skip
        return 1
    return 0


def write_stdout(pieces: Iterable[bytes]) -> int:
    """Bytes to standard output; a reader that stops early (| head) is not an error, an
    export that fails part-way is (exit 1, and a line saying the output is incomplete)."""
    try:
        for piece in pieces:
            sys.stdout.buffer.write(piece)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except Exception as exc:
        print(f"tracker export: export failed part-way ({exc}); the output above is "
              "incomplete", file=sys.stderr)  # fmt: skip
        return 1
    return 0
