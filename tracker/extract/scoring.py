"""Scoring proposals against annotated figures (``make eval-extract``).

Two kinds of annotation are scored: figures in the canonical format (the founding article's
``figures-gold.csv``) and the development set's sentences, annotated *as written* (a metric
gloss such as ``civilians_killed``, a qualifier gloss such as ``at least (على الأقل)``, the
source as the text names it). The glosses are mapped to the tracker's vocabulary here, in one
place, so that the mapping is reviewed once:

- a gloss names the metric and the population (``civilians_killed`` → killed + civilians;
  ``combatants_killed_government`` → killed + combatants_government). The plain
  ``displaced`` gloss is used by the annotators both for being displaced and for being
  displaced people, so it accepts ``displaced`` or ``idps``; a gloss outside the vocabulary
  (``funding_required_usd``) is no tracker figure and is left out of the score.
- a qualifier gloss maps through the English qualifier phrases; "range" and "between" are
  ranges; "estimated"/"estimates" are approx.
- a source named as written maps to a registry id by the names in it; one the registry does
  not hold is scored right when the proposal names no registered source (empty or
  ``unattributed``): the extractor cannot name it, and must not name another.
- a window start given as a month ("2018-07", "2018-06 (mid)") is right for any day of it.

A figure is *found* when a proposal of its sentence (its article, for canonical gold) has its
value (and upper value, for a range). Qualifier, metric, population, source and window start
are scored among the found. A proposal whose value matches no annotated figure of its article
is *spurious*.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

#: A proposal as the evaluation reads it: one record of :func:`tracker.extract.extract`'s frame.
Row = Mapping[str, Any]

FIELDS = ("qualifier", "metric", "population", "source", "window")

METRIC_GLOSS: dict[str, tuple[frozenset[str], str]] = {
    "killed": (frozenset({"killed"}), "all"),
    "casualties": (frozenset({"killed"}), "all"),
    "civilians_killed": (frozenset({"killed"}), "civilians"),
    "combatants_killed_government": (frozenset({"killed"}), "combatants_government"),
    "combatants_killed_opposition": (frozenset({"killed"}), "combatants_opposition"),
    "killed_by_government_airstrikes": (frozenset({"killed"}), "all"),
    "killed_by_russian_airstrikes": (frozenset({"killed"}), "all"),
    "displaced": (frozenset({"displaced", "idps"}), "all"),
    "idps_registered": (frozenset({"idps", "displaced"}), "all"),
    "idps_remaining": (frozenset({"idps"}), "all"),
    "displaced_at_border": (frozenset({"at_border"}), "all"),
    "people_at_risk": (frozenset({"people_in_need"}), "all"),
    "people_assisted_food": (frozenset({"people_assisted"}), "all"),
    "registered_refugees": (frozenset({"refugees"}), "all"),
    "refugees_hosted": (frozenset({"refugees"}), "all"),
    "palestinian_families_returned": (frozenset({"returned"}), "palestinian_refugees"),
    "towns_reconciliation_deals": (frozenset({"localities_reconciled"}), "all"),
    "hospitals_damaged_or_destroyed": (frozenset({"health_facilities_out_of_service"}), "all"),
    "airstrikes": (frozenset({"airstrikes"}), "all"),
}
NOT_TRACKER_FIGURES = frozenset({"funding_required_usd"})

SOURCE_NAMES: tuple[tuple[str, str], ...] = (
    ("unattributed", "unattributed"),
    ("observatory", "sohr"),
    ("sohr", "sohr"),
    ("network for human rights", "snhr"),
    ("snhr", "snhr"),
    ("ocha", "un-ocha"),
    ("unhcr", "unhcr"),
    ("high commissioner for refugees", "unhcr"),
    ("unrwa", "unrwa"),
    ("wfp", "wfp"),
    ("world food", "wfp"),
    ("local councils", "local-councils"),
    ("un ", "un"),
    ("un(", "un"),
)


@dataclass(frozen=True)
class Gold:
    """One annotated figure in the tracker's vocabulary."""

    unit: str  # what it is matched within: a sentence, or an article
    article: str
    lang: str
    value: int
    value_high: int | None
    qualifier: str
    metrics: frozenset[str]
    population: str
    source: str | None  # None: a source the registry does not hold
    window_start: str  # "", "YYYY-MM-DD", "YYYY-MM"
    label: str = ""
    dated: bool = True  # whether the extractor was given the day it was reported


@dataclass
class Outcome:
    gold: Gold
    found: bool
    right: dict[str, bool] = field(default_factory=dict)
    proposal: Row | None = None


def qualifier_from_gloss(gloss: str, english_phrases: Mapping[str, str]) -> str:
    """``at least (على الأقل)`` → at_least, ``estimated (range)`` → range, '' → exact."""
    text = gloss.split("(")[0].strip().lower()
    if "range" in gloss.lower() or text.startswith("between"):
        return "range"
    if not text:
        return "exact"
    for phrase in sorted(english_phrases, key=len, reverse=True):
        if text.startswith(phrase):
            return english_phrases[phrase]
    if "estimate" in text:
        return "approx"
    return "exact"


def source_from_name(name: str) -> str | None:
    """A source as the annotation writes it → a registry id (None: not registered)."""
    text = name.lower() + " "
    for needle, source in SOURCE_NAMES:
        if needle in text:
            return source
    return None


def window_from_gold(text: str) -> str:
    """'2018-06-19' as is; '2018-06 (mid)' and '2018-07' as the month; '' when not given."""
    m = re.match(r"(\d{4}-\d{2})(-\d{2})?", text or "")
    if not m:
        return ""
    return m.group(0) if m.group(2) and "(" not in text else m.group(1)


def dev_gold(row: Mapping[str, str], english_phrases: Mapping[str, str]) -> Gold | None:
    """A development-set row as a :class:`Gold` (None when it is no tracker figure)."""
    gloss = row["metric_gloss"]
    if gloss in NOT_TRACKER_FIGURES:
        return None
    metrics, population = METRIC_GLOSS[gloss]
    high = row.get("value_high") or ""
    return Gold(
        unit=row["url"] + "\n" + row["quote"],
        article=row["url"],
        lang=row["quote_lang"],
        value=int(row["value"]),
        value_high=int(high) if high else None,
        qualifier=qualifier_from_gloss(row["qualifier_as_written"], english_phrases),
        metrics=metrics,
        population=population,
        source=source_from_name(row["source_as_written"]),
        window_start=window_from_gold(row["period_start"]),
        label=gloss,
        dated=bool(row.get("reported_on")),
    )


def canonical_gold(row: Mapping[str, str], article: str) -> Gold:
    """A canonical figure row (figures-gold.csv) as a :class:`Gold`."""
    high = row.get("value_high") or ""
    return Gold(
        unit=article,
        article=article,
        lang=row.get("quote_lang") or "",
        value=int(row["value"]),
        value_high=int(high) if high else None,
        qualifier=row.get("qualifier") or "exact",
        metrics=frozenset({row["metric"]}),
        population=row.get("population") or "all",
        source=row["source"],
        window_start=row.get("period_start") or "",
        label=row.get("figure_id", ""),
    )


def _cell(proposal: Row, column: str) -> str:
    value = proposal.get(column)
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _same_value(gold: Gold, proposal: Row) -> bool:
    high = _cell(proposal, "value_high")
    wanted = "" if gold.value_high is None else str(gold.value_high)
    return _cell(proposal, "value") == str(gold.value) and high == wanted


def judge(gold: Gold, proposal: Row) -> dict[str, bool]:
    """Which fields of a found figure's proposal are right."""
    source = _cell(proposal, "source")
    start = _cell(proposal, "period_start")
    return {
        "qualifier": _cell(proposal, "qualifier") == gold.qualifier,
        "metric": _cell(proposal, "metric") in gold.metrics,
        "population": _cell(proposal, "population") == gold.population,
        "source": (source in ("", "unattributed"))
        if gold.source is None
        else source == gold.source,
        "window": start.startswith(gold.window_start) if gold.window_start else start == "",
    }


def score(golds: Iterable[Gold], proposals: Mapping[str, list[Row]]) -> list[Outcome]:
    """Each annotated figure with the best proposal of its unit that has its value."""
    out = []
    for gold in golds:
        candidates = [p for p in proposals.get(gold.unit, []) if _same_value(gold, p)]
        if not candidates:
            out.append(Outcome(gold, False))
            continue
        best = max(candidates, key=lambda p: sum(judge(gold, p).values()))
        out.append(Outcome(gold, True, judge(gold, best), best))
    return out


def spurious(
    golds: Iterable[Gold], proposals_by_article: Mapping[str, list[Row]]
) -> dict[str, list[Row]]:
    """Per article, the proposals whose value matches none of its annotated figures."""
    by_article: dict[str, list[Gold]] = {}
    for g in golds:
        by_article.setdefault(g.article, []).append(g)
    return {
        article: [
            p for p in proposals if not any(_same_value(g, p) for g in by_article.get(article, []))
        ]
        for article, proposals in proposals_by_article.items()
    }


@dataclass(frozen=True)
class Summary:
    name: str
    figures: int
    found: int
    right: dict[str, int]
    articles: int
    spurious: int

    def row(self) -> list[str]:
        def pct(n: int, d: int) -> str:
            return f"{100 * n / d:.0f}% ({n}/{d})" if d else "–"

        cells = [self.name, str(self.figures), pct(self.found, self.figures)]
        cells += [pct(self.right[f], self.found) for f in FIELDS]
        cells.append(f"{self.spurious / self.articles:.2f} ({self.spurious}/{self.articles})")
        return cells


HEADER = [
    "set",
    "figures",
    "value found",
    "qualifier",
    "metric",
    "population",
    "source",
    "window start",
    "spurious per article",
]


def summarise(name: str, outcomes: list[Outcome], extra: Mapping[str, list[Row]]) -> Summary:
    found = [o for o in outcomes if o.found]
    right = {f: sum(o.right[f] for o in found) for f in FIELDS}
    articles = len({o.gold.article for o in outcomes}) or 1
    return Summary(name, len(outcomes), len(found), right, articles, sum(map(len, extra.values())))


def markdown(rows: list[list[str]], header: list[str] = HEADER) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)
