"""The overview card says what its independent-sources count counts, beside the sources it
lists: echoes counted once by name, sources counting from another day named, in English and
Arabic with each plural form."""

from __future__ import annotations

import pytest

from dashboards.pages.overview import cards_of, independent_words
from tests.dashboards.test_pages import text
from tracker.domain.bidi import FSI, PDI
from tracker.domain.filters import Filters
from tracker.views.overview import Card


def displaced(dash_store) -> Card:
    return next(c for c in cards_of(dash_store, Filters()) if c.metric == "displaced")


def test_the_card_names_the_echo_that_makes_two_listed_sources_one(dash_store):
    card = displaced(dash_store)
    listed = [f["source"] for f in card.source_figures]
    assert listed == ["unhcr", "unattributed", "un-ocha"]  # three sources shown
    assert text(independent_words(card, dash_store.vocab, "en")) == (
        "1 independent source (of 2 reporting; UNHCR, Unattributed gave one figure, an echo;"
        " OCHA: counted from another day)"
    )


def test_the_same_words_in_arabic_with_each_name_isolated(dash_store):
    words = text(independent_words(displaced(dash_store), dash_store.vocab, "ar"))
    assert words.startswith("مصدر مستقل واحد")
    assert "من أصل مصدرَين" in words  # the dual, not "2 مصادر"
    assert f"{FSI}المفوضية{PDI}، {FSI}غير منسوب{PDI}: رقم واحد منقول" in words
    assert f"{FSI}أوتشا{PDI}: العدّ من يوم بدء آخر" in words
    assert not any(c.isascii() and c.isalpha() for c in words)  # no English left


def test_a_card_without_echoes_or_other_days_says_only_the_count(dash_store):
    card = next(c for c in cards_of(dash_store, Filters()) if c.metric == "idps")
    assert text(independent_words(card, dash_store.vocab, "en")) == "2 independent sources"
    assert text(independent_words(card, dash_store.vocab, "ar")) == "مصدران مستقلان"


@pytest.mark.parametrize(
    ("n", "en", "ar"),
    [
        (1, "1 independent source", "مصدر مستقل واحد"),
        (2, "2 independent sources", "مصدران مستقلان"),
        (3, "3 independent sources", "\u20663\u2069 مصادر مستقلة"),
        (11, "11 independent sources", "\u206611\u2069 مصدراً مستقلاً"),
        (100, "100 independent sources", "\u2066100\u2069 مصدر مستقل"),
    ],
)
def test_the_count_takes_each_plural_form(dash_store, n, en, ar):
    sources = [f"s{i}" for i in range(n)]
    card = Card(metric="killed", population="all", location="SY", measure="flow",
                n_claims=n, n_series=1, series_figures=n)  # fmt: skip
    card.n_sources = card.n_independent = len(sources)
    assert text(independent_words(card, dash_store.vocab, "en")) == en
    assert text(independent_words(card, dash_store.vocab, "ar")) == ar


def test_of_how_many_reporting_takes_the_arabic_plural(dash_store):
    card = Card(metric="killed", population="all", location="SY", measure="flow",
                n_claims=3, n_series=1, series_figures=3)  # fmt: skip
    card.n_sources, card.n_independent, card.echoed = 3, 2, [["a", "b"]]
    assert "من أصل \u20663\u2069 مصادر" in text(independent_words(card, dash_store.vocab, "ar"))
    assert "(of 3 reporting; a, b gave one figure, an echo)" in text(
        independent_words(card, dash_store.vocab, "en")
    )


def test_why_the_count_differs_is_folded_under_it(dash_store):
    """The count stays on the card's line; its explanation opens on a click (the brief must
    fit one screen)."""
    (fold,) = independent_words(displaced(dash_store), dash_store.vocab, "en")
    summary, why = fold.children
    assert type(fold).__name__ == "Details" and type(summary).__name__ == "Summary"
    assert text(summary) == "1 independent source" and text(why).startswith("(of 2 reporting")
