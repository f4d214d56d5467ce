"""How each cell of a download is written: the same value always gives the same text.

Dates are ISO 8601 (YYYY-MM-DD), timestamps UTC (YYYY-MM-DDTHH:MM:SSZ), counts plain
integers with no separator or decimal point, an unbounded or missing number an empty
cell. Text cells that a spreadsheet would run as a formula are neutralised; numbers,
dates and booleans never are (they cannot start a formula and must stay numbers).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tracker.domain.formula import FORMULA_STARTS

BOM = "\ufeff"
APOSTROPHE = "'"


NEUTRALISATION_RULE_EN = (
    "A text cell that begins with = + - or @ (or their full-width and small forms), a tab, "
    "a carriage return or a line feed is written with an apostrophe (') in front, so that "
    "Excel, LibreOffice and Google Sheets show it as text instead of running it as a "
    "formula. Nothing else in the cell changes. Numbers and dates are never changed."
)
NEUTRALISATION_RULE_AR = (
    "الخلية النصية التي تبدأ بأحد الرموز = + - @ (أو أشكالها العريضة والصغيرة) أو بمسافة "
    "جدولة أو بإرجاع السطر أو بسطر جديد تُكتب مسبوقةً بفاصلة علوية (') كي تعرضها برامج "
    "Excel وLibreOffice وGoogle Sheets نصّاً ولا تنفّذها صيغةً. لا يتغيّر شيء آخر في الخلية، "
    "ولا تُغيَّر الأرقام والتواريخ أبداً."
)


NEEDS_QUOTES = '[",\r\n]'
TEXT = pa.large_string()


def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, TEXT)


def neutralise(text: str) -> str:
    """Prefix a text cell that would start a formula with an apostrophe (OWASP CSV injection)."""
    if text and text.startswith(FORMULA_STARTS):
        return APOSTROPHE + text
    return text


def _strings(series: pd.Series) -> pa.Array:
    """A column as an Arrow text array (nulls kept), without a Python loop."""
    if not (pd.api.types.is_string_dtype(series.dtype) and series.dtype != object):
        series = series.astype("string")
    array = pa.array(series, from_pandas=True)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return pc.cast(array, TEXT)


FIRST_CHARACTERS = pa.array(FORMULA_STARTS, TEXT)


def formula_cells(text: pa.Array) -> pa.Array:
    """Which cells of a text column (no nulls) start a formula: their first character is
    one of FORMULA_STARTS, as :func:`neutralise` reads it."""
    return pc.is_in(pc.utf8_slice_codeunits(text, 0, 1), value_set=FIRST_CHARACTERS)


def text_cells(series: pd.Series) -> pa.Array:
    """Free text as written, empty when missing, neutralised against formulas."""
    text = pc.fill_null(_strings(series), _text(""))
    risky = formula_cells(text)
    if pc.any(risky).as_py():
        text = pc.if_else(
            risky, pc.binary_join_element_wise(_text(APOSTROPHE), text, _text("")), text
        )
    return text


def integer_cells(series: pd.Series) -> pa.Array:
    """Whole numbers with digits only; empty for missing or unbounded (±inf)."""
    if pd.api.types.is_integer_dtype(series.dtype) and not series.hasnans:
        return pc.cast(pa.array(series.to_numpy(dtype="int64")), TEXT)
    numbers = pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    finite = np.isfinite(numbers)
    whole = pc.cast(pa.array(np.where(finite, np.round(numbers), 0).astype("int64")), TEXT)
    return pc.if_else(pa.array(finite), whole, _text(""))


def _number_text(x: float) -> str:
    if x == int(x) and abs(x) < 2**53:
        return str(int(x))
    return repr(round(x, 4))


def number_cells(series: pd.Series) -> pa.Array:
    """Decimal numbers: an integral value without a decimal point, else up to 4 decimals."""
    numbers = pd.to_numeric(series, errors="coerce").astype("float64")
    return pa.array([_number_text(x) if np.isfinite(x) else "" for x in numbers.tolist()], TEXT)


def date_cells(series: pd.Series) -> pa.Array:
    """ISO 8601 dates (YYYY-MM-DD), empty when missing."""
    stamps = pa.array(pd.to_datetime(series).astype("datetime64[s]"), from_pandas=True)
    return pc.fill_null(pc.cast(pc.strftime(stamps, format="%Y-%m-%d"), TEXT), _text(""))


def datetime_cells(series: pd.Series) -> pa.Array:
    """UTC timestamps to the second (YYYY-MM-DDTHH:MM:SSZ); a naive time is read as UTC."""
    stamps = pd.to_datetime(series, utc=True).dt.floor("s")
    array = pc.cast(pa.array(stamps, from_pandas=True), pa.timestamp("s", tz="UTC"))
    text = pc.strftime(array, format="%Y-%m-%dT%H:%M:%SZ")
    return pc.fill_null(pc.cast(text, TEXT), _text(""))


def boolean_cells(series: pd.Series) -> pa.Array:
    """true or false, empty when missing."""
    return pa.array(
        ["" if pd.isna(v) else ("true" if bool(v) else "false") for v in series.tolist()], TEXT
    )


FORMATTERS = {
    "string": text_cells,
    "integer": integer_cells,
    "number": number_cells,
    "date": date_cells,
    "datetime": datetime_cells,
    "boolean": boolean_cells,
}


def cells(series: pd.Series, kind: str) -> pa.Array:
    """A column as the text the CSV holds (no nulls), by its Table Schema type."""
    return FORMATTERS[kind](series)


def quoted(column: pa.Array) -> pa.Array:
    """CSV quoting (RFC 4180): a cell with a comma, a double quote, CR or LF is enclosed in
    double quotes, its double quotes doubled; others are left bare (as csv.QUOTE_MINIMAL,
    except that a bare CR is always quoted, which Python 3.11's writer forgets)."""
    needs = pc.match_substring_regex(column, NEEDS_QUOTES)
    if not pc.any(needs).as_py():
        return column
    doubled = pc.replace_substring(column, '"', '""')
    wrapped = pc.binary_join_element_wise(_text('"'), doubled, _text('"'), _text(""))
    return pc.if_else(needs, wrapped, column)


STRUCTURAL = (b",", b'"', b"\r", b"\n")


def _value_bytes(column: pa.Array) -> bytes:
    """The UTF-8 bytes of a text column's values, one after another (no separators)."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    _, offsets, data = column.buffers()[:3]
    if data is None or len(column) == 0:
        return b""
    width = np.int64 if pa.types.is_large_string(column.type) else np.int32
    bounds = np.frombuffer(offsets, dtype=width)
    start, end = int(bounds[column.offset]), int(bounds[column.offset + len(column)])
    return data.slice(start, end - start).to_pybytes()


def _quoting_rows(columns: list[pa.Array]) -> pa.Array | None:
    """Which rows hold a cell with a comma, a double quote, CR or LF (None: no row does).
    A column's bytes are searched first (these ASCII bytes never occur inside a multibyte
    UTF-8 character); only a column holding one is searched cell by cell."""
    needs = None
    for column in columns:
        data = _value_bytes(column)
        if not any(byte in data for byte in STRUCTURAL):
            continue
        cells = pc.match_substring_regex(column, NEEDS_QUOTES)
        needs = cells if needs is None else pc.or_(needs, cells)
    return needs


def _lines(columns: list[pa.Array]) -> pa.Array:
    """Each row's cells joined by commas, with its line feed."""
    *cells, last = columns
    ended = pc.binary_join_element_wise(last, _text("\n"), _text(""))
    return pc.binary_join_element_wise(*cells, ended, _text(","))


def csv_rows(columns: list[pa.Array]) -> bytes:
    """Rows of text cells as UTF-8 CSV: comma-separated, LF line ends, joined in Arrow (the
    lines' bytes, one after another, are the text)."""
    if not columns or len(columns[0]) == 0:
        return b""
    return _value_bytes(_csv_lines(columns))


def csv_rows_sized(columns: list[pa.Array]) -> tuple[bytes, np.ndarray]:
    """:func:`csv_rows` and the length in bytes of each row's line (int64), which tells
    where each row sits in the file."""
    if not columns or len(columns[0]) == 0:
        return b"", np.zeros(0, dtype=np.int64)
    lines = _csv_lines(columns)
    sizes = pc.binary_length(lines).to_numpy(zero_copy_only=False).astype(np.int64)
    return _value_bytes(lines), sizes


def _csv_lines(columns: list[pa.Array]) -> pa.Array:
    lines = _lines(columns)
    # A line is quoted only where a cell holds a comma, a double quote, CR or LF.
    needs = _quoting_rows(columns)
    if needs is not None and pc.any(needs).as_py():
        rows = pc.indices_nonzero(needs)
        fixed = _lines([quoted(pc.take(c, rows)) for c in columns])
        lines = pc.replace_with_mask(lines, needs, fixed)
    return lines


def csv_line(values: Iterable[str]) -> str:
    """One CSV line (the header or the HXL row)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow(list(values))
    return buffer.getvalue()
