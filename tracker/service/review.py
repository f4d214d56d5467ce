"""Reviewing proposals: accept, reject, and what accepting one would change.

Rules (checked here, whatever the caller: CLI, workspace or a script):

* Only a reviewer or admin who is not the proposal's author accepts or rejects it
  (:func:`tracker.domain.roles.require_reviewer_of`).
* Both are revisions (append-only): accepting writes the next revision as the current,
  public one (``review_status`` accepted, ``reviewed_by`` the reviewer, ``entered_by`` still
  the author, ``why`` the reviewer's reason) and recomputes the flags and bands it touches
  in the same transaction; rejecting writes the next revision as rejected, never current.
* A preview runs the acceptance inside a transaction that is rolled back: the flags it
  would raise or clear and the headlines it would move are exactly what accepting does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy.engine import Connection

from tracker.domain.reconcile import component_key
from tracker.domain.revisions import RevisionError
from tracker.domain.roles import ACCEPTED, REJECTED, Actor, require_reviewer_of
from tracker.service.store import Store
from tracker.service.writing import retrying
from tracker.storage import figures as figure_rows
from tracker.storage import review as queue
from tracker.storage.flagstore import context_for


@dataclass
class HeadlineMove:
    """One series' newest headline before and after (None: no headline)."""

    metric: str
    population: str
    location: str
    measure: str
    window_start: str  # the series' window start ("" when none)
    before: tuple[float, str | None] | None
    after: tuple[float, str | None] | None


@dataclass
class Preview:
    """What accepting a proposal would change."""

    figure_id: str
    raised: pd.DataFrame  # flags it would add (flag_id, rule, severity, sentences)
    cleared: pd.DataFrame  # flags it would remove
    moves: list[HeadlineMove] = field(default_factory=list)


def pending(store: Store, limit: int | None = None) -> pd.DataFrame:
    """The proposals awaiting review, oldest first."""
    with store.connect() as conn:
        return queue.pending(conn, limit)


def count_pending(store: Store) -> int:
    with store.connect() as conn:
        return queue.count_pending(conn)


def _proposal(conn: Connection, figure_id: str) -> pd.DataFrame:
    proposal = queue.pending_one(conn, figure_id, lock=True)
    if proposal.empty:
        raise RevisionError(f"no proposal of figure {figure_id!r} awaits review")
    return proposal


def _decide(conn: Connection, proposal: pd.DataFrame, who: str, why: str, status: str) -> None:
    """Write the revision that accepts or rejects the proposal (retiring the published one
    when an accepted revision replaces it)."""
    if not why or not why.strip():
        raise RevisionError("--why is required: say why the proposal is accepted or rejected")
    figure_id = str(proposal["figure_id"].iloc[0])
    if status == ACCEPTED:
        figure_rows.retire(conn, [figure_id])
    figure_rows.insert_revisions(
        conn,
        proposal,
        who=str(proposal["entered_by"].iloc[0]),
        why=why,
        batch=None,
        revision=queue.newest_revision(conn, figure_id) + 1,
        review_status=status,
        reviewed_by=who,
    )


def accept(store: Store, actor: Actor, figure_id: str, why: str = "accepted") -> pd.DataFrame:
    """Publish a proposal: the next revision, accepted; flags and bands recomputed."""
    return retrying(lambda: _accept_once(store, actor, figure_id, why), f"accept {figure_id}")


def _accept_once(store: Store, actor: Actor, figure_id: str, why: str) -> pd.DataFrame:
    with store.transaction() as conn:
        proposal = _proposal(conn, figure_id)
        require_reviewer_of(actor, str(proposal["entered_by"].iloc[0]))
        _decide(conn, proposal, actor.name, why, ACCEPTED)
        store.after_change(conn, proposal)
    return proposal


def reject(store: Store, actor: Actor, figure_id: str, why: str) -> pd.DataFrame:
    """Refuse a proposal with a reason: the next revision, rejected, never public."""
    return retrying(lambda: _reject_once(store, actor, figure_id, why), f"reject {figure_id}")


def _reject_once(store: Store, actor: Actor, figure_id: str, why: str) -> pd.DataFrame:
    with store.transaction() as conn:
        proposal = _proposal(conn, figure_id)
        require_reviewer_of(actor, str(proposal["entered_by"].iloc[0]))
        _decide(conn, proposal, actor.name, why, REJECTED)
    return proposal


def preview(store: Store, figure_id: str) -> Preview:
    """What accepting the proposal would change, computed by accepting it in a transaction
    that is then rolled back (nothing is stored; no permission is needed to look)."""
    with store.connect() as conn:
        transaction = conn.begin()
        try:
            proposal = _proposal(conn, figure_id)
            ctx = context_for(store.vocab, store.settings)
            components = sorted(set(component_key(proposal, ctx).dropna().astype(str)))
            flags_before = queue.component_flags(conn, components)
            heads_before = queue.component_headlines(conn, components)
            _decide(conn, proposal, "(preview)", "preview", ACCEPTED)
            store.after_change(conn, proposal)
            flags_after = queue.component_flags(conn, components)
            heads_after = queue.component_headlines(conn, components)
        finally:
            transaction.rollback()
    before_ids = set(flags_before["flag_id"])
    after_ids = set(flags_after["flag_id"])
    return Preview(
        figure_id,
        raised=flags_after[~flags_after["flag_id"].isin(before_ids)].reset_index(drop=True),
        cleared=flags_before[~flags_before["flag_id"].isin(after_ids)].reset_index(drop=True),
        moves=headline_moves(heads_before, heads_after),
    )


SeriesKey = tuple[str, str, str, str, str]


def _by_series(heads: pd.DataFrame) -> dict[SeriesKey, tuple[float, str | None]]:
    out: dict[SeriesKey, tuple[float, str | None]] = {}
    for row in heads.to_dict("records"):
        if row["headline"] is None or pd.isna(row["headline"]):
            continue
        start = row["window_start"]
        key = (
            str(row["metric"]),
            str(row["population"]),
            str(row["location"]),
            str(row["measure"]),
            "" if start is None or pd.isna(start) else str(start)[:10],
        )
        qualifier = row["headline_qualifier"]
        out[key] = (float(row["headline"]), None if pd.isna(qualifier) else str(qualifier))
    return out


def headline_moves(before: pd.DataFrame, after: pd.DataFrame) -> list[HeadlineMove]:
    """The series whose newest headline differs after the change, in series order."""
    old, new = _by_series(before), _by_series(after)
    moves = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            metric, population, location, measure, start = key
            moves.append(
                HeadlineMove(
                    metric, population, location, measure, start, old.get(key), new.get(key)
                )
            )
    return moves
