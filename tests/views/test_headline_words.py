"""One wording of a headline (#U1): the card's big number, the map's symbol and the review
queue say a headline with the qualifier and both ends of a range the source gave."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboards.components.query import parse_query
from dashboards.pages.overview import card_view
from tests.dashboards.test_pages import text
from tests.views.test_headline_series import SUMMARY, bands, claims, range_card
from tracker.domain.filters import Filters
from tracker.views.headline import headline_words
from tracker.views.map import symbol_trace
from tracker.views.overview import build_card

BETWEEN = {"en": "150–200", "ar": "بين 150 و200"}


def plain(words: str) -> str:
    """Text without the bidi isolation marks Arabic pages put around numbers."""
    return "".join(ch for ch in words if ch not in "\u2066\u2067\u2068\u2069")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_card_shows_the_range_the_headline_says(vocab, lang):
    card = range_card(vocab)
    said = headline_words(
        vocab, card.headline_qualifier, card.headline, card.headline_value_high, lang
    )
    assert BETWEEN[lang] in plain(said)
    shown = text(card_view(card, vocab, parse_query({"lang": lang}, vocab)))
    assert said in shown


@pytest.mark.parametrize(
    ("qualifier", "value", "high", "en"),
    [
        ("at_least", 44, None, "at least 44"),
        ("approx", 126, None, "about 126"),
        ("range", 150, 200, "150–200"),
        ("magnitude", 100, None, "hundreds"),
        ("exact", 65, None, "65"),
        (None, 65, None, "65"),
        ("range", 150, None, "150"),  # a top not at hand is never made up
    ],
)
def test_a_headline_keeps_its_qualifier(vocab, qualifier, value, high, en):
    assert headline_words(vocab, qualifier, value, high, "en") == en


def test_the_card_and_the_map_say_a_qualified_headline_alike(vocab):
    card = build_card("killed", SUMMARY, claims(), bands(), [], pd.DataFrame(), Filters(), vocab)
    assert card is not None
    for lang in ("en", "ar"):
        said = headline_words(vocab, card.headline_qualifier, card.headline, None, lang)
        assert text(card_view(card, vocab, parse_query({"lang": lang}, vocab))).count(said)
        points = pd.DataFrame(
            {"location": ["SY12"], "headline": [card.headline], "date": [card.headline_date],
             "headline_qualifier": [card.headline_qualifier]}
        )  # fmt: skip
        trace = symbol_trace(points, pd.Series(dtype=int), vocab, lang, {"open_flags": "x"})
        assert said in trace["hovertext"][0]


def test_the_review_queue_says_a_headline_as_the_card_does(vocab):
    from types import SimpleNamespace

    from dashboards.workspace.queue import headline_text

    dash_store = SimpleNamespace(vocab=vocab)  # the queue reads only the store's words

    for qualifier in ("magnitude", "at_least", "approx"):
        assert headline_text(dash_store, (100.0, qualifier), "en") == headline_words(
            vocab, qualifier, 100.0, None, "en"
        )
    assert headline_text(dash_store, (100.0, "magnitude"), "en") == "hundreds"
