"""The episode filter: its area and dates, the same for pages, downloads and the CLI (#11)."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.filters import FILTER_NAMES, FilterError, parse_filters


def test_an_episode_narrows_to_its_area_and_start(vocab):
    f = parse_filters({"episode": "daraa-2018"}, vocab)
    assert f.episode == ("daraa-2018",)
    assert f.location == ("SY12",) and f.date_from == date(2018, 6, 19) and f.date_to is None
    assert f.as_params() == {"episode": "daraa-2018"}  # the area and dates follow from it
    assert parse_filters(f.as_params(), vocab) == f  # a link keeps the same view


def test_a_chosen_place_or_later_from_wins_over_the_episodes(vocab):
    f = parse_filters({"episode": "daraa-2018", "location": "SY1200", "from": "2018-07-01"}, vocab)
    assert f.location == ("SY1200",) and f.date_from == date(2018, 7, 1)
    assert f.as_params() == {"location": "SY1200", "from": "2018-07-01", "episode": "daraa-2018"}
    assert parse_filters(f.as_params(), vocab) == f


def test_an_unknown_episode_is_named(vocab):
    with pytest.raises(FilterError, match="unknown episode 'daraa'"):
        parse_filters({"episode": "daraa"}, vocab)
    assert "episode" in FILTER_NAMES
