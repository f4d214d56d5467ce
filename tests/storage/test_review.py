"""Proposals, review and the public filter, on SQLite and on PostgreSQL (DESIGN.md §6).

A proposal is stored and validated but reaches no public read (figures, downloads, flags,
bands, summaries, pages) until a reviewer who is not its author accepts it; accepting and
rejecting are revisions; a preview stores nothing.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select, text

from tracker.domain.revisions import RevisionError
from tracker.domain.roles import Actor, PermissionDenied, Role
from tracker.ingest.readers import FigureFile, read_figure_file
from tracker.publish import DownloadOptions, download_pieces
from tracker.service import review
from tracker.service.store import Store
from tracker.storage import tables

FIXTURES = Path(__file__).parents[1] / "fixtures"
ALICE = Actor("alice", Role.ANALYST)
BOB = Actor("bob", Role.REVIEWER)
ROOT = Actor("root", Role.ADMIN)
CONTRADICTING = {  # SOHR's own cumulative count falling from about 126 to about 100
    "figure_id": "P001",
    "reported_on": "2018-07-01",
    "source": "sohr",
    "metric": "killed",
    "population": "civilians",
    "location": "SY12",
    "period_start": "2018-06-19",
    "period_end": "2018-06-30",
    "qualifier": "approx",
    "value": "100",
}


def one_figure(row: dict[str, str]) -> FigureFile:
    return FigureFile(pd.DataFrame([row]).astype("string"), Path("proposal"), [])


def published(store: Store) -> pd.DataFrame:
    store.import_file(read_figure_file(FIXTURES / "good_figures.csv"), actor=ROOT)
    return store.figures()


def figures_csv(store: Store) -> pd.DataFrame:
    data = b"".join(download_pieces(store, "figures.csv", DownloadOptions())).decode()
    return pd.read_csv(io.StringIO(data), dtype=str, keep_default_na=False)


def public_state(store: Store) -> tuple:
    """Everything a public read shows: figures, flags, bands, summaries, figures.csv."""
    with store.connect() as conn:
        summaries = conn.execute(select(tables.series_sources)).fetchall()
    return (
        store.figures().to_csv(),
        store.flags().to_csv(),
        store.bands().to_csv(),
        sorted(map(tuple, summaries)),
        figures_csv(store).to_csv(),
    )


def test_a_proposal_reaches_no_public_read(store: Store) -> None:
    published(store)
    before = public_state(store)
    result = store.import_file(one_figure(CONTRADICTING), propose=True, actor=ALICE)
    assert result.plan.ok and result.stored == 1
    assert public_state(store) == before
    queue = review.pending(store)
    assert list(queue["figure_id"]) == ["P001"]
    assert queue["review_status"].iloc[0] == "proposed" and queue["entered_by"].iloc[0] == "alice"


def test_the_reviewer_accepts_and_the_figure_is_public_with_both_names(store: Store) -> None:
    published(store)
    store.import_file(one_figure(CONTRADICTING), propose=True, actor=ALICE)
    review.accept(store, BOB, "P001", "checked against SOHR's site")
    assert "P001" in set(store.figures()["figure_id"])
    row = figures_csv(store).set_index("figure_id").loc["P001"]
    assert (row["entered_by"], row["reviewed_by"], row["review_status"]) == (
        "alice",
        "bob",
        "accepted",
    )
    assert any("P001" in ids.split(";") for ids in store.flags()["figure_ids"])
    history = store.history("P001")
    assert list(history["review_status"]) == ["proposed", "accepted"]
    assert list(history["current"]) == [False, True]
    assert history["why"].iloc[1] == "checked against SOHR's site"
    assert review.pending(store).empty


def test_nobody_accepts_their_own_proposal_and_analysts_accept_none(store: Store) -> None:
    published(store)
    store.import_file(one_figure(CONTRADICTING), propose=True, actor=BOB)
    with pytest.raises(PermissionDenied, match="another reviewer"):
        review.accept(store, BOB, "P001", "mine")
    with pytest.raises(PermissionDenied, match="analyst role may not review"):
        review.accept(store, ALICE, "P001", "ok")
    with pytest.raises(PermissionDenied):
        review.reject(store, ALICE, "P001", "no")
    assert "P001" not in set(store.figures()["figure_id"])
    assert list(store.history("P001")["review_status"]) == ["proposed"]


def test_analysts_propose_but_do_not_publish(store: Store) -> None:
    with pytest.raises(PermissionDenied, match="may not publish"):
        store.import_file(one_figure(CONTRADICTING), actor=ALICE)
    with pytest.raises(PermissionDenied):
        store.import_file(one_figure(CONTRADICTING), propose=True, actor=Actor("v", Role.VIEWER))
    assert store.count() == 0 and review.pending(store).empty


def test_a_rejection_is_a_revision_and_stays_private(store: Store) -> None:
    published(store)
    before = public_state(store)
    store.import_file(one_figure(CONTRADICTING), propose=True, actor=ALICE)
    with pytest.raises(RevisionError, match="--why is required"):
        review.reject(store, BOB, "P001", " ")
    review.reject(store, BOB, "P001", "SOHR never said this")
    assert public_state(store) == before
    history = store.history("P001")
    assert list(history["review_status"]) == ["proposed", "rejected"]
    assert history["reviewed_by"].iloc[1] == "bob" and not history["current"].any()
    assert review.pending(store).empty
    with pytest.raises(RevisionError, match="no proposal"):
        review.accept(store, BOB, "P001", "changed my mind")


def test_the_preview_shows_the_flag_and_the_headline_move_and_stores_nothing(
    store: Store,
) -> None:
    published(store)
    store.import_file(one_figure(CONTRADICTING), propose=True, actor=ALICE)
    version = store.data_version()
    state = public_state(store)
    preview = review.preview(store, "P001")
    assert store.data_version() == version and public_state(store) == state
    assert "regression" in set(preview.raised["rule"])
    moves = {(m.location, m.window_start): (m.before, m.after) for m in preview.moves}
    # SOHR's own count falls: both its claims contradict, the series keeps no headline
    assert moves[("SY12", "2018-06-19")] == ((126.0, "approx"), None)
    review.accept(store, BOB, "P001", "ok")
    assert set(preview.raised["flag_id"]) <= set(store.flags()["flag_id"])


def test_an_older_database_is_upgraded_with_every_figure_accepted(store: Store) -> None:
    published(store)
    with store.transaction() as conn:  # take the database back to schema version 3
        conn.execute(text("DROP INDEX ix_figures_review"))
        conn.execute(text("ALTER TABLE figures DROP COLUMN review_status"))
        conn.execute(text("ALTER TABLE figures DROP COLUMN reviewed_by"))
        conn.execute(text("DROP TABLE users"))
        conn.execute(text("DROP TABLE login_failures"))
        conn.execute(text("UPDATE tracker_meta SET value = '3' WHERE key = 'schema_version'"))
    assert store.upgrade() == (3, tables.SCHEMA_VERSION)  # 4: review, 5: headline sources
    history = store.history("T001")
    assert list(history["review_status"]) == ["accepted"] and history["reviewed_by"].isna().all()
    assert set(figures_csv(store)["review_status"]) == {"accepted"}
    store.import_file(one_figure(CONTRADICTING), propose=True, actor=ALICE)
    assert list(review.pending(store)["figure_id"]) == ["P001"]
