"""Small helpers: read one phrase with the extractor's readers."""

from __future__ import annotations

from datetime import date

from tracker.extract.calendar import Clock, DateMention
from tracker.extract.numbers import NumberMention
from tracker.extract.sentence import Sentence
from tracker.extract.tables import ExtractTables
from tracker.extract.text import Folded


def sentence(text: str, tables: ExtractTables, reported_on: date | None = None) -> Sentence:
    folded = Folded.of(text)
    return Sentence(folded, 0, len(folded.folded), tables, Clock(reported_on))


def numbers(text: str, tables: ExtractTables) -> list[NumberMention]:
    return sentence(text, tables).numbers


def values(text: str, tables: ExtractTables) -> list[tuple[int, int | None, str]]:
    """(value, value_high, how) of every figure-candidate number of a phrase."""
    return [(m.value, m.value_high, m.how) for m in sentence(text, tables).figures]


def dates(text: str, tables: ExtractTables, reported_on: date | None) -> list[DateMention]:
    return sentence(text, tables, reported_on).dates
