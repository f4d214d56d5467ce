"""The window a figure covers, and the episode it belongs to.

Rules:

- A flow starts at the nearest *since* date of its sentence ("منذ 19 يونيو", "since 17 June",
  "the offensive, which began on June 19", "between 15 and 30 June", "خلال 5 أيام", "since the
  start of the offensive" → the episode's start); without one, at a point date close to it
  ("yesterday", "on Saturday", "الليلة قبل الماضية", "during July"), which also ends it (a
  point date reaches 12 tokens, place names not counted: "in the town of Busra al-Harir in
  Deraa province on Wednesday"; the only date of its sentence, after the number, reaches any
  distance: "قتل 14 مدنياً … استهدفت مدينة أريحا في ريف إدلب الجنوبي، فجر اليوم الثلاثاء"). A
  number followed by its own point date, then another figure and a since date, is the point
  date's ("29 killed on Saturday, raising the toll to 500 since Sunday": the 29 is
  Saturday's, the 500 since Sunday). A point date nearer the number than "since the start of
  the offensive" is the figure's own ("12 killed yesterday in the offensive's strikes since
  its start" → yesterday).
- It ends at the nearest *until* or *as of* date ("وحتى 22 تموز", "as of 28 June"), else at the
  point or month it started in, else on the reporting day.
- A stock has no start; it is counted at the nearest as-of or point date, else on the
  reporting day.
- A window never ends after the reporting day, and never starts after it ends.
- The episode is the one whose area holds the figure's place and that was running on the
  reporting day (the latest started, when several); a figure with no place takes the latest
  started episode running on the reporting day. "Since the start of the offensive" for a
  figure whose place no running episode holds has no known start: left empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from tracker.extract.calendar import DateMention
from tracker.extract.numbers import NumberMention
from tracker.extract.sentence import Sentence
from tracker.extract.tables import ExtractTables

POINT_REACH = 12  # tokens: how far a point date ("yesterday") reaches to a number


@dataclass(frozen=True)
class Window:
    start: date | None
    end: date | None
    reasons: tuple[str, ...]
    episode_start: bool = False  # the start is the episode's (resolved by the caller)
    event: str = ""  # the event whose start it is ("offensive", "earthquake")


def statement_date(sent: Sentence, d: DateMention) -> bool:
    """A point date right after a reporting verb ("said on Thursday", "أكدت الأمم المتحدة،
    الثلاثاء، أن") dates the statement, not the count: only a name, commas and fillers stand
    between them; "said last week that …" likewise dates the statement."""
    if d.role not in ("point", "past"):
        return False
    for verb in sent.cues("reporting"):
        between = range(verb.end, d.start)
        if (
            0 <= d.start - verb.end <= 8
            and not any(f.start in between for f in sent.figures)
            and not any(x.start in between for x in sent.metric_matches)
        ):
            return True
    return False


def _gap(m: NumberMention, d: DateMention) -> int:
    return min(abs(d.start - m.end), abs(m.start - d.end))


def _near(dates: list[DateMention], m: NumberMention, roles: tuple[str, ...]) -> DateMention | None:
    found = [d for d in dates if d.role in roles]
    if not found:
        return None
    return min(found, key=lambda d: _gap(m, d))


def window_of(
    sent: Sentence,
    m: NumberMention,
    measure: str,
    names: Sequence[tuple[int, int]] = (),
) -> Window:
    """The window of a figure from the dates of its sentence (see the module's rules);
    ``names`` are the token spans of the place names the sentence gives."""
    r = sent.clock.reported_on
    dates = [d for d in sent.dates if not statement_date(sent, d)]
    reasons: list[str] = []
    start = end = since = None
    episode = False
    point = _near([d for d in dates if d.first], m, ("point", "during"))
    if point and _reach(m, point, names) > POINT_REACH and not _sole_date_after(dates, m, point):
        point = None
    if measure == "flow":
        since = _near(dates, m, ("since", "between", "past"))
        if since and point and _own_point_first(sent, m, point, since):
            reasons.append(f"'{_text(sent, since)}' belongs to the figure between: not this one's")
            since = None
        if since and since.kind == "episode" and point and _gap(m, point) < _gap(m, since):
            own, other = _text(sent, point), _text(sent, since)
            reasons.append(f"'{own}' is the figure's own: not '{other}'")
            since = None
        if since and since.kind == "episode":
            episode = True
            reasons.append(f"'{_text(sent, since)}' → period_start: the episode's start")
        elif since and since.first:
            start = since.first
            reasons.append(_say(sent, since, "period_start", since.first))
        elif point and point.first:
            start = point.first
            reasons.append(_say(sent, point, "period_start", point.first))
    until = _near(dates, m, ("until", "as_of"))
    if until and until.last:
        end = until.last
        reasons.append(_say(sent, until, "period_end", until.last))
    elif point and point.last and (measure == "stock" or start == point.first):
        end = point.last
        reasons.append(_say(sent, point, "period_end", point.last))
    elif since and measure == "flow" and since.role in ("past", "between") and since.last:
        end = since.last
    if r and (end is None or end > r):
        if end is not None:
            reasons.append(f"period_end {end.isoformat()} is after reported_on: reported_on")
        end = r
    if start and end and start > end:
        reasons.append(f"period_start {start.isoformat()} after period_end: left empty")
        start = None
    event = since.event if since and episode else ""
    return Window(start, end, tuple(reasons), episode, event)


def _sole_date_after(dates: Sequence[DateMention], m: NumberMention, d: DateMention) -> bool:
    """Whether a point date is the only date of its sentence and comes after the number: it
    dates the sentence's event however far it stands ("قتل 14 مدنياً … جراء غارات استهدفت
    مدينة أريحا في ريف إدلب الجنوبي، فجر اليوم الثلاثاء")."""
    return len(dates) == 1 and d.start >= m.end


def _reach(m: NumberMention, d: DateMention, names: Sequence[tuple[int, int]]) -> int:
    """Tokens between a number and a date, a place name's tokens not counted ("17 civilians
    in the town of Busra al-Harir in Deraa province on Wednesday")."""
    a, b = (m.end, d.start) if d.start >= m.end else (d.end, m.start)
    inside = sum(max(0, min(b, y) - max(a, x)) for x, y in names)
    return max(0, b - a - inside)


def _own_point_first(
    sent: Sentence, m: NumberMention, point: DateMention, since: DateMention
) -> bool:
    """Whether a number is followed by its own point date and then, past another figure, by a
    since date ("killed 29 on Saturday, raising the toll to 500 since Sunday": "since
    Sunday" is the 500's, "Saturday" the 29's)."""
    if not m.end <= point.start < since.start:
        return False
    own = sent.numbers_between(m.end, point.start, m) == 0
    return own and sent.numbers_between(point.end, since.start, m) > 0


def _text(sent: Sentence, d: DateMention) -> str:
    """The date as written, with the window word that gives it its role ("since 19 June")."""
    return sent.source_text(d.start if d.lead is None else min(d.lead, d.start), d.end)


def _say(sent: Sentence, d: DateMention, column: str, day: date) -> str:
    note = f" ({d.note})" if d.note and d.note != "year as written" else ""
    return f"'{_text(sent, d)}' → {column} {day.isoformat()}{note}"


def episode_of(tables: ExtractTables, location: str | None, reported_on: date | None) -> str | None:
    """The episode a figure belongs to (see the module's rules)."""
    if reported_on is None:
        return None
    eps = tables.episodes
    day = pd.Timestamp(reported_on)
    start = pd.to_datetime(eps["start"], errors="coerce")
    end = pd.to_datetime(eps["end"], errors="coerce")
    running = eps[(start <= day) & (end.isna() | (end >= day))]
    if location:
        places = tables.places
        running = running[[places.within(location, str(p)) for p in running["location"]]]
    if running.empty:
        return None
    return str(running.loc[pd.to_datetime(running["start"]).idxmax(), "id"])


def episode_start(tables: ExtractTables, episode: str | None) -> date | None:
    if not episode or episode not in tables.episodes.index:
        return None
    return date.fromisoformat(str(tables.episodes.loc[episode, "start"]))
