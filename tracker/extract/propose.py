"""From an article's text to proposed figures (DESIGN §6, issue #15).

:func:`extract` reads a text sentence by sentence and proposes one figure per number that
counts something: the canonical columns (``figure_id`` empty, ``quote`` the sentence,
``quote_lang``) plus ``span_start``/``span_end`` (offsets of the number phrase in the text as
read), ``evidence`` (that phrase), ``confidence`` and ``reasons`` (why each field has its
value). A proposal that has every required column is checked by the one figure schema
(:func:`tracker.domain.validation.validate_figures`); one that lacks a source, a place or a
reporting date says so in its reasons and is left for the analyst. Nothing is stored.

A number after "including"/"بينهم" is part of the figure before it: it keeps that figure's
source and window, and its metric unless its own words name another ("بينهم 60 ألفاً تجمعوا
عند الحدود" → at_border). A number that adds to the figure before ("Another 3,000 crossed",
"30 more") or is listed with it ("12 children and 7 women") counts what that one counts when
no metric phrase is near it and its own noun fits that metric's units; it keeps its own
source and window.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from tracker.domain.validation import validate_figures
from tracker.domain.vocabularies import CANONICAL_COLUMNS
from tracker.extract import semantics as sem
from tracker.extract.article_sources import ArticleSources, Attribution
from tracker.extract.attribution import (
    Context,
    PlaceMention,
    attributions,
    last_speaker,
    monitor_described,
    monitor_title,
    person_source,
    place_mentions,
    publisher_source,
    remember_people,
    source_of,
    title_source,
)
from tracker.extract.calendar import Clock, DateMention, date_from_url
from tracker.extract.events import EventDates
from tracker.extract.headlines import Layout
from tracker.extract.lexicon import Match
from tracker.extract.numbers import DUAL, NumberMention
from tracker.extract.sentence import Sentence
from tracker.extract.tables import ExtractTables
from tracker.extract.text import Folded, first_line_url, is_arabic
from tracker.extract.window import Window, episode_of, episode_start, window_of

EXTRA_COLUMNS = ("span_start", "span_end", "evidence", "confidence", "reasons")
OUTPUT_COLUMNS = (*CANONICAL_COLUMNS, *EXTRA_COLUMNS)
REQUIRED = ("reported_on", "source", "metric", "location", "value")
HEAD_REACH = 5  # tokens from "including"/"among all the victims were" to its part
REFUGEES = "refugees"  # the metric of a host country's background total
POPULATION_REASON = 2  # a proposal's reasons open with its qualifier's, metric's, population's


@dataclass
class Proposal:
    """One proposed figure: its cells (canonical and extra), its reasons, its confidence."""

    cells: dict[str, object]
    reasons: list[str] = field(default_factory=list)
    penalties: list[float] = field(default_factory=list)
    mention: NumberMention | None = None
    window: Window | None = None
    problems: list[str] = field(default_factory=list)
    #: for a source its sentence does not name: its paragraph, its offset, and whether its
    #: sentence reports speech (a reporting verb whose speaker is not registered or not named)
    unsourced: tuple[int, int, bool] | None = None
    head: Proposal | None = None
    #: the index in ``reasons`` of the source's reason, while the article decides it
    source_reason: int | None = None
    #: the index in ``reasons`` of the source's reason, once written
    source_at: int = -1
    #: a toll of the dead and the wounded together: proposed only when nothing else is
    combined: bool = False
    #: the attribution of the next sentence, when that one has no figure of its own
    named_after: Attribution | None = None
    #: its paragraph and the folded offset of its number
    where: tuple[int, int] = (0, 0)
    #: a monitor its sentence describes without naming it ("a war monitor said")
    described_monitor: str | None = None

    def text(self, column: str) -> str | None:
        """A cell as text (None when empty): the cells this module fills are text or None."""
        value = self.cells.get(column)
        return None if value is None else str(value)

    @property
    def missing(self) -> list[str]:
        return [c for c in REQUIRED if not self.cells.get(c)]

    @property
    def complete(self) -> bool:
        """Every required column given, and the figure schema passed."""
        return not self.missing and not self.problems

    @property
    def confidence(self) -> float:
        score = 0.95 - sum(self.penalties)
        return round(max(0.05, score * (1.0 if self.complete else 0.5)), 2)


def extract(
    text: str,
    tables: ExtractTables,
    *,
    lang: str | None = None,
    reported_on: date | None = None,
    publisher: str | None = None,
    url: str | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """Proposed figures of a text, in :data:`OUTPUT_COLUMNS` (see the module docstring)."""
    line_url, _ = first_line_url(text)
    url = url or line_url
    notes: list[str] = []
    if reported_on is None and (reported_on := date_from_url(url)):
        notes.append(f"reported_on {reported_on.isoformat()} read from the address")
    folded = Folded.of(text)
    clock = Clock(reported_on, None if reported_on else _text_year(folded.folded, today))
    ctx = Context()
    article = ArticleSources()
    article.publisher_source, article.publisher_reason = publisher_source(tables, publisher, url)
    titled, title_reason = title_source(tables, text)
    if titled is not None:
        article.publisher_source, article.publisher_reason = titled, title_reason
        article.own_report = True
    _monitor_bulletin(article, tables, text)
    lang = lang or ("ar" if is_arabic(text) else "en")
    proposals: list[Proposal] = []
    before: list[Proposal] = []
    for start, end in folded.sentences():
        sent = Sentence(folded, start, end, tables, clock)
        found = _propose_sentence(sent, ctx, article, before)
        if not sent.figures:
            _attributed_after(sent, before)
        proposals += found
        before = found
    proposals = _not_restated(proposals, Layout.of(text, line_url is not None))
    if not all(p.combined for p in proposals):
        proposals = [p for p in proposals if not p.combined]
    for p in proposals:
        _resolve_source(p, article, tables)
        _narrow_source(p, article, tables)
        _unattributed(p)
    for p in proposals:
        p.cells.update(publisher=publisher, url=url, quote_lang=lang)
        p.reasons[:0] = notes
    return _frame(proposals, tables, today or date.today())


def _not_restated(proposals: list[Proposal], layout: Layout) -> list[Proposal]:
    """The proposals less the headline's and the lead's restatements
    (:mod:`tracker.extract.headlines`)."""
    exact = [(p.where[0], p.text("metric")) for p in proposals if not _vague(p)]
    kept = []
    for p in proposals:
        paragraph, metric = p.where[0], p.text("metric")
        later = any(q > paragraph and m == metric for q, m in exact)
        title = paragraph in layout.titles
        if (title and (_vague(p) or later)) or (paragraph == layout.lead and _vague(p) and later):
            continue
        kept.append(p)
    return kept


def _vague(p: Proposal) -> bool:
    return p.mention is not None and p.mention.how == "magnitude"


def _monitor_bulletin(article: ArticleSources, tables: ExtractTables, text: str) -> None:
    """A bulletin a registered monitor publishes (the publisher, or its header, names it: SOHR
    on its own site, "SNHR — monthly report") states the monitor's own counts: its figures
    are the monitor's unless their own sentence names another source."""
    if article.publisher_source is None:
        article.publisher_source, article.publisher_reason = monitor_title(tables, text)
    if article.publisher_source in tables.monitors:
        article.own_report = True
        article.publisher_reason += " (a monitor's own bulletin)"


def _attributed_after(sent: Sentence, before: list[Proposal]) -> None:
    """A sentence with no figure that names who reported ("The toll was given by the Syrian
    Observatory, which …", "وأفاد بذلك المرصد السوري") attributes the figures of the sentence
    just before it (in its paragraph or the one before) that name no source and report
    no speech of their own."""
    if not sent.cues("reporting"):
        return
    named = attributions(sent, ())
    if not named:
        return
    for p in before:
        if p.unsourced is not None and not p.unsourced[2] and sent.paragraph - p.unsourced[0] < 2:
            p.named_after = named[0]


def _text_year(folded: str, today: date | None) -> int | None:
    """The latest year the text writes (for dates without one when no reporting day is known)."""
    limit = (today or date.today()).year
    years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", folded)]
    years = [y for y in years if y <= limit]
    return max(years) if years else None


def _propose_sentence(
    sent: Sentence, ctx: Context, article: ArticleSources, before: list[Proposal]
) -> list[Proposal]:
    """The proposals of one sentence; ``before`` holds the previous sentence's, for a
    sentence that opens with an including-word ("Among them were 12 children")."""
    places = place_mentions(sent, ctx.places_seen)
    remember_people(sent, ctx)
    ctx.events.learn(sent)
    article.attributions += [
        dataclasses.replace(a, source=known)
        if not a.source and (known := person_source(ctx, a.name))
        else a
        for a in attributions(sent, _story_places(sent, places, ctx))
    ]
    out: list[Proposal] = []
    for m in sent.figures:
        why_not = sem.not_a_figure(sent, m)
        if why_not:
            continue
        wholes = [p for p in before if p.head is None]
        head = _head(sent, m, out or _opening(sent, before)) or _part_after(sent, m, out, wholes)
        sibling = _coordinated(sent, m, out) if head is None else None
        if sibling is not None:
            head = sibling.head
        elif head is None:
            sibling = _added_to(sent, m, out or wholes)
        proposal = _propose(sent, m, head, places, ctx, sibling if head is None else None)
        if proposal is not None:
            _others(sent, m, proposal, [p for p in out if p.head is None] or wholes)
            _carry_window(sent, proposal, ctx)
            out.append(proposal)
    dated = [p for p in out if p.text("period_start") and p.text("measure") == "flow"]
    if dated:
        last = dated[-1]
        ctx.last_flow = (
            str(last.text("period_start")),
            last.text("period_end"),
            str(last.cells["value"]),
        )
    speaker = last_speaker(sent, ctx.last_source)
    if speaker is not None:
        ctx.last_source, ctx.last_name = speaker
        ctx.last_source = ctx.last_source or person_source(ctx, ctx.last_name) or ""
    if places:
        ctx.last_place = places[-1].pcode
        ctx.places_seen.extend(p.pcode for p in places)
    return out


def _story_places(sent: Sentence, places: list[PlaceMention], ctx: Context) -> tuple[str, ...]:
    """The places a sentence speaks of, for the sources it names: its own below the country
    (a country tells nothing of which story it is), else the place named before it."""
    index = sent.tables.places
    own = tuple(p.pcode for p in places if (index.level(p.pcode) or 0) > 0)
    seen = [p for p in ctx.places_seen if (index.level(p) or 0) > 0]
    return own or tuple(seen[-1:])


def _head(sent: Sentence, m: NumberMention, earlier: list[Proposal]) -> Proposal | None:
    """The figure a number is part of, when an including-word stands just before it."""
    if not earlier:
        return None
    for cue in sent.cues("including"):
        near = cue.end <= m.start and m.start - cue.end <= HEAD_REACH
        if (
            near
            and not _figure_between(sent, cue.end, m)
            and not sent.punct_between(cue.end, m.start)
        ):
            return earlier[-1]
    return None


def _carry_window(sent: Sentence, p: Proposal, ctx: Context) -> None:
    """A flow with no window of its own takes the window of the last flow the text dated
    when its sentence says so ("over the same period", "خلال الفترة نفسها": ``same_period``
    cues) or continues the sentence before it ("كما قتل …", "وأضاف أن …", "It also said":
    a ``continues`` cue opening the sentence)."""
    if ctx.last_flow is None or p.head is not None or p.text("measure") != "flow":
        return
    if p.text("period_start") or (p.window is not None and p.window.episode_start):
        return
    same = sent.cues("same_period")
    opens = [c for c in sent.cues("continues") if c.start == 0]
    if not same and not opens:
        return
    start, end, value = ctx.last_flow
    cue = (same or opens)[0]
    p.cells["period_start"] = start
    if end and same:
        p.cells["period_end"] = end
    why = f"'{sent.source_text(cue.start, cue.end)}': the window of the figure before ({value})"
    p.reasons.append(f"{why} → period_start {start}")


def _part_after(
    sent: Sentence, m: NumberMention, out: list[Proposal], wholes: list[Proposal]
) -> Proposal | None:
    """The figure a number is part of when a ``part_of`` word follows it ("Some 40 of them
    were children", "12 منهم أطفال") or an ``among_dead`` phrase follows it or its counted
    noun ("eight children were among the dead"): the last whole figure of its sentence,
    else of the sentence before."""
    after = {m.end, sem.counted_noun(sent, m).end}
    among = any(c.start in after for c in sent.cues("among_dead"))
    if not among and not any(c.start == m.end for c in sent.cues("part_of")):
        return None
    whole = [p for p in out if p.head is None] or wholes
    return whole[-1] if whole else None


def _others(sent: Sentence, m: NumberMention, p: Proposal, earlier: list[Proposal]) -> None:
    """ "killed 12 civilians and injured 30 others", "وأصيب 30 آخرون": a number an ``others``
    word follows, with no population of its own, counts the population of the figure before."""
    if p.head is not None or not earlier or p.text("population") != "all":
        return
    if not any(m.end <= c.start <= m.end + 1 for c in sent.cues("others")):
        return
    population = earlier[-1].text("population") or "all"
    if population != "all":
        p.cells["population"] = population
        p.reasons[POPULATION_REASON] = (
            f"'others' of the figure before ({earlier[-1].cells['value']}) → {population}"
        )


def _opening(sent: Sentence, before: list[Proposal]) -> list[Proposal]:
    """The previous sentence's proposals when this one opens with an including-word
    ("Among them were …", "ومن بينهم …", "The monitor said the dead included …"): an
    including-word that opens the sentence, or follows a metric word ("the dead", القتلى)
    with no figure before it; its parts belong to the last whole figure before it (not to a
    part of that figure)."""
    first = min((f.start for f in sent.figures), default=len(sent.tokens))
    after_metric = {x.end for x in sent.metric_matches}
    said = {k for c in sent.cues("reporting", "complementizer") for k in range(c.start, c.end)}
    opens = any(
        all(t.kind != "word" or k in said for k, t in enumerate(sent.tokens[: c.start]))
        or (c.end <= first and c.start in after_metric)
        for c in sent.cues("including")
    )
    return [p for p in before if p.head is None] if opens else []


def _coordinated(sent: Sentence, m: NumberMention, earlier: list[Proposal]) -> Proposal | None:
    """The number a coordinated list joins this one to ("12 children and 7 women", "12
    طفلاً و7 نساء"): the figure just before it, with only its counted words between them and
    a coordinating word right before this number. The two count the same thing."""
    last = earlier[-1] if earlier else None
    if last is None or last.mention is None:
        return None
    a = last.mention.end
    joins = [c.start for c in sent.cues("coordination") if c.end == m.start and c.start >= a]
    if m.how == DUAL and sent.tokens[m.start].text.startswith("و"):
        joins.append(m.start)  # "5 أطفال وامرأتان": the conjunction glued to a dual noun
    if not joins or joins[0] - a > 4 or _figure_between(sent, a, m):
        return None
    if any(sent.tokens[k].kind != "word" for k in range(a, joins[0])):
        return None
    return last


def _added_to(sent: Sentence, m: NumberMention, earlier: list[Proposal]) -> Proposal | None:
    """The figure a number adds to ("… said OCHA. Another 3,000 crossed on Saturday", "30
    more fled"): an ``another`` word right before it or an ``others`` word right after it;
    the last whole figure of its sentence, else of the sentence before. Such a number with
    no metric phrase near counts what that figure counts (its own source and window)."""
    before = any(c.end == m.start for c in sent.cues("another"))
    after = any(c.start == m.end for c in sent.cues("others"))
    whole = [p for p in earlier if p.head is None]
    return whole[-1] if (before or after) and whole else None


def _figure_between(sent: Sentence, a: int, m: NumberMention) -> bool:
    return any(a <= f.start < m.start for f in sent.figures)


def _propose(
    sent: Sentence,
    m: NumberMention,
    head: Proposal | None,
    places: list[PlaceMention],
    ctx: Context,
    sibling: Proposal | None = None,
) -> Proposal | None:
    qualified = sem.qualifier_of(sent, m)
    counted = sem.counted_noun(sent, m)
    unit = sem.unit_of(sent, counted)
    metric, metric_why = sem.metric_of(sent, m, unit, counted)
    sibling_metric = str(sibling.cells["metric"]) if sibling is not None else ""
    units = sent.tables.metric_units
    if metric is None and sibling is not None and (unit is None or unit in units[sibling_metric]):
        metric = sibling_metric
        metric_why = f"with {sibling.cells['value']} before it → {metric}"
    p = Proposal({}, mention=m)
    if head is not None:
        metric, metric_why = _sub_metric(sent, m, counted, head, metric, metric_why)
        p.penalties.append(0.05)
    if metric is None:
        return None
    metrics = sent.tables.vocab.metrics
    measure = str(metrics.loc[metric, "measure"])
    if measure == "flow" and head is None and sem.trapped(sent, m) is not None:
        return None  # people trapped or besieged: no flow counts them
    if metric == REFUGEES and head is None and sem.host_aside(sent, m) is not None:
        return None  # a host country's refugee total, an aside about something else
    population, population_why = sem.population_of(sent, counted, metric, m)
    if head is not None and not counted.population:
        named = sem.population_after_part(sent, m)
        population = named.payload if named else str(head.cells["population"])
        population_why = (
            f"{named.phrase} → {population}"
            if named
            else f"population of the figure it is part of → {population}"
        )
    p.reasons += [qualified.reason, metric_why, population_why]
    together = sem.combined(sent, m)
    if together is not None:
        p.combined = True
        p.reasons.append(f"'{together}': the dead and the wounded together (no metric counts it)")
        p.penalties.append(0.2)
    if not counted.metric or counted.metric.payload != metric:
        p.penalties.append(0.1)
    if population == "all" and not counted.unit:
        p.penalties.append(0.05)
    _attribute(sent, m, head, places, ctx, p)
    _date(sent, m, head, measure, p, [(pl.start, pl.end) for pl in places], ctx.events)
    if measure == "flow" and _whole_war(p, sent.clock.reported_on):
        return None
    unit_id = (
        "households"
        if unit == "households" and "households" in sent.tables.metric_units[metric]
        else None
    )
    a, b = sent.span(qualified.start, qualified.end)
    p.cells.update(
        figure_id=None,
        metric=metric,
        population=population,
        measure=measure,
        qualifier=qualified.qualifier,
        value=str(m.value),
        value_high=str(m.value_high) if m.value_high is not None else None,
        unit=unit_id or str(metrics.loc[metric, "unit"]),
        quote=sent.quote,
        notes=None,
        span_start=a,
        span_end=b,
        evidence=sent.text.original[a:b],
    )
    if unit_id:
        # the unit phrase; else (no unit or population phrase) the metric phrase whose
        # metric is counted in households
        named = counted.unit or counted.metric
        p.reasons.append(f"{named.phrase if named else metric} → unit households")
    return p


WAR_YEARS = 5  # a flow counted over more years than this is the war's background total


def _whole_war(p: Proposal, reported_on: date | None) -> bool:
    """A flow counted since a start years before the report ("Since 2011, more than 500,000
    people have been killed") is the whole war's background total, no figure of the story."""
    start = p.text("period_start")
    if reported_on is None or start is None:
        return False
    return (reported_on - date.fromisoformat(start)).days > WAR_YEARS * 366


def _sub_metric(
    sent: Sentence,
    m: NumberMention,
    counted: sem.Counted,
    head: Proposal,
    metric: str | None,
    why: str,
) -> tuple[str | None, str]:
    """A part's metric: its own when its own clause names one ("including 60,000 at the
    border crossing"), else its whole's."""
    units = sent.tables.metric_units
    own = counted.metric or next(
        (
            x
            for x in sent.metric_matches
            if x.start >= m.end
            and "persons" in units[x.payload]
            and not sent.punct_between(m.end, x.start)
            and not _figure_between(sent, m.end, NumberMention(x.start, x.start, 0, ""))
        ),
        None,
    )
    own = own or _own_verb(sent, m, head)
    if own is not None:
        return own.payload, f"{sent.source_text(own.start, own.end)} → {own.payload}"
    whole = head.text("metric")
    return whole, f"part of the figure before it ({head.cells['value']}) → {whole}"


def _own_verb(sent: Sentence, m: NumberMention, head: Proposal) -> Match | None:
    """A part's own verb in its own clause, before it ("4 million need aid, and the WFP
    assisted 1.2 million of them"): a metric phrase of people after the whole's number and
    nearest this one, no clause mark or other number between, naming another metric."""
    start = head.mention.end if head.mention is not None and head.text("quote") == sent.quote else 0
    units = sent.tables.metric_units
    before = [
        x
        for x in sent.metric_matches
        if start <= x.start
        and x.end <= m.start
        and "persons" in units[x.payload]
        and x.payload != head.text("metric")
        and not sent.punct_between(x.end, m.start)
        and not _figure_between(sent, x.end, m)
    ]
    return before[-1] if before else None


def _attribute(
    sent: Sentence,
    m: NumberMention,
    head: Proposal | None,
    places: list[PlaceMention],
    ctx: Context,
    p: Proposal,
) -> None:
    p.where = (sent.paragraph, sent.tokens[m.start].start)
    decided = None if head is not None else source_of(sent, m, ctx)
    own = _own_source(sent, m, head) if head is not None else None
    source: str | None
    if head is not None and own is not None:
        p.head = head
        source, why = own.source, f"{own.name} (in the part's own clause) → {own.source}"
    elif head is not None:
        p.head = head
        source, why = head.text("source"), "source of the figure it is part of"
    elif decided is None:
        source, why = None, ""
        p.unsourced = (sent.paragraph, sent.tokens[m.start].start, bool(sent.cues("reporting")))
        p.described_monitor = monitor_described(sent)
        p.penalties.append(0.1)
    else:
        source, why = decided
        if "continues" in why:
            p.penalties.append(0.1)
    location, place_why = _place(sent, m, head, places, ctx)
    if location is None:
        place_why = "no place named in the text"
    elif "named before" in place_why:
        p.penalties.append(0.1)
    p.cells.update(source=source or None, location=location)
    inherits = head is not None and own is None and head.source_reason is not None
    if p.unsourced is not None or inherits:
        p.source_reason = len(p.reasons)
    p.source_at = len(p.reasons)
    p.reasons += [why, place_why]


def _own_source(sent: Sentence, m: NumberMention, head: Proposal) -> Attribution | None:
    """A registered source a part names in its own clause, between its whole and itself
    ("4 million need aid, and the WFP assisted 1.2 million of them" → wfp); news agencies
    are never one."""
    if head.mention is None or head.text("quote") != sent.quote:
        return None
    a, b = head.where[1], sent.tokens[m.start].start
    named = [
        x
        for x in attributions(sent, ())
        if a < x.offset < b and x.source and x.source != "unattributed"
    ]
    return named[-1] if named else None


def _resolve_source(p: Proposal, article: ArticleSources, tables: ExtractTables) -> None:
    """A source the figure's sentence left open, from the whole article (text order: the
    figure an including-part belongs to is resolved before the part)."""
    if p.source_reason is None:
        return
    after = p.named_after
    described = p.described_monitor
    monitor = article.monitor(*p.where, tables.monitors) if described else None
    if monitor is not None and not article.own_report:
        source, named = monitor
        why = f"no source in its sentence; '{described}' is the monitor {named}"
    elif after is not None and not article.own_report:
        source = after.source
        why = f"no source in its sentence; {after.name} (named in the next sentence) → "
        why += source or f"'{after.name}' is not in the source registry"
    elif p.unsourced is not None:
        paragraph, offset, reported = p.unsourced
        figure = (p.text("location"), p.text("metric"))
        source, why = article.resolve(
            paragraph, offset, figure, tables.places, reported_speech=reported
        )
    else:
        head = p.head
        source = (head.text("source") if head else None) or ""
        why = "source of the figure it is part of"
    p.cells["source"] = source or None
    p.reasons[p.source_reason] = why


def _narrow_source(p: Proposal, article: ArticleSources, tables: ExtractTables) -> None:
    """An organisation named whole in a report of its own office is that office."""
    narrowed = article.narrow(p.text("source"), tables.source_parts, p.where)
    if narrowed is not None:
        p.cells["source"], why = narrowed
        p.reasons[p.source_at] = f"{p.reasons[p.source_at]}; {why}"


def _unattributed(p: Proposal) -> None:
    """A figure with no registered originator is ``unattributed`` (the registry's id for it,
    DESIGN's convention): nobody named, or an originator the registry lacks (its reason names
    whose words they are)."""
    if p.text("source"):
        return
    p.cells["source"] = "unattributed"
    p.penalties.append(0.1)
    if 0 <= p.source_at < len(p.reasons):
        why = p.reasons[p.source_at] or "no source named"
        p.reasons[p.source_at] = f"{why} → unattributed"


def _place(
    sent: Sentence,
    m: NumberMention,
    head: Proposal | None,
    places: list[PlaceMention],
    ctx: Context,
) -> tuple[str | None, str]:
    near = [
        pl
        for pl in places
        if not _figure_between(sent, min(pl.end, m.start), m) or pl.start > m.start
    ]
    if head is not None:
        own = [pl for pl in places if 0 <= pl.start - m.end <= 3]
        if own:
            return own[0].pcode, f"{own[0].text} → {own[0].pcode}"
        return head.text("location"), "place of the figure it is part of"
    if near or places:
        best = min(near or places, key=lambda pl: min(abs(pl.start - m.end), abs(m.start - pl.end)))
        return best.pcode, f"{best.text} → {best.pcode}"
    if ctx.last_place:
        return (
            ctx.last_place,
            f"no place in the sentence: the place named before → {ctx.last_place}",
        )
    return None, ""


def _date(
    sent: Sentence,
    m: NumberMention,
    head: Proposal | None,
    measure: str,
    p: Proposal,
    names: list[tuple[int, int]],
    events: EventDates,
) -> None:
    """The figure's window: its sentence's dates; "since the start of the offensive", "since
    the earthquake" → the day the article dated that event, else (an offensive) the start of
    the registered episode whose area holds the figure's place; a flow with no date that
    names an event the article dated → that day (:mod:`tracker.extract.events`)."""
    tables = sent.tables
    r = sent.clock.reported_on
    inherited = head.window if head is not None else None
    own = _own_date(sent, m) if head is not None else None
    if own is not None and own.first is not None:
        # "including 300 in February": the part's own month, not its whole's window
        last = min(own.last or own.first, r) if r else own.last
        said = f"'{sent.source_text(own.start, own.end)}' (the part's own date)"
        inherited = Window(own.first, last, (f"{said} → period_start {own.first}",))
    if inherited is not None and head is not None and head.text("quote") != sent.quote:
        # a part in a sentence of its own ("About 12 of them died … on Tuesday") keeps the
        # dates that sentence gives it
        own_window = window_of(sent, m, measure, names)
        if own_window.start is not None:
            inherited = own_window
    window = inherited or window_of(sent, m, measure, names)
    p.window = window
    episode = episode_of(tables, p.text("location"), r)
    start = window.start
    reasons = list(window.reasons)
    dated = events.day_of(window.event) if window.episode_start else None
    if dated is not None:
        start = dated[0]
        reasons.append(f"the event dated earlier in the article: '{dated[1]}' → {start}")
    elif window.episode_start:
        # a figure with a place takes only an episode whose area holds it: "since the start
        # of the offensive" in Afrin in 2020 is no episode the tracker knows of; an
        # earthquake is no registered episode
        if not p.text("location"):
            episode = episode_of(tables, None, r)
        start = episode_start(tables, episode) if window.event == "offensive" else None
        if start and r and (r - start).days > WAR_YEARS * 366:
            reasons.append(f"episode {episode} started {start.isoformat()}, years before")
            start = episode = None
        elif start:
            reasons.append(f"episode {episode} started {start.isoformat()}")
        else:
            reasons.append("no known episode holds the place: period_start left empty")
    elif measure == "flow" and start is None and inherited is None:
        named = events.named(sent)
        if named is not None:
            start = named[0]
            reasons.append(f"a figure of the event dated earlier: '{named[1]}' → {start}")
    if episode:
        reasons.append(f"episode {episode} (running on reported_on, its area holds the place)")
    if r is None:
        reasons.append("reported_on unknown: give --reported-on")
    p.reasons += reasons
    p.cells.update(
        reported_on=r.isoformat() if r else None,
        period_start=start.isoformat() if start else None,
        period_end=window.end.isoformat() if window.end else None,
        episode=episode,
    )


OWN_DATE_REACH = 3  # tokens from a part's number to a date of its own ("300 in February")


def _own_date(sent: Sentence, m: NumberMention) -> DateMention | None:
    """A point date or month that follows a part's number closely, no other figure between:
    its own."""
    return next(
        (
            d
            for d in sent.dates
            if d.first is not None
            and d.role in ("point", "during")
            and 0 <= d.start - m.end <= OWN_DATE_REACH
            and sent.numbers_between(m.end, d.start, m) == 0
        ),
        None,
    )


def _frame(proposals: list[Proposal], tables: ExtractTables, today: date) -> pd.DataFrame:
    rows = []
    for p in proposals:
        if p.missing:
            p.reasons.append("incomplete: " + ", ".join(p.missing) + " to be given")
        rows.append(p)
    _validate(rows, tables, today)
    records = []
    for p in rows:
        record = {c: p.cells.get(c) for c in OUTPUT_COLUMNS}
        record["confidence"] = p.confidence
        record["reasons"] = "; ".join(r for r in p.reasons if r)
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=list(OUTPUT_COLUMNS))
    for column in CANONICAL_COLUMNS + ("evidence", "reasons"):
        frame[column] = frame[column].astype("string")
    frame.attrs["complete"] = [p.complete for p in rows]
    return frame


def _validate(proposals: list[Proposal], tables: ExtractTables, today: date) -> None:
    """Check the complete proposals with the figure schema; a failure makes one incomplete."""
    complete = [p for p in proposals if not p.missing]
    if not complete:
        return
    table = pd.DataFrame([{c: p.cells.get(c) for c in CANONICAL_COLUMNS} for p in complete])
    table = table.astype("string")
    result = validate_figures(table, tables.vocab, today, first_line=0)
    for problem in result.problems:
        p = complete[problem.line]
        p.problems.append(problem.message)
        p.reasons.append(
            f"not complete, the figure schema says: {problem.column} {problem.value!r}: "
            f"{problem.message}"
        )
