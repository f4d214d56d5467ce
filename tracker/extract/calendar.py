"""Calendar words: the dates, days and durations a sentence names, and what role each plays.

Rules (the words are in ``data/extract/calendar.csv``):

- A day is "19 June", "June 19, 2018", "19 حزيران/يونيو", "19 من الشهر الجاري", "28/29 June",
  "2018-06-19" or "19/06/2018". Two days of one month ("12-15 June", "between 12 and 15
  June", "from 12 to 15 June", "بين 12 و15 حزيران") are one window, first day to last.
  A month is "July 2018", "شهر تموز", "mid-June", "in July"; a
  bare month name counts only beside a day, a year or a window word ("may" is also a verb).
  A year is 1900–2100 written alone.
- A date without a year takes the year of ``reported_on`` (the year before when it would fall
  after it); without ``reported_on``, a year the text writes; otherwise it stays unresolved.
- "yesterday", "أمس", "last night" are days counted back from ``reported_on``; a weekday is
  its latest occurrence on or before ``reported_on`` (before it, with الفائت/الماضي/last).
  A time of day names the day it is joined to ("since dawn on Monday", "منذ فجر الأربعاء",
  "منذ صباح أمس الاثنين"); two joined weekdays ("on Monday and Tuesday", "يومي الاثنين
  والثلاثاء") are one window, the first to the second.
- A duration ("72 hours", "خمسة أيام", "أسبوعين", "الساعات الـ 24 الماضية") is no figure;
  after "past"/"خلال" (or before الماضية) it is a window ending on the reporting day D. After
  a past word it reaches N days back ("the past five days" opens on D − 5, "the past 48
  hours" on D − 2, "the past 24 hours" and "خلال الساعات الـ24 الماضية" on D − 1); after
  "خلال" alone ("خلال 5 أيام من التصعيد") D is the last of the N days (D − 4).
- "since dawn", "منذ فجر اليوم" is the reporting day; "منذ مطلع الشهر الجاري", "since the
  start of this month" the first of the reporting month; "since the start of the year",
  "منذ بداية العام" the first of the reporting year; "this year", "العام الجاري" that year.
- "since the start of the offensive" / "منذ بدء العملية" with no date of its own is the start
  of the episode the figure belongs to; a date right after it is that start, unless an until
  word leads it ("منذ بدء الحملة وحتى يوم الخميس": Thursday ends the window).
- A date's role comes from the window word before it: since, until, as_of, between, during;
  otherwise it is a point in time.
"""

from __future__ import annotations

import calendar as cal
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tracker.extract.lexicon import Match
from tracker.extract.numbers import NumberMention
from tracker.extract.tables import ExtractTables
from tracker.extract.text import Token

YEARS = range(1900, 2101)
ROLE_KINDS = ("since", "began", "until", "as_of", "between", "during", "start_of")
WEAK_UNTIL = frozenset({"to", "and", "الي", "و"})


@dataclass(frozen=True)
class DateMention:
    """A calendar expression at tokens [start, end): the first and last day it names."""

    start: int
    end: int
    kind: str  # day, month, year, relative, weekday, duration, episode
    first: date | None
    last: date | None
    role: str = "point"  # since, until, as_of, between, during, past, point
    note: str = ""
    days: float = 0.0  # for a duration
    lead: int | None = None  # where the window word that gives the role starts
    event: str = ""  # for an episode: the event it names ("offensive", "earthquake")


@dataclass(frozen=True)
class Clock:
    """What relative dates are counted from: the reporting day, else a year the text writes."""

    reported_on: date | None
    text_year: int | None = None

    def year_for(self, month: int, day: int) -> tuple[int | None, str]:
        """The year of a day written without one, and how it was chosen."""
        if self.reported_on:
            year = self.reported_on.year
            if (month, day) > (self.reported_on.month, self.reported_on.day):
                return year - 1, "year before reported_on's (the date would follow it)"
            return year, "year from reported_on"
        if self.text_year:
            return self.text_year, "year from the text (no reported_on)"
        return None, "year unknown: give --reported-on"


class Reader:
    """Finds the calendar expressions of one sentence."""

    def __init__(
        self,
        tokens: Sequence[Token],
        numbers: Sequence[NumberMention],
        tables: ExtractTables,
        clock: Clock,
    ) -> None:
        self.tokens, self.clock, self.tables = tokens, clock, tables
        self.numbers = {m.start: m for m in numbers}
        self.words: dict[int, list[Match]] = {}
        for m in tables.calendar.all(tokens):
            self.words.setdefault(m.start, []).append(m)

    # ------------------------------------------------------------------ look-ups

    def kind_at(self, i: int, *kinds: str) -> Match | None:
        """The longest calendar word of one of ``kinds`` starting at token i."""
        for m in self.words.get(i, ()):
            if m.payload[0] in kinds:
                return m
        return None

    def counted(self, i: int) -> bool:
        """Whether a counted noun starts at token i ("2000 people" is no year)."""
        if i >= len(self.tokens):
            return False
        t = self.tables
        return bool(t.units.at(self.tokens, i) or t.populations.at(self.tokens, i))

    def plain(self, i: int, low: int, high: int) -> NumberMention | None:
        m = self.numbers.get(i)
        if m and m.plain and not m.is_range and low <= m.value <= high:
            return m
        return None

    def text(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else ""

    def skip(self, i: int, *kinds: str) -> int:
        """The first token from i that is neither one of ``kinds`` nor a comma."""
        while i < len(self.tokens):
            word = self.kind_at(i, *kinds)
            if word is None and self.text(i) != ",":
                break
            i = word.end if word else i + 1
        return i

    def month_at(self, i: int) -> tuple[int, int] | None:
        """(month, end) for a month name at i ("حزيران/يونيو" read as one)."""
        m = self.kind_at(i, "month")
        if m is None:
            return None
        end = m.end
        if self.text(end) == "/" and (other := self.kind_at(end + 1, "month")):
            end = other.end
        return int(m.payload[1]), end

    def year_after(self, i: int) -> tuple[int | None, int]:
        """A written year at i (after an optional comma or year word) and where it ends."""
        j = self.skip(i, "year_word")
        if (y := self.plain(j, YEARS.start, YEARS.stop - 1)) is not None:
            return y.value, y.end
        return None, i

    # ------------------------------------------------------------------ expressions

    def day_first(self, i: int) -> DateMention | None:
        span = self.day_span(i)
        if span is not None:
            first_day, last_day, j = span
        elif (d := self.plain(i, 1, 31)) is not None:
            first_day, last_day, j = d.value, d.value, d.end
            if self.text(j) == "/" and (d2 := self.plain(j + 1, 1, 31)) and d2.value > d.value:
                last_day, j = d2.value, d2.end
        elif (w := self.kind_at(i, "day_word")) is not None:
            # "منذ السادس من آذار", "the sixth of March": an ordinal word, only before a month
            first_day = last_day = int(w.payload[1])
            j = w.end
        else:
            return None
        j = self.skip(j, "date_filler")
        month = self.month_at(j)
        if month is None:
            month = self.relative_month(j)
            if month is None:
                return None
        number, end = month
        year, after = self.year_after(end)
        mention = self.day_mention(i, after if year else end, first_day, last_day, number, year)
        return replace(mention, role="between") if span is not None else mention

    def day_span(self, i: int) -> tuple[int, int, int] | None:
        """Two days of one month ("12-15 June", "between 12 and 15 June", "from 12 to 15
        June", "بين 12 و15 حزيران"): (first, last, end), the first day before the last."""
        n = self.numbers.get(i)
        if n is None or not self.text(i).isdigit():
            return None
        if n.is_range and n.value_high is not None:
            first, last, end = n.value, n.value_high, n.end
        else:
            word = self.kind_at(n.end, "until")
            second = self.plain(word.end, 1, 31) if word and n.plain else None
            if second is None:
                return None
            first, last, end = n.value, second.value, second.end
        if not 1 <= first < last <= 31 or self.month_at(self.skip(end, "date_filler")) is None:
            return None
        return first, last, end

    def relative_month(self, i: int) -> tuple[int, int] | None:
        """ "الشهر الجاري" / "الشهر الماضي" as (month, end), from reported_on."""
        word = self.kind_at(i, "month_word")
        r = self.clock.reported_on
        if word is None or r is None:
            return None
        if (current := self.kind_at(word.end, "current")) is not None:
            return r.month, current.end
        if (past := self.kind_at(word.end, "past")) is not None:
            return (r.month - 2) % 12 + 1, past.end
        return None

    def this_month(self, i: int) -> DateMention | None:
        """ "الشهر الجاري", "this month", "last month" read as a month when a part or a window
        word leads it ("منذ مطلع الشهر الجاري", "since the start of this month")."""
        word = self.kind_at(i, "month_word")
        month = self.relative_month(i)
        if month is None and (modifier := self.kind_at(i, "current", "past")) is not None:
            after = self.kind_at(modifier.end, "month_word")
            r = self.clock.reported_on
            if after is not None and r is not None:
                current = modifier.payload[0] == "current"
                month = (r.month if current else (r.month - 2) % 12 + 1, after.end)
        lead = i - 1 if self.kind_at(i - 1, "date_filler") else i
        part = self.part_before(lead)
        r = self.clock.reported_on
        definite = lead < i or self.text(i).startswith("ال")
        if month is None and word is not None and part and r and definite:
            # "since the start of the month", "منذ مطلع الشهر": the reporting month, unless a
            # month is named
            named = self.month_at(self.skip(word.end, "date_filler"))
            month = None if named else (r.month, word.end)
        if month is None or (word is None and self.kind_at(i, "current", "past") is None):
            return None
        if part is None and not self.cue_before(i):
            return None
        number, end = month
        return self.month_mention(part[1] if part else i, end, number, None, part)

    def this_year(self, i: int) -> DateMention | None:
        """ "this year", "هذا العام", "العام الجاري" (the reporting year), "since the start of
        the year", "منذ بداية العام" (its first day); a written year is :meth:`year_mention`'s."""
        r = self.clock.reported_on
        before = self.kind_at(i, "current")
        word = self.kind_at(before.end if before else i, "year_word")
        if r is None or word is None or self.year_after(word.end)[0] is not None:
            return None
        after = self.kind_at(word.end, "current")
        end = after.end if after else word.end
        lead = i - 1 if self.kind_at(i - 1, "date_filler") else i
        part = next(
            (
                m
                for k in range(max(0, lead - 3), lead)
                for m in self.words.get(k, ())
                if m.end == lead and m.payload[0] in ("part", "start_of")
            ),
            None,
        )
        if part is not None:
            first = date(r.year, 1, 1)
            return DateMention(part.start, end, "year", first, first, note="the reporting year")
        if before is None and after is None:
            return None
        return DateMention(
            i, end, "year", date(r.year, 1, 1), date(r.year, 12, 31), note="the reporting year"
        )

    def month_first(self, i: int) -> DateMention | None:
        month = self.month_at(i)
        if month is None:
            return None
        number, j = month
        k = self.skip(j, "date_filler")
        if (d := self.plain(k, 1, 31)) is not None:
            year, end = self.year_after(d.end)
            return self.day_mention(i, end if year else d.end, d.value, d.value, number, year)
        year, end = self.year_after(j)
        part = self.part_before(i)
        modified = self.kind_at(j, "past", "current") is not None
        bare = year is None and part is None and not modified and not self.cue_before(i)
        if bare:
            return None
        word = self.kind_at(i - 1, "month_word")
        start = part[1] if part else (i - 1 if word and word.end == i else i)
        return self.month_mention(start, end if year else j, number, year, part)

    def part_before(self, i: int) -> tuple[tuple[int, int], int] | None:
        """A part of a month ("mid-", "منتصف شهر") just before token i: ((first, last), start)."""
        for back in range(1, 4):
            m = self.kind_at(i - back, "part")
            between = range(m.end, i) if m else range(0)
            if m and all(self.text(k) == "-" or self.kind_at(k, "month_word") for k in between):
                first, last = (int(x) for x in m.payload[1].split(";"))
                return (first, last), i - back
        return None

    def cue_before(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and (self.kind_at(j, "date_filler", "month_word") or self.text(j) == "-"):
            j -= 1
        near = range(max(0, j - 1), j + 1)
        return any(self.kind_at(k, *ROLE_KINDS, "current", "past") for k in near)

    def day_mention(
        self, start: int, end: int, first: int, last: int, month: int, year: int | None
    ) -> DateMention:
        note = "year as written"
        if year is None:
            year, note = self.clock.year_for(month, first)
        try:
            a = date(year, month, first) if year else None
            b = date(year, month, last) if year else None
        except ValueError:
            a = b = None
        return DateMention(start, end, "day", a, b, note=note)

    def month_mention(
        self,
        start: int,
        end: int,
        month: int,
        year: int | None,
        part: tuple[tuple[int, int], int] | None,
    ) -> DateMention:
        note = "year as written"
        if year is None:
            year, note = self.clock.year_for(month, 1)
        if year is None:
            return DateMention(start, end, "month", None, None, note=note)
        days = cal.monthrange(year, month)[1]
        first, last = part[0] if part else (1, days)
        return DateMention(
            start,
            end,
            "month",
            date(year, month, min(first, days)),
            date(year, month, min(last, days)),
            note=note,
        )

    def year_mention(self, i: int) -> DateMention | None:
        y = self.plain(i, YEARS.start, YEARS.stop - 1)
        if y is None or self.counted(y.end):
            return None
        start = i - 1 if self.kind_at(i - 1, "year_word") else i
        part = self.kind_at(start - 1, "part", "start_of")
        if part:
            return DateMention(part.start, y.end, "year", date(y.value, 1, 1), date(y.value, 1, 1))
        return DateMention(start, y.end, "year", date(y.value, 1, 1), date(y.value, 12, 31))

    def relative(self, i: int) -> DateMention | None:
        m = self.kind_at(i, "relative_day")
        r = self.clock.reported_on
        raw = self.text(i)
        if m is None or raw[:1] in ("ل", "ب"):
            return None
        a, b = (int(x) for x in m.payload[1].split(";"))
        end = m.end
        if (a, b) == (0, 0) and (named := self.weekday(self.skip(end, "date_filler"))):
            # "since dawn on Monday": a time of day names no day; the weekday after it does
            return replace(named, start=i)
        if (weekday := self.kind_at(end, "weekday")) is not None:
            end = weekday.end
        if r is None:
            return DateMention(i, end, "relative", None, None, note="no reported_on")
        return DateMention(
            i,
            end,
            "relative",
            r + timedelta(days=a),
            r + timedelta(days=b),
            note=f"counted back from reported_on {r.isoformat()}",
        )

    def weekday(self, i: int) -> DateMention | None:
        m = self.kind_at(i, "weekday")
        r = self.clock.reported_on
        if m is None:
            return None
        end, strict = m.end, False
        if (past := self.kind_at(end, "past")) is not None:
            end, strict = past.end, True
        then = self.second_weekday(end)
        if r is None:
            return DateMention(i, then[1] if then else end, "weekday", None, None, "no reported_on")
        back = (r.weekday() - int(m.payload[1])) % 7 or (7 if strict else 0)
        day = r - timedelta(days=back)
        note = f"the {m.phrase} before reported_on"
        if then is not None:
            # "on Monday and Tuesday", "يومي الاثنين والثلاثاء": both days, the last the latest
            last = r - timedelta(days=(r.weekday() - then[0]) % 7)
            day = last - timedelta(days=(then[0] - int(m.payload[1])) % 7)
            return DateMention(i, then[1], "weekday", day, last, note=note + ", to the next named")
        return DateMention(i, end, "weekday", day, day, note=note)

    def second_weekday(self, i: int) -> tuple[int, int] | None:
        """A weekday joined to the one before token i ("and Tuesday", "والثلاثاء"):
        (its number, its end)."""
        k = i + 1 if self.text(i) in ("and", "و") else i
        if k == i and not self.text(i).startswith("و"):
            return None
        m = self.kind_at(k, "weekday")
        return (int(m.payload[1]), m.end) if m else None

    def counted_duration(self, i: int) -> DateMention | None:
        """A duration written unit first ("الساعات الـ 24 الماضية", "الأيام الثلاثة
        الماضية"): a unit word, its number, then a past word: a window back from the
        reporting day."""
        unit = self.kind_at(i, "duration")
        if unit is None:
            return None
        k = unit.end + (1 if self.text(unit.end) == "ال" else 0)
        value, end = self.count_at(k)
        past = self.kind_at(end, "past") if value else None
        if past is None:
            return None
        days = float(unit.payload[1]) * value
        r = self.clock.reported_on
        first = opening(r, days, float(unit.payload[1])) if r else None
        return DateMention(i, past.end, "duration", first, r if first else None, "past", days=days)

    def count_at(self, k: int) -> tuple[int, int]:
        """A plain count at token k, in digits or as one number word (its article or
        clitics allowed): (value, end), or (0, k)."""
        n = self.numbers.get(k)
        if n is not None:
            plain = not n.is_range and n.how != "magnitude"
            return (n.value, n.end) if plain else (0, k)
        if k < len(self.tokens):
            for form in self.tokens[k].forms():
                word = self.tables.numbers.get(form)
                if word is not None and word.kind == "add":
                    return word.value, k + 1
        return 0, k

    def duration(self, i: int) -> DateMention | None:
        n = self.numbers.get(i)
        j = n.end if n else i
        if n and self.text(j) == "-":
            j += 1
        unit = self.kind_at(j, "duration")
        if unit is None or (n and (n.is_range or n.how == "magnitude")):
            return None
        past = self.kind_at(unit.end, "past")
        # "يوم الثلاثاء", "منذ عام 2011": a unit word alone is no duration
        since_alone = self.kind_at(i - 1, "since") and not self._dated_after(unit.end)
        if n is None and not past and not self.kind_at(i - 1, "past") and not since_alone:
            return None
        days = float(unit.payload[1]) * (n.value if n else 1)
        end = unit.end
        before = any(self.kind_at(k, "past", "during", "since") for k in range(max(0, i - 3), i))
        # "منذ ثلاثة أيام", "منذ أسبوعين" (N days ago) open N days back, as "the past N days"
        back = ("past", "since")
        past_word = past or any(self.kind_at(k, *back) for k in range(max(0, i - 3), i))
        role = "past" if past or before else "none"
        end = past.end if past else end
        r = self.clock.reported_on
        unit_days = float(unit.payload[1])
        first = opening(r, days, unit_days, bool(past_word)) if r and role == "past" else None
        return DateMention(i, end, "duration", first, r if first else None, role, days=days)

    def _dated_after(self, k: int) -> bool:
        """Whether a number or a calendar word stands at token k ("منذ يوم الجمعة", "منذ
        عام 2011", "منذ شهر حزيران": the unit word names a date, no duration)."""
        return k in self.numbers or bool(self.words.get(k))

    def episode(self, i: int) -> DateMention | None:
        """ "since the start of the offensive" / "since the offensive began" / "since the
        earthquake" (an event word that needs no start word), with no date of its own."""
        since = self.kind_at(i, "since")
        if since is None:
            return None
        j = self.skip(since.end, "date_filler")
        start_of = self.kind_at(j, "start_of")
        window = range(start_of.end if start_of else j, min(len(self.tokens), j + 5))
        noun = next((k for k in window if self.kind_at(k, "offensive", "event")), None)
        if noun is None:
            return None
        word = self.kind_at(noun, "offensive", "event")
        assert word is not None
        kind, group = word.payload
        began = start_of is not None or any(self.kind_at(k, "began") for k in window)
        if kind == "offensive" and not began:
            return None
        event = "offensive" if kind == "offensive" else str(group)
        return DateMention(
            i, word.end, "episode", None, None, "since", note="episode start", event=event
        )


def opening(r: date, days: float, unit: float, past: bool = True) -> date:
    """The day a window of ``days`` back from the reporting day D opens. After a past word
    ("the past N days", "الأيام الخمسة الماضية", "last week"): D − N ("the past five days"
    reported on the 12th opens on the 7th), a window of hours as many whole days back ("the
    past 24 hours" D − 1, "the past 48 hours" D − 2) — the blind sets' convention. After
    "during"/خلال alone ("خلال 5 أيام من التصعيد"): the reporting day counted as the last of
    the N (D − N + 1), a window of hours opening the day before at the latest."""
    back = max(0, math.ceil(round(days, 1))) if past else max(0, round(days + 0.49) - 1)
    return r - timedelta(days=max(1, back) if unit < 1 else back)


def _role(
    reader: Reader, mention: DateMention, previous: DateMention | None
) -> tuple[str, int | None]:
    """The window word just before a date (fillers skipped): since, until, as_of, between,
    during; a weak "until" ("to", "and", إلى, و) only after a since or between date."""
    ends = [mention.start]
    while ends[-1] > 0 and reader.kind_at(ends[-1] - 1, "date_filler"):
        ends.append(ends[-1] - 1)
    for j in ends:
        for back in range(j - 1, max(-1, j - 4), -1):
            for m in reader.words.get(back, ()):
                kind = m.payload[0]
                if m.end != j or kind not in ROLE_KINDS:
                    continue
                if kind == "until" and reader.text(back) in WEAK_UNTIL:
                    if previous and previous.role in ("since", "between"):
                        return "until", back
                    continue
                return ("since" if kind in ("since", "began", "start_of") else kind), back
    return "point", None


FINDERS = (
    "episode",
    "day_first",
    "month_first",
    "this_month",
    "this_year",
    "relative",
    "weekday",
    "counted_duration",
    "duration",
    "year_mention",
)


def read_dates(reader: Reader) -> list[DateMention]:
    """Every calendar expression of the sentence, left to right, none overlapping, each with
    its role."""
    out: list[DateMention] = []
    i = 0
    while i < len(reader.tokens):
        found = next((d for name in FINDERS if (d := getattr(reader, name)(i)) is not None), None)
        if found is None:
            i += 1
            continue
        if found.kind not in ("duration", "episode"):
            role, lead = _role(reader, found, out[-1] if out else None)
            # a span of days names both ends of its window whatever word leads it
            found = replace(found, role=role if found.role == "point" else found.role, lead=lead)
        out.append(found)
        i = max(found.end, i + 1)
    return _episode_gives_way(out, frozenset(reader.numbers))


EPISODE_DATE_REACH = 12  # tokens: "منذ بدء الهجوم الذي تشنه الفصائل في شمال سوريا في 27 …"


def _episode_gives_way(dates: list[DateMention], numbers: frozenset[int]) -> list[DateMention]:
    """An episode phrase followed closely by a date of its own ("since the campaign began on
    19 June", a relative clause between them allowed, no number) is that date, as the
    window's start."""
    out: list[DateMention] = []
    for d in dates:
        dated = d.kind in ("day", "month", "year", "relative", "weekday")
        dated = dated and d.role not in ("until", "as_of")  # "منذ بدء الحملة وحتى الخميس"
        close = bool(out) and 0 <= d.start - out[-1].end <= EPISODE_DATE_REACH
        close = close and not any(out[-1].end <= k < d.start for k in numbers)
        if close and out[-1].kind == "episode" and dated and d.first:
            out[-1] = replace(d, role="since", note=d.note + "; the start as dated in the text")
            continue
        out.append(d)
    return out


def numeric_dates(tokens: Sequence[Token]) -> list[tuple[int, int, date]]:
    """Dates written in digits only: 2018-06-19 and 19/06/2018, as (start, end, date)."""
    out = []
    for i in range(len(tokens) - 4):
        a, s1, b, s2, c = (t.text for t in tokens[i : i + 5])
        if s1 != s2 or s1 not in "-/" or not (a + b + c).isdigit():
            continue
        y, m, d = (a, b, c) if len(a) == 4 else (c, b, a)
        try:
            out.append((i, i + 5, date(int(y), int(m), int(d))))
        except ValueError:
            continue
    return out


def date_from_url(url: str | None) -> date | None:
    """A date written in a web address (/2018/06/29/, 2018-06-29), the day a page is dated."""
    if not url:
        return None
    m = re.search(r"(?<!\d)(20\d\d|19\d\d)[/-](\d\d?)[/-](\d\d?)(?!\d)", url)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
