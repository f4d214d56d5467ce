"""Reshaping a table before its columns are mapped: wide to long, and events summed per place
and window.

``melt``: one row per filled cell of the value columns; an empty cell is "no figure", never
zero (it is counted and said). ``sum``: one row per place and calendar window; an event whose
dates lie in one month belongs to that month's window, one that spans months to the window
from the first day of its start month to the last day of its end month. One figure per event
would raise false regressions (a later, smaller event reads as a fall of a cumulative count).
"""

from __future__ import annotations

import pandas as pd

from tracker.domain.validation import Problem
from tracker.ingest.formats.source import LINE
from tracker.ingest.formats.spec import FormatError, Reshape

HEADER, CELL, COLUMN = "@header", "@cell", "@column"
EVENTS, LINES = "@events", "@lines"
WINDOW_START, WINDOW_END = "@window_start", "@window_end"


def melt(table: pd.DataFrame, reshape: Reshape) -> tuple[pd.DataFrame, int]:
    """Wide to long; returns the long table and how many empty cells gave no figure."""
    keep = [c for c in reshape.keep if c in table.columns]
    missing = [c for c in reshape.keep if c not in table.columns]
    if missing:
        raise FormatError(f"the file lacks the column(s) {', '.join(missing)} this format needs")
    if reshape.values:
        values = [v.column for v in reshape.values if v.column in table.columns]
    else:
        values = [c for c in table.columns if c not in keep and not c.startswith("@")]
    long = table.melt(id_vars=[*keep, LINE], value_vars=values, var_name=HEADER, value_name=CELL)
    order = {c: i for i, c in enumerate(values)}
    long["_order"] = long[HEADER].map(order)
    long = long.sort_values([LINE, "_order"], kind="stable").drop(columns="_order")
    empty = long[CELL].isna()
    long = long[~empty].reset_index(drop=True)
    long[COLUMN] = long[HEADER]
    for field_name in {k for v in reshape.values for k in v.fields}:
        by_column = {v.column: v.fields.get(field_name) for v in reshape.values}
        long[f"@{field_name}"] = long[HEADER].map(by_column).astype("string")
    return long, int(empty.sum())


def sum_events(
    table: pd.DataFrame, reshape: Reshape, place: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """Rows summed per (place, window); rows whose dates cannot be read are reported."""
    start = _dates(table[reshape.start], reshape.date_formats)
    end = _dates(table[reshape.end], reshape.date_formats)
    problems = []
    written = " or ".join(reshape.date_formats).replace("%", "")
    for column, parsed in ((reshape.start, start), (reshape.end, end)):
        for i in parsed[parsed.isna()].index:
            value = "" if pd.isna(table.at[i, column]) else str(table.at[i, column])
            problems.append(
                Problem(int(table.at[i, LINE]), str(column), value, f"not a date ({written})")
            )
    ok = start.notna() & end.notna() & table[place].notna()
    rows = table[ok].copy()
    rows[WINDOW_START] = start[ok].dt.to_period("M").dt.start_time.dt.strftime("%Y-%m-%d")
    rows[WINDOW_END] = end[ok].dt.to_period("M").dt.end_time.dt.strftime("%Y-%m-%d")
    for column in reshape.sums:
        rows[column] = pd.to_numeric(rows[column], errors="coerce")
    keys = [place, WINDOW_START, WINDOW_END]
    grouped = rows.groupby(keys, sort=True)
    summed = grouped[list(reshape.sums)].sum().reset_index()
    summed[EVENTS] = grouped.size().to_numpy()
    summed[LINES] = grouped[LINE].agg(lambda s: tuple(sorted(int(x) for x in s))).to_numpy()
    summed[LINE] = summed[LINES].map(lambda lines: lines[0])
    summed[EVENTS] = summed[EVENTS].astype(str)
    return summed, problems


def _dates(cells: pd.Series, formats: tuple[str, ...]) -> pd.Series:
    """Dates written in any of ``formats`` (tried in order, each exactly); others NaT."""
    text = cells.astype("string").str.strip()
    parsed = pd.Series(pd.NaT, index=cells.index, dtype="datetime64[ns]")
    for form in formats:
        parsed = parsed.fillna(pd.to_datetime(text, format=form, errors="coerce"))
    return parsed
