"""The figures file a data desk downloads: canonical columns, then derived ones.

One code path for `tracker export` and `/download/figures.csv`: the same filters give
the same bytes. Order is by figure_id; dates are ISO 8601; counts plain integers; an
unbounded high is an empty cell. Text cells that a spreadsheet would run as a formula
are neutralised (see :func:`neutralise`); numbers and dates never are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

import numpy as np
import pandas as pd

from tracker.vocabularies import CANONICAL_COLUMNS, DERIVED_COLUMNS, Vocabularies

FIGURE_EXPORT_COLUMNS: tuple[str, ...] = CANONICAL_COLUMNS + DERIVED_COLUMNS
DATE_COLUMNS = ("reported_on", "period_start", "period_end")
NUMBER_COLUMNS = ("value", "value_high", "low", "high", "location_level", "revision")
# Characters that make Excel, LibreOffice or Sheets read a cell as a formula,
# with their full-width forms.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise(text: str) -> str:
    """Prefix a text cell that would start a formula with an apostrophe (OWASP)."""
    if text and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _int_text(series: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(series, errors="coerce").astype("float64")
    finite = np.isfinite(numbers)
    out = pd.Series("", index=series.index, dtype=object)
    out[finite] = numbers[finite].astype("int64").astype(str)
    return out


def _date_text(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series).dt.strftime("%Y-%m-%d").fillna("")


def derive_columns(
    figures: pd.DataFrame, vocab: Vocabularies, flag_ids: dict[str, str] | None = None
) -> pd.DataFrame:
    """Add the derived export columns to stored figures."""
    out = figures.copy()
    sources = vocab.sources
    places = vocab.gazetteer
    out["source_name"] = out["source"].map(sources["name_en"])
    out["location_name"] = out["location"].map(places["name_en"])
    out["location_level"] = out["location"].map(places["level"])
    out["adm1_pcode"] = out["adm1"] if "adm1" in out else pd.NA
    out["entered_at"] = pd.to_datetime(out["entered_at"], utc=True).dt.strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    out["flag_ids"] = out["figure_id"].astype(object).map(flag_ids or {}).astype("string")
    return out


def text_frame(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """Every cell as the text the CSV holds: safe, deterministic, empty for missing."""
    out = pd.DataFrame(index=frame.index)
    for column in columns:
        series = frame[column] if column in frame else pd.Series(pd.NA, index=frame.index)
        if column in DATE_COLUMNS:
            out[column] = _date_text(series)
        elif column in NUMBER_COLUMNS:
            out[column] = _int_text(series)
        else:
            text = series.astype("string").fillna("")
            risky = text.str.startswith(FORMULA_STARTS)
            out[column] = text.where(~risky, "'" + text).astype(object)
    return out


def csv_text(frame: pd.DataFrame, header: bool) -> str:
    """One chunk of CSV: comma-separated, minimal quoting, LF line ends."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, header=header, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()


def figures_csv_chunks(
    chunks: Iterable[pd.DataFrame],
    vocab: Vocabularies,
    flag_ids: dict[str, str] | None = None,
    columns: tuple[str, ...] = FIGURE_EXPORT_COLUMNS,
    preamble: Iterable[str] = (),
) -> Iterator[str]:
    """The figures CSV as text pieces, header first, one piece per chunk of figures."""
    yield csv_text(pd.DataFrame(columns=list(columns)), header=True)
    yield from preamble
    for chunk in chunks:
        if chunk.empty:
            continue
        derived = derive_columns(chunk, vocab, flag_ids)
        yield csv_text(text_frame(derived, columns), header=False)
