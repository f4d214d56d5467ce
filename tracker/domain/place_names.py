"""How a place is named in sentences: its gazetteer name, with its level where names repeat.

The gazetteer holds several places called "Dar'a" (the governorate SY12, the district SY1200,
the city C5993). A sentence saying "Dar'a is part of Dar'a" tells the reader nothing, so a
name that more than one place of the gazetteer carries (in that language) is followed by the
place's level from ``data/vocabularies/levels.csv``: "Dar'a (governorate)", "Dar'a
(community)"; "درعا (محافظة)". A name no other place carries is said alone ("Nawa").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def repeated_names(names: Mapping[str, str]) -> frozenset[str]:
    """The names (P-code → name) that more than one place carries."""
    counts = Counter(names.values())
    return frozenset(name for name, n in counts.items() if n > 1)


def named(
    code: str,
    names: Mapping[str, str],
    repeated: frozenset[str],
    levels: Mapping[str, int],
    level_words: Mapping[int, str],
) -> str:
    """A place's name, with its level's word in brackets when the name repeats (the code
    itself when the gazetteer does not know it)."""
    name = names.get(code, code)
    word = level_words.get(levels.get(code, -1))
    if name not in repeated or not word:
        return name
    return f"{name} ({word})"
