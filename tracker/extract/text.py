"""Text as the extractor reads it: a folded copy that keeps its way back to the original.

The word tables are matched against a *folded* text: lower case, Arabic diacritics and tatweel
dropped, the hamza and madda forms of alif written ا, ة as ه, ى as ي, Arabic-Indic digits as
0–9, the Arabic thousands and decimal signs as ``,`` and ``.``, dashes as ``-``. Each folded
character remembers the offset of the character it came from, so every match is reported as
a span of the text as it was read. (Place names are not resolved here: they go to
:mod:`tracker.domain.places`, which owns their normal form.)

A token is a run of letters, a number written with digits (``160,000``, ``1.3``), or one
punctuation character. Arabic clitics are forgiven when a token is compared with a table's
word: a token also reads without its leading و/ف, ب/ل/ك and the article ال (``وللنزوح`` reads
as ``نزوح``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tracker.domain.typed import DIGITS

_DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f]")
_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "٬": ",",
        "٫": ".",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "„": '"',
        "’": "'",
        "‘": "'",
        "`": "'",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        **{chr(c): d for c, d in DIGITS.items()},
    }
)
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]")
URL = re.compile(r"https?://\S+|www\.\S+")
ARABIC = re.compile("[\u0600-\u06ff]")
_SENTENCE_END = re.compile(r"[.!?؟](?=[\s\"')\]]|$)|\n+")
_ABBREVIATIONS = frozenset({"no", "nos", "mr", "mrs", "ms", "dr", "st", "u.n", "u.s", "vs", "gen"})
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")


def fold_char(char: str) -> str:
    """One character folded (possibly to nothing, or to several for a ligature)."""
    out = []
    for c in unicodedata.normalize("NFKC", char):
        if _DROP.match(c):
            continue
        c = c.translate(_MAP).lower()
        decomposed = unicodedata.normalize("NFKD", c)
        if len(decomposed) > 1 and not ARABIC.match(c):
            c = "".join(d for d in decomposed if not unicodedata.combining(d))
        out.append(c)
    return "".join(out)


def fold(text: str) -> str:
    """A phrase folded as the text is (for building tables)."""
    return " ".join("".join(fold_char(c) for c in text).split())


@dataclass(frozen=True)
class Token:
    """One token: its folded text, its kind and its span in the folded text."""

    text: str
    kind: str  # "num", "word" or "punct"
    start: int
    end: int

    def forms(self) -> tuple[str, ...]:
        """The token and its readings without Arabic clitics (longest first)."""
        return clitic_forms(self.text)


def clitic_forms(word: str) -> tuple[str, ...]:
    """``word`` and the words it can be read as once a conjunction, a preposition and the
    article are taken off (each only when at least three letters stay)."""
    if not ARABIC.match(word):
        return (word,)
    forms = [word]
    for conj in _CONJUNCTIONS:
        if word.startswith(conj) and len(word) > 3:
            forms.append(word[1:])
    for form in list(forms):
        if form.startswith("لل") and len(form) > 3:
            forms.extend(["ال" + form[2:], form[2:]])
        for prep in _PREPOSITIONS:
            if form.startswith(prep) and len(form) > 3:
                forms.append(form[1:])
    for form in list(forms):
        if form.startswith("ال") and len(form) > 4:
            forms.append(form[2:])
    return tuple(dict.fromkeys(forms))


@dataclass
class Folded:
    """A text and its folded copy; ``origin[i]`` is the offset of folded character i in the
    original (``origin[len(folded)]`` is the original's length)."""

    original: str
    folded: str
    origin: list[int]

    @classmethod
    def of(cls, text: str) -> Folded:
        pieces: list[str] = []
        origin: list[int] = []
        for i, char in enumerate(text):
            folded = fold_char(char)
            pieces.append(folded)
            origin.extend([i] * len(folded))
        origin.append(len(text))
        return cls(text, "".join(pieces), origin)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A folded span as a span of the original text, with the marks folding dropped
        after its last character (the tanween of ألفاً) kept inside it."""
        if end <= start:
            return self.origin[start], self.origin[start]
        stop = self.origin[end - 1] + 1
        while stop < len(self.original) and _DROP.match(self.original[stop]):
            stop += 1
        return self.origin[start], stop

    def source(self, start: int, end: int) -> str:
        """The original text behind a folded span."""
        a, b = self.span(start, end)
        return self.original[a:b]

    def tokens(self, start: int = 0, end: int | None = None) -> list[Token]:
        """The tokens of a folded span, leaving out web addresses."""
        end = len(self.folded) if end is None else end
        urls = [m.span() for m in URL.finditer(self.folded, start, end)]
        out = []
        for m in TOKEN.finditer(self.folded, start, end):
            if any(a <= m.start() < b for a, b in urls):
                continue
            text = m.group()
            kind = "num" if text[0].isdigit() else ("word" if text[0].isalpha() else "punct")
            out.append(Token(text, kind, m.start(), m.end()))
        return out

    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans of the folded text: a full stop, ! or ? (Arabic ؟ too) followed by
        a space, a quote or the end, or a line break; not inside numbers or after the
        abbreviations no., mr., dr., u.n. and the like."""
        spans, start = [], 0
        for m in _SENTENCE_END.finditer(self.folded):
            if m.group() == "." and _is_abbreviation(self.folded, m.start()):
                continue
            end = m.end()
            if self.folded[start:end].strip():
                spans.append(_trim(self.folded, start, end))
            start = end
        if self.folded[start:].strip():
            spans.append(_trim(self.folded, start, len(self.folded)))
        return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", text[:dot])
    return word is not None and (word.group(1) in _ABBREVIATIONS or len(word.group(1)) == 1)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def first_line_url(text: str) -> tuple[str | None, int]:
    """The address on the text's first line when that line is only an address, and the
    offset where the article itself begins."""
    line, _, _ = text.partition("\n")
    stripped = line.strip().lstrip("\ufeff")
    if stripped and re.fullmatch(r"https?://\S+", stripped):
        return stripped, min(len(text), len(line) + 1)
    return None, 0


def is_arabic(text: str) -> bool:
    """Whether a text is mostly Arabic script (by letters)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(bool(ARABIC.match(c)) for c in letters) * 2 > len(letters)
