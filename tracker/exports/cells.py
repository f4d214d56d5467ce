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

BOM = "\ufeff"
APOSTROPHE = "'"


# Characters that start a formula: = + - @ and every character NFKC folds to one of them
# (full-width ＝＋－＠, small ﹦﹢﹣﹫, super/subscript ⁼⁺₌₊, ⩵ ⩶ ﬩), then tab, CR, LF.
# Written out (not computed) so that the bytes never change with the Unicode version.
FORMULA_STARTS: tuple[str, ...] = (
    "=", "+", "-", "@",
    "\uff1d", "\uff0b", "\uff0d", "\uff20",
    "\ufe66", "\ufe62", "\ufe63", "\ufe6b",
    "\u207c", "\u207a", "\u208c", "\u208a",
    "\u2a75", "\u2a76", "\ufb29",
    "\t", "\r", "\n",
)  # fmt: skip

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


def neutralise(text: str) -> str:
    """Prefix a text cell that would start a formula with an apostrophe (OWASP CSV injection)."""
    if text and text.startswith(FORMULA_STARTS):
        return APOSTROPHE + text
    return text


def text_cells(series: pd.Series) -> pd.Series:
    """Free text as written, empty when missing, neutralised against formulas."""
    text = series.astype("string").fillna("")
    risky = text.str.startswith(FORMULA_STARTS)
    if risky.any():
        text = text.where(~risky, APOSTROPHE + text)
    return text.astype(object)


def integer_cells(series: pd.Series) -> pd.Series:
    """Whole numbers with digits only; empty for missing or unbounded (±inf)."""
    if pd.api.types.is_integer_dtype(series.dtype) and not series.hasnans:
        return series.astype("int64").astype(str).astype(object)
    numbers = pd.to_numeric(series, errors="coerce").astype("float64")
    finite = np.isfinite(numbers.to_numpy())
    out = pd.Series("", index=series.index, dtype=object)
    out[finite] = numbers[finite].round().astype("int64").astype(str)
    return out


def _number_text(x: float) -> str:
    if x == int(x) and abs(x) < 2**53:
        return str(int(x))
    return repr(round(x, 4))


def number_cells(series: pd.Series) -> pd.Series:
    """Decimal numbers: an integral value without a decimal point, else up to 4 decimals."""
    numbers = pd.to_numeric(series, errors="coerce").astype("float64")
    return pd.Series(
        [_number_text(x) if np.isfinite(x) else "" for x in numbers.tolist()],
        index=series.index,
        dtype=object,
    )


def date_cells(series: pd.Series) -> pd.Series:
    """ISO 8601 dates (YYYY-MM-DD), empty when missing."""
    return pd.to_datetime(series).dt.strftime("%Y-%m-%d").fillna("").astype(object)


def datetime_cells(series: pd.Series) -> pd.Series:
    """UTC timestamps to the second (YYYY-MM-DDTHH:MM:SSZ); a naive time is read as UTC."""
    stamps = pd.to_datetime(series, utc=True)
    return stamps.dt.strftime("%Y-%m-%dT%H:%M:%SZ").fillna("").astype(object)


def boolean_cells(series: pd.Series) -> pd.Series:
    """true or false, empty when missing."""
    return series.map(lambda v: "" if pd.isna(v) else ("true" if bool(v) else "false")).astype(
        object
    )


FORMATTERS = {
    "string": text_cells,
    "integer": integer_cells,
    "number": number_cells,
    "date": date_cells,
    "datetime": datetime_cells,
    "boolean": boolean_cells,
}


def cells(series: pd.Series, kind: str) -> pd.Series:
    """A column as the text the CSV holds, by its Table Schema type."""
    return FORMATTERS[kind](series)


def csv_rows(frame: pd.DataFrame) -> str:
    """Rows of text cells as CSV: comma-separated, quoted only when needed, LF line ends."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, header=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()


def csv_line(values: Iterable[str]) -> str:
    """One CSV line (the header or the HXL row)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow(list(values))
    return buffer.getvalue()
