"""Filling the canonical columns from a reshaped table, one rule per column, column-wise.

A value the rule cannot convert (a date in another form, a number with a fraction) is passed
on as written, so that the one figure schema reports it with the value as it stood.
"""

from __future__ import annotations

import string

import pandas as pd

from tracker.domain.validation import Problem
from tracker.ingest.formats.source import LINE
from tracker.ingest.formats.spec import ColumnRule, FormatError

ISO_DATE = r"\d{4}-\d{2}-\d{2}"


def fill_column(
    table: pd.DataFrame, name: str, rule: ColumnRule, problems: list[Problem]
) -> pd.Series:
    """The text of canonical column ``name`` for every row of ``table``."""
    if rule.value is not None:
        cells = pd.Series(rule.value, index=table.index, dtype="string")
    elif rule.template is not None:
        cells = template(table, rule.template)
    else:
        present = [c for c in (rule.source, *rule.alternatives) if c and c in table.columns]
        cells = _column(table, present[0] if present else str(rule.source or ""))
        cells = cells.astype("string").str.strip()
    if rule.pattern:
        found = cells.str.extract(rule.pattern, expand=False)
        cells = found.where(found.notna(), cells).astype("string")
    if rule.map:
        lowered = {k.lower(): v for k, v in rule.map.items()}
        cells = cells.map(lambda c: lowered.get(str(c).lower(), c) if pd.notna(c) else c)
        cells = cells.astype("string")
    if rule.date:
        cells = _date(table, cells, rule, name, problems)
    if rule.number:
        cells = cells.str.replace(r"^(\d+)\.0*$", r"\1", regex=True)
    return cells.replace("", pd.NA)


def _column(table: pd.DataFrame, column: str) -> pd.Series:
    if column not in table.columns:
        raise FormatError(f"the file lacks the column {column!r} this format reads")
    return table[column]


def template(table: pd.DataFrame, text: str) -> pd.Series:
    """``"idmc-idu:{id}"`` → one string per row; a row missing a named cell gets NA, unless
    the name ends in ``?`` (``{admin2_code?}``): an optional cell, empty when missing."""
    out = pd.Series("", index=table.index, dtype="string")
    for literal, field_name, _spec, _conv in string.Formatter().parse(text):
        out = out + literal
        if field_name:
            optional = field_name.endswith("?")
            cells = _column(table, field_name.rstrip("?")).astype("string").str.strip()
            out = out + (cells.fillna("") if optional else cells)
    return out


def _date(
    table: pd.DataFrame, cells: pd.Series, rule: ColumnRule, name: str, problems: list[Problem]
) -> pd.Series:
    kind = rule.date
    if kind == "iso":
        return cells
    if kind == "dmy":
        return cells.str.replace(r"^(\d{2})[-/.](\d{2})[-/.](\d{4})$", r"\3-\2-\1", regex=True)
    if kind in ("year-start", "year-end"):
        day = "01-01" if kind == "year-start" else "12-31"
        return cells.str.replace(r"^(\d{4})(\.0)?$", rf"\1-{day}", regex=True)
    stamps = pd.to_datetime(cells, utc=True, errors="coerce", format="ISO8601")
    stamps = stamps.where(cells.str.match(ISO_DATE).fillna(False).astype(bool))  # never '2018'
    local = stamps.dt.tz_convert(rule.timezone or "UTC")
    text = local.dt.strftime("%Y-%m-%d").astype("string")
    if kind == "local-midnight":
        off = stamps.notna() & (local.dt.hour.ne(0) | local.dt.minute.ne(0))
        for i in off[off].index:
            problems.append(
                Problem(
                    int(table.at[i, LINE]),
                    name,
                    str(cells[i]),
                    f"is not local midnight in {rule.timezone} (read as "
                    f"{local[i]:%Y-%m-%d %H:%M}): its date cannot be trusted",
                )
            )
    return text.where(stamps.notna(), cells)
