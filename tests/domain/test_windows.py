"""The window a figure counts (domain.windows): the episode-assumed start, written once."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from tracker.domain.windows import (
    NO_DAY,
    count_kinds,
    date_of,
    day_of,
    episode_starts,
    from_days,
    one_day,
    to_days,
    window_start,
    window_starts,
)

EPISODES = pd.DataFrame({"id": ["daraa-2018"], "start": ["2018-06-19"]})


def test_days_round_trip_and_missing_dates():
    days = to_days(["2018-06-19", None, "not a date"])
    assert days[0] == day_of(date(2018, 6, 19)) and days[1] == NO_DAY and days[2] == NO_DAY
    assert str(from_days(days)[0])[:10] == "2018-06-19" and np.isnat(from_days(days)[1])
    assert date_of(days[0]) == date(2018, 6, 19) and date_of(NO_DAY) is None
    assert day_of(None) == NO_DAY


def test_a_flow_keeps_its_start_else_takes_its_episodes_when_not_after_its_end():
    figures = pd.DataFrame(
        {
            "period_start": [None, None, "2018-06-01", None, None, None],
            "period_end": ["2018-06-10", "2018-06-25", "2018-06-25", "2018-06-19", None, None],
            "measure": ["flow", "flow", "flow", "flow", "stock", "flow"],
            "episode": ["daraa-2018", "daraa-2018", "daraa-2018", "daraa-2018", "daraa-2018", "x"],
        }
    )
    start, assumed = window_starts(figures, episode_starts(EPISODES))
    episode = day_of(date(2018, 6, 19))
    assert start.tolist() == [NO_DAY, episode, day_of(date(2018, 6, 1)), episode, NO_DAY, NO_DAY]
    assert assumed.tolist() == [False, True, False, True, False, False]


def test_the_vectorised_rule_on_days():
    start, assumed = window_start(
        np.array([NO_DAY, 5, NO_DAY]),
        np.array([9, 9, 3]),
        np.array([True, False, True]),
        np.array([4, 4, 4]),
    )
    assert start.tolist() == [4, NO_DAY, NO_DAY] and assumed.tolist() == [True, False, False]


def test_episode_starts_skip_missing_and_unreadable_dates():
    frame = pd.DataFrame({"id": ["a", "b", "c"], "start": ["2018-02-18", None, "soon"]})
    assert episode_starts(frame) == {"a": pd.Timestamp("2018-02-18")}
    assert episode_starts(frame.set_index("id")) == {"a": pd.Timestamp("2018-02-18")}


def test_a_daily_count_is_a_flow_over_one_stated_day():
    figures = pd.DataFrame(
        {
            "measure": ["flow", "flow", "flow", "stock"],
            "period_start": ["2018-06-20", "2018-06-01", None, "2018-06-20"],
            "period_end": ["2018-06-20", "2018-06-20", "2018-06-20", "2018-06-20"],
        }
    )
    assert count_kinds(figures).tolist() == ["daily", "window", "window", "stock"]
    day = day_of(date(2018, 6, 20))
    assert one_day(
        np.array([day, day]), np.array([day, day]), np.array([False, True])
    ).tolist() == [
        True,
        False,
    ]
