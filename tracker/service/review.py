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
* Sending back is a revision too: the next revision, ``returned``, never current, its
  ``why`` the reviewer's comment; only a reviewer who is not the author sends back. The
  author then resubmits (:func:`tracker.service.store.Store` ``propose`` writes a new
  proposal revision superseding it) or withdraws it (a ``rejected`` revision by the author).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy.engine import Connection

from tracker.domain.revisions import RevisionError, check_reason, revised_figure
from tracker.domain.roles import (
    ACCEPTED,
    PROPOSED,
    REJECTED,
    RETURNED,
    Actor,
    PermissionDenied,
    require_reviewer_of,
)
from tracker.service import consequences
from tracker.service.consequences import Consequences
from tracker.service.store import Store
from tracker.service.writing import retrying
from tracker.storage import figures as figure_rows
from tracker.storage import review as queue


@dataclass
class Preview(Consequences):
    """What accepting a proposal would change."""

    figure_id: str = ""
    #: "new" (a figure not yet published), "revision" or "retraction" of a published one
    change: str = "new"


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
        raise RevisionError(
            "--why is required: say why the proposal is accepted, rejected or sent back"
        )
    figure_id = str(proposal["figure_id"].iloc[0])
    if status == ACCEPTED:
        why = _public_reason(conn, proposal, why)
        figure_rows.retire(conn, [figure_id])
    figure_rows.insert_revisions(
        conn,
        proposal,
        who=str(proposal["entered_by"].iloc[0]),
        why=why,
        batch=None,
        revision=queue.newest_revision(conn, figure_id) + 1,
        status=_status(proposal),
        review_status=status,
        reviewed_by=who,
    )


def _status(proposal: pd.DataFrame) -> str:
    """The proposal's figure status: ``retracted`` for a retraction proposal, else active."""
    status = proposal["status"].iloc[0] if "status" in proposal else None
    return "active" if status is None or pd.isna(status) else str(status)


def _public_reason(conn: Connection, proposal: pd.DataFrame, why: str) -> str:
    """An accepted change of a published figure keeps its author's reason (the public
    history shows it), followed by the reviewer's when they gave one."""
    author_why = proposal["why"].iloc[0] if "why" in proposal else None
    figure_id = str(proposal["figure_id"].iloc[0])
    if author_why is None or pd.isna(author_why) or queue.published(conn, figure_id).empty:
        return why
    return str(author_why) if why == "accepted" else f"{author_why} — {why}"


def _touched(conn: Connection, proposal: pd.DataFrame) -> pd.DataFrame:
    """The proposal and the published revision it replaces (both series are recomputed)."""
    published = queue.published(conn, str(proposal["figure_id"].iloc[0]))
    return pd.concat([published, proposal], ignore_index=True) if not published.empty else proposal


def accept(store: Store, actor: Actor, figure_id: str, why: str = "accepted") -> pd.DataFrame:
    """Publish a proposal: the next revision, accepted; flags and bands recomputed."""
    return retrying(lambda: _accept_once(store, actor, figure_id, why), f"accept {figure_id}")


def _accept_once(store: Store, actor: Actor, figure_id: str, why: str) -> pd.DataFrame:
    with store.transaction() as conn:
        proposal = _proposal(conn, figure_id)
        require_reviewer_of(actor, str(proposal["entered_by"].iloc[0]))
        touched = _touched(conn, proposal)
        _decide(conn, proposal, actor.name, why, ACCEPTED)
        store.after_change(conn, touched)
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


def send_back(store: Store, actor: Actor, figure_id: str, comment: str) -> pd.DataFrame:
    """Return a proposal to its author with a comment: the next revision, ``returned``,
    never public; the proposal leaves the queue until its author resubmits it."""
    with store.transaction() as conn:
        proposal = _proposal(conn, figure_id)
        require_reviewer_of(actor, str(proposal["entered_by"].iloc[0]))
        _decide(conn, proposal, actor.name, comment, RETURNED)
    return proposal


def returned(store: Store, author: str | None = None) -> pd.DataFrame:
    """Proposals sent back and awaiting their author (only ``author``'s when given)."""
    with store.connect() as conn:
        return queue.returned(conn, author)


def _returned_of(conn: Connection, actor: Actor, figure_id: str) -> pd.DataFrame:
    """The figure's proposal sent back, refused to anyone but its author."""
    back = queue.returned(conn)
    back = back[back["figure_id"] == figure_id].reset_index(drop=True)
    if back.empty:
        raise RevisionError(f"figure {figure_id!r} has no proposal sent back")
    if str(back["entered_by"].iloc[0]) != actor.name:
        raise PermissionDenied(
            f"{actor.name} did not enter figure {figure_id}: only its author resubmits "
            "or withdraws it"
        )
    return back


def resubmit(
    store: Store, actor: Actor, figure_id: str, changes: dict[str, str], why: str
) -> pd.DataFrame:
    """The author fixes a proposal sent back: the next revision, proposed again (validated
    by the one schema, as ``revise``), superseding the returned one; back in the queue. A
    retraction proposal keeps its values: only its reason is given anew."""
    check_reason(why)
    with store.transaction() as conn:
        back = _returned_of(conn, actor, figure_id)
        if _status(back) == "retracted":
            fixed = back
            if not why or not why.strip():
                raise RevisionError("--why is required: say why the figure should be retracted")
        else:
            fixed = revised_figure(back, changes, store.vocab, date.today(), store.settings.tau)
        figure_rows.insert_revisions(
            conn,
            fixed,
            who=actor.name,
            why=why,
            batch=None,
            revision=queue.newest_revision(conn, figure_id) + 1,
            status=_status(back),
            review_status=PROPOSED,
        )
    return fixed


def withdraw(store: Store, actor: Actor, figure_id: str, why: str) -> pd.DataFrame:
    """The author withdraws a returned proposal: the next revision, rejected by its author."""
    with store.transaction() as conn:
        back = _returned_of(conn, actor, figure_id)
        _decide(conn, back, actor.name, why, REJECTED)
    return back


def preview(store: Store, figure_id: str) -> Preview:
    """What accepting the proposal would change, computed by accepting it in a transaction
    that is then rolled back (nothing is stored; no permission is needed to look)."""
    with store.connect() as conn:
        transaction = conn.begin()
        try:
            proposal = _proposal(conn, figure_id)
            touched = _touched(conn, proposal)
            change = _change(proposal, len(touched) > len(proposal))
            keys = consequences.components(store, touched)
            before = consequences.snapshot(conn, keys)
            _decide(conn, proposal, "(preview)", "preview", ACCEPTED)
            store.after_change(conn, touched)
            found = consequences.compare(before, consequences.snapshot(conn, keys))
        finally:
            transaction.rollback()
    return Preview(found.raised, found.cleared, found.moves, figure_id=figure_id, change=change)


def _change(proposal: pd.DataFrame, of_published: bool) -> str:
    if not of_published:
        return "new"
    return "retraction" if _status(proposal) == "retracted" else "revision"
