"""The columns of every download: name, Table Schema type, description and constraints.

The figure file's canonical columns are read from the one pandera schema
(:func:`tracker.domain.schema.figure_schema`): its descriptions, which columns are required,
and its checks (a date check makes a date, count checks an integer ≥ 0, a vocabulary
check an enum, a format check a pattern). Nothing about a figure is restated here; the
derived columns and the other files are described here because no schema holds them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandera.pandas as pa

from tracker.domain import schema as figure_rules
from tracker.domain.vocabularies import CANONICAL_COLUMNS, Vocabularies

# A vocabulary larger than this is described, not listed, as an enum (the gazetteer's
# thousands of P-codes would make every validator compare each cell to each code).
MAX_ENUM = 200
# Columns the store always fills (defaults are applied when a figure is stored), so the
# downloaded file never leaves them empty even though an imported file may.
ALWAYS_FILLED = ("figure_id", "population", "period_end", "measure", "qualifier", "unit")
PATTERNS = {
    "figure_id_format": figure_rules.FIGURE_ID_RE,
    "http_url": figure_rules.URL_RE,
    "iso639": figure_rules.LANG_RE,
}
DATE_CHECKS = frozenset({"date_format", "real_date", "not_future"})
COUNT_CHECKS = frozenset({"numeric", "non_negative", "whole"})


@dataclass(frozen=True)
class Field:
    """One column of a download, as datapackage.json and the Data page describe it."""

    name: str
    kind: str = "string"  # Table Schema type: string, integer, number, date, datetime, boolean
    description: str = ""
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | None = None

    def constraints(self) -> dict[str, object]:
        """Frictionless constraints of the column (only those that apply)."""
        out: dict[str, object] = {}
        if self.required:
            out["required"] = True
        if self.enum:
            out["enum"] = list(self.enum)
        if self.pattern:
            out["pattern"] = self.pattern
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


def _from_column(name: str, column: pa.Column, vocab: Vocabularies) -> Field:
    """A canonical column as a Field: type, enum and pattern follow its schema checks."""
    field = Field(
        name=name,
        description=column.description or "",
        required=(column.required and not column.nullable) or name in ALWAYS_FILLED,
    )
    for check in column.checks:
        check_name = check.name or ""
        if check_name in DATE_CHECKS:
            field = replace(field, kind="date")
        elif check_name in COUNT_CHECKS:
            field = replace(field, kind="integer", minimum=0)
        elif check_name == "at_most_maximum":
            field = replace(field, maximum=figure_rules.MAX_COUNT)
        elif check_name.startswith("known_"):
            ids = vocab.known(check_name.removeprefix("known_"))
            if 0 < len(ids) <= MAX_ENUM:
                field = replace(field, enum=tuple(sorted(ids)))
        elif check_name in PATTERNS:
            field = replace(field, pattern=PATTERNS[check_name])
    return field


def canonical_fields(vocab: Vocabularies) -> tuple[Field, ...]:
    """The canonical figure columns, generated from the pandera schema."""
    columns = figure_rules.figure_schema(vocab, date.today()).columns
    return tuple(_from_column(name, columns[name], vocab) for name in CANONICAL_COLUMNS)


def _ids(vocab: Vocabularies, table: str) -> tuple[str, ...]:
    frame = vocab.extra.get(table)
    return tuple(sorted(frame.index.astype(str))) if frame is not None else ()


def derived_fields() -> tuple[Field, ...]:
    """The columns an export adds after the canonical ones (DESIGN.md §4), in order."""
    return (
        Field("low", "integer", "Lowest count the claim allows (interval low end), in persons "
              "when the figure was given in households, else in its unit.", True, minimum=0),
        Field("high", "integer", "Highest count the claim allows; empty when the claim sets no "
              "upper bound (at least, more than).", minimum=0),
        Field("source_name", "string", "The source's name in English, from the registry.", True),
        Field("location_name", "string", "The place's (or area's) name in English.", True),
        Field("location_level", "integer", "Admin level of the place: 0 country, 1 governorate, "
              "2 district, 3 sub-district, 4 community; empty for a named area.", minimum=0,
              maximum=4),
        Field("adm1_pcode", "string", "P-code of the governorate the place lies in (empty for "
              "a whole country)."),
        Field("revision", "integer", "Revision number of the figure: 1 as first entered, higher "
              "after each correction (see `tracker history`).", True, minimum=1),
        Field("status", "string", "active: the figure stands (retracted figures are left out).",
              True, enum=("active", "retracted")),
        Field("entered_at", "datetime", "When this revision was entered (UTC); for a reviewed "
              "figure, when it was accepted.", True),
        Field("entered_by", "string", "Who entered this revision; for a reviewed figure, who "
              "entered its values (the proposal's author).", True),
        Field("flag_ids", "string", "Ids of the consistency flags the figure is involved in, "
              "separated by ';' (the flag_id column of flags.csv)."),
        Field("review_status", "string", "accepted: the figure passed review or was entered by "
              "a reviewer (proposed and rejected figures are never published).", True,
              enum=("accepted",)),
        Field("reviewed_by", "string", "Who accepted the figure in review; empty when a "
              "reviewer or admin entered it directly, or it predates the review step."),
    )  # fmt: skip


def figure_fields(vocab: Vocabularies) -> tuple[Field, ...]:
    return canonical_fields(vocab) + derived_fields()


FIGURE_ARABIC = (
    Field("source_name_ar", "string", "The source's name in Arabic, from the registry."),
    Field("location_name_ar", "string", "The place's (or area's) name in Arabic."),
)


def flag_fields(vocab: Vocabularies) -> tuple[Field, ...]:
    """The flags file, column for column as DESIGN.md §4 fixes it."""
    return (
        Field("flag_id", "string", "Stable id of the flag: the same disagreement keeps its id "
              "when flags are recomputed.", True),
        Field("rule", "string", "The consistency rule the figures break.", True,
              enum=_ids(vocab, "rules")),
        Field("severity", "string", "How serious the disagreement is.", True,
              enum=_ids(vocab, "severities")),
        Field("status", "string", "open, or explained by an analyst (see note).", True,
              enum=("explained", "open")),
        Field("metric", "string", "What the figures count (metric id).", True,
              enum=tuple(sorted(vocab.metric_ids))),
        Field("population", "string", "Whose count (population id).",
              enum=tuple(sorted(vocab.population_ids))),
        Field("location", "string", "Where: an OCHA P-code from the gazetteer, or an area id."),
        Field("figure_ids", "string", "The figures involved (figure_id in figures.csv), "
              "separated by ';'.", True),
        Field("sources", "string", "Their source ids, separated by ';'.", True),
        Field("ratio", "number", "How far apart the figures are: the lowest count of the larger "
              "claim divided by the highest count of the smaller (empty when not a ratio)."),
        Field("sentence_en", "string", "The disagreement in one English sentence.", True),
        Field("sentence_ar", "string", "The disagreement in one Arabic sentence.", True),
        Field("note", "string", "The analyst's note when the flag was explained."),
    )  # fmt: skip


FLAG_ARABIC = (
    Field("location_name_ar", "string", "The place's (or area's) name in Arabic."),
    Field("source_names_ar", "string", "The sources' names in Arabic, separated by ';'."),
)


def series_fields(vocab: Vocabularies) -> tuple[Field, ...]:
    """The reconciled band of each series (metric, population, location, measure, start)."""
    return (
        Field("metric", "string", "What is counted (metric id).", True,
              enum=tuple(sorted(vocab.metric_ids))),
        Field("population", "string", "Whose count (population id).", True,
              enum=tuple(sorted(vocab.population_ids))),
        Field("location", "string", "Where: an OCHA P-code from the gazetteer, or an area id.",
              True),
        Field("location_name", "string", "The place's (or area's) name in English."),
        Field("measure", "string", "flow or stock.", True, enum=("flow", "stock")),
        Field("window_start", "date", "Start of the series' window; empty for stocks."),
        Field("window_start_assumed", "boolean", "true when the start is the episode's start, "
              "assumed because the sources gave none.", True),
        Field("date", "date", "The date the band holds for.", True),
        Field("low", "number", "Lowest count all non-contradicting claims allow at this date.",
              minimum=0),
        Field("high", "number", "Highest count they allow; empty when unbounded.", minimum=0),
        Field("headline", "number", "The headline figure for this date: the value a source "
              "stated, read with headline_qualifier (see the docs for the rule that picks it).",
              minimum=0),
        Field("n_claims", "integer", "How many claims the band rests on.", True, minimum=0),
        Field("n_sources", "integer", "How many distinct sources made them.", True, minimum=0),
        Field("headline_qualifier", "string", "How the source said the headline (exact, approx, "
              "at_least, more_than, at_most, …); empty when contested.",
              enum=tuple(sorted(vocab.qualifiers.index))),
        Field("headline_sources", "string", "The sources stating the headline, ids separated "
              "by ';'."),
    )  # fmt: skip


SERIES_ARABIC = (Field("location_name_ar", "string", "The place's (or area's) name in Arabic."),)


def source_fields(vocab: Vocabularies) -> tuple[Field, ...]:
    """The source registry: who produces the numbers."""
    return (
        Field("source", "string", "Source id (the source column of figures.csv).", True),
        Field("name_en", "string", "Name in English.", True),
        Field("name_ar", "string", "Name in Arabic.", True),
        Field("short_en", "string", "Short name or acronym in English."),
        Field("short_ar", "string", "Short name in Arabic."),
        Field("type", "string", "Kind of organisation.", True,
              enum=tuple(sorted(vocab.source_types.index.astype(str)))),
        Field("reliability", "string", "The project's judgement of the source's track record.",
              True, enum=tuple(sorted(vocab.reliability.index.astype(str)))),
        Field("url", "string", "The source's website.", pattern=figure_rules.URL_RE),
    )  # fmt: skip


SOURCE_ARABIC = (
    Field("type_ar", "string", "Kind of organisation, in Arabic."),
    Field("reliability_ar", "string", "Reliability, in Arabic."),
)
