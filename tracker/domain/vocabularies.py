"""The controlled vocabularies a figure is written in, and look-ups over them.

Pure domain code: a :class:`Vocabularies` is built from DataFrames (see
:mod:`tracker.ingest.reference` for reading them from ``data/`` or the database). Every list a
rule needs (qualifiers, measures, magnitude words, severities in order, the consistency rules,
reliability ranks, episode starts) is read from these frames: none is written again in code.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from tracker.domain.windows import episode_starts
from tracker.domain.wording import ClaimWords

CANONICAL_COLUMNS: tuple[str, ...] = (
    "figure_id",
    "reported_on",
    "source",
    "publisher",
    "url",
    "metric",
    "population",
    "location",
    "period_start",
    "period_end",
    "measure",
    "episode",
    "qualifier",
    "value",
    "value_high",
    "unit",
    "quote",
    "quote_lang",
    "notes",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("reported_on", "source", "metric", "location", "value")
DERIVED_COLUMNS: tuple[str, ...] = (
    "low",
    "high",
    "source_name",
    "location_name",
    "location_level",
    "adm1_pcode",
    "revision",
    "status",
    "entered_at",
    "entered_by",
    "flag_ids",
    "review_status",  # DESIGN.md §6
    "reviewed_by",
)


#: The columns of data/areas.csv (DESIGN §6: a named set of places that is no admin unit).
AREA_COLUMNS: tuple[str, ...] = ("id", "name_en", "name_ar", "members", "note")


def fold_word(text: object) -> str:
    """A word as typed, compared without case, surrounding blanks or doubled spaces."""
    return " ".join(str(text).casefold().split())


def closest(value: str, candidates: list[str] | set[str] | pd.Index) -> str | None:
    """The known id a misspelt one most likely meant, or None when nothing is close."""
    matches = difflib.get_close_matches(str(value), list(candidates), n=1, cutoff=0.6)
    if not matches:
        lowered = {str(c).lower(): str(c) for c in candidates}
        return lowered.get(str(value).strip().lower())
    return str(matches[0])


@dataclass(frozen=True)
class Vocabularies:
    """Every id a figure may use, with English and Arabic labels.

    Each frame is indexed by its id (the gazetteer by P-code). ``extra`` holds the smaller
    tables by name: ``severities``, ``rules``, ``levels`` and ``magnitudes`` (indexed by their
    first column).
    """

    metrics: pd.DataFrame
    populations: pd.DataFrame
    qualifiers: pd.DataFrame
    qualifier_phrases: pd.DataFrame
    units: pd.DataFrame
    measures: pd.DataFrame
    source_types: pd.DataFrame
    reliability: pd.DataFrame
    sources: pd.DataFrame
    episodes: pd.DataFrame
    gazetteer: pd.DataFrame
    household_sizes: pd.DataFrame
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)
    areas: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(AREA_COLUMNS)))

    @cached_property
    def metric_ids(self) -> frozenset[str]:
        return frozenset(self.metrics.index)

    @cached_property
    def population_ids(self) -> frozenset[str]:
        return frozenset(self.populations.index)

    @cached_property
    def source_ids(self) -> frozenset[str]:
        return frozenset(self.sources.index)

    @cached_property
    def episode_ids(self) -> frozenset[str]:
        return frozenset(self.episodes.index)

    @cached_property
    def unit_ids(self) -> frozenset[str]:
        return frozenset(self.units.index)

    @cached_property
    def pcodes(self) -> frozenset[str]:
        return frozenset(self.gazetteer.index)

    @cached_property
    def area_ids(self) -> frozenset[str]:
        return frozenset(str(a) for a in self.areas.get("id", ()))

    @cached_property
    def area_members(self) -> dict[str, tuple[str, ...]]:
        """Area id → its member P-codes (DESIGN §6)."""
        if self.areas.empty:
            return {}
        return {
            str(a): tuple(str(m).split())
            for a, m in zip(self.areas["id"], self.areas["members"], strict=True)
        }

    @cached_property
    def location_ids(self) -> frozenset[str]:
        """What a figure's location may be: a P-code of the gazetteer or an area id."""
        return self.pcodes | self.area_ids

    @cached_property
    def places(self) -> pd.DataFrame:
        """Every location a figure may name, by code: the gazetteer's places (pcode, level,
        name_en, name_ar, parent) and the areas (level and parent missing: an area is no
        admin unit and has no parent of its own)."""
        gaz = self.gazetteer[["pcode", "level", "name_en", "name_ar", "parent"]]
        if self.areas.empty:
            return gaz.astype({"level": "Int64"})
        areas = pd.DataFrame(
            {
                "pcode": self.areas["id"].astype(str).to_numpy(),
                "level": pd.NA,
                "name_en": self.areas["name_en"].to_numpy(),
                "name_ar": self.areas["name_ar"].to_numpy(),
                "parent": None,
            }
        )
        both = pd.concat([gaz.astype({"level": "Int64"}), areas.astype({"level": "Int64"})])
        return both.set_index("pcode", drop=False)

    @cached_property
    def qualifier_ids(self) -> frozenset[str]:
        return frozenset(self.qualifiers.index)

    @cached_property
    def measure_ids(self) -> frozenset[str]:
        return frozenset(self.measures.index)

    @cached_property
    def _typed_words(self) -> dict[str, dict[str, str]]:
        """Per canonical column, the words people use for its ids ("about" → approx,
        "families" → households, "cumulative" → flow), folded; a word that names two ids
        names none. The tables are data/vocabularies/*_phrases.csv (the extractor's too)."""
        tables = {
            "qualifier": self.qualifier_phrases,
            "unit": self._extra("unit_phrases"),
            "measure": self._extra("measure_phrases"),
            "metric": self._extra("metric_phrases"),
            "population": self._extra("population_phrases"),
        }
        words: dict[str, dict[str, str]] = {}
        for column, table in tables.items():
            if table.empty or column not in table.columns:
                continue
            pairs = {
                (fold_word(p), str(i)) for p, i in zip(table["phrase"], table[column], strict=True)
            }
            named: dict[str, set[str]] = {}
            for word, ident in pairs:
                named.setdefault(word, set()).add(ident)
            words[column] = {w: next(iter(ids)) for w, ids in named.items() if len(ids) == 1}
        return words

    def typed_word(self, column: str, value: str) -> str | None:
        """The id a word typed in a canonical column stands for ("about" in qualifier:
        approx), from the phrase tables; None when no table has the word."""
        return self._typed_words.get(column, {}).get(fold_word(value))

    def _extra(self, name: str) -> pd.DataFrame:
        """One of the smaller tables; empty when it was not loaded."""
        return self.extra.get(name, pd.DataFrame())

    def column_words(self, column: str, lang: str) -> tuple[str, str]:
        """A canonical column's label and help in ``lang`` (en or ar), from columns.csv; the
        column's own name and no help when the file lacks it."""
        words = self._extra("columns")
        if column not in words.index:
            return column, ""
        row = words.loc[column]
        suffix = "ar" if lang == "ar" else "en"
        return str(row[f"label_{suffix}"]), str(row[f"help_{suffix}"])

    @cached_property
    def magnitudes(self) -> pd.DataFrame:
        """magnitudes.csv: the unit words a magnitude claim may use, with their words."""
        return self._extra("magnitudes")

    @cached_property
    def magnitude_units(self) -> frozenset[int]:
        """The values a figure with qualifier ``magnitude`` may have (10 tens, 12 dozens, …)."""
        if "id" not in self.magnitudes.columns:
            return frozenset()
        return frozenset(int(m) for m in self.magnitudes["id"])

    @cached_property
    def _claim_words(self) -> dict[str, ClaimWords]:
        return {}

    def claim_words(self, lang: str) -> ClaimWords:
        """How a claim's number is said in ``lang`` ("en", "ar"; a language the tables do not
        hold says the number as stated)."""
        if lang not in self._claim_words:
            self._claim_words[lang] = ClaimWords.from_frames(self.qualifiers, self.magnitudes, lang)
        return self._claim_words[lang]

    @cached_property
    def severity_rank(self) -> dict[str, int]:
        """Flag severity → its rank (info 0 … major 3), from severities.csv."""
        return ranks(self._extra("severities"))

    @cached_property
    def severity_order(self) -> tuple[str, ...]:
        """The severities from the least to the most severe."""
        return tuple(sorted(self.severity_rank, key=lambda s: (self.severity_rank[s], s)))

    @cached_property
    def rule_ids(self) -> tuple[str, ...]:
        """The consistency rules of DESIGN §2, in the order of rules.csv."""
        rules = self._extra("rules")
        return tuple(str(r) for r in rules["id"]) if "id" in rules.columns else ()

    @cached_property
    def rule_kind(self) -> dict[str, str]:
        """Rule → what its flags say (rules.csv ``kind``): hard (the claims cannot all be
        true), soft (a disagreement to see: divergence) or info."""
        rules = self._extra("rules")
        if "kind" not in rules.columns:
            return {}
        return {str(r): str(k) for r, k in zip(rules["id"], rules["kind"], strict=True)}

    @cached_property
    def contradiction_rules(self) -> tuple[str, ...]:
        """The rules whose flags mark their figures as contradicted: hard and soft ones."""
        return tuple(r for r in self.rule_ids if self.rule_kind.get(r) in ("hard", "soft"))

    @cached_property
    def reliability_rank(self) -> dict[str, int]:
        """Source reliability → its rank (low 1, medium 2, high 3), from reliability.csv."""
        return ranks(self.reliability)

    @cached_property
    def episode_start(self) -> dict[str, pd.Timestamp]:
        """Episode id → its start: the assumed start of a flow without period_start."""
        return episode_starts(self.episodes)

    @cached_property
    def allowed_units(self) -> dict[str, frozenset[str]]:
        """metric → the units a figure of that metric may be counted in."""
        return {m: frozenset(str(u).split(";")) for m, u in self.metrics["units_allowed"].items()}

    @cached_property
    def ancestors(self) -> pd.DataFrame:
        """For every P-code, its codes at admin levels 0–3 (adm0…adm3), where they exist;
        for every area, the codes all its members share (Eastern Ghouta: SY and SY03)."""
        places = location_ancestors(self.gazetteer)
        if not self.area_members:
            return places
        rows = {
            area: [_shared(places, list(codes), column) for column in places.columns]
            for area, codes in self.area_members.items()
        }
        areas = pd.DataFrame.from_dict(rows, orient="index", columns=places.columns, dtype=object)
        return pd.concat([places, areas])

    @cached_property
    def admin_codes(self) -> dict[str, tuple[object, ...]]:
        """:attr:`ancestors` as a dict: location → its (adm0, adm1, adm2, adm3), each a code or
        missing (pd.NA). Looking up the few locations of a small import here costs microseconds
        where reindexing the table costs milliseconds."""
        table = self.ancestors.astype("string")
        columns = [table[f"adm{level}"].tolist() for level in range(4)]
        return dict(zip(table.index.tolist(), zip(*columns, strict=True), strict=True))

    def known(self, column: str) -> frozenset[str]:
        """The ids a canonical column may take (empty for free-text columns)."""
        return {
            "source": self.source_ids,
            "metric": self.metric_ids,
            "population": self.population_ids,
            "location": self.location_ids,
            "episode": self.episode_ids,
            "unit": self.unit_ids,
            "qualifier": self.qualifier_ids,
            "measure": self.measure_ids,
        }.get(column, frozenset())

    def descendants(self, pcode: str) -> list[str]:
        """The P-code itself and every place below it in the gazetteer."""
        if pcode not in self.gazetteer.index:  # an area: its figures carry its own id
            return [pcode]
        anc = self.ancestors
        level = int(self.gazetteer.at[pcode, "level"])
        if level > 3:
            return [pcode]
        return [str(p) for p in anc.index[anc[f"adm{level}"] == pcode]]


def location_ancestors(gazetteer: pd.DataFrame) -> pd.DataFrame:
    """Walk parents up to the country: one column per admin level 0–3."""
    parent = gazetteer["parent"]
    level = gazetteer["level"].astype(int)
    out = pd.DataFrame(index=gazetteer.index, columns=[f"adm{i}" for i in range(4)], dtype=object)
    current = pd.Series(gazetteer.index, index=gazetteer.index, dtype=object)
    for _ in range(int(level.max()) + 1):
        cur_level = current.map(level)
        for i in range(4):
            hit = cur_level == i
            out.loc[hit, f"adm{i}"] = current[hit]
        current = current.map(parent)
        if current.isna().all():
            break
    return out


def _shared(places: pd.DataFrame, codes: list[str], column: str) -> object:
    """The code at ``column`` that every one of ``codes`` has (None when they differ)."""
    found = places[column].reindex(codes)
    return found.iloc[0] if found.notna().all() and found.nunique() == 1 else None


def ranks(frame: pd.DataFrame) -> dict[str, int]:
    """id → rank of a vocabulary table with a ``rank`` column (id as a column or the index)."""
    if "rank" not in frame.columns:
        return {}
    ids = frame["id"] if "id" in frame.columns else pd.Series(frame.index, index=frame.index)
    return {str(i): int(r) for i, r in zip(ids, frame["rank"], strict=True)}
