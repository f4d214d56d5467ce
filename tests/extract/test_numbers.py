"""The number reader: digits, separators, Arabic-Indic digits, number words, magnitudes, ranges.

Every phrase here is written for the test, shaped like the figures news reports carry.
"""

from __future__ import annotations

import pytest

from tests.extract.helpers import values
from tracker.extract.numbers import parse_digits


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("160,000", 160000),
        ("1,234,567", 1234567),
        ("1.300.000", 1300000),
        ("1.5", 1.5),
        ("12", 12),
        ("1,5", 1.5),
    ],
)
def test_digits_and_separators(text: str, value: float) -> None:
    assert parse_digits(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل ٣٧ مدنياً", [(37, None, "digits")]),
        ("نزوح ١٢٬٥٠٠ شخص", [(12500, None, "digits")]),
        ("نزوح ۴۵ ألف شخص", [(45000, None, "digits")]),  # Persian-style digits
        ("displaced 23,500 people", [(23500, None, "digits")]),
        ("نزح 85 ألفاً من بيوتهم", [(85000, None, "digits")]),
        ("استضاف 2.4 مليون لاجئ", [(2400000, None, "digits")]),
        ("some 1.2 million people", [(1200000, None, "digits")]),
        ("قتل شخصا17 في القصف", [(17, None, "digits")]),  # a number glued to a word
    ],
)
def test_digits_with_scale_words(text, expected, tables) -> None:
    assert values(text, tables) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("قتل ثلاثة مدنيين", 3),
        ("سقطت ثلاث قذائف", 3),
        ("ثماني بلدات", 8),
        ("أحد عشر شخصاً", 11),
        ("اثنا عشر مقاتلاً", 12),
        ("خمسة وعشرون مدنياً", 25),
        ("نحو مئة مدني", 100),
        ("نحو مائة مدني", 100),
        ("ثلاث مئة عائلة", 300),
        ("خمسمئة شخص", 500),
        ("مئتين وسبعين ألف شخص", 270000),
        ("ثلاثة آلاف وخمسمئة نازح", 3500),
        ("ألفي شخص", 2000),
        ("نحو ثلاثين ألفاً", 30000),
        ("أكثر من ألف مدني", 1000),
        ("مليون لاجئ", 1000000),
    ],
)
def test_arabic_number_words_and_their_forms(text, value, tables) -> None:
    assert [v for v, _, _ in values(text, tables)] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("eight towns", 8),
        ("killed twenty-five people", 25),
        ("a hundred families", 100),
        ("one hundred and twenty thousand people", 120000),
        ("two dozen villages", 24),
        ("nineteen civilians", 19),
        ("three million refugees", 3000000),
    ],
)
def test_english_number_words(text, value, tables) -> None:
    assert [v for v, _, _ in values(text, tables)] == [value]


def test_compound_words_alone_are_no_number(tables) -> None:
    """أحد is "one of" unless عشر follows."""
    assert values("أحد عناصر الدفاع المدني", tables) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("آلاف الفلسطينيين", (1000, None, "magnitude")),
        ("عشرات الآلاف من النازحين", (10000, None, "magnitude")),
        ("عشرات البراميل", (10, None, "magnitude")),
        ("tens of thousands of IDPs", (10000, None, "magnitude")),
        ("thousands of families", (1000, None, "magnitude")),
        ("dozens of civilians", (12, None, "magnitude")),
    ],
)
def test_magnitude_words(text, expected, tables) -> None:
    assert values(text, tables) == [expected]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("an estimated 30-35,000 people", 30000, 35000),
        ("between 120,000 and 150,000 people", 120000, 150000),
        ("some 210,400 to 230,900 individuals", 210400, 230900),
        ("between 14,000 – 16,000 people", 14000, 16000),
        ("بين 30 و40 ألفاً", 30000, 40000),
        ("ما بين 2000 و3000 عائلة", 2000, 3000),
    ],
)
def test_ranges_share_the_scale_of_their_upper_end(text, low, high, tables) -> None:
    assert values(text, tables) == [(low, high, "digits")]


def test_from_to_is_a_change_not_a_range(tables) -> None:
    assert [v for v, _, _ in values("the toll rose from 40 to 55 dead", tables)] == [40, 55]


def test_two_numbers_joined_by_and_stay_two(tables) -> None:
    assert [v for v, _, _ in values("killed 12 and injured 30", tables)] == [12, 30]
