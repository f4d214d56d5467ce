"""Phrase tables matched against tokens, longest phrase first.

A phrase is folded and tokenised as the text is (:mod:`tracker.extract.text`), so "U.N.",
"year-old" and "ما لا يقل عن" match however the text spaces or spells them within the
folding rules. A multi-word phrase also matches written as one word ("مايقارب" for
"ما يقارب", a common typesetting fault). A phrase word ending in ``*`` matches any token
that begins with it ("قد ي*": قد before an imperfect verb); such a word may not come first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tracker.extract.text import Folded, Token, clitic_forms, fold


@dataclass(frozen=True)
class Match:
    """A phrase found at tokens [start, end) with what the table says about it."""

    start: int
    end: int
    payload: Any
    phrase: str


def _word_key(word: str) -> tuple[str, ...]:
    """The forms a table word matches (a token matches it in any of its clitic readings)."""
    return (word,)


def phrase_words(phrase: str) -> list[str]:
    """A phrase as folded tokens (a final ``*`` kept on the last word)."""
    if phrase.endswith("*"):
        words = phrase_words(phrase[:-1])
        return [*words[:-1], words[-1] + "*"]
    return [t.text for t in Folded.of(fold(phrase)).tokens()] or [fold(phrase)]


class Lexicon:
    """Phrases → payloads. A phrase may carry several payloads (one per table row)."""

    def __init__(self, entries: Iterable[tuple[str, Any]]) -> None:
        self._first: dict[str, list[tuple[tuple[tuple[str, ...], ...], Any, str]]] = {}
        for phrase, payload in entries:
            words = phrase_words(phrase)
            variants = [words]
            if len(words) > 1 and all(w.isalpha() for w in words) and "*" not in phrase:
                variants.append(["".join(words)])
            for variant in variants:
                keyed = tuple(_word_key(w) for w in variant)
                for form in keyed[0]:
                    self._first.setdefault(form, []).append((keyed, payload, phrase))
        for candidates in self._first.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def at(self, tokens: Sequence[Token], i: int) -> list[Match]:
        """Every phrase that starts at token i, longest first."""
        out: list[Match] = []
        seen: set[tuple[int, str, int]] = set()
        for form in tokens[i].forms():
            for keyed, payload, phrase in self._first.get(form, ()):
                end = _matches_from(tokens, i, keyed)
                if end is None:
                    continue
                key = (end, phrase, id(payload))
                if key not in seen:
                    seen.add(key)
                    out.append(Match(i, end, payload, phrase))
        out.sort(key=lambda m: -(m.end - m.start))
        return out

    def all(self, tokens: Sequence[Token]) -> list[Match]:
        """Every phrase anywhere, overlapping ones included."""
        return [m for i in range(len(tokens)) for m in self.at(tokens, i)]

    def find(self, tokens: Sequence[Token]) -> list[Match]:
        """Phrases left to right, the longest at each place, none overlapping."""
        out: list[Match] = []
        i = 0
        while i < len(tokens):
            found = self.at(tokens, i)
            if found:
                out.append(found[0])
                i = found[0].end
            else:
                i += 1
        return out

    def ending_at(self, tokens: Sequence[Token], end: int, lookback: int = 6) -> list[Match]:
        """Phrases that end exactly at token ``end`` (exclusive), longest first."""
        out = [
            m
            for i in range(max(0, end - lookback), end)
            for m in self.at(tokens, i)
            if m.end == end
        ]
        out.sort(key=lambda m: -(m.end - m.start))
        return out


def _matches_from(
    tokens: Sequence[Token], i: int, keyed: tuple[tuple[str, ...], ...]
) -> int | None:
    if i + len(keyed) > len(tokens):
        return None
    for k in range(1, len(keyed)):
        forms = clitic_forms(tokens[i + k].text)
        wanted = keyed[k]
        if wanted[0].endswith("*"):
            prefix = wanted[0][:-1]
            if not any(f.startswith(prefix) for f in forms):
                return None
        elif not set(forms) & set(wanted):
            return None
    return i + len(keyed)
