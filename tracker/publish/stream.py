"""The one code path that writes a download, for ``tracker export`` and the routes alike.

A CSV is produced piece by piece (the header, the HXL row if asked, then one piece per
chunk of rows), so memory stays bounded however many rows there are. Each piece is
UTF-8 bytes; ``excel=1`` puts a byte-order mark first so that Excel reads the Arabic.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pandas as pd
import pyarrow as pa

from tracker.publish.asof import data_as_of
from tracker.publish.cells import BOM, cells, csv_line, csv_rows
from tracker.publish.datapackage import datapackage_json
from tracker.publish.fields import Field
from tracker.publish.files import DATAPACKAGE, DOWNLOADS, ZIP, Download
from tracker.publish.hxl import hxl_row
from tracker.publish.options import DownloadOptions, ParameterError
from tracker.publish.terms import package_terms
from tracker.service.store import Store

XLSX_SUFFIX = "xlsx"


def text_columns(frame: pd.DataFrame, fields: Iterable[Field]) -> list[pa.Array]:
    """Every cell as the text the CSV holds: by type, neutralised, empty when missing."""
    empty = pd.Series(pd.NA, index=frame.index, dtype=object)
    return [cells(frame.get(f.name, empty), f.kind) for f in fields]


def csv_pieces(
    frames: Iterable[pd.DataFrame],
    fields: tuple[Field, ...],
    hxl_tags: list[str] | None,
    excel: bool,
) -> Iterator[bytes]:
    """A CSV as UTF-8 pieces: BOM (excel), header, HXL row (when tagged), rows by chunk."""
    texts = (text_columns(frame, fields) for frame in frames if not frame.empty)
    return text_pieces(texts, fields, hxl_tags, excel)


def text_pieces(
    chunks: Iterable[list[pa.Array]],
    fields: tuple[Field, ...],
    hxl_tags: list[str] | None,
    excel: bool,
) -> Iterator[bytes]:
    """The same, from chunks of cells already written as text (one array per field)."""
    head = (BOM if excel else "") + csv_line(f.name for f in fields)
    if hxl_tags is not None:
        head += csv_line(hxl_tags)
    yield head.encode("utf-8")
    for columns in chunks:
        if columns and len(columns[0]):
            yield csv_rows(columns)


def download_cells(
    store: Store, download: Download, options: DownloadOptions
) -> tuple[tuple[Field, ...], list[str] | None, Iterator[list[pa.Array]]]:
    """A table download's columns, HXL row (when asked) and rows as the text its CSV
    holds, chunk by chunk (typed, neutralised, empty when missing): what the CSV and the
    XLSX of the table are both written from."""
    vocab = store.vocab
    fields = download.fields(vocab, options.lang)
    tags = hxl_row([f.name for f in fields], options.filters, vocab) if options.hxl else None
    if download.texts is not None and isinstance(store, Store):  # a real store's fast path
        return fields, tags, iter(download.texts(store, options.filters, fields))
    frames = download.frames(store, options.filters)
    if options.flag_rows and download.selectors:
        frames = (select_rows(frame, options.flag_rows) for frame in frames)
    chunks = (text_columns(frame, fields) for frame in frames if not frame.empty)
    return fields, tags, chunks


def download_csv(store: Store, download: Download, options: DownloadOptions) -> Iterator[bytes]:
    """One CSV download as UTF-8 pieces."""
    fields, tags, chunks = download_cells(store, download, options)
    return text_pieces(chunks, fields, tags, options.excel)


def select_rows(
    frame: pd.DataFrame, chosen: tuple[tuple[str, tuple[str, ...]], ...]
) -> pd.DataFrame:
    """The rows whose column equals one of the chosen values, for every selector given."""
    keep = pd.Series(True, index=frame.index)
    for column, values in chosen:
        keep &= frame[column].astype(str).isin(values)
    return frame[keep]


def download_pieces(store: Store, name: str, options: DownloadOptions) -> Iterator[bytes]:
    """The bytes of ``/download/<name>`` (figures.csv, …, datapackage.json), in pieces."""
    if name == DATAPACKAGE:
        as_of = data_as_of(store).as_json()
        terms = package_terms(store, options)
        yield datapackage_json(store.vocab, options, as_of=as_of, terms=terms).encode("utf-8")
        return
    yield from download_csv(store, DOWNLOADS[name.removesuffix(".csv")], options)


def refused_selectors(name: str, options: DownloadOptions) -> ParameterError | None:
    """Why a file cannot take the flag selectors given (None when it can): only flags.csv
    and the packages holding it select flags by rule, severity or status."""
    download = DOWNLOADS.get(table_of(name))
    if not options.flag_rows or download is None or download.selectors:
        return None
    given = ", ".join(selector for selector, _ in options.flag_rows)
    flag_files = f"flags.csv, flags.{XLSX_SUFFIX}, {DATAPACKAGE}, {ZIP}"
    return ParameterError(
        options.flag_rows[0][0],
        given,
        f"{name} does not take {given}: only these files select flags: {flag_files}",
        "no_flag_selectors",
        {"name": name, "given": given, "flag_files": flag_files},
    )


def table_of(name: str) -> str:
    """The table a file name holds: ``flags`` for flags.csv and flags.xlsx."""
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and suffix in ("csv", XLSX_SUFFIX) else name


def known_names() -> list[str]:
    """Every file name under /download/: each table as CSV and as XLSX, the package, the zip."""
    tables = [d.filename for d in DOWNLOADS.values()]
    sheets = [f"{d.name}.{XLSX_SUFFIX}" for d in DOWNLOADS.values()]
    return tables + [DATAPACKAGE, ZIP] + sheets
