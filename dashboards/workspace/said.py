"""Messages the library writes in English, said in the page language of the workspace.

The one schema (:mod:`tracker.domain.schema`) writes each problem in English, the command
line's words, and the extractor writes why each field got its value the same way. A file of
words (key, en, ar) in ``data/workspace/`` holds each message as a template (``{name}``
stands for the part that varies: a date, a value, a quoted word) with its Arabic:
``problem_words.csv`` for the schema's problems, ``reason_words.csv`` for the extractor's
reasons. A message is said in Arabic by the first template whose English it is, its parts
carried over; the cells a message ends with in brackets are kept; a message no template fits
stays as the library wrote it, never guessed.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from dashboards.i18n import read_words
from dashboards.workspace.words import WORDS_DIR

PROBLEM_WORDS = WORDS_DIR / "problem_words.csv"
REASON_WORDS = WORDS_DIR / "reason_words.csv"
_PLACEHOLDER = re.compile(r"\\\{(\w+)\\\}")
#: The cells a cross-column message may end with ("… not ended yet (2018-07-02)"): kept.
_DETAIL = r"(?: \((?P<detail_>[^()]*)\))?"


@cache
def _templates(path: Path) -> list[tuple[re.Pattern[str], str]]:
    out = []
    for words in read_words(path).values():
        english = _PLACEHOLDER.sub(r"(?P<\1>.+?)", re.escape(str(words["en"])))
        out.append((re.compile(english + _DETAIL, re.DOTALL), str(words["ar"])))
    return out


def _say(path: Path, message: str, lang: str) -> str:
    if lang != "ar":
        return message
    for english, arabic in _templates(path):
        found = english.fullmatch(message)
        if found:
            parts = found.groupdict()
            detail = parts.pop("detail_")
            return arabic.format(**parts) + (f" ({detail})" if detail else "")
    return message


def say_problem(message: str, lang: str) -> str:
    """The schema's problem ``message`` in ``lang``."""
    return _say(PROBLEM_WORDS, message, lang)


def say_reason(message: str, lang: str) -> str:
    """The extractor's reason ``message`` (why a field got its value) in ``lang``."""
    return _say(REASON_WORDS, message, lang)
