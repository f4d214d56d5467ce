"""Importing figures: all-or-nothing by default, or the valid rows with a rejects file.

Nothing is silently dropped: every row is stored, recognised as already stored, or
rejected with its reasons. A figure_id already stored with other values is refused
with a pointer to `tracker revise`, or, asked for (``--revise-changed --why``), stored as its
next revision: stored data is never overwritten, and a retracted figure is never revived.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy.engine import Connection

from tracker.domain.compare import COMPARED, as_text, differences
from tracker.domain.formula import guard
from tracker.domain.normalise import normalise
from tracker.domain.settings import DEFAULT_SETTINGS
from tracker.domain.validation import MAX_LISTED, Problem, validate_figures
from tracker.domain.vocabularies import CANONICAL_COLUMNS, DERIVED_COLUMNS, Vocabularies
from tracker.ingest.readers import FigureFile
from tracker.storage import figures as figure_rows

FIRST_DATA_LINE = 2
#: the columns a rejects file adds to the rows as given: their line, and every reason
REJECTS_NOTES = ("line", "problems")


@dataclass
class ImportPlan:
    """What an import would do: the figures to store, the rows already stored, the rejects."""

    new: pd.DataFrame
    unchanged: int
    invalid: list[Problem]
    conflicts: list[Problem]
    rejected_rows: pd.Index
    notices: list[str] = field(default_factory=list)
    unlisted: int = 0  # problems counted but not described (past MAX_LISTED)
    #: stored figures given with other values, to store as their next revision
    #: (``--revise-changed``); their ``next_revision`` column says which
    revised: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: the current revisions the revised ones supersede (their series' flags are recomputed)
    superseded: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: conflicts that ``--revise-changed --why`` would store as revisions
    revisable: int = 0
    #: the ids of the rows already stored (``unchanged`` of them), in the file's order
    unchanged_ids: list[str] = field(default_factory=list)

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


def unlisted_notice(unlisted: int) -> list[str]:
    """Say how many problems were counted but not described (past MAX_LISTED)."""
    if not unlisted:
        return []
    return [
        f"{unlisted:,} more problem(s) on later lines are not listed (the first "
        f"{MAX_LISTED:,} are): fix those and validate again"
    ]


def plan_import(
    conn: Connection | None,
    file: FigureFile,
    vocab: Vocabularies,
    today: date,
    tau: float = DEFAULT_SETTINGS.tau,
    revise_changed: bool = False,
) -> ImportPlan:
    """Validate a file and compare its figures with what is stored; store nothing. With no
    connection (a database not initialised yet) nothing is stored: every figure is new.

    A stored figure given with other values is a conflict, or, with ``revise_changed``, a
    revision to store (never an overwrite: the stored revision stays, superseded)."""
    table = file.table
    checked = validate_figures(table, vocab, today, first_line=FIRST_DATA_LINE)
    valid = table.drop(index=checked.bad_rows) if len(checked.bad_rows) else table
    new = normalise(valid, vocab, tau=tau) if len(valid) else normalise(table.iloc[:0], vocab, tau)
    new, unchanged, changed, stored = _against_stored(conn, new)
    unchanged_ids = unchanged.tolist()
    revisable = changed["revisable"] if revise_changed else changed["revisable"] & False
    conflicts = _conflicts(changed[~revisable], stored, _unnamed(valid))
    revised = changed[revisable]
    superseded = stored[
        stored["current"].astype(bool) & stored["figure_id"].isin(revised["figure_id"])
    ]
    rejected = checked.bad_rows.union(pd.Index([p.line - FIRST_DATA_LINE for p in conflicts]))
    notices = file.notices + header_notices(table) + unlisted_notice(checked.unlisted)
    return ImportPlan(
        new,
        len(unchanged_ids),
        checked.problems,
        conflicts,
        rejected,
        notices,
        checked.unlisted,
        revised,
        superseded,
        0 if revise_changed else int(changed["revisable"].sum()),
        unchanged_ids,
    )


def _against_stored(
    conn: Connection | None, new: pd.DataFrame
) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame, pd.DataFrame]:
    """Split off the figures whose id is stored: unchanged when their values equal a stored
    revision's, changed otherwise. Returns the new figures, the unchanged ones' ids, the changed
    ones (with their ``next_revision``, and ``revisable`` unless the figure is retracted) and
    the stored revisions of the given ids. Only the rows whose id is stored are compared;
    a row given without an id has the one its claim names (:mod:`tracker.domain.identity`)."""
    ids = new["figure_id"].dropna()
    if conn is None:
        return (
            new,
            new["figure_id"].iloc[:0],
            _with_revision(new.iloc[:0], figure_rows.no_revisions()),
            (figure_rows.no_revisions()),
        )
    found = figure_rows.stored_ids(conn, ids.tolist()) if len(ids) else set()
    stored = figure_rows.revisions_of(conn, sorted(found))
    if not found:
        return new, new["figure_id"].iloc[:0], _with_revision(new.iloc[:0], stored), stored
    known = new["figure_id"].isin(list(found)).to_numpy(dtype=bool)
    same = _equal_to_a_revision(_keyed_text(new[known]), _keyed_text(stored))
    same_rows = same.to_numpy(dtype=bool)
    changed = new[known][~same_rows]
    unchanged = new[known]["figure_id"][same_rows]
    return new[~known], unchanged, _with_revision(changed, stored), stored


def _with_revision(changed: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """The changed figures with the revision they would be stored as (after every stored one,
    proposals included) and whether they may be: only a published figure is revised this
    way (a proposal changes by its review) and a retracted one stays retracted."""
    if changed.empty:  # the usual import: nothing to look up
        none = np.zeros(0, dtype=bool)
        return changed.assign(
            next_revision=np.zeros(0, dtype="int64"), revisable=none, retracted=none
        )
    changed = changed.copy()
    latest = stored.groupby("figure_id")["revision"].max()
    current = stored[stored["current"].astype(bool)].set_index("figure_id")["status"]
    status = changed["figure_id"].map(current)
    changed["next_revision"] = changed["figure_id"].map(latest).astype("int64") + 1
    changed["revisable"] = (status.notna() & status.ne("retracted")).fillna(False).astype(bool)
    changed["retracted"] = status.eq("retracted").fillna(False).astype(bool)
    return changed


def _keyed_text(figures: pd.DataFrame) -> pd.DataFrame:
    """Canonical columns as text (as compared for idempotence), with the figure_id."""
    text = as_text(figures)
    text["figure_id"] = figures["figure_id"].astype("string").to_numpy()
    return text


def _equal_to_a_revision(new_text: pd.DataFrame, stored_text: pd.DataFrame) -> pd.Series:
    """Whether each given figure equals, in every canonical column, a stored revision of it."""
    keys = ["figure_id", *COMPARED]
    stored_keys = stored_text[keys].drop_duplicates()
    matched = new_text[keys].reset_index(names="_row").merge(stored_keys, on=keys, how="inner")
    return pd.Series(new_text.index.isin(matched["_row"]), index=new_text.index)


def _unnamed(given: pd.DataFrame) -> pd.Series:
    """Whether each row was given without a figure_id (named by its claim on import)."""
    if "figure_id" not in given:
        return pd.Series(True, index=given.index)
    return given["figure_id"].astype("string").str.strip().fillna("").eq("")


def _conflicts(changed: pd.DataFrame, stored: pd.DataFrame, unnamed: pd.Series) -> list[Problem]:
    """A stored figure given with other values: refused, with what differs from its latest
    revision and a pointer to `tracker revise` (a retracted figure: refused as such). A row
    given without a figure_id is such a figure when only its free text differs."""
    if changed.empty:
        return []
    changed_text = _keyed_text(changed)
    latest = _keyed_text(stored).groupby("figure_id", sort=False).tail(1).set_index("figure_id")
    problems = []
    records = changed_text.to_dict("records")
    for index, row, retracted in zip(changed.index, records, changed["retracted"], strict=True):
        fid = row["figure_id"]
        if retracted:
            problems.append(_retracted(int(index), str(fid)))
            continue
        what = "; ".join(differences(pd.Series(row), latest.loc[fid]))
        problems.append(_changed(int(index), str(fid), what, bool(unnamed.get(index, False))))
    return problems


def _changed(index: int, fid: str, what: str, unnamed: bool) -> Problem:
    """A stored figure given with other values (``unnamed``: by a row without a figure_id
    that claims what it claims, in other words)."""
    fix = (
        "a stored figure is never overwritten: use `tracker revise "
        f"{fid} --set COLUMN=VALUE --why TEXT` to change it"
    )
    if unnamed:
        return Problem(
            FIRST_DATA_LINE + index,
            "figure_id",
            "",
            f"this row, given without a figure_id, is figure {fid} (the same claim, "
            f"already stored) in other words ({what}); {fix}",
        )
    return Problem(
        FIRST_DATA_LINE + index,
        "figure_id",
        fid,
        f"figure {fid} is already stored with other values ({what}); {fix}",
    )


def _retracted(index: int, fid: str) -> Problem:
    return Problem(
        FIRST_DATA_LINE + index,
        "figure_id",
        fid,
        f"figure {fid} is retracted and given with other values; a retracted figure is "
        "never revived by an import (enter it under a new figure_id)",
    )


def rejects_path(path: Path) -> Path:
    """Where --partial writes the rejected rows: beside the input."""
    return path.with_name(f"{path.stem}.rejects.csv")


class RejectsError(Exception):
    """The rejects file of ``--partial`` cannot be written (so nothing is stored)."""


def write_rejects(file: FigureFile, plan: ImportPlan) -> Path:
    """The rejected rows as given, each with its line number and every reason.

    Text cells that would start a spreadsheet formula get an apostrophe (the readers take it
    off, so the file re-imports as given). The file is written beside the input under a
    temporary name and renamed into place once whole; raises RejectsError when it cannot be.
    """
    reasons: dict[int, list[str]] = {}
    for problem in plan.problems:
        reasons.setdefault(problem.line, []).append(f"{problem.column}: {problem.message}")
    rows = file.table.loc[file.table.index.intersection(plan.rejected_rows)]
    # a rejects file imported again: its old line numbers and reasons give way to the new
    rows = rows.drop(columns=[c for c in REJECTS_NOTES if c in rows.columns]).copy()
    lines = [FIRST_DATA_LINE + int(i) for i in rows.index]
    unlisted = f"not listed: the file has more than {MAX_LISTED:,} problems"
    rows[REJECTS_NOTES[1]] = [" | ".join(reasons.get(line, [unlisted])) for line in lines]
    rows = rows.astype("string").apply(lambda column: column.map(guard, na_action="ignore"))
    rows.insert(0, REJECTS_NOTES[0], lines)
    target = rejects_path(file.path)
    part = target.with_name(f".{target.name}.part")
    try:
        rows.to_csv(part, index=False, encoding="utf-8")
        part.replace(target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise RejectsError(
            f"cannot write the rejects file {target} ({exc.strerror or exc}); nothing stored"
        ) from exc
    return target


def store_plan(
    conn: Connection,
    plan: ImportPlan,
    who: str,
    why: str | None,
    batch: str,
    review_status: str = "accepted",
) -> int:
    """Store the planned new figures as revision 1, in the caller's transaction (published,
    or as proposals when ``review_status`` is proposed), and the changed ones as their next
    revision (the stored one stays, superseded)."""
    stored = figure_rows.insert_revisions(
        conn, plan.new, who=who, why=why, batch=batch, review_status=review_status
    )
    if plan.revised.empty:
        return stored
    if review_status == "accepted":
        figure_rows.retire(conn, plan.revised["figure_id"].astype(str).tolist())
    return stored + figure_rows.insert_revisions(
        conn,
        plan.revised,
        who=who,
        why=why,
        batch=batch,
        revision=plan.revised["next_revision"],
        review_status=review_status,
    )
