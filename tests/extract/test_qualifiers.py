"""Qualifiers before and after the number, in both languages."""

from __future__ import annotations

import pytest

from tests.extract.helpers import sentence
from tracker.extract.semantics import qualifier_of


def qualifier(text: str, tables) -> tuple[str, str]:
    sent = sentence(text, tables)
    m = sent.figures[0]
    q = qualifier_of(sent, m)
    return q.qualifier, sent.source_text(q.start, q.end)


@pytest.mark.parametrize(
    ("text", "expected", "evidence"),
    [
        ("قتل نحو 40 مدنياً", "approx", "نحو 40"),
        ("نزح حوالي الـ75 ألف شخص", "approx", "حوالي الـ75 ألف"),
        ("قرابة 300 عائلة", "approx", "قرابة 300"),
        ("ما يقارب 12 ألف نازح", "nearly", "ما يقارب 12 ألف"),
        ("مايقارب 12 ألف نازح", "nearly", "مايقارب 12 ألف"),  # written without the space
        ("ما لا يقل عن 18 مدنياً", "at_least", "ما لا يقل عن 18"),
        ("أكثر من 500 شخص", "more_than", "أكثر من 500"),
        ("ما يزيد عن 90 ألف شخص", "more_than", "ما يزيد عن 90 ألف"),
        ("ما يصل إلى 50 ألفاً", "at_most", "ما يصل إلى 50 ألفا"),
        ("أقل من 20 شخصاً", "less_than", "أقل من 20"),
        ("about 2,000 families", "approx", "about 2,000"),
        ("an estimated 8,000 people", "approx", "an estimated 8,000"),
        ("nearly 700 people", "nearly", "nearly 700"),
        ("no fewer than 31 civilians", "at_least", "no fewer than 31"),
        ("more than 15,000 people", "more_than", "more than 15,000"),
        ("up to 20,000 people", "at_most", "up to 20,000"),
        ("as many as 9,500 people", "at_most", "as many as 9,500"),
        ("fewer than 100 families", "less_than", "fewer than 100"),
        ("some 4,000 people", "approx", "some 4,000"),
        ("killed 14 people", "exact", "14"),
    ],
)
def test_qualifier_before_the_number(text, expected, evidence, tables) -> None:
    got, span = qualifier(text, tables)
    assert got == expected
    assert span.replace("ً", "") == evidence.replace("ً", "")


@pytest.mark.parametrize(
    ("text", "expected", "evidence"),
    [
        ("ارتفع عدد القتلى إلى 116 على الأقل", "at_least", "116 على الأقل"),
        ("وثق مقتل 23 مدنياً على الأقل", "at_least", "23 مدنياً على الأقل"),
        ("وافقت سبع بلدات على الأقل على التسوية", "at_least", "سبع بلدات على الأقل"),
        ("نزح 15 ألف شخص تقريباً", "approx", "15 ألف شخص تقريبا"),
        ("نزح 15 ألف شخص أو أكثر", "at_least", "15 ألف شخص أو أكثر"),
        ("killed 30 civilians at least", "at_least", "30 civilians at least"),
        ("some 500 families or more", "approx", "some 500"),  # the phrase before wins
        ("displaced 2,000 people or so", "approx", "2,000 people or so"),
    ],
)
def test_qualifier_after_the_number_or_its_noun(text, expected, evidence, tables) -> None:
    got, span = qualifier(text, tables)
    assert got == expected
    assert span.replace("ً", "") == evidence.replace("ً", "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("آلاف الفلسطينيين", "magnitude"),
        ("tens of thousands of people", "magnitude"),
        ("between 12,000 and 15,000 people", "range"),
        ("بين 30 و40 ألفاً", "range"),
        ("an estimated 45-48,000 people", "range"),
    ],
)
def test_ranges_and_magnitudes(text, expected, tables) -> None:
    assert qualifier(text, tables)[0] == expected


def test_a_qualifier_after_another_number_is_not_this_ones(tables) -> None:
    sent = sentence("قتل 12 مدنياً و30 على الأقل من المقاتلين", tables)
    first, second = sent.figures
    assert qualifier_of(sent, first).qualifier == "exact"
    assert qualifier_of(sent, second).qualifier == "at_least"
