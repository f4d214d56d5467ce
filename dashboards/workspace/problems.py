"""The schema's problems said in the page language beside a workspace field.

The one schema (:mod:`tracker.domain.schema`) says each problem in English, the command line's
words; ``data/workspace/problem_words.csv`` (key, en, ar) holds each message as a template
(``{name}`` stands for the part that varies: a date, a value, a list) with its Arabic. A
message is said in Arabic by the first template whose English it is, its parts carried over;
the cells a message ends with in brackets are kept; a message no template fits stays as the
schema wrote it, never guessed.
"""

from __future__ import annotations

import re
from functools import cache

from dashboards.i18n import read_words
from dashboards.workspace.words import WORDS_DIR

PROBLEM_WORDS = WORDS_DIR / "problem_words.csv"
_PLACEHOLDER = re.compile(r"\\\{(\w+)\\\}")
#: The cells a cross-column message may end with ("… not ended yet (2018-07-02)"): kept.
_DETAIL = r"(?: \((?P<detail_>[^()]*)\))?"


@cache
def _templates() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for words in read_words(PROBLEM_WORDS).values():
        english = _PLACEHOLDER.sub(r"(?P<\1>.+?)", re.escape(str(words["en"])))
        out.append((re.compile(english + _DETAIL, re.DOTALL), str(words["ar"])))
    return out


def say_problem(message: str, lang: str) -> str:
    """The schema's ``message`` in ``lang`` (as written for English, or a message no
    template fits)."""
    if lang != "ar":
        return message
    for english, arabic in _templates():
        found = english.fullmatch(message)
        if found:
            parts = found.groupdict()
            detail = parts.pop("detail_")
            return arabic.format(**parts) + (f" ({detail})" if detail else "")
    return message
