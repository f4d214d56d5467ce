"""Reading a user's figures file (CSV or XLSX) into text cells, whatever it was saved as.

Everything comes back as text so that the schema sees, and reports, the value exactly
as the user typed it. Encoding: UTF-8 (with or without the BOM Excel adds); a file
saved in Windows-1256 (Arabic Windows) is recognised and read correctly, and the
reader says so. Anything else is refused with a sentence, never a traceback.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tracker.domain.formula import FORMULA_STARTS
from tracker.ingest.hxl import split_tag_row

XLSX_MAGIC = b"PK\x03\x04"
UTF8_BOM = b"\xef\xbb\xbf"
ARABIC_RANGE = range(0x0600, 0x0700)
PROTECTED_PATTERN = "'[" + "".join(FORMULA_STARTS).replace("-", "\\-") + "]"


class InputFileError(Exception):
    """The file cannot be read as a table of figures; the message says why, in words."""


@dataclass
class FigureFile:
    """A figures file read as text: the table and what the reader noticed."""

    table: pd.DataFrame
    path: Path
    notices: list[str] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)  # HXL tag by column, when tagged


def read_figure_file(path: Path | str) -> FigureFile:
    """Read CSV or XLSX figures as text cells, header on line 1."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise InputFileError(f"{path}: the file is empty (no header, no figures)")
    with path.open("rb") as handle:
        head = handle.read(4)
    if head == XLSX_MAGIC or path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    return _read_csv(path)


def _read_xlsx(path: Path) -> FigureFile:
    try:
        table = pd.read_excel(path, dtype=str, sheet_name=0, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds; the user needs one sentence
        raise InputFileError(f"{path}: not a readable XLSX workbook ({exc})") from exc
    notices = [f"read the first sheet of the workbook {path.name}"]
    return _tagged(_tidy(table, notices), path, notices)


def _decode(raw: bytes, path: Path) -> tuple[str, list[str]]:
    notices: list[str] = []
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM) :]
        notices.append(
            "the file starts with a UTF-8 byte-order mark (as Excel saves it); read as UTF-8"
        )
    try:
        return raw.decode("utf-8"), notices
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        utf8_error = f"byte 0x{raw[exc.start]:02x} on line {line} is not valid UTF-8"
    try:
        text = raw.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    if _looks_arabic(text):
        notices.append(
            "the file is not UTF-8; it was saved in Windows-1256 (Arabic Windows) and was "
            "read as such — save it as 'CSV UTF-8' to avoid this"
        )
        return text, notices
    raise InputFileError(
        f"{path}: the encoding is wrong: {utf8_error}. Save the file as 'CSV UTF-8' "
        "(Excel: File › Save As › CSV UTF-8) and try again"
    )


def _looks_arabic(text: str) -> bool:
    """Text from Windows-1256 is Arabic when nearly all of its non-ASCII letters are Arabic."""
    wide = [ch for ch in text if ord(ch) > 127]
    arabic = sum(ord(ch) in ARABIC_RANGE for ch in wide)
    return arabic >= 2 and arabic >= 0.8 * len(wide)


def _read_csv(path: Path) -> FigureFile:
    text, notices = _decode(path.read_bytes(), path)
    if not text.strip():
        raise InputFileError(f"{path}: the file is empty (no header, no figures)")
    try:
        table = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
        )
    except (pd.errors.ParserError, csv.Error) as exc:
        raise InputFileError(f"{path}: not a readable CSV file ({exc})") from exc
    return _tagged(_tidy(table, notices), path, notices)


def _tagged(table: pd.DataFrame, path: Path, notices: list[str]) -> FigureFile:
    """The file with its HXL tag row (line 2), if any, read off the data."""
    table, tags = split_tag_row(table)
    if tags:
        notices.append("line 2 is an HXL hashtag row (#…); read as tags, not as a figure")
    return FigureFile(table, path, notices, tags)


def _tidy(table: pd.DataFrame, notices: list[str] | None = None) -> pd.DataFrame:
    """Trim header names and cells; an all-blank cell is missing, an all-blank row is no figure.

    A cell that Tracker's own export protected against formula injection (an apostrophe
    before = + - @ …) is read back without the apostrophe, so an exported file re-imports
    to the same values.
    """
    table.columns = [str(c).strip().lstrip("\ufeff") for c in table.columns]
    protected = 0
    for column in table.columns:
        cells = table[column].astype("string").str.strip().replace("", pd.NA)
        guarded = cells.str.match(PROTECTED_PATTERN).fillna(False).astype(bool)
        if guarded.any():
            protected += int(guarded.sum())
            cells = cells.where(~guarded, cells.str.slice(1))
        table[column] = cells
    if protected and notices is not None:
        notices.append(
            f"{protected} cell(s) began with an apostrophe guarding a formula character, as "
            "Tracker's downloads write them; read without the apostrophe"
        )
    # Row i of the file (header = line 1) keeps index i - 2 even when blank rows go.
    return table.dropna(how="all")
