"""Calendar words: Levantine and Egyptian months, weekdays, relative days, durations, windows."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.helpers import dates
from tracker.extract.calendar import date_from_url

R = date(2018, 7, 12)  # a Thursday


def one(text: str, tables, reported_on: date | None = R):
    found = [d for d in dates(text, tables, reported_on) if d.kind != "duration" or d.first]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("منذ 3 تموز", date(2018, 7, 3)),  # Levantine
        ("منذ 3 يوليو", date(2018, 7, 3)),  # Egyptian
        ("منذ 3 يوليه", date(2018, 7, 3)),
        ("في 28 حزيران/يونيو", date(2018, 6, 28)),
        ("منذ 9 من الشهر الجاري", date(2018, 7, 9)),
        ("منذ 20 من الشهر الماضي", date(2018, 6, 20)),
        ("في 1 آب 2017", date(2017, 8, 1)),
        ("since 4 July", date(2018, 7, 4)),
        ("since July 4th", date(2018, 7, 4)),
        ("on June 30, 2018", date(2018, 6, 30)),
        ("as of 2018-07-10", date(2018, 7, 10)),
        ("حتى 10/07/2018", date(2018, 7, 10)),
        ("منذ 25 كانون الأول", date(2017, 12, 25)),  # after reported_on: the year before
        ("منذ 2 تشرين الثاني", date(2017, 11, 2)),
        ("منذ 14 شباط الماضي", date(2018, 2, 14)),
    ],
)
def test_days_in_both_calendars(text, day, tables) -> None:
    d = one(text, tables)
    assert (d.first, d.last) == (day, day)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("yesterday", date(2018, 7, 11), date(2018, 7, 11)),
        ("أمس", date(2018, 7, 11), date(2018, 7, 11)),
        ("البارحة", date(2018, 7, 11), date(2018, 7, 11)),
        ("أول أمس", date(2018, 7, 10), date(2018, 7, 10)),
        ("the day before yesterday", date(2018, 7, 10), date(2018, 7, 10)),
        ("last night", date(2018, 7, 11), date(2018, 7, 12)),
        ("الليلة الماضية", date(2018, 7, 11), date(2018, 7, 12)),
        ("الليلة قبل الماضية", date(2018, 7, 11), date(2018, 7, 12)),
        ("today", R, R),
        ("on Tuesday", date(2018, 7, 10), date(2018, 7, 10)),
        ("يوم الثلاثاء الفائت", date(2018, 7, 10), date(2018, 7, 10)),
        ("الخميس", R, R),  # the weekday of the reporting day is that day
        ("الخميس الماضي", date(2018, 7, 5), date(2018, 7, 5)),  # ... unless "last"
        ("السبت", date(2018, 7, 7), date(2018, 7, 7)),
    ],
)
def test_relative_days_and_weekdays(text, first, last, tables) -> None:
    d = one(text, tables)
    assert (d.first, d.last) == (first, last)


def test_a_word_that_only_contains_today_is_not_today(tables) -> None:
    """لليوم الخامس is "for the fifth day", not "today"."""
    assert [d for d in dates("لليوم الخامس على التوالي", tables, R) if d.kind == "relative"] == []


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("خلال شهر حزيران", date(2018, 6, 1), date(2018, 6, 30)),
        ("during July 2017", date(2017, 7, 1), date(2017, 7, 31)),
        ("since mid-June", date(2018, 6, 15), date(2018, 6, 15)),
        ("منذ منتصف شهر أيار", date(2018, 5, 15), date(2018, 5, 15)),
        ("في أواخر أيار", date(2018, 5, 21), date(2018, 5, 31)),
        ("منذ بداية عام 2018", date(2018, 1, 1), date(2018, 1, 1)),
        ("in 2017", date(2017, 1, 1), date(2017, 12, 31)),
    ],
)
def test_months_parts_and_years(text, first, last, tables) -> None:
    d = one(text, tables)
    assert (d.first, d.last) == (first, last)


def test_a_bare_month_name_needs_a_day_a_year_or_a_window_word(tables) -> None:
    """'may' is also a verb and 'آب' also a word for father."""
    assert dates("the toll may rise", tables, R) == []
    assert one("in May", tables).first == date(2018, 5, 1)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("منذ 3 تموز", "since"),
        ("since 3 July", "since"),
        ("which began on 3 July", "since"),
        ("حتى 10 تموز", "until"),
        ("as of 10 July", "as_of"),
        ("between 1 July", "between"),
        ("خلال شهر حزيران", "during"),
        ("on 10 July", "point"),
    ],
)
def test_window_words_give_a_date_its_role(text, role, tables) -> None:
    assert one(text, tables).role == role


def test_between_and_gives_a_start_and_an_end(tables) -> None:
    found = dates("between 2 July and 9 July", tables, R)
    assert [(d.role, d.first) for d in found] == [
        ("between", date(2018, 7, 2)),
        ("until", date(2018, 7, 9)),
    ]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("خلال 5 أيام", date(2018, 7, 8)),
        ("in the past two weeks", date(2018, 6, 28)),
        ("في الأسبوعين الماضيين", date(2018, 6, 28)),
        ("over the past 48 hours", date(2018, 7, 10)),
        ("in the past 24 hours", date(2018, 7, 11)),
    ],
)
def test_durations_after_past_are_windows_back_from_the_reporting_day(text, first, tables) -> None:
    d = one(text, tables)
    assert (d.kind, d.role, d.first, d.last) == ("duration", "past", first, R)


def test_durations_alone_are_only_durations(tables) -> None:
    (d,) = dates("a 72-hour ceasefire", tables, R)
    assert (d.kind, d.role, d.first) == ("duration", "none", None)


def test_since_the_start_of_the_offensive_is_the_episode(tables) -> None:
    (d,) = dates("منذ بدء الحملة العسكرية", tables, R)
    assert (d.kind, d.role) == ("episode", "since")
    (d,) = dates("since the start of the offensive", tables, R)
    assert d.kind == "episode"


def test_an_episode_phrase_with_its_own_date_is_that_date(tables) -> None:
    (d,) = dates("منذ بدء الحملة العسكرية في 19 حزيران", tables, R)
    assert (d.kind, d.role, d.first) == ("day", "since", date(2018, 6, 19))


def test_without_reported_on_a_year_in_the_text_or_nothing(tables) -> None:
    (d,) = dates("منذ 3 تموز", tables, None)
    assert d.first is None and "give --reported-on" in d.note
    assert dates("منذ بداية عام 2018", tables, None)[-1].first == date(2018, 1, 1)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://example.org/2018/06/29/story.html", date(2018, 6, 29)),
        ("https://example.org/news/2018-07-02-syria", date(2018, 7, 2)),
        ("https://example.org/article/863088", None),
        (None, None),
    ],
)
def test_date_from_the_address(url, day) -> None:
    assert date_from_url(url) == day
