"""Which window a card's headline speaks for: the documented headline-series rule (#11).

A metric's main series (population and place, :mod:`tracker.views.series`) holds claims counted
from different starts: "since 19 June", "on 27 June", a stock at a date. A briefing needs the
count of the whole episode, so the card's headline series is, among the comparable claims
(one-day counts left out when longer windows exist):

1. a window that starts at the start of a claim's episode (stated or assumed), first;
2. then the most distinct sources;
3. then the longest window (newest period end minus start);
4. then the newest report.

Casualties: civilians get their own card next to all people's whenever civilians are counted
(for the metrics in ``CIVILIAN_CARD_METRICS``), so the civilian toll of an offensive is never a
click away behind a filter (:func:`with_civilian_cards`).

Every field of the card (range of the sources' newest figures, independent sources, newest
report, the sources named) is computed from the claims of that one window, so no field speaks
for another series than the headline. See docs/headline.md.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from tracker.domain.vocabularies import Vocabularies
from tracker.views.format import claim_words, fmt_count, missing

#: Casualty metrics whose civilian series gets a card of its own next to all people's.
CIVILIAN_CARD_METRICS = ("killed", "injured")
CIVILIANS = "civilians"


def headline_words(
    vocab: Vocabularies, qualifier: Any, value: Any, value_high: Any, lang: str
) -> str:
    """A headline in the source's words, the one wording every place that shows a headline
    uses (the overview's card, the map, the review queue): "between 150 and 200" for a range
    whose top is known, "at least 44", "about 126", "hundreds"; a plain number when the source
    gave no qualifier, or a range whose top is not at hand (never a made-up top); "—" when
    there is no headline."""
    if missing(value):
        return "—"
    if missing(qualifier) or (str(qualifier) == "range" and missing(value_high)):
        return fmt_count(value, lang)
    return claim_words(vocab, str(qualifier), value, value_high, lang)


def window_ranks(comparable: pd.DataFrame, vocab: Vocabularies) -> pd.DataFrame:
    """Per (metric, wkey) of annotated comparable claims: the criteria of the rule above
    (from_episode, n_sources, span_days, newest), best first within each metric."""
    if comparable.empty:
        return pd.DataFrame(columns=["metric", "wkey", "from_episode", "n_sources"])
    starts = pd.Series(vocab.episode_start, dtype="datetime64[ns]")
    episode_start = comparable["episode"].map(starts) if "episode" in comparable else None
    # wkey is YYYY-MM-DD, 'open' or 'stock': read with its format (a guessed one fell back
    # to parsing each key alone when the first was 'open', and warned)
    key_date = pd.to_datetime(comparable["wkey"], format="%Y-%m-%d", errors="coerce")
    from_episode = (
        (key_date == pd.to_datetime(episode_start)).fillna(False)
        if episode_start is not None
        else pd.Series(False, index=comparable.index)
    )
    span = (pd.to_datetime(comparable["period_end"]) - key_date).dt.days.fillna(0)
    frame = comparable.assign(
        _from_episode=from_episode.astype(bool),
        _span=span,
        _reported=pd.to_datetime(comparable["reported_on"]),
    )
    ranks = frame.groupby(["metric", "wkey"], as_index=False).agg(
        from_episode=("_from_episode", "any"),
        n_sources=("source", "nunique"),
        span_days=("_span", "max"),
        newest=("_reported", "max"),
    )
    return ranks.sort_values(
        ["metric", "from_episode", "n_sources", "span_days", "newest"],
        ascending=[True, False, False, False, False],
        kind="mergesort",
    )


def headline_windows(comparable: pd.DataFrame, vocab: Vocabularies) -> dict[str, str]:
    """Per metric, the window start (wkey) of its headline series by the rule above."""
    ranks = window_ranks(comparable, vocab)
    best = ranks.drop_duplicates("metric")
    return dict(zip(best["metric"], best["wkey"], strict=True))


def with_civilian_cards(cards: list, civilian_cards: list) -> list:
    """``cards`` with, right after each casualty card that is not already the civilians', the
    civilians' card of the same metric (from ``civilian_cards``, built with population
    civilians)."""
    extra = {
        c.metric: c
        for c in civilian_cards
        if c.metric in CIVILIAN_CARD_METRICS and c.population == CIVILIANS
    }
    out = []
    for card in cards:
        out.append(card)
        civ = extra.get(card.metric)
        if civ is not None and card.population != CIVILIANS:
            civ.extra = True
            out.append(civ)
    return out


#: What a one-minute brief on an episode leads with, in this order (the rest follow).
BRIEF_METRICS = ("displaced", "killed", "at_border", "refugees")


def brief_first(cards: list) -> tuple[list, list]:
    """The episode brief's cards (BRIEF_METRICS, civilians beside all people) and the rest,
    each in the vocabulary's order."""
    lead = [c for c in cards if c.metric in BRIEF_METRICS]
    lead.sort(key=lambda c: BRIEF_METRICS.index(c.metric))  # stable: civilians stay beside
    return lead, [c for c in cards if c.metric not in BRIEF_METRICS]
