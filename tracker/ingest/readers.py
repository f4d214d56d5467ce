"""Reading a user's figures file (CSV or XLSX) into text cells, whatever it was saved as.

Everything comes back as text so that the schema sees, and reports, the value exactly
as the user typed it. Encoding: UTF-8 (with or without the BOM Excel adds); a file
saved in Windows-1256 (Arabic Windows) or in UTF-16 (with or without a byte-order mark,
tab-separated as Excel's "Unicode Text" is) is recognised and read correctly, and the
reader says so. A workbook's date cells read as YYYY-MM-DD. A column named twice is
refused naming both places. Anything else is refused with a sentence, never a traceback.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
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
    """The first sheet, each cell as the text it shows: a date cell as YYYY-MM-DD, a whole
    number without a decimal point."""
    try:
        raw = pd.read_excel(path, dtype=object, sheet_name=0, engine="openpyxl", header=None)
    except Exception as exc:  # openpyxl raises many kinds; the user needs one sentence
        raise InputFileError(f"{path}: not a readable XLSX workbook ({exc})") from exc
    if raw.empty:
        raise InputFileError(f"{path}: the workbook's first sheet is empty (no header)")
    header = [_cell_text(v) or "" for v in raw.iloc[0]]
    _refuse_duplicates(header, path)
    table = raw.iloc[1:].map(_cell_text).astype("string")
    table.columns = header
    table.index = pd.RangeIndex(len(table))
    notices = [f"read the first sheet of the workbook {path.name}"]
    return _tagged(_tidy(table, notices), path, notices)


def _cell_text(value: object) -> str | None:
    """A workbook cell as text: dates as YYYY-MM-DD (with the time when there is one),
    whole numbers as digits; empty cells None."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def _column_name(position: int) -> str:
    """The spreadsheet letter of a 1-based column position (1 → A, 27 → AA)."""
    letters = ""
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _refuse_duplicates(header: list[str], path: Path) -> None:
    """A column named twice (after trimming) is refused, naming both places."""
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        key = str(name).strip().lstrip("\ufeff")
        if key and key in seen:
            first = seen[key]
            raise InputFileError(
                f"{path}: columns {first} ({_column_name(first)}) and {position} "
                f"({_column_name(position)}) are both named {key!r}; a column may appear "
                "once: remove or rename one"
            )
        seen[key] = position


def _utf16(raw: bytes) -> str | None:
    """The codec of UTF-16 text, with its byte-order mark or without one (seen in the NUL
    bytes every ASCII character carries), else None."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = raw[:4096]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0 : 2 * pairs : 2].count(0), head[1 : 2 * pairs : 2].count(0)
    if odd >= 0.5 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.5 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _decode(raw: bytes, path: Path) -> tuple[str, list[str]]:
    notices: list[str] = []
    codec = _utf16(raw)
    if codec is not None:
        try:
            text = raw.decode(codec).lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            raise InputFileError(
                f"{path}: the file looks like UTF-16 but is not valid UTF-16 ({exc.reason}). "
                "Save it as 'CSV UTF-8' and try again"
            ) from exc
        notices.append(
            "the file is UTF-16 (as Excel's 'Unicode Text' saves it); read as such — save it "
            "as 'CSV UTF-8' to avoid this"
        )
        return text, notices
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
    first = next(csv.reader(io.StringIO(text.split("\n", 1)[0])), [])
    sep = ","
    if len(first) <= 1 and "\t" in text.split("\n", 1)[0]:
        sep = "\t"
        notices.append("the file is separated by tabs, not commas; read as such")
        first = text.split("\n", 1)[0].rstrip("\r").split("\t")
    _refuse_duplicates(first, path)
    # The parser reads UTF-8 bytes: a StringIO would hold the text again at 4 bytes a
    # character (a 150 MB file of a million figures: 600 MB more at the peak of an import).
    data, text = io.BytesIO(text.encode("utf-8")), ""
    try:
        table = pd.read_csv(
            data,
            encoding="utf-8",
            sep=sep,
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
