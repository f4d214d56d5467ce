"""Any table download as an XLSX workbook (``/download/figures.xlsx`` and the others).

The workbook holds the same rows and columns as the table's CSV with the same options
(filters, flag selectors, ``lang=ar``, ``hxl=1``), written from the same cells
(:func:`tracker.publish.stream.download_cells`): text cells already neutralised against
formulas, so no cell of the sheet is ever a formula; counts and ratios are numbers and
dates are dates, so a spreadsheet sorts and sums them without conversion. A second sheet,
``about``, says what the file is, its address, when the data last changed, the licence and
how to cite it. A sheet holds at most 1,048,576 rows: a larger selection is refused before
anything is sent (filter it, or take the CSV, which has no limit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import IO, Any

from openpyxl import Workbook

from tracker.publish.asof import DataAsOf
from tracker.publish.citation import CITATION_AR, CITATION_EN, LICENCE
from tracker.publish.fields import Field
from tracker.publish.files import DOWNLOADS
from tracker.publish.options import DownloadOptions
from tracker.publish.stream import XLSX_SUFFIX, download_cells, table_of
from tracker.publish.terms import SourceTerms, terms_in_scope
from tracker.service.store import Store

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_ROWS = 1_048_576  # Excel's limit, header included


class SheetTooLong(ValueError):
    """More rows than one sheet holds; the message says how to get the data instead.

    ``problem`` and ``details`` name the same sentence in the files of words (as
    FilterError's), so the download route can say it in Arabic too."""

    problem = "sheet_too_long"

    def __init__(self, name: str, room: int, filename: str) -> None:
        super().__init__(
            f"{name}: more than {room:,} rows, more than one sheet holds; narrow the "
            f"filters or take {filename}, which has no limit"
        )
        self.details = {"name": name, "room": f"{room:,}", "filename": filename}


def _integer(text: str) -> int | None:
    return int(text) if text else None


def _number(text: str) -> float | int | None:
    if not text:
        return None
    value = float(text)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _text(text: str) -> str | None:
    return text if text else None


#: How a cell the CSV writes as text goes into the sheet, by the column's Table Schema type.
READERS: dict[str, Callable[[str], Any]] = {
    "integer": _integer,
    "number": _number,
    "date": _date,
}


def sheet_rows(fields: tuple[Field, ...], chunks: Iterable[list]) -> Iterable[list[Any]]:
    """The rows of cells, each typed by its column (text stays text, never a formula)."""
    readers = [READERS.get(f.kind, _text) for f in fields]
    for columns in chunks:
        if not columns or not len(columns[0]):
            continue
        values = [column.to_pylist() for column in columns]
        for row in zip(*values, strict=True):
            yield [read(cell) for read, cell in zip(readers, row, strict=True)]


def about_rows(
    name: str, url: str, as_of: DataAsOf, terms: tuple[list[SourceTerms], list[SourceTerms]]
) -> list[list[str]]:
    """The ``about`` sheet, in English and Arabic: what, where from, as of when, licence,
    citation, and the terms of restricted sources in scope (``terms``: English, Arabic)."""
    download = DOWNLOADS[table_of(name)]
    today = date.today().isoformat()
    changed = as_of.changed.isoformat() if as_of.changed else ""
    newest = as_of.newest_report.isoformat() if as_of.newest_report else ""
    rows = [
        ["file", name],
        ["title", download.title_en, download.title_ar],
        ["description", download.description_en, download.description_ar],
        ["address", url],
        ["data changed", changed],
        ["newest report", newest],
        ["licence", LICENCE["name"], LICENCE["path"]],
        ["cite as", CITATION_EN.format(file=name, date=today, url=url)],
        ["يُستشهد به هكذا", CITATION_AR.format(file=name, date=today, url=url)],
    ]
    for en, ar in zip(*terms, strict=True):
        rows.append(["terms of " + en.source, f"{en.name}: {en.terms}", en.url])
        rows.append(["شروط " + ar.source, f"{ar.name}: {ar.terms}", ar.url])
    return rows


def write_xlsx(
    store: Store, name: str, options: DownloadOptions, url: str, as_of: DataAsOf, out: IO[bytes]
) -> None:
    """Write the workbook of ``name`` (``figures.xlsx``, …) to ``out``; raise
    :class:`SheetTooLong` when its rows do not fit in a sheet."""
    download = DOWNLOADS[table_of(name)]
    fields, tags, chunks = download_cells(store, download, options)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(download.name)
    sheet.append([f.name for f in fields])
    room = SHEET_ROWS - 1
    if tags is not None:
        sheet.append(tags)
        room -= 1
    for count, row in enumerate(sheet_rows(fields, chunks), start=1):
        if count > room:
            sheet.close()  # ends the sheet's temporary file; the workbook is never saved
            raise SheetTooLong(name, room, download.filename)
        sheet.append(row)
    about = book.create_sheet("about")
    terms = (terms_in_scope(store, options.filters), terms_in_scope(store, options.filters, "ar"))
    for row in about_rows(name, url, as_of, terms):
        about.append(row)
    book.save(out)


__all__ = ["SHEET_ROWS", "XLSX_SUFFIX", "XLSX_TYPE", "SheetTooLong", "write_xlsx"]
