"""Revising and retracting a figure: a new revision, validated like any figure.

A revision starts from the current one's canonical values, applies the changes, and
goes through the same schema as an imported figure. A retraction is a revision whose
status is ``retracted``: the claim is withdrawn, its history kept.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from tracker.domain.compare import as_text
from tracker.domain.control import control_message, first_control
from tracker.domain.normalise import normalise
from tracker.domain.typed import typed_row
from tracker.domain.validation import Problem, validate_figures
from tracker.domain.vocabularies import CANONICAL_COLUMNS, Vocabularies


class RevisionError(ValueError):
    """A revision cannot be made; the message says why."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def check_reason(text: str | None, option: str = "--why") -> None:
    """A reason or note is free text, but holds no control character (as a text cell)."""
    if text and first_control(text):
        raise RevisionError(f"{option} {text!r}: {control_message(text)}")


def parse_assignments(assignments: list[str]) -> dict[str, str]:
    """COLUMN=VALUE pairs from the command line; an empty VALUE clears the column."""
    changes: dict[str, str] = {}
    for item in assignments:
        if "=" not in item:
            raise RevisionError(f"--set {item!r}: expected COLUMN=VALUE")
        column, value = item.split("=", 1)
        column = column.strip()
        if column not in CANONICAL_COLUMNS or column == "figure_id":
            raise RevisionError(
                f"--set {column}: not a column a revision can change (one of: "
                f"{', '.join(c for c in CANONICAL_COLUMNS if c != 'figure_id')})"
            )
        changes[column] = value
    return changes


def revised_figure(
    current: pd.DataFrame, changes: dict[str, str], vocab: Vocabularies, today: date, tau: float
) -> pd.DataFrame:
    """The next revision of a figure (one row), validated; raises RevisionError. The changes
    are typed input: their counts and dates are read as :func:`typed_row` reads them."""
    changes = typed_row(changes)
    text = as_text(current).iloc[[0]].copy()
    text.insert(0, "figure_id", current["figure_id"].iloc[0])
    applied = current["defaults_applied"].iloc[0] if "defaults_applied" in current else None
    defaulted = "" if applied is None or pd.isna(applied) else str(applied)
    for column in defaulted.split(";"):
        if column and column not in changes:
            text[column] = ""  # let the default be re-derived (e.g. period_end follows reported_on)
    for column, value in changes.items():
        text[column] = value
    text = text.astype("string").replace("", pd.NA).reset_index(drop=True)
    checked = validate_figures(text, vocab, today, first_line=1)
    if not checked.ok:
        details = "; ".join(f"{p.column} {p.value!r}: {p.message}" for p in checked.problems)
        raise RevisionError(f"the revised figure is not valid: {details}", checked.problems)
    revised = normalise(text, vocab, tau=tau)
    if as_text(revised).iloc[0].equals(as_text(current).iloc[0]):
        raise RevisionError("the revision changes nothing: every value is as stored")
    return revised
