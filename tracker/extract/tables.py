"""The tables the extractor runs on, handed to it as DataFrames and compiled once.

Every word the extractor knows comes from a table under ``data/`` (read by
:mod:`tracker.ingest.extract_tables`): number words, qualifier phrases (the vocabulary's own
``qualifier_phrases.csv``), metric, population and unit phrases, source aliases keyed by the
registry's ids, calendar words, and the cues that stop a number from being proposed. Nothing
in the code names a word of either language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlparse

import pandas as pd

from tracker.domain.places import PlaceIndex, normal_form
from tracker.domain.vocabularies import Vocabularies
from tracker.extract.lexicon import Lexicon
from tracker.extract.text import fold


@dataclass(frozen=True)
class NumberWord:
    """A number word: its value and how it combines (add, mul, scale, compound)."""

    value: int
    kind: str


def _rows(frame: pd.DataFrame, *columns: str) -> list[tuple[str, ...]]:
    frame = frame.fillna("")
    return list(zip(*(frame[c].astype(str) for c in columns), strict=True))


def _pairs(frame: pd.DataFrame, phrase: str, payload: str) -> list[tuple[str, str]]:
    """(phrase, payload) rows of two columns, for a :class:`Lexicon`."""
    return [(p, v) for p, v in _rows(frame, phrase, payload)]


@dataclass
class ExtractTables:
    """The extractor's tables. ``frames`` holds the DataFrames by name: numbers, calendar,
    cues, source_aliases, report_series, source_parts, qualifier_after, metric_precedence,
    metric_phrases,
    population_phrases, unit_phrases;
    ``aliases`` the place aliases (alias, pcode)."""

    vocab: Vocabularies
    frames: dict[str, pd.DataFrame]
    aliases: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["alias", "pcode"]))

    @cached_property
    def numbers(self) -> dict[str, NumberWord]:
        return {
            fold(word): NumberWord(int(value), kind)
            for word, value, kind in _rows(self.frames["numbers"], "word", "value", "kind")
        }

    @cached_property
    def magnitudes(self) -> Lexicon:
        phrases = self.vocab.qualifier_phrases
        rows = phrases[phrases["qualifier"] == "magnitude"]
        return Lexicon((p, int(m)) for p, m in _rows(rows, "phrase", "magnitude"))

    @cached_property
    def qualifiers(self) -> Lexicon:
        phrases = self.vocab.qualifier_phrases
        rows = phrases[phrases["qualifier"] != "magnitude"]
        return Lexicon(_pairs(rows, "phrase", "qualifier"))

    @cached_property
    def qualifiers_after(self) -> Lexicon:
        known = {fold(p): q for p, q in _rows(self.vocab.qualifier_phrases, "phrase", "qualifier")}
        return Lexicon(
            (p, known[fold(p)])
            for (p,) in _rows(self.frames["qualifier_after"], "phrase")
            if fold(p) in known
        )

    @cached_property
    def metrics(self) -> Lexicon:
        return Lexicon(_pairs(self.frames["metric_phrases"], "phrase", "metric"))

    @cached_property
    def metric_yields(self) -> dict[str, dict[str, str]]:
        """A metric → the metrics whose phrase, in the same clause, says better what is
        counted, each with where that phrase must stand (``any``, or ``before`` the number)
        (``data/extract/metric_precedence.csv``)."""
        out: dict[str, dict[str, str]] = {}
        rows = _rows(self.frames["metric_precedence"], "metric", "yields_to", "position")
        for metric, other, position in rows:
            out.setdefault(metric, {})[other] = position
        return out

    @cached_property
    def populations(self) -> Lexicon:
        return Lexicon(_pairs(self.frames["population_phrases"], "phrase", "population"))

    @cached_property
    def population_not_for(self) -> dict[str, frozenset[str]]:
        """Population phrases (folded) → the metrics they do not narrow."""
        frame = self.frames["population_phrases"]
        if "not_for" not in frame:
            return {}
        return {
            fold(phrase): frozenset(filter(None, not_for.split(";")))
            for phrase, not_for in _rows(frame, "phrase", "not_for")
        }

    @cached_property
    def units(self) -> Lexicon:
        return Lexicon(_pairs(self.frames["unit_phrases"], "phrase", "unit"))

    @cached_property
    def sources(self) -> Lexicon:
        return Lexicon(_pairs(self.frames["source_aliases"], "alias", "source"))

    @cached_property
    def report_series(self) -> Lexicon:
        """Names of a registered source's report series ("Flash Update" → un-ocha), read in a
        publisher's name only."""
        return Lexicon(_pairs(self.frames["report_series"], "series", "source"))

    @cached_property
    def source_parts(self) -> dict[str, str]:
        """A registered source → the organisation it is an office of (un-ocha → un)."""
        return dict(_pairs(self.frames["source_parts"], "source", "part_of"))

    @cached_property
    def calendar(self) -> Lexicon:
        """Calendar words; payload (kind, value)."""
        rows = _rows(self.frames["calendar"], "word", "kind", "value")
        return Lexicon((word, (kind, value)) for word, kind, value in rows)

    @cached_property
    def cues(self) -> Lexicon:
        """Cue phrases; payload (kind, position)."""
        rows = _rows(self.frames["cues"], "phrase", "kind", "position")
        return Lexicon((phrase, (kind, position)) for phrase, kind, position in rows)

    @cached_property
    def places(self) -> PlaceIndex:
        areas = self.vocab.areas.reset_index(drop=True)
        return PlaceIndex(self.vocab.gazetteer.reset_index(drop=True), self.aliases, areas)

    @cached_property
    def place_forms(self) -> frozenset[str]:
        """Normal forms of every gazetteer name and alias: a cheap first test for a name."""
        gaz = self.vocab.gazetteer
        areas = self.vocab.areas
        names = [*gaz["name_en"], *gaz["name_ar"], *self.aliases["alias"]]
        names += [*areas.get("name_en", ()), *areas.get("name_ar", ())]
        return frozenset(normal_form(n) for n in names) - {""}

    @cached_property
    def metric_units(self) -> dict[str, frozenset[str]]:
        """The units each metric may be counted in."""
        metrics = self.vocab.metrics
        return {
            str(m): frozenset(str(u).split(";"))
            for m, u in zip(metrics["id"], metrics["units_allowed"], strict=True)
        }

    @cached_property
    def monitors(self) -> frozenset[str]:
        """Registry sources that publish their own counts (type ``ngo_monitor``: SOHR,
        SNHR): a bulletin they publish speaks in their voice."""
        return frozenset(
            str(source)
            for source, kind in _rows(self.vocab.sources, "id", "type")
            if kind == "ngo_monitor"
        )

    @cached_property
    def source_hosts(self) -> dict[str, str]:
        """Registry sources by the host of their web address (www. left off)."""
        out = {}
        for source, url in _rows(self.vocab.sources, "id", "url"):
            host = urlparse(url).netloc.lower().removeprefix("www.")
            if host:
                out[host] = source
        return out

    @cached_property
    def episodes(self) -> pd.DataFrame:
        return self.vocab.episodes
