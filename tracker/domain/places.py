"""Place names to P-codes: the one way a name written by a source finds its gazetteer entry.

A name matches when its *normal form* equals the normal form of a gazetteer name (English or
Arabic) or of an alias (``data/gazetteer/aliases.csv``, plus a user's own alias file). The
normal form forgives what writers vary and nothing else: case, Arabic diacritics and tatweel,
the hamza and madda forms of alif (أ إ آ ٱ → ا), ta marbuta (ة → ه), alif maqsura (ى → ي), Latin
accents and apostrophes (Dar'a = Dara; "Daraa" is another spelling and needs an alias), the
article (al-, ar-, as-, ad-, el-, ال), punctuation and runs of spaces. A name that matches no
place, or several places at the same level and parent, is unresolved: it is reported, never
guessed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from tracker.domain.vocabularies import AREA_COLUMNS

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALIF_FORMS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"}
)
_LATIN_ARTICLE = re.compile(r"(?:(?<=\s)|^)(?:al|ar|as|ad|an|at|az|ash|el)[-\s]+")
_ARABIC_ARTICLE = re.compile(r"(?:(?<=\s)|^)ال(?=\S{2,})")
_APOSTROPHES = re.compile("['’‘`ʼʻ]")
_PUNCTUATION = re.compile(r"[\s\-‐–—_\".,;:()\[\]/]+")


def normal_form(name: object) -> str:
    """The form two spellings of one place share (see the module docstring); '' for no name."""
    if name is None or (isinstance(name, float) and name != name):
        return ""
    text = unicodedata.normalize("NFKC", str(name)).strip().lower()
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ALIF_FORMS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _PUNCTUATION.sub(" ", _APOSTROPHES.sub("", text)).strip()
    text = _LATIN_ARTICLE.sub("", text)
    text = _ARABIC_ARTICLE.sub("", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class PlaceMatch:
    """How a written name resolved: the P-code, or none with the nearest candidates."""

    name: str
    pcode: str | None
    how: str  # "code", "name", "alias", or "unresolved" / "ambiguous"
    candidates: tuple[str, ...] = ()


@dataclass
class PlaceIndex:
    """Gazetteer names and aliases by normal form.

    ``gazetteer``: columns pcode, level, name_en, name_ar, parent (the project's gazetteer).
    ``aliases``: columns alias, pcode (and optionally lang, note): names the gazetteer does not
    hold, such as "Daraa", "Deraa" or "Damascus Suburbs"; an alias may name an area id
    ("East Ghouta" → eastern-ghouta). ``areas``: the area registry (id, name_en, name_ar,
    members): an area's names resolve to its id, and it lies within a place when all its
    members do (DESIGN §6).
    """

    gazetteer: pd.DataFrame
    aliases: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["alias", "pcode"]))
    areas: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(AREA_COLUMNS)))
    _by_name: dict[str, set[str]] = field(init=False, default_factory=dict)
    _by_alias: dict[str, set[str]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        gaz = self.gazetteer
        for column in ("name_en", "name_ar"):
            for pcode, name in zip(gaz["pcode"], gaz[column], strict=True):
                key = normal_form(name)
                if key:
                    self._by_name.setdefault(key, set()).add(str(pcode))
        for alias, pcode in zip(self.aliases["alias"], self.aliases["pcode"], strict=True):
            key = normal_form(alias)
            if key:
                self._by_alias.setdefault(key, set()).add(str(pcode))
        self._level = dict(zip(gaz["pcode"].astype(str), gaz["level"].astype(int), strict=True))
        self._parent = dict(zip(gaz["pcode"].astype(str), gaz["parent"], strict=True))
        self._members: dict[str, tuple[str, ...]] = {}
        for area, en, ar, members in self.areas[["id", "name_en", "name_ar", "members"]].itertuples(
            index=False
        ):
            self._members[str(area)] = tuple(str(members).split())
            for name in (en, ar):
                if normal_form(name):
                    self._by_name.setdefault(normal_form(name), set()).add(str(area))

    def with_aliases(self, more: pd.DataFrame) -> PlaceIndex:
        """This index with a user's alias table added (theirs win no ties: both are kept)."""
        both = pd.concat([self.aliases, more[["alias", "pcode"]]])
        return PlaceIndex(self.gazetteer, both, self.areas)

    def is_area(self, code: str | None) -> bool:
        """Whether the code is an area id (DESIGN §6), not a place of the gazetteer."""
        return code in self._members

    def level(self, pcode: str) -> int | None:
        return self._level.get(pcode)

    def within(self, pcode: str, ancestor: str) -> bool:
        """Whether ``pcode`` is ``ancestor`` or lies below it: an area lies below a place when
        all its members do, and a place below an area when it lies below one of its members."""
        if pcode in self._members and pcode != ancestor:
            return all(self.within(m, ancestor) for m in self._members[pcode])
        if ancestor in self._members and pcode != ancestor:
            return any(self.within(pcode, m) for m in self._members[ancestor])
        seen = pcode
        while seen:
            if seen == ancestor:
                return True
            parent = self._parent.get(seen)
            seen = parent if isinstance(parent, str) else ""
        return False

    def resolve(self, name: str, level: int | None = None, parent: str | None = None) -> PlaceMatch:
        """A P-code written as is, else a gazetteer name, else an alias; at ``level`` and
        below ``parent`` when given (an area, having no level, passes any level: a column
        "Eastern Ghouta" among governorates is that area, never widened to one). Several
        places left after those limits: ambiguous."""
        text = str(name).strip()
        if text in self._level and (level is None or self._level[text] == level):
            return PlaceMatch(text, text, "code")
        if text in self._members and level is None:
            return PlaceMatch(text, text, "code")
        key = normal_form(text)
        for how, table in (("name", self._by_name), ("alias", self._by_alias)):
            found = self._narrow(table.get(key, set()), level, parent)
            if len(found) == 1:
                return PlaceMatch(text, next(iter(found)), how)
            if len(found) > 1:
                return PlaceMatch(text, None, "ambiguous", tuple(sorted(found)))
        return PlaceMatch(text, None, "unresolved", self.nearest(text, level, parent))

    def _narrow(self, pcodes: Iterable[str], level: int | None, parent: str | None) -> set[str]:
        return {
            p
            for p in pcodes
            if (level is None or self._level.get(p) == level or p in self._members)
            and (parent is None or self.within(p, parent))
        }

    def nearest(
        self, name: str, level: int | None = None, parent: str | None = None, n: int = 3
    ) -> tuple[str, ...]:
        """The P-codes whose names are closest to ``name`` (for an analyst to choose from)."""
        keys = list(self._by_name) + list(self._by_alias)
        close = difflib.get_close_matches(normal_form(name), keys, n=n * 3, cutoff=0.6)
        out: list[str] = []
        for key in close:
            for p in sorted(self._by_name.get(key, set()) | self._by_alias.get(key, set())):
                if p not in out and self._narrow([p], level, parent):
                    out.append(p)
        return tuple(out[:n])
