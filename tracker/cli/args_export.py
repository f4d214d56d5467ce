"""The options of `tracker export` (standard library only; it runs
:func:`tracker.cli.commands_export.cmd_export`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.options import DOWNLOAD_FILES, LANGUAGES, add_filter_options, lazy

if TYPE_CHECKING:
    from tracker.cli.options import Commands


def register(commands: Commands) -> None:
    p = commands.add_parser(
        "export",
        help="the files the download URLs serve, byte for byte",
        description="Write a download to a file or standard output: the same bytes as "
        "/download/<file>?<the same options>. --format csv writes the CSV, hxl the CSV with "
        "the HXL hashtag row under the header, json the datapackage.json describing the files, "
        "xlsx the table as an XLSX workbook (with -o; as /download/<file>.xlsx). "
        "--package DIR writes datapackage.json and every CSV into DIR.",
    )
    add_filter_options(p)
    p.add_argument(
        "--format",
        choices=["csv", "hxl", "json", "xlsx"],
        default="csv",
        help="csv: the CSV (default); hxl: the CSV with the HXL hashtag row; json: "
        "datapackage.json; xlsx: the table as a workbook (needs -o FILE)",
    )
    p.add_argument("--hxl", action="store_true", help="add the HXL row (as --format hxl)")
    p.add_argument(
        "--file",
        choices=list(DOWNLOAD_FILES),
        default="figures",
        help=f"which CSV: {', '.join(DOWNLOAD_FILES)} (default figures)",
    )
    p.add_argument("--excel", action="store_true", help="start with a UTF-8 BOM (for Excel)")
    p.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default="en",
        help="en: English names (default); ar also adds the Arabic name columns",
    )
    p.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here instead of standard output"
    )
    p.add_argument(
        "--package", type=Path, metavar="DIR", help="write a whole Data Package into DIR"
    )
    p.set_defaults(run=lazy("tracker.cli.commands_export:cmd_export"))
