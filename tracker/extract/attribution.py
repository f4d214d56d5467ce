"""Who states a figure and where it is: its source and its place.

Source rules (aliases in ``data/extract/source_aliases.csv``, keyed by registry id; reporting
verbs, pronouns and news agencies in ``data/extract/cues.csv``):

1. A registered source named in the sentence: the one nearest the number, a name beside a
   reporting verb ("قال", "said", "according to") counting as nearer.
2. Else a reporting verb whose subject is a name the registry lacks ("قال مكتب …", "health
   organizations report", "Ahmad, a doctor in Nawa, said", "a local activist said"): no
   source, and the reason says whose words they are; news agencies (Reuters, فرانس برس)
   carry figures and are never their source.
3. Else a reporting verb without a subject or with a pronoun or a description ("وأضاف أن",
   "he said", "the UN agency added", "وأوضحت المنظمة الأممية"; a registered name inside the
   description is not a new source): the speaker the text named last — no source when the
   registry lacks that speaker ("Medical sources said … They added"). A person the text
   introduced beside a registered source ("ليندا توم، المتحدثة باسم أوتشا") speaks for it
   later by any part of the name ("وأضافت توم").
4. Else the sentence does not decide: :mod:`tracker.extract.article_sources` resolves the
   source over the whole article (the attribution nearest before it in its paragraph, the
   article's dominant attribution, the publisher when it is a registered source, by alias or
   by its web address's host in the registry: syriahr.com is SOHR's own site; else
   ``unattributed``).

Place rules: names are resolved by :class:`tracker.domain.places.PlaceIndex` (gazetteer names
and aliases in their normal form). A name beside a place word (city, camp, مدينة, مخيم) prefers
a community; beside a region word (province, محافظة, ريف) a governorate; otherwise the most
general place of that name. A lone word that names only a community, with no place word beside
it, is not taken (too many villages share a name with a common word). A figure takes the place
nearest it in its sentence, else the place the text named last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

from tracker.domain.places import normal_form
from tracker.extract.article_sources import Attribution
from tracker.extract.events import EventDates
from tracker.extract.lexicon import Match
from tracker.extract.numbers import NumberMention
from tracker.extract.sentence import Sentence
from tracker.extract.tables import ExtractTables
from tracker.extract.text import ARABIC, Folded, Token, first_line_url, fold

MAX_PLACE_TOKENS = 5
UNATTRIBUTED = "unattributed"  # the registry's id for a figure with no registered originator
#: calendar words no subject runs into ("وثقت منذ بداية العام": منذ is no one's name)
SUBJECT_STOPS = frozenset({"since", "until", "as_of", "between", "began", "relative_day"})


@dataclass
class Context:
    """What earlier sentences of the text established."""

    last_source: str | None = None
    #: the last speaker's words when the registry lacks them (then ``last_source`` is '')
    last_name: str = ""
    last_place: str | None = None
    places_seen: list[str] = field(default_factory=list)
    #: people the text introduced as speaking for a registered source ("ليندا توم، المتحدثة
    #: باسم أوتشا"), by their full name and by each word of it (folded) → the source
    people: dict[str, str] = field(default_factory=dict)
    #: the events the text dated ("the earthquake struck on 6 February")
    events: EventDates = field(default_factory=EventDates)
    #: the window of the last flow the text dated: (period_start, period_end, its number)
    last_flow: tuple[str, str | None, str] | None = None


def publisher_source(
    sent_tables: ExtractTables, publisher: str | None, url: str | None
) -> tuple[str | None, str]:
    """The registered source a publisher or an address stands for (rule 4): a source it
    names; else a report series it names ("ReliefWeb (Flash Update No. 2)": OCHA's own
    series, ``data/extract/report_series.csv``); else the registry's source at its host."""
    if publisher:
        tokens = Folded.of(publisher).tokens()
        found = sent_tables.sources.find(tokens)
        if found:
            return found[0].payload, f"publisher '{publisher}' is {found[0].payload}"
        series = sent_tables.report_series.find(tokens)
        if series and not _acronym(publisher):
            source = series[0].payload
            return source, f"publisher '{publisher}' is a report series of {source}"
    host = urlparse(url or "").netloc.lower().removeprefix("www.")
    for known, source in sent_tables.source_hosts.items():
        if host == known or host.endswith("." + known):
            return source, f"the address {host} is {source}'s own site"
    return None, ""


HEADER_LINES = 4  # the lines at the top of a text that may be its title
HEADER_WIDTH = 200  # characters: a longer line is body text, no title


def title_source(tables: ExtractTables, text: str) -> tuple[str | None, str]:
    """The registered source whose own report a text is, by its title: one of its first lines
    names a report series ("Syria: Flash Update No. 3", "سوريا: تحديث عاجل رقم 2",
    ``data/extract/report_series.csv``); the source is the organisation that line names
    ("UNHCR Flash Update"), else the series' own (OCHA's); a line that names an organisation
    the registry lacks (an acronym) gives none."""
    _, begin = first_line_url(text)
    lines = [ln.strip() for ln in text[begin:].splitlines() if ln.strip()][:HEADER_LINES]
    for line in lines:
        if len(line) > HEADER_WIDTH:
            continue
        tokens = Folded.of(line).tokens()
        series = tables.report_series.find(tokens)
        if not series:
            continue
        named = tables.sources.find(tokens)
        if named:
            source = named[0].payload
        elif _acronym(line):
            continue
        else:
            source = series[0].payload
        return source, f"the title '{line}' is a report of {source}'s series '{series[0].phrase}'"
    return None, ""


def monitor_title(tables: ExtractTables, text: str) -> tuple[str | None, str]:
    """The monitor whose own bulletin a text is by its header: one of its first lines, short
    and no sentence (no full stop, no reporting verb: "Syrian Network for Human Rights —
    Monthly death toll", "المرصد السوري لحقوق الإنسان: حصيلة الضحايا"), names a registered
    monitor (:attr:`ExtractTables.monitors`)."""
    _, begin = first_line_url(text)
    lines = [ln.strip() for ln in text[begin:].splitlines() if ln.strip()][:HEADER_LINES]
    for line in lines:
        if len(line) > HEADER_WIDTH or line.endswith((".", "?", "!", "؟")):
            continue
        tokens = Folded.of(line).tokens()
        if any(c.payload[0] == "reporting" for c in tables.cues.all(tokens)):
            continue
        named = [s.payload for s in tables.sources.find(tokens) if s.payload in tables.monitors]
        if named:
            return str(named[0]), f"the header '{line}' names the monitor {named[0]}"
    return None, ""


def _acronym(publisher: str) -> bool:
    """Whether a publisher's name holds an organisation's acronym (UNICEF, WHO): a series
    name beside it is that organisation's series, not the registry's."""
    return any(len(w) >= 3 and w.isalpha() and w.isupper() for w in publisher.split())


# ------------------------------------------------------------------------------- sources


def _frames(sent: Sentence) -> list[tuple[Match, str, str]]:
    """Reporting verbs and what stands as their subject: (verb, kind, name) with kind
    'registered', 'pronoun', 'none', 'wire' or 'unregistered'."""
    return [(verb, *_classify(sent, span)) for verb, span in _subject_spans(sent)]


def _subject_spans(sent: Sentence) -> list[tuple[Match, tuple[int, int]]]:
    out = []
    for verb in sent.cues("reporting"):
        after = (
            verb.payload[1] == "before" or ARABIC.match(sent.tokens[verb.start].text) is not None
        )
        out.append((verb, _subject(sent, verb, after)))
    return out


def remember_people(sent: Sentence, ctx: Context) -> None:
    """A person a reporting verb gives as its subject, set beside a registered source
    ("Linda Tom, a spokeswoman for OCHA, said", "وقالت ليندا توم، المتحدثة باسم أوتشا"):
    the source speaks through that person for the rest of the text, by full name or by any
    word of it ("وأضافت توم", "Tom added")."""
    named = [s for s in sent.source_matches if not _is_wire(sent, s)]
    for _, (a, b) in _subject_spans(sent):
        end = a
        while end < b and sent.tokens[end].kind == "word" and not _starts_source(named, end):
            end += 1
        if not 2 <= end - a <= 4 or not _looks_like_name(sent, a, end):
            continue
        beside = [s for s in named if a <= s.start and s.start - end <= 5]
        if beside:
            _remember(sent, ctx, (a, end), str(beside[0].payload))
    for role in sent.cues("speaker_role"):
        for source, name in _role_names(sent, role, named):
            _remember(sent, ctx, name, source)


def _remember(sent: Sentence, ctx: Context, name: tuple[int, int], source: str) -> None:
    words = [sent.tokens[k].text for k in range(*name)]
    for key in (" ".join(words), *words):
        ctx.people[key] = source


def _role_names(
    sent: Sentence, role: Match, named: list[Match]
) -> list[tuple[str, tuple[int, int]]]:
    """The person a role word names beside a registered source: "OCHA spokeswoman Sara
    Haddad" (source, role, name), "المتحدثة باسم أوتشا في دمشق، سارة حداد،" (role, source,
    the name set off by commas a few words on)."""
    tokens = sent.tokens
    before = [s for s in named if 0 <= role.start - s.end <= 1]
    after = [s for s in named if 0 <= s.start - role.end <= 2]
    if before:
        end = _name_run(sent, role.end)
        return [(str(before[-1].payload), (role.end, end))] if end - role.end >= 2 else []
    if not after:
        return []
    k = after[0].end
    while k < len(tokens) and k - after[0].end <= 6 and tokens[k].text not in (",", "،"):
        k += 1
    end = _name_run(sent, k + 1)
    closed = end < len(tokens) and tokens[end].text in (",", "،")
    if k < len(tokens) and end - (k + 1) >= 2 and closed:
        return [(str(after[0].payload), (k + 1, end))]
    return []


def _name_run(sent: Sentence, a: int) -> int:
    """The end of up to three name words from token a (none a table phrase or a cue)."""
    taken = {m.start for m in sent.cue_matches + sent.source_matches + sent.metric_matches}
    b = a
    while b < len(sent.tokens) and b - a < 3 and sent.tokens[b].kind == "word" and b not in taken:
        b += 1
    return b if _looks_like_name(sent, a, b) else a


def person_source(ctx: Context, name: str) -> str | None:
    """The registered source a person named before speaks for (see :func:`remember_people`)."""
    return ctx.people.get(" ".join(t.text for t in Folded.of(fold(name)).tokens()))


def _starts_source(named: list[Match], k: int) -> bool:
    return any(s.start == k for s in named)


def _subject(sent: Sentence, verb: Match, after: bool) -> tuple[int, int]:
    """Up to four words after (Arabic, "according to") or before (English) a reporting verb,
    stopping at a clause mark, a number, a date or calendar word, or a table phrase
    (English: or a name and its apposition between commas); none when "that"/أن follows the
    verb directly."""
    tokens = sent.tokens
    stop = {m.start for m in sent.figures} | {d.start for d in sent.dates}
    stop |= {m.start for m in sent.qualifier_matches + sent.metric_matches}
    stop |= {c.start for c in sent.cues("complementizer", "filler", "reporting")}
    stop |= {c.start for c in sent.tables.calendar.all(tokens) if c.payload[0] in SUBJECT_STOPS}
    fillers = {c.start for c in sent.cues("filler")}
    if after:
        a = verb.end
        while a in fillers and a - verb.end < 2:
            a += 1
        b = a
        while b < len(tokens) and b - a < 5 and b not in stop and _name_token(tokens[b]):
            b += 1
        return a, b
    b = a = verb.start
    if a > 0 and tokens[a - 1].text == ",":
        return _apposed(sent, a - 1, stop)
    while a > 0 and b - a < 4 and tokens[a - 1].kind == "word" and a - 1 not in stop:
        a -= 1
    return a, b


def _apposed(sent: Sentence, comma: int, stop: set[int]) -> tuple[int, int]:
    """A subject set off by commas before its verb: "Ahmad, a doctor in Nawa, said", "X,
    who heads the Observatory, told AFP": the name and its apposition (at most six words
    between the commas, none a number or a table phrase); none when the commas enclose
    anything else."""
    tokens = sent.tokens
    k = comma
    while k > 0 and comma - k < 7 and tokens[k - 1].kind == "word" and k - 1 not in stop:
        k -= 1
    if k == comma or k == 0 or tokens[k - 1].text != ",":
        return comma, comma
    a = k - 1
    while a > 0 and k - 1 - a < 4 and tokens[a - 1].kind == "word" and a - 1 not in stop:
        a -= 1
    return a, comma


def _name_token(token: Token) -> bool:
    return token.kind == "word" or token.text in ('"', "'")


def _looks_like_name(sent: Sentence, a: int, b: int) -> bool:
    """Arabic: any words; English: a capital letter after the sentence's first word, or a
    noun such as "organizations" or "officials"."""
    if any(ARABIC.match(sent.tokens[k].text) for k in range(a, b)):
        return True
    if any(a <= c.start < b for c in sent.cues("attribution_noun")):
        return True
    words = [sent.source_text(k, k + 1) for k in range(max(a, 1), b)]
    return any(w[:1].isupper() for w in words)


def _classify(sent: Sentence, span: tuple[int, int]) -> tuple[str, str]:
    a, b = span
    if a >= b:
        return "none", ""
    name = sent.source_text(a, b)
    inside = [
        m
        for m in sent.source_matches
        if (a <= m.start < b or m.start <= a < m.end) and not _is_wire(sent, m)
    ]
    if inside:
        return "registered", inside[0].payload
    for kind in ("wire", "pronoun"):
        if any(a <= c.start < b for c in sent.cues(kind)):
            return kind, name
    if not any(sent.tokens[k].kind == "word" for k in range(a, b)):
        return "none", ""
    if not _looks_like_name(sent, a, b):
        return "none", ""
    return "unregistered", name.strip("\"' ")


def source_of(sent: Sentence, m: NumberMention, ctx: Context) -> tuple[str, str] | None:
    """The source of a figure (registry id, or '' when the named source is not registered)
    and why (see the module's rules); None when its sentence does not decide (rule 4)."""
    named = [s for s in sent.source_matches if not _is_wire(sent, s)]
    framed = {
        s.start
        for v, kind, _ in _frames(sent)
        if kind == "registered"
        for s in named
        if abs(s.start - v.start) <= 4 or abs(s.end - v.end) <= 4
    }
    named = _most_specific(named, sent.tables.source_parts)
    if named:
        best = min(named, key=lambda s: _gap(s, m) + (0 if s.start in framed else 4))
        text = sent.source_text(best.start, best.end)
        if best.payload == UNATTRIBUTED:
            return best.payload, f"'{text}' is not in the source registry → {UNATTRIBUTED}"
        return best.payload, f"{text} → {best.payload}"
    if monitor_described(sent):
        return None  # the article names the monitor (:func:`monitor_described`)
    frames = sorted(_frames(sent), key=lambda f: _gap(f[0], m))
    for verb, kind, name in frames:
        if kind == "unregistered" and (person := _person(sent, verb, ctx)) is not None:
            return person
        if kind == "unregistered":
            return "", f"attributed to '{name}', which is not in the source registry"
        verb_text = sent.source_text(verb.start, verb.end)
        if kind in ("pronoun", "none") and ctx.last_source == "":
            return "", (
                f"'{verb_text}' continues '{ctx.last_name}', which is not in the source registry"
            )
        if kind in ("pronoun", "none") and ctx.last_source:
            return (
                ctx.last_source,
                f"'{verb_text}' continues the source named before → {ctx.last_source}",
            )
    return None


def monitor_described(sent: Sentence) -> str | None:
    """A monitor described, not named, as the sentence's speaker ("…, a war monitor said",
    "بحسب مرصد حقوقي"; ``monitor_ref`` cues) when the sentence names no registered source:
    the description. The figure is the registered monitor the article names next (the next
    sentence says who), else the one it named before."""
    if any(not _is_wire(sent, s) for s in sent.source_matches):
        return None
    refs = [c for c in sent.cues("monitor_ref") if not _made_definite(sent, c)]
    if not refs or not sent.cues("reporting"):
        return None
    return sent.source_text(refs[0].start, refs[0].end)


def _made_definite(sent: Sentence, cue: Match) -> bool:
    """Whether the text writes an indefinite phrase with the article ("المرصد" for "مرصد"):
    the monitor named before, a pronoun, not a description."""
    word = sent.tokens[cue.start].text
    return word.startswith("ال") and not fold(cue.phrase).startswith("ال")


def _most_specific(named: list[Match], parts: dict[str, str]) -> list[Match]:
    """The names of a sentence less any organisation one of its own offices is named beside
    ("the UN's humanitarian office OCHA", "OCHA …, according to the UN"): the office is the
    originator, the organisation only its parent (``data/extract/source_parts.csv``)."""
    offices = {parts[str(s.payload)] for s in named if str(s.payload) in parts}
    return [s for s in named if str(s.payload) not in offices]


def _person(sent: Sentence, verb: Match, ctx: Context) -> tuple[str, str] | None:
    """A subject the text introduced before as speaking for a registered source."""
    span = dict((v.start, sp) for v, sp in _subject_spans(sent)).get(verb.start)
    if span is None:
        return None
    words = " ".join(sent.tokens[k].text for k in range(*span) if sent.tokens[k].kind == "word")
    source = ctx.people.get(words)
    if not source:
        return None
    name = sent.source_text(*span).strip("\"' ")
    return source, f"'{name}' was introduced before as speaking for {source} → {source}"


def _is_wire(sent: Sentence, match: Match) -> bool:
    """A name that is no source: a news agency's, or one inside a description that stands
    for the source named before ("the UN agency", "الوكالة الأممية")."""
    if any(c.start <= match.start < c.end for c in sent.cues("wire")):
        return True
    return any(c.start <= match.start and match.end <= c.end for c in sent.cues("pronoun"))


def _gap(a: Match, m: NumberMention) -> int:
    if a.end <= m.start:
        return m.start - a.end
    if a.start >= m.end:
        return a.start - m.end
    return 0


def last_speaker(sent: Sentence, before: str | None = None) -> tuple[str, str] | None:
    """The last source a sentence names, or the last name the registry lacks that a
    reporting verb gives as its subject ('' and that name): whom "he added", "وأضافت"
    continue. A sentence that names its sources only after an ``adjunct`` word ("…,
    according to the IOM") keeps the speaker ``before`` it, when there is one (None)."""
    said = attributions(sent, ())
    if before and said and _adjunct_only(sent):
        return None
    return (said[-1].source, said[-1].name) if said else None


def _adjunct_only(sent: Sentence) -> bool:
    """Whether every source a sentence names stands right after an ``adjunct`` word (an
    article or filler between them allowed) and no reporting verb has a subject."""
    named = [s for s in sent.source_matches if not _is_wire(sent, s)]
    adjuncts = sent.cues("adjunct")
    ends = {c.end for c in adjuncts}
    starts = {c.start for c in adjuncts}
    near = [s for s in named if s.start in ends or s.start - 1 in ends]
    subjects = any(v.start not in starts and kind != "none" for v, kind, _ in _frames(sent))
    return bool(named) and len(near) == len(named) and not subjects


def attributions(sent: Sentence, places: tuple[str, ...]) -> list[Attribution]:
    """The sources a sentence names (news agencies left out) and the names the registry
    lacks that a reporting verb gives as its subject, in text order, with the sentence's
    places and metrics, for the article-level resolution."""
    metrics = tuple(dict.fromkeys(m.payload for m in sent.metric_matches))
    out = [
        Attribution(
            s.payload, sent.paragraph, _offset(sent, s.start), _text(sent, s), places, metrics
        )
        for s in sent.source_matches
        if not _is_wire(sent, s)
    ]
    out += [
        Attribution("", sent.paragraph, _offset(sent, verb.start), name, places, metrics)
        for verb, kind, name in _frames(sent)
        if kind == "unregistered"
    ]
    return sorted(out, key=lambda a: a.offset)


def _offset(sent: Sentence, token: int) -> int:
    return sent.tokens[token].start


def _text(sent: Sentence, s: Match) -> str:
    return sent.source_text(s.start, s.end)


# -------------------------------------------------------------------------------- places


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    pcode: str
    text: str
    how: str


@dataclass(frozen=True)
class _Name:
    start: int
    end: int
    text: str
    candidates: tuple[str, ...]


def place_mentions(sent: Sentence, seen: list[str] | tuple[str, ...] = ()) -> list[PlaceMention]:
    """The places the sentence names, left to right, longest names first. A name several
    places share is settled by its place or region word, then by the places named around it
    (``seen``: earlier in the text; and the sentence's own unambiguous names)."""
    names: list[_Name] = []
    taken = _taken(sent)
    i = 0
    while i < len(sent.tokens):
        found = _name_at(sent, i, taken)
        if found:
            names.append(found)
            i = found.end
        else:
            i += 1
    context = [*seen, *(n.candidates[0] for n in names if len(n.candidates) == 1)]
    first = [_choose(sent, name, context)[0] for name in names]
    context += [p for p in first if p]
    out = []
    for name in names:
        pcode, how = _choose(sent, name, context)
        if pcode:
            out.append(PlaceMention(name.start, name.end, pcode, name.text, how))
    return out


def _taken(sent: Sentence) -> set[int]:
    """Tokens that belong to numbers, dates and table phrases: never part of a place name."""
    spans = [(m.start, m.end) for m in sent.numbers] + [(d.start, d.end) for d in sent.dates]
    spans += [(m.start, m.end) for m in sent.metric_matches + sent.population_matches]
    spans += [(m.start, m.end) for m in sent.source_matches + sent.qualifier_matches]
    spans += [
        (m.start, m.end)
        for m in sent.cue_matches
        if m.payload[0] not in ("place_cue", "region_cue")
    ]
    return {k for a, b in spans for k in range(a, b)}


def _name_at(sent: Sentence, i: int, taken: set[int]) -> _Name | None:
    tokens, tables = sent.tokens, sent.tables
    if tokens[i].kind != "word" or i in taken:
        return None
    for length in range(MAX_PLACE_TOKENS, 0, -1):
        end = i + length
        if end > len(tokens) or any(tokens[k].kind == "num" or k in taken for k in range(i, end)):
            continue
        if tokens[end - 1].kind != "word":
            continue
        rest = sent.text.folded[tokens[i].end : tokens[end - 1].end]
        for form in tokens[i].forms():
            name = form + rest
            if normal_form(name) not in tables.place_forms:
                continue
            original = sent.source_text(i, end)
            match = tables.places.resolve(name)
            lower_area = length > 1 and tables.places.is_area(match.pcode)  # "south-west Syria"
            if not ARABIC.match(original) and not original[:1].isupper() and not lower_area:
                continue
            candidates = (match.pcode,) if match.pcode else match.candidates
            if candidates and match.how != "unresolved":
                return _Name(i, end, original, tuple(candidates))
    return None


def _cue(sent: Sentence, name: _Name, kind: str) -> bool:
    """A place or region word just before the name (or just after it, when the table allows:
    "Dar'a camp", "Deraa province")."""
    return any(
        c.payload[0] == kind
        and (c.end == name.start or (c.start == name.end and c.payload[1] != "before"))
        for c in sent.cue_matches
    )


def _choose(sent: Sentence, name: _Name, context: list[str]) -> tuple[str | None, str]:
    places = sent.tables.places
    candidates = name.candidates
    levels = {p: places.level(p) for p in candidates}
    if _cue(sent, name, "place_cue"):
        community = [p for p in candidates if levels[p] == 4]
        near = [p for p in community if any(places.within(p, c) for c in context if c != p)]
        if len(community) == 1 or len(near) == 1:
            return (near or community)[0], "beside a place word: the community"
    if _cue(sent, name, "region_cue"):
        region = [p for p in candidates if levels[p] == 1]
        if region:
            return region[0], "beside a region word: the governorate"
    general = min(candidates, key=lambda p: (levels[p], p))
    if levels[general] == 4 and name.end - name.start == 1:
        return None, ""
    if levels[general] == 0 and name.end - name.start == 1 and name.text.startswith("ال"):
        return None, ""  # "السورية" is the adjective "Syrian", not Syria
    return general, "the most general place of that name" if len(candidates) > 1 else "name"
