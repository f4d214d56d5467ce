"""What a number counts: whether it is a figure at all, its qualifier, its counted noun,
metric, population and unit.

Rules (words in ``data/extract/cues.csv``, ``qualifier_after.csv`` and the phrase tables
beside the vocabularies):

- **Not a figure**: money (``$``, dollars, ليرة before or after), a share (%, per cent,
  بالمئة), a temperature (degrees, °, درجة مئوية), an age, the size of a committee
  (members, أعضاء), the number of a document (No., #, رقم), an ordinal (5th), a phone
  number (seven digits or more; digit groups in a phone's shape are never read as numbers,
  :func:`tracker.extract.numbers.phone_spans`), a number a projection or fear governs
  (could, may, قد + imperfect, يتوقع) in its clause, and a count of things no metric counts
  (``object`` cues right after the number, adjectives skipped: "12 schools", "30 trucks",
  "40 new cases of cholera"; "12 حالة وفاة", a metric word right after them, is a figure),
  and a crowd gathered to protest or celebrate (``gathering`` cues in the number's clause),
  prisoners released (``release`` cues), the size of a place ("a town of 40,000":
  ``place_size`` cues just before the number).
  Dates, years and durations never reach this point (:mod:`tracker.extract.calendar` takes them).
- **Qualifier**: a phrase ending right before the number ("نحو", "more than", "حوالي الـ"),
  else a phrase of ``qualifier_after.csv`` right after it or after its counted noun ("116 على
  الأقل", "ثماني بلدات على الأقل"), else one that leads the count ("تجاوز عدد النازحين 50
  ألفاً"), else approx after an ``estimate`` word in the number's clause ("يقدر عدد النازحين
  بـ"); a range is ``range``, a magnitude word ``magnitude``; otherwise ``exact``.
- **Counted noun**: the phrases right after the number (up to two unknown words first, then
  only adjacent phrases): a population ("مدنياً", "civilians"), a unit ("بلدات", "families"),
  or a metric noun ("ضربة جوية", "IDPs").
- **Metric**: the counted noun's metric when it names one; else the metric phrase nearest
  the number whose metric can be counted in the counted noun's unit (without a counted noun:
  a metric of people), counting each other number and clause mark between them as distance.
- **Precedence**: a metric that only says who is counted (a displaced-people noun, a
  displacement verb) yields to a phrase in the number's clause that says what became of them
  (at the border, returned, in need, assisted): ``data/extract/metric_precedence.csv``.
- **Population**: the counted noun's population, else one named after "عدد"/"number of"
  or beside a ``toll`` noun before the number ("the civilian death toll"), else ``all``.
- **Whole-war totals, trapped people, a place's population**: a number after a war of years
  ("the 13-year war has displaced …", ``war_total`` cues) is background; people trapped or
  besieged (``trapped`` cues near the number, its own noun naming no metric) are no figure;
  a displacement flow just after "houses"/"is home to"/يؤوي (``housing`` cues) is the place's
  displaced population (idps). A combined toll of the dead and the wounded
  (:func:`combined`) is marked for the article to decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.extract.lexicon import Match
from tracker.extract.numbers import DUAL, NumberMention
from tracker.extract.sentence import Sentence
from tracker.extract.text import fold

MAX_METRIC_DISTANCE = 16
PERSONS = "persons"


BACKGROUND_REACH = 12  # tokens from "the war" to "hundreds of thousands"


def not_a_figure(sent: Sentence, m: NumberMention) -> str | None:
    """Why a number is not a figure, or None when it may be one."""
    kinds = ("money", "percent", "temperature", "age", "members", "document", "ordinal")
    for cue in sent.cues(*kinds):
        kind, position = cue.payload
        before = cue.end == m.start or (cue.end == m.start - 1 and kind == "money")
        after = (
            cue.start in (m.end, m.end + 1) if kind in ("money", "members") else cue.start == m.end
        )
        if (position in ("before", "any") and before) or (position in ("after", "any") and after):
            return f"{kind}: '{sent.source_text(cue.start, cue.end)}' beside the number"
    token = sent.tokens[m.start]
    if token.kind == "num" and len(token.text) >= 7 and token.text.isdigit():
        return "a phone or reference number (seven digits or more, no separators)"
    hyphen = _glued(sent, m.start - 1, m.start) and sent.tokens[m.start - 1].text == "-"
    if hyphen and m.start > 1 and sent.tokens[m.start - 2].kind == "word":
        return "part of a name (a word, a hyphen and a number: Su-24, COVID-19)"
    if _time(sent, m):
        return "a time of day (10:30)"
    thing = _object_after(sent, m)
    if thing is not None:
        return f"counts '{sent.source_text(thing.start, thing.end)}', which no metric counts"
    size = _place_size(sent, m)
    if size is not None:
        return f"the size of a place: '{size}' before the number"
    for cue in sent.cues("gathering", "release"):
        if abs(_gap(m, cue)) <= 6 and not sent.punct_between(cue.start, m.start):
            what = "a gathering" if cue.payload[0] == "gathering" else "a release"
            return f"{what}: '{sent.source_text(cue.start, cue.end)}' in the number's clause"
    for cue in sent.cues("background", "war_total"):
        whole_war = m.how == "magnitude" or cue.payload[0] == "war_total"
        if whole_war and cue.end <= m.start and m.start - cue.end <= BACKGROUND_REACH:
            war = sent.source_text(cue.start, cue.end)
            return f"a background total of the whole war: '{war}' before the number"
    for cue in sent.cues("projection"):
        ahead = cue.end <= m.start and m.start - cue.end <= 6
        behind = cue.payload[1] == "after" and cue.start in (m.end, m.end + 1)
        if (ahead and not sent.punct_between(cue.end, m.start)) or behind:
            return f"projection: '{sent.source_text(cue.start, cue.end)}' governs the number"
    return None


ASIDE_REACH = 4  # tokens from "which hosts" to the number
COMMAS = frozenset({",", "،"})


def host_aside(sent: Sentence, m: NumberMention) -> str | None:
    """A host country's refugee total in an aside ("Turkey, which hosts 3.6 million Syrian
    refugees, closed the border"): a ``host_aside`` phrase after a comma, just before the
    number, and the sentence going on after the aside's closing comma. The phrase, else
    None (a refugee count a sentence states for itself is a figure)."""
    tokens = sent.tokens
    for cue in sent.cues("host_aside"):
        opened = cue.start > 0 and tokens[cue.start - 1].text in COMMAS
        near = cue.end <= m.start and m.start - cue.end <= ASIDE_REACH
        if not (opened and near) or sent.punct_between(cue.end, m.start):
            continue
        close = next((k for k in range(m.end, len(tokens)) if tokens[k].text in COMMAS), None)
        rest = range(close + 1, len(tokens)) if close is not None else range(0)
        if any(tokens[k].kind == "word" for k in rest):
            return sent.source_text(cue.start, cue.end)
    return None


def _place_size(sent: Sentence, m: NumberMention) -> str | None:
    """A ``place_size`` phrase just before the number ("a town of (some) 40,000", "يقطنها
    نحو 40 ألف"): the phrase, else None."""
    for cue in sent.cues("place_size"):
        near = cue.end <= m.start and m.start - cue.end <= 2
        if near and not sent.punct_between(cue.end, m.start):
            return sent.source_text(cue.start, cue.end)
    return None


TRAPPED_REACH = 8  # tokens between a number and "trapped"/محاصرين, commas included


def trapped(sent: Sentence, m: NumberMention) -> str | None:
    """A ``trapped`` word ("trapped", "besieged", محاصرين) near a number whose own noun names
    no metric ("300 civilians remain trapped"; "270,000 displaced people are trapped" is a
    count of displaced people): the word, else None. A metric word between the number and
    a trapped word after it says what became of them ("12 civilians were killed in the
    besieged town", "3,500 people were evacuated from the besieged town"): not trapped."""
    near = [
        c
        for c in sent.cues("trapped")
        if (0 <= c.start - m.end <= TRAPPED_REACH or 0 <= m.start - c.end <= 1)
        and not _whole_between(sent, m, c)
        and not any(m.end <= x.start and x.end <= c.start for x in sent.metric_matches)
    ]
    if not near or counted_noun(sent, m).metric is not None:
        return None
    return sent.source_text(near[0].start, near[0].end)


def _whole_between(sent: Sentence, m: NumberMention, cue: Match) -> bool:
    """Whether another whole figure (not a part after "including") stands between a number
    and a phrase."""
    lo, hi = sorted((m.end, cue.start)) if cue.start >= m.end else (cue.end, m.start)
    parts = {c.end for c in sent.cues("including")}
    return any(
        lo <= f.start < hi and not any(0 <= f.start - e <= 3 for e in parts)
        for f in sent.figures
        if f is not m
    )


def _gap(m: NumberMention, cue: Match) -> int:
    """Tokens between a number and a phrase, either side."""
    return cue.start - m.end if cue.start >= m.end else m.start - cue.end


def _object_after(sent: Sentence, m: NumberMention) -> Match | None:
    """An ``object`` noun the number counts: right after it (noun fillers and adjectives
    skipped); or a ``case_of`` noun with no metric word right after it (nor after
    "of"/من)."""
    k = m.end
    while k < len(sent.tokens) and _filler_at(sent, k):
        k += 1
    thing = next((c for c in sent.cues("object", "case_of") if c.start == k), None)
    if thing is None or thing.payload[0] == "object":
        return thing
    after = thing.end
    while after < len(sent.tokens) and (_filler_at(sent, after) or sent.tokens[after].text == "من"):
        after += 1
    metric_next = any(x.start == after for x in sent.metric_matches)
    return None if metric_next else thing


def _glued(sent: Sentence, a: int, b: int) -> bool:
    """Whether tokens a and b touch (no space between them)."""
    tokens = sent.tokens
    return 0 <= a < b < len(tokens) and tokens[a].end == tokens[b].start


def _time(sent: Sentence, m: NumberMention) -> bool:
    tokens = sent.tokens
    after = (
        m.end + 1 < len(tokens) and tokens[m.end].text == ":" and tokens[m.end + 1].kind == "num"
    )
    before = m.start >= 2 and tokens[m.start - 1].text == ":" and tokens[m.start - 2].kind == "num"
    return (after and _glued(sent, m.end - 1, m.end) and _glued(sent, m.end, m.end + 1)) or (
        before and _glued(sent, m.start - 2, m.start - 1) and _glued(sent, m.start - 1, m.start)
    )


@dataclass(frozen=True)
class Qualified:
    qualifier: str
    start: int  # evidence span in tokens
    end: int
    reason: str


def qualifier_of(sent: Sentence, m: NumberMention) -> Qualified:
    """The qualifier of a number and the span of the whole number phrase."""
    tokens, tables = sent.tokens, sent.tables
    start = m.start - 1 if m.start > 0 and tokens[m.start - 1].text == "ال" else m.start
    before = [q for q in tables.qualifiers.ending_at(tokens, start) if q.payload != "range"]
    between = [q for q in tables.qualifiers.ending_at(tokens, start) if q.payload == "range"]
    number = sent.source_text(m.start, m.end)
    if m.is_range:
        lead = (between or before)[0] if between or before else None
        a = lead.start if lead else m.start
        return Qualified("range", a, m.end, f"{number} → range {m.value}–{m.value_high}")
    if m.how == "magnitude":
        return Qualified("magnitude", m.start, m.end, f"{number} → magnitude (unit {m.value})")
    if before:
        q = before[0]
        text = sent.source_text(q.start, q.end)
        return Qualified(q.payload, q.start, m.end, f"{text} → {q.payload}")
    after = _qualifier_after(sent, m)
    if after:
        text = sent.source_text(after.start, after.end)
        return Qualified(after.payload, m.start, after.end, f"{text} (after) → {after.payload}")
    lead = _qualifier_of_count(sent, m)
    if lead is not None:
        text = sent.source_text(lead.start, lead.end)
        return Qualified(
            lead.payload, m.start, m.end, f"{text} (before the count) → {lead.payload}"
        )
    estimate = _estimate_before(sent, m)
    if estimate is not None:
        text = sent.source_text(estimate.start, estimate.end)
        return Qualified(APPROX, m.start, m.end, f"'{text}' before it → {APPROX}")
    return Qualified("exact", m.start, m.end, f"{number}: no qualifier → exact")


APPROX = "approx"
ESTIMATE_REACH = 6  # tokens from "estimated"/يقدر to the number it estimates


def _qualifier_of_count(sent: Sentence, m: NumberMention) -> Match | None:
    """A qualifier that leads the count the number gives ("تجاوز عدد النازحين 50 ألفاً",
    "exceeded the number of … 50,000"): a qualifier phrase right before a ``count_of`` word
    of the number's clause, with no other number between."""
    tokens = sent.tokens
    for cue in sent.cues("count_of"):
        near = cue.end <= m.start and m.start - cue.end <= ESTIMATE_REACH
        if not near or sent.punct_between(cue.end, m.start):
            continue
        if sent.numbers_between(cue.end, m.start, m):
            continue
        lead = [
            q for q in sent.tables.qualifiers.ending_at(tokens, cue.start) if q.payload != "range"
        ]
        if lead:
            return lead[0]
    return None


def _estimate_before(sent: Sentence, m: NumberMention) -> Match | None:
    """An ``estimate`` word in the number's clause, before it, with no other number between
    ("is estimated at 50,000", "ويقدر عدد النازحين بـ 50 ألفاً")."""
    for cue in sent.cues("estimate"):
        near = cue.end <= m.start and m.start - cue.end <= ESTIMATE_REACH
        between = near and sent.numbers_between(cue.end, m.start, m)
        if near and not between and not sent.punct_between(cue.end, m.start):
            return cue
    return None


def _qualifier_after(sent: Sentence, m: NumberMention) -> Match | None:
    tokens = sent.tokens
    for k in range(m.end, min(len(tokens), m.end + 4)):
        found = sent.tables.qualifiers_after.at(tokens, k)
        if found:
            return found[0]
        if tokens[k].kind != "word" or any(f.start == k for f in sent.figures):
            return None
    return None


@dataclass(frozen=True)
class Counted:
    """What the words after a number say it counts."""

    population: Match | None = None
    unit: Match | None = None
    metric: Match | None = None
    end: int = 0

    @property
    def text(self) -> str:
        found = [x for x in (self.population, self.unit, self.metric) if x]
        return "" if not found else ", ".join(x.phrase for x in found)


def counted_noun(sent: Sentence, m: NumberMention) -> Counted:
    """The counted noun phrase after a number (see the module's rules): a metric noun only
    right after the number (or after "of"/عدد), a population or unit after up to two other
    words; then only adjacent phrases, up to an including-word or a reporting verb."""
    tokens, tables = sent.tokens, sent.tables
    stops = {c.start for c in sent.cues("including", "reporting")}
    found: dict[str, Match] = {}
    k, gap = (m.start if m.how == DUAL else m.end), 0
    after = _qualifier_after(sent, m)
    while k < len(tokens) and k < m.end + 7 and k not in stops:
        if after and k == after.start:
            k = after.end
            continue
        at_k = {
            "population": tables.populations.at(tokens, k),
            "unit": tables.units.at(tokens, k),
            "metric": tables.metrics.at(tokens, k) if gap == 0 or found else [],
        }
        hits = {name: h[0] for name, h in at_k.items() if h}
        if "metric" in hits and _joined_clause(sent, hits["metric"]):
            break  # "قتل 5 وأصيب 12": و + a verb opens the next clause
        if "metric" in hits and "metric" in found:
            break  # a second metric word is the clause's verb ("30 غارة جوية استهدفت بلدات")
        if hits:
            for name, h in hits.items():
                found.setdefault(name, h)
            k = max(h.end for h in hits.values())
            continue
        filler = _filler_at(sent, k)
        if found or tokens[k].kind != "word" or (gap >= 2 and not filler):
            break
        gap += 0 if filler else 1
        k += 1
    return Counted(found.get("population"), found.get("unit"), found.get("metric"), k)


def _joined_clause(sent: Sentence, phrase: Match) -> bool:
    """Whether a metric phrase carries the conjunction و its table phrase lacks (وأصيب for
    أصيب): the start of a new clause, not the counted noun of the number before it."""
    word = sent.tokens[phrase.start].text
    return word.startswith("و") and not fold(phrase.phrase).startswith("و")


def _filler_at(sent: Sentence, k: int) -> bool:
    """Whether token k may stand between a number and its counted noun without distancing
    them: a noun filler ("of", عدد), an adjective ("Turkish", "new"), or a coordinating word
    between two adjectives ("12 Russian and Syrian air strikes")."""
    kinds = {c.payload[0] for c in sent.cue_matches if c.start == k}
    if kinds & {"noun_filler", "adjective"}:
        return True
    if "coordination" not in kinds:
        return False
    after = {c.payload[0] for c in sent.cue_matches if c.start == k + 1}
    before = {c.payload[0] for c in sent.cue_matches if c.end == k}
    return "adjective" in after and "adjective" in before


def unit_of(sent: Sentence, counted: Counted) -> str | None:
    """The unit the counted noun names: its unit phrase's, a population's (persons), or the
    unit of the metric it names."""
    if counted.unit:
        return str(counted.unit.payload)
    if counted.population:
        return PERSONS
    if counted.metric:
        return str(sent.tables.vocab.metrics.loc[counted.metric.payload, "unit"])
    return None


def metric_of(
    sent: Sentence, m: NumberMention, unit: str | None, counted: Counted
) -> tuple[str | None, str]:
    """The metric of a number and why (see the module's rules)."""
    chosen, why = _metric_phrase(sent, m, unit, counted)
    crossed = _crossed(sent, m, counted)
    if chosen is None and crossed is not None:
        return CROSSED, f"'{crossed}' before people → {CROSSED} (crossed)"
    if chosen is None:
        return None, why
    housed = _housed(sent, m)
    if chosen.payload == HOUSED[0] and housed is not None:
        return HOUSED[1], f"'{housed}' before the number → {HOUSED[1]} (a place's population)"
    better = _says_better(sent, m, unit, chosen)
    if better is None:
        return chosen.payload, why
    text = sent.source_text(better.start, better.end)
    said = sent.source_text(chosen.start, chosen.end)
    return better.payload, f"{text} → {better.payload} (says what the {said} are counted as)"


#: a displacement flow read where a place houses the people ("the camp, which houses
#: 56,000 people who fled") is that place's population of displaced people: a stock
HOUSED = ("displaced", "idps")
HOUSED_REACH = 6  # tokens from "houses"/يؤوي to the number (the place's name between)


def _housed(sent: Sentence, m: NumberMention) -> str | None:
    """The ``housing`` phrase ("houses", "is home to", يؤوي) just before a number, if any."""
    for cue in sent.cues("housing"):
        if cue.end <= m.start and m.start - cue.end <= HOUSED_REACH:
            return sent.source_text(cue.start, cue.end)
    return None


#: a word that is a crossing verb only beside people ("وعبر نحو 700 شخص إلى تركيا"; عبر is
#: also "via"): ``crossing`` cues, read only when no metric phrase is near
CROSSED = "displaced"
CROSSING_REACH = 3  # tokens from the verb to the number (a qualifier between)


def _crossed(sent: Sentence, m: NumberMention, counted: Counted) -> str | None:
    """A ``crossing`` verb just before a number that counts people."""
    allowed = sent.tables.metric_units[CROSSED]
    if counted.population is None and (counted.unit is None or counted.unit.payload not in allowed):
        return None
    for cue in sent.cues("crossing"):
        if cue.end <= m.start and m.start - cue.end <= CROSSING_REACH:
            return sent.source_text(cue.start, cue.end)
    return None


def _gives_to(sent: Sentence, phrase: Match, m: NumberMention) -> bool:
    """Whether a phrase of giving gives to the number: it ends right before the number
    phrase (its qualifier included) or before a ``recipient`` word that does ("provided
    food to some 1.2 million", "aid reached 12,000")."""
    start = qualifier_of(sent, m).start
    to = {c.start for c in sent.cues("recipient") if c.end == start}
    return phrase.end == start or phrase.end in to


def combined(sent: Sentence, m: NumberMention) -> str | None:
    """A toll of the dead and wounded together ("killed or injured 45", "45 قتيلاً وجريحاً",
    ``combined`` cues right before the number or within its counted words): the phrase."""
    for cue in sent.cues("combined"):
        if cue.end in (m.start, m.start - 1) or m.end <= cue.start <= m.end + 3:
            return sent.source_text(cue.start, cue.end)
    return None


def _says_better(sent: Sentence, m: NumberMention, unit: str | None, chosen: Match) -> Match | None:
    """A phrase in the number's clause whose metric the chosen one yields to
    (``metric_precedence.csv``: "آلاف النازحين … قرب معبر" → at_border, "عاد 80 ألف نازح" →
    returned): no other figure and no clause mark between it and the number."""
    yields = sent.tables.metric_yields.get(chosen.payload, {})
    units = sent.tables.metric_units
    best: tuple[float, Match] | None = None
    for phrase in sent.metric_matches:
        if phrase.payload not in yields or (unit or PERSONS) not in units[phrase.payload]:
            continue
        if yields[phrase.payload] == "before" and not _gives_to(sent, phrase, m):
            continue
        if _inside_other(sent, phrase) or _inside_population(sent, phrase):
            continue
        a, b = sorted(
            (
                phrase.end if phrase.end <= m.start else m.end,
                phrase.start if phrase.start >= m.end else m.start,
            )
        )
        if sent.numbers_between(a, b, m) or sent.punct_between(a, b):
            continue
        distance = _distance(sent, m, phrase)
        if distance <= MAX_METRIC_DISTANCE and (best is None or distance < best[0]):
            best = (distance, phrase)
    return best[1] if best else None


def _metric_phrase(
    sent: Sentence, m: NumberMention, unit: str | None, counted: Counted
) -> tuple[Match | None, str]:
    """The metric phrase a number is read with, and why (see the module's rules)."""
    units = sent.tables.metric_units
    wanted = unit or PERSONS
    if counted.metric and wanted in units[counted.metric.payload]:
        text = sent.source_text(counted.metric.start, counted.metric.end)
        return counted.metric, f"{text} → {counted.metric.payload} (right after the number)"
    best: tuple[float, Match] | None = None
    for phrase in sent.metric_matches:
        if wanted not in units[phrase.payload] or _inside_other(sent, phrase):
            continue
        distance = _distance(sent, m, phrase)
        if _inside_population(sent, phrase):
            distance += MAX_METRIC_DISTANCE  # "Palestine refugees" says whose count, not what
        if distance <= 2 * MAX_METRIC_DISTANCE and (best is None or distance < best[0]):
            best = (distance, phrase)
    if best and best[0] > MAX_METRIC_DISTANCE and not _inside_population(sent, best[1]):
        best = None
    if best is None:
        return None, "no metric phrase near the number"
    phrase = best[1]
    text = sent.source_text(phrase.start, phrase.end)
    return phrase, f"{text} → {phrase.payload}"


def _distance(sent: Sentence, m: NumberMention, phrase: Match) -> float:
    if phrase.end <= m.start:
        a, b = phrase.end, m.start
    elif phrase.start >= m.end:
        a, b = m.end, phrase.start
    else:
        return 0.0
    crossed = sent.numbers_between(a, b, m)
    clauses = sum(1 for k in range(a, b) if sent.tokens[k].text in (";", "؛", ".", ":"))
    # a verb with و after the number opens the next clause ("قتل 5 وأصيب 12")
    joined = 1 if phrase.start >= m.end and _joined_clause(sent, phrase) else 0
    before = 0.5 if phrase.end <= m.start else 0
    return (b - a) + 4 * crossed + 4 * clauses + before + joined


def _inside_population(sent: Sentence, phrase: Match) -> bool:
    """A metric word inside a population phrase ("Palestine refugees", "قتلى النظام") is
    taken only when no other metric word is in reach."""
    return any(
        p.start <= phrase.start
        and phrase.end <= p.end
        and (p.start, p.end) != (phrase.start, phrase.end)
        for p in sent.population_matches
    )


def _inside_other(sent: Sentence, phrase: Match) -> bool:
    """A metric word inside a source's name ("UN Refugee Agency") is no metric."""
    return any(s.start <= phrase.start and phrase.end <= s.end for s in sent.source_matches)


def _population_before(sent: Sentence, m: NumberMention) -> Match | None:
    """ "بلغ عدد المدنيين … 227", "the number of civilians … stands at 227": a population
    after "عدد"/"number of", in the number's clause, up to eight tokens before it."""
    fillers = [c for c in sent.cues("count_of") if c.end <= m.start and m.start - c.end <= 8]
    for filler in fillers:
        if sent.punct_between(filler.end, m.start) or sent.numbers_between(filler.end, m.start, m):
            continue
        for p in sent.population_matches:
            if filler.end <= p.start and p.end <= m.start and p.start - filler.end <= 3:
                return p
    return _population_of_toll(sent, m)


def _population_of_toll(sent: Sentence, m: NumberMention) -> Match | None:
    """ "The civilian death toll rose to 45", "حصيلة الضحايا المدنيين ارتفعت إلى 45": a
    population word beside a ``toll`` noun (just before or just after it; a verb does not
    count), in the number's clause, up to eight tokens before it."""
    tolls = sent.cues("toll")
    metric_ends = {x.end for x in tolls}
    metric_starts = {x.start for x in tolls}
    for p in sent.population_matches:
        if not (p.end <= m.start and m.start - p.end <= 8):
            continue
        if sent.punct_between(p.end, m.start) or sent.numbers_between(p.end, m.start, m):
            continue
        if p.end in metric_starts or p.start in metric_ends:
            return p
    return None


PART_REACH = 4  # tokens from "of them"/منهم to the population it names


def population_after_part(sent: Sentence, m: NumberMention) -> Match | None:
    """The population a part names after its ``part_of`` word ("40 of them were children",
    "12 منهم أطفال"), in its clause."""
    for cue in sent.cues("part_of"):
        if cue.start != m.end:
            continue
        for p in sent.population_matches:
            near = 0 <= p.start - cue.end <= PART_REACH
            if near and not sent.punct_between(cue.end, p.start):
                return p
    return None


def population_of(
    sent: Sentence, counted: Counted, metric: str, m: NumberMention
) -> tuple[str, str]:
    """The counted noun's population (else one named after "عدد"/"number of" before the
    number), unless its phrase does not narrow this metric (``not_for`` in
    population_phrases.csv: "civilians" displaced are counted under all)."""
    if counted.population or (counted.unit is None or counted.unit.payload == PERSONS):
        p = counted.population or _population_before(sent, m)
    else:
        p = None
    if p:
        text = sent.source_text(p.start, p.end)
        if metric in sent.tables.population_not_for.get(fold(p.phrase), ()):
            return "all", f"{text} with {metric} → all ({metric} is counted for all)"
        return p.payload, f"{text} → {p.payload}"
    return "all", "no population named → all"
