"""Proposing a revision or a retraction of a published figure (DESIGN.md §6).

Rules (checked here, whatever the caller: CLI, workspace or a script):

* Anyone who may propose (analysts and up) proposes; the proposal is the figure's next
  revision, ``proposed`` and never current: the published revision stays public, unchanged,
  until a reviewer who is not the proposal's author accepts it
  (:func:`tracker.service.review.accept`), which makes it the current revision (a retraction
  proposal: the figure is withdrawn) and recomputes flags and bands.
* A revision proposal is validated by the one schema, as ``tracker revise``; a retraction
  proposal keeps the values and carries the status ``retracted``. Both need a reason.
* One open proposal per figure: while one awaits review or its author, the figure is not
  proposed again, nor revised or retracted directly.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy.engine import Connection

from tracker.domain.revisions import RevisionError, check_reason, revised_figure
from tracker.domain.roles import PROPOSED, Action, Actor, require
from tracker.service.store import Store
from tracker.storage import figures as figure_rows
from tracker.storage import review as queue

RETRACTED = "retracted"


def _reason(why: str) -> str:
    if not why or not why.strip():
        raise RevisionError("--why is required: say why the figure should change")
    check_reason(why)
    return why.strip()


def _published(store: Store, conn: Connection, figure_id: str) -> pd.DataFrame:
    current = store.lock_published(conn, figure_id)
    if str(current["status"].iloc[0]) == RETRACTED:
        raise RevisionError(f"figure {figure_id} is retracted; it cannot be revised")
    return current


def propose_revision(
    store: Store,
    actor: Actor,
    figure_id: str,
    changes: dict[str, str],
    why: str,
    today: date | None = None,
) -> pd.DataFrame:
    """Store the figure's next revision as a proposal (the published one stays public)."""
    require(actor, Action.PROPOSE)
    reason = _reason(why)
    with store.transaction() as conn:
        current = _published(store, conn, figure_id)
        revised = revised_figure(
            current, changes, store.vocab, today or date.today(), store.settings.tau
        )
        _store(conn, revised, actor, reason, "active")
    return revised


def propose_retraction(store: Store, actor: Actor, figure_id: str, why: str) -> pd.DataFrame:
    """Store a proposal to withdraw the figure: its values, the status ``retracted``."""
    require(actor, Action.PROPOSE)
    reason = _reason(why)
    with store.transaction() as conn:
        current = _published(store, conn, figure_id)
        _store(conn, current, actor, reason, RETRACTED)
    return current


def _store(conn: Connection, figure: pd.DataFrame, actor: Actor, why: str, status: str) -> None:
    figure_id = str(figure["figure_id"].iloc[0])
    figure_rows.insert_revisions(
        conn,
        figure,
        who=actor.name,
        why=why,
        batch=None,
        revision=queue.newest_revision(conn, figure_id) + 1,
        status=status,
        review_status=PROPOSED,
    )


def open_state(store: Store, figure_id: str) -> str | None:
    """``proposed`` or ``returned`` while a proposal of the figure is open, else None."""
    with store.connect() as conn:
        return queue.open_proposal(conn, figure_id)
