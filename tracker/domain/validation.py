"""Running the figure schema and saying, in words, what is wrong with each row.

A problem names the line as a spreadsheet shows it (the header is line 1), the
column, the value as it was typed, and what is wrong, with the closest known id
when a vocabulary id is misspelt.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pandera.pandas as pa

from tracker.domain.control import control_message
from tracker.domain.schema import (
    COUNT_MAXIMUM,
    Columns,
    Parsed,
    cross_checks,
    effective_unit,
    figure_schema,
)
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
    unlisted: int = 0  # problems past MAX_LISTED: counted, their rows marked bad

    @property
    def ok(self) -> bool:
        return not self.problems


CHUNK_ROWS = 20_000  # rows per pass of the column checks (bounds pandera's failure cases)
MAX_LISTED = 50_000  # problems described one by one; the rest are counted (bounded memory)
#: What a column's known ids are, said after an unknown one.
WHAT_IS_KNOWN = {
    "location": ": neither a P-code of the gazetteer nor an area id (`tracker areas list`)"
}
HINTS_PER_COLUMN = 50  # distinct misspelt ids per column that get a "did you mean"


def validate_figures(
    table: pd.DataFrame, vocab: Vocabularies, today: date, first_line: int = 2
) -> Validation:
    """Check text figures against the schema; the row labelled i is line first_line + i.

    The schema's column checks run first; its cross-column rules then run on the rows
    whose cells all passed, and on the other rows wherever a rule reads none of the row's
    broken cells (a rule between two values means nothing when one of them is not a value):
    every fault of a row is said at once, and a junk file is refused once per bad cell,
    not once per rule and cell.
    """
    passes = _passes(vocab, today)
    try:
        return _validate(table, vocab, first_line, passes)
    finally:
        passes.parsed.clear()


@dataclass(frozen=True)
class _Passes:
    """The schema split in its two passes (cells, then rules between cells), built for one
    vocabulary and day, with the parses its checks share."""

    vocab: Vocabularies
    today: date
    cells: pa.DataFrameSchema
    wide: pa.DataFrameSchema
    parsed: Parsed


_BUILT = threading.local()


def _passes(vocab: Vocabularies, today: date) -> _Passes:
    """The same schema's passes for these vocabularies and day, built once per thread:
    building them (every check, a copy of every column) costs more than checking the one
    row of ``tracker add`` or of a small import."""
    built: _Passes | None = getattr(_BUILT, "passes", None)
    if built is None or built.vocab is not vocab or built.today != today:
        columns = Columns()
        schema = figure_schema(vocab, today, columns)
        cells = pa.DataFrameSchema(schema.columns, name=schema.name, strict=False)
        wide = pa.DataFrameSchema(checks=schema.checks, name=schema.name)
        built = _Passes(vocab, today, cells, wide, columns.parsed)
        _BUILT.passes = built
    return built


def _validate(
    table: pd.DataFrame, vocab: Vocabularies, first_line: int, passes: _Passes
) -> Validation:
    """:func:`validate_figures` with the schema's passes built."""
    cells = passes.cells
    problems: list[Problem] = []
    bad: set[Hashable] = set()
    unlisted = 0
    for start in range(0, max(len(table), 1), CHUNK_ROWS):  # column checks, chunk by chunk
        room = MAX_LISTED - len(problems)
        part = table.iloc[start : start + CHUNK_ROWS]
        found, found_bad, found_unlisted = _failures(cells, part, vocab, first_line, room)
        problems += found
        bad |= found_bad
        unlisted += found_unlisted
        if any(p.line == HEADER_LINE for p in found):
            break  # a missing column is said once, not once per chunk
    clean = table.drop(index=list(bad)) if bad else table
    whole = not any(p.line == HEADER_LINE for p in problems)
    if len(clean) and whole:
        more, more_bad, more_unlisted = _failures(passes.wide, clean, vocab, first_line)
        problems += more
        bad |= more_bad
        unlisted += more_unlisted
    if bad and whole:  # the rules a broken cell does not bear on, on the rows it broke
        beside = _rules_beside_broken_cells(table, problems, vocab, first_line)
        room = max(MAX_LISTED - len(problems), 0)
        problems += beside[:room]
        unlisted += len(beside[room:])
    if not bad and problems:
        bad = set(table.index)
    rows = pd.Index(list(bad)).sort_values()
    return Validation(sorted(set(problems), key=_order), rows, unlisted)


def _rules_beside_broken_cells(
    table: pd.DataFrame, problems: list[Problem], vocab: Vocabularies, first_line: int
) -> list[Problem]:
    """The rules between cells, on the rows whose cells did not all pass, each where it reads
    none of the row's broken cells ("period_end is after reported_on" beside "unknown source"):
    every fault of a row is said at once, not found after the first is fixed. A rule that
    reads a broken cell is not run there (it would judge a value that is not one)."""
    broken: dict[int, set[str]] = {}
    for p in problems:  # described problems only: a counted one names no cell
        broken.setdefault(p.line - first_line, set()).add(p.column)
    found: list[Problem] = []
    for rule in cross_checks(vocab, Columns()):
        rows = [r for r, cells in broken.items() if rule.reads and not cells & set(rule.reads)]
        if not rows:
            continue
        frame = table if rule.file_wide else table.loc[rows]
        held = rule.passes(frame).reindex(rows).fillna(True).astype(bool)
        for index in held.index[~held.to_numpy()]:
            message = _wide_message(rule.name, rule.message, table, index, vocab)
            found.append(
                Problem(
                    first_line + int(index), rule.column, _cell(table, index, rule.column), message
                )
            )
    return found


def _order(p: Problem) -> tuple[int, str, str, str]:
    return (p.line, p.column, p.value, p.message)  # as the dataclass orders, but fast


def _failures(
    schema: pa.DataFrameSchema,
    table: pd.DataFrame,
    vocab: Vocabularies,
    first_line: int,
    room: int = MAX_LISTED,
) -> tuple[list[Problem], set[Hashable], int]:
    """Problems of one pass (at most ``room`` described), the bad rows, the count of the rest."""
    try:
        schema.validate(table, lazy=True)
    except pa.errors.SchemaErrors as errors:
        listed, rest = _first_cases(errors.failure_cases, max(room, 0))
        problems, bad = _explain(listed, table, vocab, first_line)
        bad.update(rest["index"].dropna().tolist())
        return problems, bad, len(rest)
    return [], set(), 0


def _first_cases(cases: pd.DataFrame, room: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The failure cases of the first lines (file-wide ones first), at most ``room`` of
    them, and the rest."""
    if len(cases) <= room:
        return cases, cases.iloc[:0]
    row = pd.to_numeric(cases["index"], errors="coerce").fillna(-1).to_numpy()
    ordered = cases.iloc[row.argsort(kind="stable")]
    return ordered.iloc[:room], ordered.iloc[room:]


def _explain(
    cases: pd.DataFrame, table: pd.DataFrame, vocab: Vocabularies, first_line: int
) -> tuple[list[Problem], set[Hashable]]:
    """Problems in words from pandera's failure cases; a message (and its "did you mean")
    is worked out once per distinct (check, column, value)."""
    wide = {c.name: c for c in cross_checks(vocab)}
    messages = _Messages(vocab)
    problems: list[Problem] = []
    bad: set[Hashable] = set()
    columns = (cases[k].tolist() for k in ("check", "column", "index", "failure_case"))
    for check, column, index, given in zip(*columns, strict=True):
        check = str(check)
        if check == "column_in_dataframe":
            missing = str(given)
            what = (
                "required column is missing" if missing in REQUIRED_COLUMNS else "column is missing"
            )
            problems.append(Problem(HEADER_LINE, missing, "", what))
            continue
        if index is None or pd.isna(index):
            problems.append(Problem(HEADER_LINE, str(column), "", check))
            continue
        line = first_line + int(index)
        bad.add(index)
        if check in wide:
            rule = wide[check]
            value = _cell(table, index, rule.column)
            message = _wide_message(rule.name, rule.message, table, index, vocab)
            problems.append(Problem(line, rule.column, value, message))
        elif check == "not_nullable":
            problems.append(Problem(line, str(column), "", "required value is empty"))
        else:  # the failure case is the cell as given
            value = "" if given is None or given is pd.NA or given != given else str(given)
            problems.append(Problem(line, str(column), value, messages.of(check, column, value)))
    return problems, bad


class _Messages:
    """Cell messages memoised per (check, column, value); at most HINTS_PER_COLUMN distinct
    values per column are compared with the vocabulary (each comparison scans every id)."""

    def __init__(self, vocab: Vocabularies) -> None:
        self.vocab = vocab
        self.memo: dict[tuple[str, str, str], str] = {}
        self.hinted: dict[str, int] = {}

    def of(self, check: str, column: str, value: str) -> str:
        key = (check, str(column), value)
        found = self.memo.get(key)
        if found is None:
            hint = self.hinted.get(key[1], 0) < HINTS_PER_COLUMN
            if hint and check.startswith("unknown "):
                self.hinted[key[1]] = self.hinted.get(key[1], 0) + 1
            found = self.memo[key] = _cell_message(check, column, value, self.vocab, hint)
        return found


def _cell(table: pd.DataFrame, index: object, column: str) -> str:
    if column not in table:
        return ""
    value = table.at[index, column]
    return "" if pd.isna(value) else str(value)


def _cell_message(
    check: str, column: str, value: str, vocab: Vocabularies, hint: bool = True
) -> str:
    if check == "no_control":
        return control_message(value)
    if check.startswith("unknown "):
        guess = (
            vocab.typed_word(str(column), value) or closest(value, vocab.known(str(column)))
            if hint
            else None
        )
        meant = f" — did you mean {guess!r}?" if guess and guess != value else ""
        return f"{check} {value!r}{WHAT_IS_KNOWN.get(str(column), '')}{meant}"
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
