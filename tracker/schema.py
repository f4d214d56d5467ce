"""The one definition of a valid figure: a pandera schema over the canonical CSV.

Everything that accepts figures (the importer, ``tracker add``, ``tracker revise``,
the datapackage.json of the downloads) goes through :func:`figure_schema`. It checks
the raw text cells as a user typed them, so that a problem can be reported with the
value exactly as it stood in the file; :mod:`tracker.normalise` turns the validated
text into typed, defaulted figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pandera.pandas as pa

from tracker.vocabularies import (
    CANONICAL_COLUMNS,
    MAGNITUDE_UNITS,
    MEASURES,
    QUALIFIERS,
    REQUIRED_COLUMNS,
    Vocabularies,
)

DATE_RE = r"\d{4}-\d{2}-\d{2}"
FIGURE_ID_RE = r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}"
URL_RE = r"https?://[^\s/$.?#][^\s]*"
LANG_RE = r"[a-z]{2}"

# Human descriptions of each column, used by the docs and datapackage.json.
DESCRIPTIONS: dict[str, str] = {
    "figure_id": "Stable identifier of the figure; give one to make re-import idempotent.",
    "reported_on": "Date the source stated the figure (YYYY-MM-DD).",
    "source": "Who produced the number: an id from the source registry.",
    "publisher": "Where the number was read (an outlet or site), as free text.",
    "url": "Address (http or https) of the publication the figure was read in.",
    "metric": "What is counted: an id from the metric vocabulary.",
    "population": "Whose count: an id from the population vocabulary (default: all).",
    "location": "Where: an OCHA P-code from the gazetteer.",
    "period_start": "First day of the window the count covers (empty when not stated).",
    "period_end": "Last day of the window the count covers (default: reported_on).",
    "measure": "flow (events inside the window) or stock (a state at period_end).",
    "episode": "The named crisis or offensive the figure belongs to.",
    "qualifier": "How exact the source was: exact, approx, nearly, at_least, more_than, "
    "at_most, less_than, range or magnitude (default: exact).",
    "value": "The number the source gave, a whole number ≥ 0 (for magnitude: the unit "
    "word, 10, 12, 100, 1000 or 10000).",
    "value_high": "Upper end of a range; only with qualifier range.",
    "unit": "What one counts: persons, households, events, localities or facilities.",
    "quote": "The source's own words.",
    "quote_lang": "ISO 639-1 language of the quote (ar, en, …).",
    "notes": "The analyst's notes on how the figure was read.",
}


@dataclass(frozen=True)
class CrossCheck:
    """A rule between columns of one row; a failure is reported against ``column``."""

    name: str
    column: str
    message: str
    passes: Callable[[pd.DataFrame], pd.Series]


def _text(df: pd.DataFrame, column: str) -> pd.Series:
    if column in df:
        return df[column]
    return pd.Series(pd.NA, index=df.index, dtype="string")


def _date(df: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_datetime(_text(df, column), format="%Y-%m-%d", errors="coerce")


def _number(df: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(_text(df, column), errors="coerce").astype("float64")


def _effective_end(df: pd.DataFrame) -> pd.Series:
    end = _date(df, "period_end")
    return end.fillna(_date(df, "reported_on"))


def _qualifier(df: pd.DataFrame) -> pd.Series:
    return _text(df, "qualifier").fillna("exact")


def _unit_allowed(vocab: Vocabularies) -> Callable[[pd.DataFrame], pd.Series]:
    def passes(df: pd.DataFrame) -> pd.Series:
        unit = _text(df, "unit")
        metric = _text(df, "metric")
        allowed = metric.map(lambda m: vocab.allowed_units.get(m, frozenset()))
        ok = [
            u is pd.NA or pd.isna(u) or not a or u in a
            for u, a in zip(unit.tolist(), allowed.tolist(), strict=True)
        ]
        return pd.Series(ok, index=df.index)

    return passes


def _household_size_known(vocab: Vocabularies) -> Callable[[pd.DataFrame], pd.Series]:
    def passes(df: pd.DataFrame) -> pd.Series:
        in_hh = _text(df, "unit") == "households"
        country = _text(df, "location").map(vocab.ancestors["adm0"])
        return ~(in_hh.fillna(False) & ~country.isin(list(vocab.household_sizes.index)))

    return passes


def cross_checks(vocab: Vocabularies) -> list[CrossCheck]:
    """Rules that tie columns of one figure together (DESIGN.md §4)."""
    return [
        CrossCheck(
            "period_order",
            "period_start",
            "period_start is after period_end: a window must start before it ends",
            lambda df: ~(_date(df, "period_start") > _effective_end(df)),
        ),
        CrossCheck(
            "period_end_reported",
            "period_end",
            "period_end is after reported_on: a source cannot report a window that has "
            "not ended yet",
            lambda df: ~(_date(df, "period_end") > _date(df, "reported_on")),
        ),
        CrossCheck(
            "range_needs_high",
            "value_high",
            "qualifier is range but value_high is empty: a range needs its upper end",
            lambda df: ~((_qualifier(df) == "range") & _text(df, "value_high").isna()),
        ),
        CrossCheck(
            "high_only_range",
            "value_high",
            "value_high is given but the qualifier is not range: give qualifier=range, "
            "or leave value_high empty",
            lambda df: ~((_qualifier(df) != "range") & _text(df, "value_high").notna()),
        ),
        CrossCheck(
            "high_not_below",
            "value_high",
            "value_high is below value: the upper end of a range must be ≥ value",
            lambda df: ~(_number(df, "value_high") < _number(df, "value")),
        ),
        CrossCheck(
            "magnitude_unit",
            "value",
            "qualifier is magnitude, so value must be the unit word as a number: "
            "10 (tens), 12 (dozens), 100 (hundreds), 1000 (thousands) or 10000 (tens of thousands)",
            lambda df: (
                ~(
                    (_qualifier(df) == "magnitude")
                    & _number(df, "value").notna()
                    & ~_number(df, "value").isin(list(MAGNITUDE_UNITS))
                )
            ),
        ),
        CrossCheck(
            "less_than_zero",
            "value",
            "qualifier less_than with value 0 allows no count at all (fewer than zero)",
            lambda df: ~((_qualifier(df) == "less_than") & (_number(df, "value") == 0)),
        ),
        CrossCheck(
            "unit_allowed",
            "unit",
            "this unit is not allowed for the metric",
            _unit_allowed(vocab),
        ),
        CrossCheck(
            "household_size_known",
            "unit",
            "unit households needs a household size for the location's country, and none "
            "is set (data/household_sizes.csv)",
            _household_size_known(vocab),
        ),
        CrossCheck(
            "duplicate_id",
            "figure_id",
            "figure_id appears more than once in the file: each figure needs its own id",
            lambda df: ~(_text(df, "figure_id").notna() & _text(df, "figure_id").duplicated(False)),
        ),
    ]


def _matches(pattern: str, error: str, name: str) -> pa.Check:
    return pa.Check(lambda s: s.astype(str).str.fullmatch(pattern), name=name, error=error)


def _one_of(ids: frozenset[str], what: str) -> pa.Check:
    return pa.Check(lambda s: s.isin(list(ids)), name=f"known_{what}", error=f"unknown {what}")


def _date_checks(today: date) -> list[pa.Check]:
    def is_date(s: pd.Series) -> pd.Series:
        return pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").notna()

    def not_future(s: pd.Series) -> pd.Series:
        parsed = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
        return ~(parsed > pd.Timestamp(today))

    return [
        _matches(DATE_RE, "not a date in the form YYYY-MM-DD", "date_format"),
        pa.Check(
            lambda s: ~s.astype(str).str.fullmatch(DATE_RE) | is_date(s),
            name="real_date",
            error="not a real calendar date",
        ),
        pa.Check(not_future, name="not_future", error=f"is in the future (today is {today})"),
    ]


def _count_checks() -> list[pa.Check]:
    def num(s: pd.Series) -> pd.Series:
        return pd.to_numeric(s.astype(str).str.replace(",", "", regex=False), errors="coerce")

    return [
        pa.Check(lambda s: num(s).notna(), name="numeric", error="not a number"),
        pa.Check(
            lambda s: ~(num(s) < 0),
            name="non_negative",
            error="is negative: a count cannot be below 0",
        ),
        pa.Check(
            lambda s: ~(num(s) >= 0) | s.astype(str).str.fullmatch(r"\d+"),
            name="whole",
            error="is not a whole number written with digits only (a count has no "
            "fraction, sign or thousands separator)",
        ),
    ]


def _lenient(passes: Callable[[pd.DataFrame], pd.Series]) -> Callable[[pd.DataFrame], pd.Series]:
    """A cross-field rule passes where its inputs are missing (their own checks report them)."""
    return lambda df: passes(df).astype("boolean").fillna(True).astype(bool)


def figure_schema(vocab: Vocabularies, today: date) -> pa.DataFrameSchema:
    """The schema of one figure as text cells, with every rule of DESIGN.md §4."""
    checks: dict[str, list[pa.Check]] = {
        "figure_id": [
            _matches(
                FIGURE_ID_RE,
                "not a valid figure id (letters, digits, . _ : / -; at most 64 characters)",
                "figure_id_format",
            )
        ],
        "reported_on": _date_checks(today),
        "source": [_one_of(vocab.source_ids, "source")],
        "url": [_matches(URL_RE, "not an http(s) address", "http_url")],
        "metric": [_one_of(vocab.metric_ids, "metric")],
        "population": [_one_of(vocab.population_ids, "population")],
        "location": [_one_of(vocab.pcodes, "location")],
        "period_start": _date_checks(today),
        "period_end": _date_checks(today),
        "measure": [_one_of(frozenset(MEASURES), "measure")],
        "episode": [_one_of(vocab.episode_ids, "episode")],
        "qualifier": [_one_of(frozenset(QUALIFIERS), "qualifier")],
        "value": _count_checks(),
        "value_high": _count_checks(),
        "unit": [_one_of(vocab.unit_ids, "unit")],
        "quote_lang": [_matches(LANG_RE, "not a two-letter ISO 639-1 code", "iso639")],
    }
    columns = {
        name: pa.Column(
            nullable=name not in REQUIRED_COLUMNS,
            required=name in REQUIRED_COLUMNS,
            checks=checks.get(name, []),
            description=DESCRIPTIONS[name],
            title=name,
        )
        for name in CANONICAL_COLUMNS
    }
    wide = [
        pa.Check(_lenient(check.passes), name=check.name, error=check.name)
        for check in cross_checks(vocab)
    ]
    return pa.DataFrameSchema(columns, checks=wide, name="figure", strict=False)
