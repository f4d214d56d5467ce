"""The date picker's words come from CLDR and match the months the pages write."""

from __future__ import annotations

from tracker.views.calendar import calendar_words
from tracker.views.format import MONTHS_AR


def test_arabic_months_are_the_levantine_ones_the_pages_use():
    words = calendar_words("ar")
    assert words["months_wide"] == list(MONTHS_AR)
    assert words["days_wide"][0] == "الأحد" and words["days_wide"][6] == "السبت"
    assert words["days_column"] == ["ح", "ن", "ث", "ر", "خ", "ج", "س"]


def test_english_and_any_other_language_take_english_words():
    assert calendar_words("en")["months_wide"][5] == "June"
    assert calendar_words("en")["days_column"][:2] == ["Su", "Mo"]
    assert calendar_words("fr") == calendar_words("en")
