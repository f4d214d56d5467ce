"""One sentence read once: its tokens, numbers, dates, and every table phrase found in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from tracker.extract.calendar import Clock, DateMention, Reader, numeric_dates, read_dates
from tracker.extract.lexicon import Match
from tracker.extract.numbers import NumberMention, phone_spans, read_numbers
from tracker.extract.tables import ExtractTables
from tracker.extract.text import Folded, Token


@dataclass
class Sentence:
    """A sentence of the text (folded offsets [start, end)) and what was read in it."""

    text: Folded
    start: int
    end: int
    tables: ExtractTables
    clock: Clock
    tokens: list[Token] = field(init=False)
    numbers: list[NumberMention] = field(init=False)
    dates: list[DateMention] = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = self.text.tokens(self.start, self.end)
        digit_dates = numeric_dates(self.tokens)
        spans = [(a, b) for a, b, _ in digit_dates] + phone_spans(self.tokens)
        blocked = frozenset(k for a, b in spans for k in range(a, b))
        between = frozenset(m.end for m in self.qualifier_matches if m.payload == "range")
        self.numbers = read_numbers(self.tokens, self.tables, blocked, between | self._from_at())
        reader = Reader(self.tokens, self.numbers, self.tables, self.clock)
        self.dates = [
            DateMention(a, b, "day", d, d, note="as written") for a, b, d in digit_dates
        ] + read_dates(reader)
        self.dates.sort(key=lambda d: d.start)

    def _from_at(self) -> frozenset[int]:
        """The token indices just after a "from"/من that opens a range ("from 3 to 5
        thousand"): none that a word of change leads in its clause ("rose from 300 to 500",
        "ارتفع العدد من 300 إلى 500" are two counts)."""
        froms = [m for m in self.cues("range_from")]
        changes = self.cues("change")
        return frozenset(
            f.end
            for f in froms
            if not any(
                c.end <= f.start and f.start - c.end <= 8 and not self.punct_between(c.end, f.start)
                for c in changes
            )
        )

    # ----------------------------------------------------------------- phrase matches

    @cached_property
    def qualifier_matches(self) -> list[Match]:
        return self.tables.qualifiers.all(self.tokens)

    @cached_property
    def metric_matches(self) -> list[Match]:
        return self.tables.metrics.all(self.tokens)

    @cached_property
    def population_matches(self) -> list[Match]:
        return self.tables.populations.find(self.tokens)

    @cached_property
    def source_matches(self) -> list[Match]:
        return self.tables.sources.find(self.tokens)

    @cached_property
    def cue_matches(self) -> list[Match]:
        return self.tables.cues.all(self.tokens)

    def cues(self, *kinds: str) -> list[Match]:
        return [m for m in self.cue_matches if m.payload[0] in kinds]

    # ----------------------------------------------------------------- spans

    @cached_property
    def figures(self) -> list[NumberMention]:
        """The numbers no date expression took (days, years, durations are no figures)."""
        taken = {k for d in self.dates for k in range(d.start, d.end)}
        return [m for m in self.numbers if not taken & set(range(m.start, m.end))]

    def source_text(self, start: int, end: int) -> str:
        """The original text of tokens [start, end)."""
        if end <= start:
            return ""
        return self.text.source(self.tokens[start].start, self.tokens[end - 1].end)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text offsets of tokens [start, end)."""
        return self.text.span(self.tokens[start].start, self.tokens[end - 1].end)

    @property
    def paragraph(self) -> int:
        """The sentence's paragraph: a line of the text (how many line breaks precede it)."""
        return self.text.folded.count("\n", 0, self.start)

    @property
    def quote(self) -> str:
        return self.text.source(self.start, self.end)

    def punct_between(
        self, a: int, b: int, marks: Sequence[str] = (",", ";", ":", "،", "؛")
    ) -> bool:
        """Whether a clause mark lies between token indices a and b."""
        lo, hi = sorted((a, b))
        return any(self.tokens[k].text in marks for k in range(lo, hi))

    def numbers_between(self, a: int, b: int, skip: NumberMention) -> int:
        """How many figures other than ``skip`` lie between token indices a and b."""
        lo, hi = sorted((a, b))
        return sum(1 for m in self.figures if m is not skip and lo <= m.start < hi)
