"""Arrows are words of the page's direction: in Arabic "forward" points left."""

from __future__ import annotations

from dashboards.components.query import parse_query
from dashboards.components.shell import active_filters, pager
from tests.dashboards.test_pages import text
from tracker.views.format import LRI, PDI


def test_the_pager_says_previous_and_next_with_arrows_of_the_pages_direction():
    for lang, prev, nxt in (("en", "← Previous", "Next →"), ("ar", "→ السابق", "التالي ←")):
        nav = pager("/figures", {}, 2, 3, lang, "")
        assert (text(nav.children[0]), text(nav.children[2])) == (prev, nxt)


def test_a_date_filter_reads_from_its_first_day_in_arabic(vocab):
    query = parse_query({"from": "2018-06-19", "to": "2018-07-31", "lang": "ar"}, vocab)
    assert active_filters(vocab, query)[-1] == f"{LRI}2018-06-19{PDI} ← {LRI}2018-07-31{PDI}"
    english = parse_query({"from": "2018-06-19", "to": "2018-07-31"}, vocab)
    assert active_filters(vocab, english)[-1] == "2018-06-19 → 2018-07-31"
