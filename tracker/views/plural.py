"""Which plural form a count takes, by the CLDR plural rules (Babel), in English and Arabic.

English has two forms (one, other); Arabic six (zero, one, two, few, many, other: "رقم
واحد", "رقمان", "3 أرقام", "11 رقماً", "100 رقم"). The rules are CLDR's, not hand-written.
A count written for reading ("⁦1,234⁩") is read back by its digits.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

DIGITS = re.compile(r"[^0-9]")


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def count_of(value: object) -> int | None:
    """The integer a count or its written form holds (None when it holds no digits)."""
    if isinstance(value, int):
        return value
    digits = DIGITS.sub("", str(value))
    return int(digits) if digits else None


def plural_category(value: object, lang: str) -> str:
    """CLDR's category for the count ``value`` in ``lang`` (``other`` when no count)."""
    n = count_of(value)
    return "other" if n is None else str(_locale(lang).plural_form(n))
