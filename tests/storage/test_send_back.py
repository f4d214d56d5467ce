"""Sending a proposal back with a comment, resubmitting and withdrawing it, on SQLite and
PostgreSQL: each step a revision (history kept), roles checked by the service."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.storage.test_review import ALICE, BOB, CONTRADICTING, one_figure, public_state, published
from tracker.domain.revisions import RevisionError
from tracker.domain.roles import Actor, PermissionDenied, Role
from tracker.service import review
from tracker.service.store import Store
from tracker.storage import tables

CAROL = Actor("carol", Role.ANALYST)


def revisions(store: Store, figure_id: str) -> list[tuple]:
    F = tables.figures
    query = select(F.c.revision, F.c.review_status, F.c.current, F.c.value, F.c.why)
    with store.connect() as conn:
        return list(conn.execute(query.where(F.c.figure_id == figure_id).order_by(F.c.revision)))


def proposed(store: Store) -> None:
    published(store)
    store.import_file(one_figure(CONTRADICTING), propose=True, actor=ALICE)


def test_a_reviewer_sends_back_the_author_resubmits_another_accepts(store: Store) -> None:
    proposed(store)
    before = public_state(store)
    review.send_back(store, BOB, "P001", "which page says 100?")
    assert review.pending(store).empty
    back = review.returned(store, author="alice")
    assert list(back["figure_id"]) == ["P001"] and back["why"].iloc[0] == "which page says 100?"
    assert public_state(store) == before  # nothing public moved
    review.resubmit(store, ALICE, "P001", {"value": "101"}, "the 1 July page says 101")
    assert review.returned(store).empty and list(review.pending(store)["figure_id"]) == ["P001"]
    review.accept(store, BOB, "P001", "checked")
    history = revisions(store, "P001")
    assert [(r[0], r[1], r[2]) for r in history] == [
        (1, "proposed", False),
        (2, "returned", False),
        (3, "proposed", False),
        (4, "accepted", True),
    ]
    assert history[1][4] == "which page says 100?" and float(history[3][3]) == 101


def test_an_analyst_cannot_send_back_nor_the_author_their_own(store: Store) -> None:
    proposed(store)
    with pytest.raises(PermissionDenied, match="may not review"):
        review.send_back(store, CAROL, "P001", "no")
    reviewer_alice = Actor("alice", Role.REVIEWER)
    with pytest.raises(PermissionDenied, match="another reviewer"):
        review.send_back(store, reviewer_alice, "P001", "no")
    with pytest.raises(RevisionError, match="--why is required"):
        review.send_back(store, BOB, "P001", " ")
    assert list(review.pending(store)["figure_id"]) == ["P001"]


def test_only_the_author_resubmits_or_withdraws_and_the_author_cannot_accept(
    store: Store,
) -> None:
    proposed(store)
    review.send_back(store, BOB, "P001", "wrong place")
    with pytest.raises(PermissionDenied, match="only its author"):
        review.resubmit(store, CAROL, "P001", {"value": "90"}, "fixed")
    with pytest.raises(PermissionDenied, match="only its author"):
        review.withdraw(store, BOB, "P001", "gone")
    with pytest.raises(RevisionError, match="no proposal of figure"):
        review.accept(store, BOB, "P001")  # returned: not in the queue
    review.withdraw(store, ALICE, "P001", "duplicate")
    assert review.returned(store).empty and review.pending(store).empty
    assert [r[1] for r in revisions(store, "P001")] == ["proposed", "returned", "rejected"]
