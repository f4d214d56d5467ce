"""Events an article dates once and refers back to (issue #15).

Rules (the words are in ``data/extract/calendar.csv``: kinds ``offensive`` and ``event``,
and the start words ``began``, ``start_of`` and ``struck``):

- An event is dated where the text names it with a start word and a day, no figure between
  them: "the earthquake struck on 6 February", "the offensive began on 27 November", "بدء
  الهجوم الذي تشنه الفصائل في 27 تشرين الثاني/نوفمبر", "بدأت أمس الخميس عملية الإجلاء"; or
  with a day right beside it ("the 6 February earthquake"). The first dating of an event
  holds for the rest of the article.
- Event words of one kind of event name the same event: the nouns of an offensive are one
  event ("the offensive", "الهجوم", "the campaign"); the others are grouped in the table's
  value column (earthquake, quake, الزلزال; evacuation, convoy, الإجلاء, القافلة).
- "since the earthquake", "منذ بدء الهجوم" open a figure's window on its event's date; a
  flow with no date of its own whose sentence names a dated event ("people left in the first
  convoy") opens on that event's date too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.extract.calendar import DateMention
from tracker.extract.sentence import Sentence

EVENT_KINDS = ("offensive", "event")
START_KINDS = ("began", "start_of", "struck")
DATED_KINDS = ("day", "weekday", "relative")
REACH = 15  # tokens between an event word and the day it is dated by
BESIDE = 2  # tokens: a day this close to its event word dates it without a start word


@dataclass(frozen=True)
class EventWord:
    start: int
    end: int
    event: str  # the event it names: "offensive", or the table's group


def event_words(sent: Sentence) -> list[EventWord]:
    """The event words of a sentence, left to right."""
    out = []
    for m in sent.tables.calendar.all(sent.tokens):
        kind, value = m.payload
        if kind in EVENT_KINDS:
            out.append(EventWord(m.start, m.end, kind if kind == "offensive" else str(value)))
    return out


@dataclass
class EventDates:
    """The events an article has dated so far: event → (day, the words that dated it)."""

    known: dict[str, tuple[date, str]] = field(default_factory=dict)

    def learn(self, sent: Sentence) -> None:
        """Date the events a sentence dates (see the module's rules)."""
        starts = [
            m.start for m in sent.tables.calendar.all(sent.tokens) if m.payload[0] in START_KINDS
        ]
        for word in event_words(sent):
            if word.event in self.known:
                continue
            dated = [d for d in sent.dates if _dates(sent, word, d, starts)]
            if dated:
                d = min(dated, key=lambda d: _gap(word, d))
                assert d.first is not None
                a, b = min(word.start, d.start), max(word.end, d.end)
                self.known[word.event] = (d.first, sent.source_text(a, b))

    def day_of(self, event: str) -> tuple[date, str] | None:
        return self.known.get(event)

    def named(self, sent: Sentence) -> tuple[date, str] | None:
        """The first dated event a sentence names."""
        for word in event_words(sent):
            if (found := self.known.get(word.event)) is not None:
                return found
        return None


def _gap(word: EventWord, d: DateMention) -> int:
    return d.start - word.end if d.start >= word.end else word.start - d.end


def _dates(sent: Sentence, word: EventWord, d: DateMention, starts: list[int]) -> bool:
    """Whether a day dates an event word: close, no figure between, a start word by them."""
    if d.kind not in DATED_KINDS or d.first is None or d.role in ("until", "as_of", "past"):
        return False
    gap = _gap(word, d)
    if gap > REACH or _figure_between(sent, word, d):
        return False
    if gap <= BESIDE and not sent.punct_between(word.start, d.start):
        return True
    lo, hi = min(word.start, d.start) - 2, max(word.end, d.end)
    return any(lo <= k < hi for k in starts)


def _figure_between(sent: Sentence, word: EventWord, d: DateMention) -> bool:
    lo, hi = (word.end, d.start) if d.start >= word.end else (d.end, word.start)
    return any(lo <= f.start < hi for f in sent.figures)
