"""The controlled vocabularies a figure is written in, and look-ups over them.

Pure domain code: a :class:`Vocabularies` is built from DataFrames (see
:mod:`tracker.ingest.reference` for reading them from ``data/`` or the database).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

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
QUALIFIERS: tuple[str, ...] = (
    "exact",
    "approx",
    "nearly",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "range",
    "magnitude",
)
MEASURES: tuple[str, ...] = ("flow", "stock")
MAGNITUDE_UNITS: dict[int, str] = {
    10: "tens",
    12: "dozens",
    100: "hundreds",
    1000: "thousands",
    10000: "tens of thousands",
}


def closest(value: str, candidates: list[str] | set[str] | pd.Index) -> str | None:
    """The known id a misspelt one most likely meant, or None when nothing is close."""
    matches = difflib.get_close_matches(str(value), list(candidates), n=1, cutoff=0.6)
    if not matches:
        lowered = {str(c).lower(): str(c) for c in candidates}
        return lowered.get(str(value).strip().lower())
    return matches[0]


@dataclass(frozen=True)
class Vocabularies:
    """Every id a figure may use, with English and Arabic labels.

    Each frame is indexed by its id (the gazetteer by P-code).
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
    def allowed_units(self) -> dict[str, frozenset[str]]:
        """metric → the units a figure of that metric may be counted in."""
        return {m: frozenset(str(u).split(";")) for m, u in self.metrics["units_allowed"].items()}

    @cached_property
    def ancestors(self) -> pd.DataFrame:
        """For every P-code, its codes at admin levels 0–3 (adm0…adm3), where they exist."""
        return location_ancestors(self.gazetteer)

    def known(self, column: str) -> frozenset[str]:
        """The ids a canonical column may take (empty for free-text columns)."""
        return {
            "source": self.source_ids,
            "metric": self.metric_ids,
            "population": self.population_ids,
            "location": self.pcodes,
            "episode": self.episode_ids,
            "unit": self.unit_ids,
            "qualifier": frozenset(QUALIFIERS),
            "measure": frozenset(MEASURES),
        }.get(column, frozenset())

    def descendants(self, pcode: str) -> list[str]:
        """The P-code itself and every place below it in the gazetteer."""
        anc = self.ancestors
        level = int(self.gazetteer.at[pcode, "level"])
        if level > 3:
            return [pcode]
        return anc.index[anc[f"adm{level}"] == pcode].tolist()


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
