"""Running the figure schema and saying, in words, what is wrong with each row.

A problem names the line as a spreadsheet shows it (the header is line 1), the
column, the value as it was typed, and what is wrong, with the closest known id
when a vocabulary id is misspelt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import pandera.pandas as pa

from tracker.domain.control import control_message
from tracker.domain.schema import COUNT_MAXIMUM, cross_checks, effective_unit, figure_schema
from tracker.domain.vocabularies import REQUIRED_COLUMNS, Vocabularies, closest

HEADER_LINE = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one cell (or with the file, when line is 1)."""

    line: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}"
        shown = f", value {self.value!r}" if self.value != "" else ", value empty"
        return f"{where}{shown}: {self.message}"


@dataclass(frozen=True)
class Validation:
    """The outcome of checking a table of figures: the problems and which rows are bad."""

    problems: list[Problem]
    bad_rows: pd.Index

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_figures(
    table: pd.DataFrame, vocab: Vocabularies, today: date, first_line: int = 2
) -> Validation:
    """Check text figures against the schema; the row labelled i is line first_line + i."""
    schema = figure_schema(vocab, today)
    try:
        schema.validate(table, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return _explain(errors.failure_cases, table, vocab, first_line)
    return Validation([], pd.Index([]))


def _explain(
    cases: pd.DataFrame, table: pd.DataFrame, vocab: Vocabularies, first_line: int
) -> Validation:
    wide = {c.name: c for c in cross_checks(vocab)}
    problems: set[Problem] = set()
    bad: set[int] = set()
    for case in cases.itertuples(index=False):
        check, column, index = str(case.check), case.column, case.index
        if check == "column_in_dataframe":
            missing = str(case.failure_case)
            what = (
                "required column is missing" if missing in REQUIRED_COLUMNS else "column is missing"
            )
            problems.add(Problem(HEADER_LINE, missing, "", what))
            continue
        if index is None or pd.isna(index):
            problems.add(Problem(HEADER_LINE, str(column), "", check))
            continue
        line = first_line + int(index)
        bad.add(index)
        if check in wide:
            rule = wide[check]
            value = _cell(table, index, rule.column)
            message = _wide_message(rule.name, rule.message, table, index, vocab)
            problems.add(Problem(line, rule.column, value, message))
        elif check == "not_nullable":
            problems.add(Problem(line, str(column), "", "required value is empty"))
        else:
            value = _cell(table, index, str(column))
            problems.add(
                Problem(line, str(column), value, _cell_message(check, column, value, vocab))
            )
    if not bad and problems:
        bad = set(table.index)
    return Validation(sorted(problems), pd.Index(sorted(bad)))


def _cell(table: pd.DataFrame, index: object, column: str) -> str:
    if column not in table:
        return ""
    value = table.at[index, column]
    return "" if pd.isna(value) else str(value)


def _cell_message(check: str, column: str, value: str, vocab: Vocabularies) -> str:
    if check == "no_control":
        return control_message(value)
    if check.startswith("unknown "):
        guess = closest(value, vocab.known(str(column)))
        hint = f" — did you mean {guess!r}?" if guess and guess != value else ""
        return f"{check} {value!r}{hint}"
    return check


def _wide_message(
    name: str, message: str, table: pd.DataFrame, index: object, vocab: Vocabularies
) -> str:
    if name == "unit_allowed":
        metric = _cell(table, index, "metric")
        allowed = ", ".join(sorted(vocab.allowed_units.get(metric, frozenset())))
        return f"unit is not allowed for metric {metric!r} (allowed: {allowed})"
    if name in ("value_unit_bound", "value_high_unit_bound"):
        unit = str(effective_unit(table.loc[[index]], vocab).iloc[0])
        return f"is above {COUNT_MAXIMUM[unit]:,}, the largest count in {unit} a figure may state"
    if name == "period_end_reported":
        return f"{message} ({_cell(table, index, 'reported_on')})"
    return message
