"""Words and numbers a person reads: claims, windows, dates, names, in English and Arabic.

Numbers keep Western digits with thousands separators in both languages (they are what
the downloads hold and what a reader copies); in Arabic text they are wrapped in
Unicode isolates so that "62,000–66,000" is never reordered by the right-to-left layout.
"""

from __future__ import annotations

import math
import re
import weakref
from datetime import date, datetime
from typing import Any

import pandas as pd

from tracker.domain.bidi import isolate_bidi
from tracker.domain.place_names import named, repeated_names
from tracker.domain.vocabularies import Vocabularies

LANGS = ("en", "ar")
LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate ... pop directional isolate
RLI = "\u2067"  # right-to-left isolate: keeps "214 على الأقل" one unit in mixed text
RLM = "\u200f"  # right-to-left mark: a strong right-to-left letter that shows nothing
DASH = "–"

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_AR = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)


def lang_of(value: Any) -> str:
    """'ar' when asked for Arabic, else English (the default)."""
    return "ar" if str(value or "").strip().lower().startswith("ar") else "en"


def missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def shown_text(value: Any) -> str:
    """A free-text cell as a page shows it: nothing for an empty cell, never "nan"."""
    return "" if missing(value) else str(value)


def isolate(text: str, lang: str) -> str:
    """Keep a left-to-right run (a number, a range, a code) intact inside Arabic text."""
    return f"{LRI}{text}{PDI}" if lang == "ar" and text else text


#: A range of numbers or days ("15–30", "5,400–6,000") not already in an isolate.
NUMBER_RANGE = re.compile(r"(?<![\u2066\d,.])\d[\d,.]*–\d[\d,.]*(?![\d\u2069])")


def isolate_ranges(text: str, lang: str) -> str:
    """Every range of numbers in a sentence kept left to right in Arabic, as
    :func:`interval_words` keeps its own: "15–30 حزيران" never shows as "30–15". For text
    written elsewhere (a flag's stored sentence), at display only."""
    if lang != "ar" or not text:
        return text
    return NUMBER_RANGE.sub(lambda m: isolate(m.group(0), lang), text)


def chart_text(text: str, lang: str) -> str:
    """Text a chart draws itself (a hover label, a note under the map), in Arabic read from
    the right line by line: plotly draws each ``<br>`` line as SVG text laid out left to right
    whatever the page's direction, so a reader starting at the right met "(حزيران 2018 29–19)"
    for "19–29 حزيران 2018". Each line starts with a RIGHT-TO-LEFT MARK, which makes it a
    right-to-left line, and ends with one, without which Chromium drew a number isolated at
    the line's end ("قتلى: 46") at its right; its ranges are isolated (:func:`isolate_ranges`)
    so they still read left to right inside it. English text is returned unchanged."""
    if lang != "ar" or not text:
        return text
    return "<br>".join(f"{RLM}{isolate_ranges(line, lang)}{RLM}" for line in text.split("<br>"))


def fmt_count(value: Any, lang: str = "en", plain: bool = False) -> str:
    """A count as a person reads it: 160,000; ∞ for no upper bound; — for nothing."""
    if missing(value):
        return "—"
    number = float(value)
    if math.isinf(number):
        return "∞"
    text = f"{int(round(number)):,}"
    return text if plain else isolate(text, lang)


def fmt_ratio(value: Any, lang: str = "en") -> str:
    if missing(value) or math.isinf(float(value)):
        return ""
    return isolate(f"×{float(value):.1f}", lang)


def as_date(value: Any) -> date | None:
    if missing(value) or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        return None


def fmt_date(value: Any, lang: str = "en", year: bool = True) -> str:
    """30 Jun 2018 / 30 حزيران 2018."""
    d = as_date(value)
    if d is None:
        return "—"
    month = (MONTHS_AR if lang == "ar" else MONTHS_EN)[d.month - 1]
    text = f"{d.day} {month}" + (f" {d.year}" if year else "")
    return text


def iso(value: Any) -> str:
    d = as_date(value)
    return d.isoformat() if d else ""


def fmt_window(start: Any, end: Any, measure: str, lang: str = "en", assumed: bool = False) -> str:
    """The period a claim covers, in words: 19–30 Jun 2018; as of 4 Jul 2018; on 27 Jun 2018."""
    s, e = as_date(start), as_date(end)
    ar = lang == "ar"
    if e is None:
        return "—"
    if measure == "stock":
        return ("كما في " if ar else "as of ") + fmt_date(e, lang)
    if s is None:
        return (
            ("حتى " if ar else "until ")
            + fmt_date(e, lang)
            + (" (البداية غير مذكورة)" if ar else " (start not stated)")
        )
    note = (" (تاريخ بدء مفترض)" if ar else " (start assumed)") if assumed else ""
    if s == e:
        return ("في " if ar else "on ") + fmt_date(e, lang)
    if s.year == e.year and s.month == e.month:
        days = isolate(f"{s.day}{DASH}{e.day}", lang)  # "19–30", never "30–19", in Arabic
        span = f"{days} " + (MONTHS_AR if ar else MONTHS_EN)[e.month - 1]
        return f"{span} {e.year}{note}"
    if s.year == e.year:
        text = f"{fmt_date(s, lang, year=False)} {DASH} {fmt_date(e, lang)}"
    else:
        text = f"{fmt_date(s, lang)} {DASH} {fmt_date(e, lang)}"
    return text + note


_COLUMN_CACHE: dict[tuple, tuple[weakref.ref, dict]] = {}


def column_dict(frame: pd.DataFrame, column: str) -> dict:
    """``frame[column]`` as a plain dict by id, cached while that frame lives (vocabulary
    frames live long; one made after a registry change is never answered from its
    predecessor's entry, even at the same address)."""
    key = (id(frame), len(frame), column)
    entry = _COLUMN_CACHE.get(key)
    if entry is not None and entry[0]() is frame:
        return entry[1]
    if len(_COLUMN_CACHE) > 512:
        _COLUMN_CACHE.clear()
    found = (
        {str(k): v for k, v in frame[column].items() if not missing(v)}
        if column in frame.columns
        else {}
    )
    _COLUMN_CACHE[key] = (weakref.ref(frame), found)
    return found


def label(frame: pd.DataFrame, key: Any, lang: str = "en", column: str = "label") -> str:
    """The English or Arabic label of a vocabulary id; the id itself when unknown."""
    if missing(key):
        return "—"
    key = str(key)
    found = column_dict(frame, f"{column}_{lang}").get(key)
    return str(found) if found is not None else key


def source_name(vocab: Vocabularies, source: Any, lang: str = "en", short: bool = True) -> str:
    """A source's short name (SOHR, أوتشا) or full name, falling back to its id."""
    if missing(source):
        return "—"
    source = str(source)
    columns = (f"short_{lang}", f"name_{lang}") if short else (f"name_{lang}",)
    for column in columns:
        found = column_dict(vocab.sources, column).get(source)
        if found is not None and str(found).strip():
            return isolate_bidi(str(found))
    return isolate_bidi(source)


def place_name(vocab: Vocabularies, pcode: Any, lang: str = "en") -> str:
    if missing(pcode):
        return "—"
    found = column_dict(vocab.places, f"name_{lang}").get(str(pcode))
    return str(found) if found is not None else str(pcode)


_NAMING_CACHE: dict[tuple, tuple] = {}


def _naming(vocab: Vocabularies, lang: str) -> tuple:
    """Names, repeated names, levels and level words of the gazetteer in ``lang``, built
    once per vocabulary (the gazetteer has thousands of places)."""
    names = column_dict(vocab.places, f"name_{lang}")
    key = (id(names), lang)
    found = _NAMING_CACHE.get(key)
    if found is None:
        if len(_NAMING_CACHE) > 64:
            _NAMING_CACHE.clear()
        levels = vocab.extra.get("levels")
        words = {} if levels is None else {int(k): label(levels, k, lang) for k in levels.index}
        if lang == "en":
            words = {k: v.lower() for k, v in words.items()}
        found = (
            names,
            repeated_names({k: str(v) for k, v in names.items()}),
            {k: int(v) for k, v in column_dict(vocab.gazetteer, "level").items()},
            words,
        )
        _NAMING_CACHE[key] = found
    return found


def distinct_place_name(vocab: Vocabularies, pcode: Any, lang: str = "en") -> str:
    """A place's name, with its level where other places carry the same name ("Dar'a
    (governorate)", "Dar'a (community)"; "Nawa" alone): the flags' naming rule
    (:mod:`tracker.domain.place_names`), for pages where places sit side by side."""
    if missing(pcode):
        return "—"
    names, repeated, levels, words = _naming(vocab, lang)
    return named(str(pcode), names, repeated, levels, words)


def place_label(vocab: Vocabularies, pcode: Any, lang: str = "en") -> str:
    """A place with its level and, below governorates, its governorate:
    Nawa (sub-district, Dar'a)."""
    if missing(pcode):
        return "—"
    pcode = str(pcode)
    levels = column_dict(vocab.gazetteer, "level")  # looked up in dicts: .at cost ~60 µs
    if pcode not in levels:
        return place_name(vocab, pcode, lang)  # an area (or an unknown code): its name
    level = int(levels[pcode])
    level_label = label(vocab.extra["levels"], level, lang) if "levels" in vocab.extra else ""
    parts = [level_label.lower() if lang == "en" else level_label]
    if level >= 2:
        adm1 = column_dict(vocab.ancestors, "adm1").get(pcode)
        if not missing(adm1):
            parts.append(place_name(vocab, adm1, lang))
    sep = "، " if lang == "ar" else ", "
    return f"{place_name(vocab, pcode, lang)} ({sep.join(p for p in parts if p)})"


def claim_words(
    vocab: Vocabularies,
    qualifier: Any,
    value: Any,
    value_high: Any = None,
    lang: str = "en",
    unit: Any = None,
    metric: Any = None,
) -> str:
    """What the source said, in words: "at least 214", "62,000–66,000", "thousands" (the
    domain's one wording of a claim, :class:`tracker.domain.wording.ClaimWords`, with the
    numbers as a page shows them); a unit other than the metric's own is said after it."""
    text = vocab.claim_words(lang).say(
        qualifier, value, value_high, number=lambda v: fmt_count(v, lang)
    )
    default_unit = None if missing(metric) else column_dict(vocab.metrics, "unit").get(str(metric))
    if not missing(unit) and str(unit) != default_unit and str(unit) in vocab.unit_ids:
        unit_label = label(vocab.units, str(unit), lang)
        text = f"{text} {unit_label.lower() if lang == 'en' else unit_label}"
    return f"{RLI}{text}{PDI}" if lang == "ar" else text


def conversion(row: pd.Series, vocab: Vocabularies, lang: str) -> dict[str, str] | None:
    """How a count of households became a count of people (DESIGN §1: a conversion is shown
    as such, never silently): what the source said ("400 households"), the household size
    used and the people it stands for; None when nothing was converted."""
    size = row.get("household_size")
    if str(row.get("unit")) != "households" or missing(size):
        return None
    said = claim_words(
        vocab, row["qualifier"], row["value"], row.get("value_high"), lang, "households"
    )
    return {
        "said": said,
        "size": str(size),
        "people": interval_words(row["low"], row["high"], lang),
    }


def interval_words(low: Any, high: Any, lang: str = "en") -> str:
    """The interval a claim allows: 113–139; 214 or more."""
    if missing(low):
        return "—"
    if missing(high) or math.isinf(float(high)):
        more = " أو أكثر" if lang == "ar" else " or more"
        return fmt_count(low, lang) + more
    if float(low) == float(high):
        return fmt_count(low, lang)
    return isolate(f"{fmt_count(low, plain=True)}{DASH}{fmt_count(high, plain=True)}", lang)


_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


def safe_url(url: Any) -> str | None:
    """An address a link may point to: http(s) only, nothing that a browser would run."""
    if missing(url):
        return None
    text = str(url).strip()
    return text if _SAFE_URL.match(text) else None


def household_factor(size: Any) -> float:
    """Persons per household from a stored label such as "5" or "4–6" (its midpoint)."""
    if missing(size):
        return 1.0
    numbers = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", str(size))]
    return sum(numbers) / len(numbers) if numbers else 1.0
