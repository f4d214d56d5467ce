"""The public history of a reviewed figure names who entered it and who accepted it, with the
reason each gave and what each revision changed, in both languages (as `tracker history`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboards.pages import figures
from tests.dashboards.test_pages import text
from tests.storage.test_review import one_figure
from tracker.domain.roles import Actor, Role
from tracker.ingest.readers import read_figure_file
from tracker.service import review
from tracker.service.store import Store

DATA = Path(__file__).parents[2] / "data"
LAYLA, OMAR = Actor("layla", Role.ANALYST), Actor("omar", Role.REVIEWER)
ROW = {
    "source": "sohr",
    "metric": "killed",
    "population": "civilians",
    "location": "SY12",
    "reported_on": "2018-07-02",
    "qualifier": "approx",
    "value": "150",
}


def said(store: Store, figure: str, lang: str = "en") -> str:
    """The history panel's words as read (no space before a comma or a colon)."""
    words = " ".join(text(figures.layout(store, figure=figure, lang=lang)).split())
    return re.sub(r" ([,:،])", r"\1", words)


@pytest.fixture
def reviewed(sqlite_url: str) -> Iterator[tuple[Store, str]]:
    store = Store(sqlite_url)
    store.upgrade()
    store.import_file(read_figure_file(DATA / "seed" / "figures.csv"))
    result = store.import_file(one_figure(ROW), propose=True, actor=LAYLA, why="SOHR daily toll")
    figure = str(result.plan.new["figure_id"].iloc[0])
    review.accept(store, OMAR, figure, "checked against the SOHR page")
    yield store, figure
    store.close()


def test_the_history_names_the_author_and_the_reviewer_with_their_reasons(reviewed) -> None:
    store, figure = reviewed
    words = said(store, figure)
    assert "by layla, accepted by omar" in words
    assert "Why: SOHR daily toll" in words
    assert "Why accepted: checked against the SOHR page" in words
    assert "What changed: first entry" in words


def test_the_history_in_arabic_names_them_too(reviewed) -> None:
    store, figure = reviewed
    words = said(store, figure, "ar")
    assert "بواسطة layla، وقبله omar" in words
    assert "السبب: SOHR daily toll" in words
    assert "سبب القبول: checked against the SOHR page" in words


def test_a_revision_says_what_it_changed_since_the_public_one_before(reviewed) -> None:
    store, figure = reviewed
    store.revise(figure, {"value": "170"}, "SOHR corrected", actor=OMAR)
    words = said(store, figure)
    assert "value: 150 → 170" in words
    assert "Why: SOHR corrected" in words
