"""The calendar's words (month and weekday names) for the date picker, from CLDR (Babel).

Arabic takes the Levantine month names ("حزيران", CLDR's ``ar_SY``), the same names every
page writes its dates with (:data:`tracker.views.format.MONTHS_AR`); English takes CLDR's
``en``. Weekdays are listed from Sunday, as the picker counts them (0 = Sunday). The
picker's column titles sit in cells 34 px wide: English takes CLDR's short names ("Su"),
Arabic its narrow ones ("ح"), since the short ones ("خميس") run into each other.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from babel.dates import get_day_names, get_month_names

#: The CLDR locale whose calendar words each page language uses.
CALENDAR_LOCALE = {"en": "en", "ar": "ar_SY"}
#: Babel numbers weekdays from Monday (0); the picker from Sunday (0).
SUNDAY_FIRST = (6, 0, 1, 2, 3, 4, 5)
#: The CLDR width of the picker's weekday column titles, per language.
Width = Literal["abbreviated", "narrow", "short", "wide"]
COLUMN_TITLE_WIDTH: dict[str, Width] = {"en": "short", "ar": "narrow"}
MONTH_WIDTHS: tuple[Literal["abbreviated", "wide"], ...] = ("wide", "abbreviated")
DAY_WIDTHS: tuple[Width, ...] = ("wide", "abbreviated", "short", "narrow")


@cache
def calendar_words(lang: str) -> dict[str, list[str]]:
    """Month names (wide, abbreviated) and weekday names (wide, abbreviated, short, narrow,
    and the picker's column titles) in ``lang`` (English for any other language)."""
    locale = CALENDAR_LOCALE.get(lang, "en")
    words: dict[str, list[str]] = {}
    for month_width in MONTH_WIDTHS:
        months = get_month_names(month_width, locale=locale)
        words[f"months_{month_width}"] = [str(months[m]) for m in range(1, 13)]
    for day_width in DAY_WIDTHS:
        days = get_day_names(day_width, locale=locale)
        words[f"days_{day_width}"] = [str(days[d]) for d in SUNDAY_FIRST]
    words["days_column"] = words[f"days_{COLUMN_TITLE_WIDTH.get(lang, 'short')}"]
    return words
