"""Which echo flags join sources on a card: those holding a figure the card counts, wherever
they are anchored (the reader sees the sources listed; the count must speak of those)."""

from __future__ import annotations

import pandas as pd

from tests.views.test_headline_series import SUMMARY, bands, claims
from tracker.domain.filters import Filters
from tracker.views.overview import Card, build_cards


def echo(anchor: str, figures: dict[str, str]) -> dict:
    """An echo flag of the killed metric at ``anchor`` over ``figures`` (figure id → source)."""
    return {
        "metric": "killed",
        "population": "all",
        "location": anchor,
        "flag_id": "FL-echo-" + "-".join(figures),
        "figure_ids": ";".join(figures),
        "sources": ";".join(figures.values()),
    }


def card_with(vocab, *flags: dict) -> Card:
    echoes = pd.DataFrame(list(flags), columns=list(echo("SY", {}).keys()))
    cards = build_cards(SUMMARY, claims(), bands(), echoes, pd.DataFrame(), Filters(), vocab)
    return cards[0]


def test_an_echo_of_a_counted_figure_joins_its_sources_wherever_it_is_anchored(vocab):
    # SNHR's 120 (figure B, Dar'a) repeats SOHR's figure for Syria: flagged at Syria
    c = card_with(vocab, echo("SY", {"Z": "sohr", "B": "snhr"}))
    assert (c.n_sources, c.n_independent) == (2, 1)
    assert c.echoed == [["snhr", "sohr"]]


def test_an_echo_of_figures_the_card_does_not_count_joins_nothing(vocab):
    # the same two sources echo each other elsewhere, even at the card's own place
    c = card_with(vocab, echo("SY12", {"Y": "sohr", "Z": "snhr"}))
    assert (c.n_sources, c.n_independent) == (2, 2) and c.echoed == []


def test_an_echo_with_a_source_of_another_window_leaves_the_count_alone(vocab):
    # D is the third source's 27 June count: not in the headline's window, not counted
    c = card_with(vocab, echo("SY12", {"A": "sohr", "D": "x"}))
    assert (c.n_sources, c.n_independent) == (2, 2) and c.echoed == []
