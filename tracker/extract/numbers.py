"""The number reader: digits, number words, magnitude words and ranges, in both languages.

Rules (the words themselves are in ``data/extract/numbers.csv`` and the magnitude rows of
``data/vocabularies/qualifier_phrases.csv``):

- Digits, Western or Arabic-Indic, with a comma (or the Arabic ٬), or one space, between
  groups of three (``160,000``, ``160 000``), a scale letter glued to them (``1m``,
  ``900k``); a dot with one group after it is a decimal point (``1.3``), with several
  groups of three a separator (``1.300.000``). A scale word may follow (``160 ألفاً``,
  ``1.3 million``). A number that is not whole once scaled is not a count.
- Number words combine as written: *add* words add (units, tens, 200–900, teens), a *mul*
  word multiplies what came before it (``ثلاث مئة``, ``two hundred``), a *scale* word closes
  the group before it (``مئتين وسبعين ألف`` = 270 × 1000), a *compound* word (أحد, اثنا …)
  counts only before عشر/عشرة. The conjunction و (glued) and "and", "-" and "a" join words.
  A fraction word before a scale is that part of it (``half a million``, ``ربع مليون``).
- A magnitude word standing alone (``آلاف``, ``tens of thousands``) is a magnitude, whose
  value is its unit (1000, 10000).
- Two numbers joined by "-" (or by "to", "and", إلى, و after "between"/بين, or "to"
  after "from"/من unless a word of change leads it: "rose from 300 to 500" is two counts)
  are a range when the second is larger; the first takes the second's scale when it has
  none of its own (``45-50,000`` = 45,000–50,000, ``من 3 إلى 5 آلاف`` = 3,000–5,000).
- A count written in digits and a scale word may go on with و and a smaller count
  (``3 آلاف و500`` = 3,500, ``مليون و200 ألف`` = 1,200,000).
- A phone number is no count, whole or in part (:func:`phone_spans`): digit groups
  separated by single spaces, hyphens, dots or brackets that open with "+" (``+963 11 123
  4567``) or with a leading zero (``0944 123 456``, ``(011) 2345678``), or three or more
  groups joined by hyphens with seven digits or more (``963-11-2345678``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.extract.tables import ExtractTables, NumberWord
from tracker.extract.text import Token

_JOINERS = frozenset({"and", "-"})
_ONE_BEFORE_SCALE = frozenset({"a", "an"})
_RANGE_DASH = frozenset({"-"})
_RANGE_WORDS = frozenset({"to", "الي"})
_BETWEEN_WORDS = frozenset({"and", "و"})
_FROM_WORDS = frozenset({"from", "من"})
_TENS = frozenset({"عشر", "عشره"})
_PHONE_JOINERS = frozenset({"-", ".", "(", ")", "/"})
_PHONE_DIGITS = 7  # a phone number has at least this many digits


@dataclass(frozen=True)
class NumberMention:
    """A number in the text at tokens [start, end)."""

    start: int
    end: int
    value: int
    how: str  # "digits", "words", "magnitude", "dual"
    value_high: int | None = None
    scaled: bool = False  # written with a thousands separator or a scale word
    plain: bool = False  # bare digits, nothing else (a day or a year can only be this)

    @property
    def is_range(self) -> bool:
        return self.value_high is not None


def parse_digits(text: str) -> float | None:
    """``160,000`` → 160000, ``1.3`` → 1.3, ``1.300.000`` → 1300000; None when malformed."""
    if "," in text:
        head, *groups = text.split(",")
        if all(len(g) == 3 for g in groups) and "." not in "".join(groups[:-1]):
            last = groups[-1]
            text = head + "".join(groups[:-1]) + last
        else:
            text = text.replace(",", ".")
    if text.count(".") > 1:
        head, *groups = text.split(".")
        if not all(len(g) == 3 for g in groups):
            return None
        text = head + "".join(groups)
    try:
        return float(text)
    except ValueError:
        return None


def _word(tables: ExtractTables, token: Token) -> NumberWord | None:
    """A number word as written, or after the conjunction و ("وسبعين"); never after a
    preposition or the article ("بالمئة" is "per cent", not a hundred)."""
    if token.kind != "word":
        return None
    forms = [token.text] + ([token.text[1:]] if token.text.startswith("و") else [])
    for form in forms:
        found = tables.numbers.get(form)
        if found:
            return found
    return None


def _space_groups(tokens: Sequence[Token], i: int) -> tuple[str, int]:
    """ "400 000", "1 250 000": a count of one to three digits and groups of exactly three
    digits each one space after the one before (a thousands separator of UN reports):
    the digits joined and the end; else the token alone. A run a number stands before or
    after is a row of a table ("Idlib 120 340 5600"): its numbers stay apart."""
    text, j = tokens[i].text, i + 1
    if not (text.isdigit() and len(text) <= 3) or (i > 0 and tokens[i - 1].kind == "num"):
        return text, j
    while (
        j < len(tokens)
        and tokens[j].kind == "num"
        and len(tokens[j].text) == 3
        and tokens[j].text.isdigit()
        and tokens[j].start == tokens[j - 1].end + 1
    ):
        text, j = text + tokens[j].text, j + 1
    if j < len(tokens) and tokens[j].kind == "num":
        return tokens[i].text, i + 1
    return text, j


def _digits_at(tokens: Sequence[Token], i: int, tables: ExtractTables) -> NumberMention | None:
    text, j = _space_groups(tokens, i)
    value = parse_digits(text)
    if value is None:
        return None
    scaled = j > i + 1 or bool(re.search(r"[.,]\d{3}$", text))
    suffix = _word(tables, tokens[j]) if j < len(tokens) else None
    if suffix and suffix.kind == SUFFIX and tokens[j].start == tokens[j - 1].end:
        # "1m", "900k", "2.5bn": a scale letter glued to the digits
        value, j, scaled = round(value * suffix.value, 6), j + 1, True
    elif j < len(tokens) and (word := _word(tables, tokens[j])) and word.kind in SCALES:
        # "4.1 million": the decimal scaled, rounded off its binary fraction error
        value, j, scaled = round(value * word.value, 6), j + 1, True
        rest = _and_smaller(tokens, j, tables, word.value)
        if rest is not None:
            value, j = value + rest.value, rest.end
        elif value == int(value):
            whole, j = _and_a_half(tokens, j, tables, int(value), word.value)
            value = whole
    if value != int(value):
        return None
    plain = j == i + 1 and text.isdigit()
    return NumberMention(i, j, int(value), "digits", scaled=scaled, plain=plain)


def _fraction_at(tokens: Sequence[Token], i: int, tables: ExtractTables) -> NumberMention | None:
    """ "half a million", "a quarter of a million", "نصف مليون", "ربع مليون": a fraction word
    (``fraction`` rows: its denominator), "a"/"of", then a scale word."""
    word = _word(tables, tokens[i])
    if word is None or word.kind != FRACTION:
        return None
    j = i + 1
    while j < len(tokens) and tokens[j].text in _FRACTION_JOINERS:
        j += 1
    scale = _word(tables, tokens[j]) if j < len(tokens) else None
    if scale is None or scale.kind != "scale":
        return None
    return NumberMention(i, j + 1, scale.value // word.value, "words", scaled=True)


def _and_smaller(
    tokens: Sequence[Token], j: int, tables: ExtractTables, scale: int
) -> NumberMention | None:
    """ "و500" after "3 آلاف": the conjunction, then a digit count smaller than the scale."""
    if j + 1 >= len(tokens) or tokens[j].text != "و" or tokens[j + 1].kind != "num":
        return None
    if tokens[j].end != tokens[j + 1].start:
        return None  # the conjunction is written glued to what it joins
    rest = _digits_at(tokens, j + 1, tables)
    return rest if rest is not None and 0 < rest.value < scale else None


#: scale words; ``scale_dual`` is a scale after a count ("خمسين ألفاً", its tanween folded
#: away) and the dual (two of its unit) when it opens the number ("ألفا شخص")
SCALES = ("scale", "scale_dual")
#: a dual noun ("طفلين", two children): a number of its own and its own counted noun
DUAL = "dual"
#: a scale letter glued to digits ("1m", "900k"), and a fraction of a scale ("half a million")
SUFFIX, FRACTION = "suffix", "fraction"
_FRACTION_JOINERS = frozenset({"a", "an", "of"})
#: word kinds that are no part of a number written in words
_NOT_IN_WORDS = frozenset({DUAL, SUFFIX, FRACTION})


def _words_at(tokens: Sequence[Token], i: int, tables: ExtractTables) -> NumberMention | None:
    total = current = 0
    j, started, scaled, last = i, False, False, ""
    while j < len(tokens):
        token = tokens[j]
        word = _word(tables, token)
        following = _word(tables, tokens[j + 1]) if j + 1 < len(tokens) else None
        if following is not None and following.kind in _NOT_IN_WORDS:
            following = None
        if word is None or word.kind in _NOT_IN_WORDS:
            if (
                word is None
                and following
                and (
                    (started and token.text in _JOINERS and (token.text == "-" or last != "add"))
                    or (
                        not started
                        and token.text in _ONE_BEFORE_SCALE
                        and following.kind in ("mul", *SCALES)
                    )
                )
            ):
                j += 1
                continue
            break
        if word.kind == "compound":
            if not (j + 1 < len(tokens) and set(tokens[j + 1].forms()) & _TENS):
                break
            current += word.value
        elif word.kind == "add":
            current += word.value
        elif word.kind == "mul":
            current = (current or 1) * word.value
        elif word.kind == "scale_dual" and not started:
            current += 2 * word.value  # "ألفا شخص": the dual opens the number
            scaled = True
        else:
            total += (current or 1) * word.value
            current, scaled = 0, True
        started, last = True, "scale" if word.kind in SCALES and current == 0 else word.kind
        j += 1
    if not started:
        return None
    if last == "scale" and current == 0:
        scale = _word(tables, tokens[j - 1])
        rest = _and_smaller(tokens, j, tables, scale.value if scale else 0)
        if rest is not None:
            total, j = total + rest.value, rest.end
        elif scale is not None:
            total, j = _and_a_half(tokens, j, tables, total, scale.value)
    return NumberMention(i, j, total + current, "words", scaled=scaled)


def _and_a_half(
    tokens: Sequence[Token], j: int, tables: ExtractTables, value: int, scale: int
) -> tuple[int, int]:
    """ "مليون ونصف (المليون)", "3 آلاف ونصف": half the scale more, after the scale word;
    (value, end) unchanged when no half follows."""
    if j >= len(tokens):
        return value, j
    forms = tokens[j].forms()
    half = next((tables.numbers.get(f) for f in forms if f != tokens[j].text), None)
    if not tokens[j].text.startswith("و") or half is None or half.kind != FRACTION:
        return value, j
    end = j + 1
    again = _word(tables, tokens[end]) if end < len(tokens) else None
    if again is None and end < len(tokens) and tokens[end].text.startswith("ال"):
        again = tables.numbers.get(tokens[end].text[2:])
    if again is not None and again.value == scale:
        end += 1  # "ونصف المليون"
    return value + scale // half.value, end


def _single_at(tokens: Sequence[Token], i: int, tables: ExtractTables) -> NumberMention | None:
    token = tokens[i]
    if token.kind == "num":
        return _digits_at(tokens, i, tables)
    if token.kind != "word":
        return None
    magnitude = tables.magnitudes.at(tokens, i)
    if magnitude:
        m = magnitude[0]
        return NumberMention(i, m.end, int(m.payload), "magnitude")
    word = _word(tables, token)
    if token.text in _ONE_BEFORE_SCALE and i + 1 < len(tokens):
        # "a quarter of a million": the article opens the number
        fraction = _fraction_at(tokens, i + 1, tables)
        if fraction is not None:
            return NumberMention(i, fraction.end, fraction.value, "words", scaled=True)
    if word is not None and word.kind == DUAL:
        return NumberMention(i, i + 1, word.value, DUAL)
    if word is not None and word.kind == FRACTION:
        return _fraction_at(tokens, i, tables)
    if word is not None and word.kind == SUFFIX:
        return None
    return _words_at(tokens, i, tables)


def _share_scale(low: int, high: NumberMention) -> int:
    """The first number of a range read with the second's scale when it has none."""
    for scale in (1000, 1_000_000):
        if low < scale <= high.value and low * scale <= high.value < low * scale * 10:
            return low * scale
    return low


def _range(
    tokens: Sequence[Token], first: NumberMention, tables: ExtractTables, between: bool
) -> NumberMention | None:
    j = first.end
    if j + 1 >= len(tokens) or first.how == "magnitude":
        return None
    joiner = set(tokens[j].forms())
    before = tokens[first.start - 1].text if first.start > 0 else ""
    allowed = (
        joiner & _RANGE_DASH
        or (joiner & _RANGE_WORDS and (before not in _FROM_WORDS or between))
        or (between and before not in _FROM_WORDS and joiner & _BETWEEN_WORDS)
    )
    if not allowed:
        return None
    second = _single_at(tokens, j + 1, tables)
    if second is None or second.how == "magnitude" or second.is_range:
        return None
    low = first.value if first.scaled else _share_scale(first.value, second)
    if second.value <= low:
        return None
    return NumberMention(
        first.start, second.end, low, first.how, value_high=second.value, scaled=True
    )


def read_numbers(
    tokens: Sequence[Token],
    tables: ExtractTables,
    blocked: frozenset[int] = frozenset(),
    between_at: frozenset[int] = frozenset(),
) -> list[NumberMention]:
    """Every number in ``tokens``, left to right, skipping the ``blocked`` token indices;
    ``between_at`` holds the token indices just after a "between" word (where "and" joins a
    range) or a "from" word no change word leads (where "to" does)."""
    out: list[NumberMention] = []
    i = 0
    while i < len(tokens):
        if i in blocked:
            i += 1
            continue
        mention = _single_at(tokens, i, tables)
        if mention is None:
            i += 1
            continue
        ranged = _range(tokens, mention, tables, mention.start in between_at)
        mention = ranged or mention
        out.append(mention)
        i = max(mention.end, i + 1)
    return out


def phone_spans(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """The token spans [start, end) of the phone numbers written in ``tokens`` (see the
    module's rules)."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        end = _digit_run(tokens, i)
        if end is not None and _is_phone(tokens, i, end):
            out.append((i, end))
            i = end
        else:
            i += 1
    return out


def _digit_run(tokens: Sequence[Token], i: int) -> int | None:
    """The end of a run of two or more bare digit groups from token i (an opening bracket
    may lead), joined by one space or by a joiner glued to both sides."""
    k = i + 1 if tokens[i].text == "(" else i
    if k >= len(tokens) or not tokens[k].text.isdigit():
        return None
    groups, end = 1, k + 1
    while end < len(tokens):
        nxt, prev = tokens[end], tokens[end - 1]
        gap = nxt.start - prev.end
        if nxt.text.isdigit() and (gap == 1 or (gap == 0 and prev.text in _PHONE_JOINERS)):
            groups, end = groups + 1, end + 1
        elif nxt.text in _PHONE_JOINERS and gap == 0:
            end += 1
        else:
            break
    while end > k and not tokens[end - 1].text.isdigit():
        end -= 1
    return end if groups >= 2 else None


def _is_phone(tokens: Sequence[Token], i: int, end: int) -> bool:
    digits = "".join(t.text for t in tokens[i:end] if t.text.isdigit())
    if len(digits) < _PHONE_DIGITS:
        return False
    first = next(t for t in tokens[i:end] if t.text.isdigit())
    plus = i > 0 and tokens[i - 1].text == "+" and tokens[i - 1].end == tokens[i].start
    hyphens = sum(1 for t in tokens[i:end] if t.text == "-")
    spaced = any(tokens[k + 1].start - tokens[k].end == 1 for k in range(i, end - 1))
    return (
        plus
        or (first.text.startswith("0") and len(first.text) > 1)
        or (hyphens >= 2 and not spaced)
    )
