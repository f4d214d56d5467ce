"""Importing figures: all-or-nothing by default, or the valid rows with a rejects file.

Nothing is silently dropped: every row is stored, recognised as already stored, or
rejected with its reasons. A figure_id already stored with other values is refused
with a pointer to `tracker revise` (stored data is never overwritten).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Connection

from tracker.compare import as_text, differences
from tracker.normalise import normalise
from tracker.readers import FigureFile
from tracker.storage import figures as figure_rows
from tracker.validation import Problem, validate_figures
from tracker.vocabularies import CANONICAL_COLUMNS, DERIVED_COLUMNS, Vocabularies

FIRST_DATA_LINE = 2


@dataclass
class ImportPlan:
    """What an import would do: the figures to store, the rows already stored, the rejects."""

    new: pd.DataFrame
    unchanged: int
    invalid: list[Problem]
    conflicts: list[Problem]
    rejected_rows: pd.Index
    notices: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """Everything that stops a row from being stored: invalid values and conflicts."""
        return sorted(self.invalid + self.conflicts)

    @property
    def ok(self) -> bool:
        return not self.invalid and not self.conflicts


def header_notices(table: pd.DataFrame) -> list[str]:
    """Say which columns the importer does not use, so nothing is ignored unsaid."""
    unknown = [c for c in table.columns if c not in CANONICAL_COLUMNS and c not in DERIVED_COLUMNS]
    derived = [c for c in table.columns if c in DERIVED_COLUMNS]
    notices = []
    if unknown:
        notices.append(f"columns not in the canonical format, not stored: {', '.join(unknown)}")
    if derived:
        notices.append(f"derived export columns, recomputed rather than read: {', '.join(derived)}")
    return notices


def plan_import(
    conn: Connection, file: FigureFile, vocab: Vocabularies, today: date, tau: float = 0.10
) -> ImportPlan:
    """Validate a file and compare its figures with what is stored; store nothing."""
    table = file.table
    checked = validate_figures(table, vocab, today, first_line=FIRST_DATA_LINE)
    valid = table.drop(index=checked.bad_rows)
    new = normalise(valid, vocab, tau=tau) if len(valid) else normalise(table.iloc[:0], vocab, tau)
    new, unchanged, conflicts = _against_stored(conn, new, valid)
    rejected = checked.bad_rows.union(pd.Index([p.line - FIRST_DATA_LINE for p in conflicts]))
    notices = file.notices + header_notices(table)
    return ImportPlan(new, unchanged, checked.problems, conflicts, rejected, notices)


def _against_stored(
    conn: Connection, new: pd.DataFrame, given: pd.DataFrame
) -> tuple[pd.DataFrame, int, list[Problem]]:
    given_ids = given["figure_id"].dropna() if "figure_id" in given else pd.Series(dtype="string")
    if given_ids.empty:
        return new, 0, []
    stored = figure_rows.revisions_of(conn, given_ids.tolist())
    if stored.empty:
        return new, 0, []
    stored_text = as_text(stored)
    stored_text["figure_id"] = stored["figure_id"].to_numpy()
    new_text = as_text(new)
    keep = pd.Series(True, index=new.index)
    unchanged, conflicts = 0, []
    by_id = {fid: grp for fid, grp in stored_text.groupby("figure_id")}
    for index in new.index[new["figure_id"].isin(list(by_id))]:
        revisions = by_id[new.at[index, "figure_id"]].drop(columns="figure_id")
        row = new_text.loc[index]
        keep[index] = False
        if (revisions == row).all(axis=1).any():
            unchanged += 1
            continue
        latest = revisions.iloc[-1]
        fid = new.at[index, "figure_id"]
        changed = "; ".join(differences(row, latest))
        conflicts.append(
            Problem(
                FIRST_DATA_LINE + int(index),
                "figure_id",
                str(fid),
                f"figure {fid} is already stored with other values ({changed}); a stored "
                f"figure is never overwritten: use `tracker revise {fid} --set COLUMN=VALUE "
                "--why TEXT` to change it",
            )
        )
    return new[keep], unchanged, conflicts


def rejects_path(path: Path) -> Path:
    """Where --partial writes the rejected rows: beside the input."""
    return path.with_name(f"{path.stem}.rejects.csv")


def write_rejects(file: FigureFile, plan: ImportPlan) -> Path:
    """The rejected rows as given, each with its line number and every reason."""
    reasons: dict[int, list[str]] = {}
    for problem in plan.problems:
        reasons.setdefault(problem.line, []).append(f"{problem.column}: {problem.message}")
    rows = file.table.loc[file.table.index.intersection(plan.rejected_rows)].copy()
    rows.insert(0, "line", [FIRST_DATA_LINE + int(i) for i in rows.index])
    rows["problems"] = [" | ".join(reasons.get(line, [])) for line in rows["line"]]
    target = rejects_path(file.path)
    rows.to_csv(target, index=False, encoding="utf-8")
    return target


def store_plan(conn: Connection, plan: ImportPlan, who: str, why: str | None, batch: str) -> int:
    """Store the planned new figures as revision 1, in the caller's transaction."""
    return figure_rows.insert_revisions(conn, plan.new, who=who, why=why, batch=batch)
