"""Proposing a revision or a retraction of a published figure, on SQLite and PostgreSQL:
the published figure stays public until another reviewer accepts; acceptance publishes the
revision (or withdraws the figure) with the author's reason in its public history."""

from __future__ import annotations

import pytest

from tests.storage.test_review import ALICE, BOB, public_state, published
from tracker.domain.revisions import RevisionError
from tracker.domain.roles import Actor, PermissionDenied, Role
from tracker.service import proposals, review
from tracker.service.store import Store

VIEWER = Actor("vera", Role.VIEWER)


def value_of(store: Store, figure_id: str) -> float | None:
    current = store.figures()
    row = current[current["figure_id"] == figure_id]
    return None if row.empty else float(row["value"].iloc[0])


def test_a_revision_proposal_is_public_only_once_another_reviewer_accepts(store: Store) -> None:
    published(store)
    before = public_state(store)
    proposals.propose_revision(store, ALICE, "T001", {"value": "130"}, "the report says 130")
    assert public_state(store) == before and value_of(store, "T001") == 126
    assert list(review.pending(store)["figure_id"]) == ["T001"]
    preview = review.preview(store, "T001")
    assert [(m.before, m.after) for m in preview.moves if m.location == "SY12"]
    assert public_state(store) == before  # the preview stored nothing
    with pytest.raises(PermissionDenied, match="another reviewer"):
        review.accept(store, Actor("alice", Role.REVIEWER), "T001")
    review.accept(store, BOB, "T001")
    assert value_of(store, "T001") == 130
    history = store.history("T001", public=True)
    assert list(history["value"].astype(float)) == [126, 130]
    assert history["why"].iloc[-1] == "the report says 130"
    assert history["entered_by"].iloc[-1] == "alice" and history["reviewed_by"].iloc[-1] == "bob"


def test_a_retraction_proposal_withdraws_the_figure_once_accepted(store: Store) -> None:
    published(store)
    proposals.propose_retraction(store, ALICE, "T002", "a duplicate of T001")
    assert value_of(store, "T002") == 214  # still public while proposed
    review.accept(store, BOB, "T002", "checked")
    assert value_of(store, "T002") is None
    history = store.history("T002", public=True)
    assert list(history["status"]) == ["active", "retracted"]
    assert history["why"].iloc[-1] == "a duplicate of T001 — checked"


def test_rejecting_a_proposed_change_leaves_the_figure_and_frees_it(store: Store) -> None:
    published(store)
    proposals.propose_revision(store, ALICE, "T001", {"value": "130"}, "130?")
    review.reject(store, BOB, "T001", "the report says 126")
    assert value_of(store, "T001") == 126 and review.pending(store).empty
    store.revise("T001", {"value": "127"}, "a direct revision", actor=BOB)  # no clash
    assert value_of(store, "T001") == 127


def test_rules_of_proposing_a_change(store: Store) -> None:
    published(store)
    with pytest.raises(PermissionDenied, match="may not propose"):
        proposals.propose_retraction(store, VIEWER, "T001", "no")
    with pytest.raises(RevisionError, match="--why is required"):
        proposals.propose_revision(store, ALICE, "T001", {"value": "130"}, " ")
    with pytest.raises(RevisionError, match="not valid"):
        proposals.propose_revision(store, ALICE, "T001", {"value": "-5"}, "typo")
    with pytest.raises(RevisionError, match="no figure with id"):
        proposals.propose_retraction(store, ALICE, "NOPE", "gone")
    proposals.propose_retraction(store, ALICE, "T001", "wrong source")
    with pytest.raises(RevisionError, match="has a proposal proposed"):
        proposals.propose_revision(store, ALICE, "T001", {"value": "130"}, "again")
    with pytest.raises(RevisionError, match="has a proposal proposed"):
        store.revise("T001", {"value": "130"}, "direct", actor=BOB)
    assert len(review.pending(store)) == 1 and value_of(store, "T001") == 126


def test_a_retraction_sent_back_is_resubmitted_with_a_new_reason(store: Store) -> None:
    published(store)
    proposals.propose_retraction(store, ALICE, "T002", "wrong")
    review.send_back(store, BOB, "T002", "say which figure it duplicates")
    assert proposals.open_state(store, "T002") == "returned"
    review.resubmit(store, ALICE, "T002", {}, "a duplicate of T001 (same SNHR report)")
    assert list(review.pending(store)["status"]) == ["retracted"]
    review.accept(store, BOB, "T002")
    assert value_of(store, "T002") is None
    assert store.history("T002", public=True)["why"].iloc[-1].startswith("a duplicate of T001")
