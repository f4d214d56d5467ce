"""The one definition of a valid figure: a pandera schema over the canonical CSV.

Everything that accepts figures (the importer, ``tracker add``, ``tracker revise``,
the datapackage.json of the downloads) goes through :func:`figure_schema`. It checks
the raw text cells as a user typed them, so that a problem can be reported with the
value exactly as it stood in the file; :mod:`tracker.domain.normalise` turns the validated
text into typed, defaulted figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import pandera.pandas as pa

from tracker.domain.control import has_control
from tracker.domain.lookup import lookup
from tracker.domain.vocabularies import CANONICAL_COLUMNS, REQUIRED_COLUMNS, Vocabularies

DATE_RE = r"\d{4}-\d{2}-\d{2}"
FIGURE_ID_RE = r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}"
URL_RE = r"https?://[^\s/$.?#][^\s]*"
LANG_RE = r"[a-z]{2}"

# The largest count a figure may state, per unit (value and value_high, in the figure's
# unit: the one given, else the metric's). 10^10 persons is more than everyone alive; the
# other units are bounded well above any real report. Every numeric path is exact up to
# these bounds: intervals are computed in whole numbers, and every bound derived from them
# (τ, households × their size) stays far below 2^53, where float64 is still exact.
MAX_COUNT = 10**10
COUNT_MAXIMUM: dict[str, int] = {
    "persons": MAX_COUNT,
    "households": 2 * 10**9,
    "events": 10**9,
    "localities": 10**7,
    "facilities": 10**7,
}

#: Up to this many cells, a check reads them one by one (an id looked up in the vocabulary's
#: set, a rule's outcome cell by cell); above it, the column at once (hashing the thousands
#: of places of the gazetteer costs more than checking a few cells one by one).
FEW_CELLS = 64

# Human descriptions of each column, used by the docs and datapackage.json.
DESCRIPTIONS: dict[str, str] = {
    "figure_id": "Stable identifier of the figure; give one to make re-import idempotent.",
    "reported_on": "Date the source stated the figure (YYYY-MM-DD).",
    "source": "Who produced the number: an id from the source registry.",
    "publisher": "Where the number was read (an outlet or site), as free text.",
    "url": "Address (http or https) of the publication the figure was read in.",
    "metric": "What is counted: an id from the metric vocabulary.",
    "population": "Whose count: an id from the population vocabulary (default: all).",
    "location": "Where: an OCHA P-code from the gazetteer, or the id of a named area.",
    "period_start": "First day of the window the count covers (empty when not stated).",
    "period_end": "Last day of the window the count covers (default: reported_on).",
    "measure": "flow (events inside the window) or stock (a state at period_end).",
    "episode": "The named crisis or offensive the figure belongs to.",
    "qualifier": "How exact the source was: exact, approx, nearly, at_least, more_than, "
    "at_most, less_than, range or magnitude (default: exact).",
    "value": "The number the source gave, a whole number ≥ 0 and at most the maximum for its "
    "unit (10,000,000,000 persons; see README) (for magnitude: the unit word, 10, 12, 100, "
    "1000 or 10000).",
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
    #: the columns the rule reads: on a row where none of them is broken it means something,
    #: and is checked (and said) with the broken cells, so a second fault is not found late
    reads: tuple[str, ...] = ()
    #: the rule compares rows of the whole file (a repeated figure_id), not one row's cells
    file_wide: bool = False


class Parsed:
    """Columns of the table under validation, parsed once and shared by the schema's checks.

    A date column is checked for its form, for being a real date, for not being in the
    future, and compared with two other dates; each of those reads the same parse. A column
    is recognised by the array the table hands out for it, or an equal copy, and its index:
    a later table, or a changed column, is parsed afresh; a stale result is never returned.
    """

    def __init__(self) -> None:
        self._memo: dict[tuple[str, object], tuple[object, pd.Index, pd.Series]] = {}

    def of(
        self, kind: str, series: pd.Series, parse: Callable[[pd.Series], pd.Series]
    ) -> pd.Series:
        """``parse(series)``, computed once per column and kind of parse."""
        key = (kind, series.name)
        data = series.array
        hit = self._memo.get(key)
        if hit is not None and hit[1].equals(series.index) and _same(hit[0], data):
            return hit[2]
        result = parse(series)
        self._memo[key] = (data, series.index, result)
        return result

    def clear(self) -> None:
        """Forget every parse (a schema kept for the next table holds no column of the last)."""
        self._memo.clear()


def _same(seen: object, data: object) -> bool:
    """The same column: the very array, or an equal copy (pandera copies the table per pass)."""
    if seen is data:
        return True
    equals = getattr(seen, "equals", None)
    return bool(equals is not None and type(seen) is type(data) and equals(data))


def _on_present(
    series: pd.Series, compute: Callable[[pd.Series], pd.Series], fill: object, dtype: str
) -> pd.Series:
    """``compute`` over the filled cells only (as a column check sees them), ``fill`` elsewhere."""
    present = series.notna().to_numpy(dtype=bool)
    out = np.full(len(series), fill, dtype=dtype)
    if present.any():
        out[present] = compute(series[present]).to_numpy(dtype=dtype, na_value=fill)
    return pd.Series(out, index=series.index)


def _text(df: pd.DataFrame, column: str) -> pd.Series:
    """The column's text cells, all missing when the table has no such column."""
    if column in df:
        return df[column]
    if len(df) <= FEW_CELLS:  # a scalar spread over a few rows costs more than a list
        return pd.Series(pd.array([pd.NA] * len(df), dtype="string"), index=df.index)
    return pd.Series(pd.NA, index=df.index, dtype="string")


def _parse_date(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, format="%Y-%m-%d", errors="coerce")


def _parse_number(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype("float64")


def _date_shaped(series: pd.Series) -> pd.Series:
    """Filled cells written YYYY-MM-DD; empty cells pass (their own check reports them)."""
    return _on_present(series, lambda s: s.astype(str).str.fullmatch(DATE_RE), True, "bool")


def _count_number(series: pd.Series) -> pd.Series:
    """A count's filled cells as numbers, thousands separators ignored (NaN: not a number)."""

    def parse(s: pd.Series) -> pd.Series:
        return pd.to_numeric(s.astype(str).str.replace(",", "", regex=False), errors="coerce")

    return _on_present(series, parse, np.nan, "float64")


class Columns:
    """The typed views of a table's text columns that the rules between cells compare, each
    parsed once. They are numpy arrays (a missing date is NaT, a missing number NaN, a missing
    qualifier "exact"), so a rule is a few numpy operations: each pandas operation on a column
    costs about 0.05 ms whatever its length, a dozen per rule on the one row of a new figure."""

    def __init__(self, parsed: Parsed | None = None) -> None:
        self.parsed = parsed or Parsed()

    def date(self, df: pd.DataFrame, column: str) -> np.ndarray:
        return np.asarray(self.parsed.of("date", _text(df, column), _parse_date))

    def number(self, df: pd.DataFrame, column: str) -> np.ndarray:
        return np.asarray(self.parsed.of("number", _text(df, column), _parse_number))

    def effective_end(self, df: pd.DataFrame) -> np.ndarray:
        end = self.date(df, "period_end")
        return np.where(np.isnat(end), self.date(df, "reported_on"), end)

    def count(self, series: pd.Series) -> pd.Series:
        """A count column's numbers (see :func:`_count_number`); a column without any
        thousands separator reads as :meth:`number` reads it, so that one parse serves both."""
        if _has_comma(series):
            return self.parsed.of("count", series, _count_number)
        return self.parsed.of("number", series, _parse_number)

    def qualifier(self, df: pd.DataFrame) -> np.ndarray:
        given = self.parsed.of("qualifier", _text(df, "qualifier"), lambda s: s.fillna("exact"))
        return np.asarray(given, dtype=object)


def _has_comma(series: pd.Series) -> bool:
    """Whether a filled cell holds a comma (a few cells are read one by one)."""
    if len(series) <= FEW_CELLS:
        return any("," in str(v) for v in series.tolist() if not _missing(v))
    return bool(series.astype("string").str.contains(",", regex=False).any())


def _empty(df: pd.DataFrame, column: str) -> np.ndarray:
    """Whether each row's cell of the column is empty (every row when there is no column)."""
    return np.asarray(_text(df, column).isna(), dtype=bool)


def _per_row(
    rule: Callable[[pd.DataFrame], np.ndarray | pd.Series],
) -> Callable[[pd.DataFrame], pd.Series]:
    """A rule between cells computed on arrays, its outcome put on the table's rows."""

    def passes(df: pd.DataFrame) -> pd.Series:
        found = rule(df)
        if isinstance(found, pd.Series):
            return found
        return pd.Series(np.asarray(found, dtype=bool), index=df.index)

    return passes


def _unit_allowed(vocab: Vocabularies) -> Callable[[pd.DataFrame], pd.Series]:
    """A unit given for a metric that restricts its units must be one of them."""

    def passes(df: pd.DataFrame) -> pd.Series:
        unit, metric = _text(df, "unit"), _text(df, "metric")
        ok = pd.Series(True, index=df.index)
        given = unit.notna().to_numpy(dtype=bool)
        if not given.any():
            return ok
        units, metrics = unit[given], metric[given]
        bad = np.zeros(len(units), dtype=bool)
        for name, allowed in vocab.allowed_units.items():
            if allowed:
                of_metric = (metrics == name).to_numpy(dtype=bool, na_value=False)
                bad |= of_metric & ~units.isin(list(allowed)).to_numpy(dtype=bool)
        ok[given] = ~bad
        return ok

    return passes


def _household_size_known(vocab: Vocabularies) -> Callable[[pd.DataFrame], pd.Series]:
    """A count in households needs a household size for its location's country."""

    def passes(df: pd.DataFrame) -> pd.Series:
        in_hh = (_text(df, "unit") == "households").fillna(False)
        if not in_hh.any():
            return pd.Series(True, index=df.index)
        country = _text(df, "location").map(vocab.ancestors["adm0"])
        return ~(in_hh & ~country.isin(list(vocab.household_sizes.index)))

    return passes


def _unit_words(vocab: Vocabularies) -> str:
    """ "10 (tens), 12 (dozens), … or 10000 (tens of thousands)" from the magnitude words."""
    words = vocab.claim_words("en").magnitudes
    named = [f"{unit} ({words.get(unit, unit)})" for unit in sorted(vocab.magnitude_units)]
    return ", ".join(named[:-1]) + " or " + named[-1] if len(named) > 1 else "".join(named)


def effective_unit(df: pd.DataFrame, vocab: Vocabularies) -> pd.Series:
    """Each row's unit: the one given, else its metric's default."""
    default = lookup(_text(df, "metric"), vocab.metrics["unit"], "string")
    return df["unit"].fillna(default) if "unit" in df else default


def _within_unit_bound(
    vocab: Vocabularies, c: Columns, column: str
) -> Callable[[pd.DataFrame], pd.Series]:
    """A count at most :data:`COUNT_MAXIMUM` of its unit (above :data:`MAX_COUNT` the
    column's own check reports it, once)."""

    def passes(df: pd.DataFrame) -> pd.Series:
        if column not in df:
            return pd.Series(True, index=df.index)
        bound = lookup(effective_unit(df, vocab), COUNT_MAXIMUM, "float64").to_numpy()
        number = c.count(df[column]).to_numpy(dtype="float64")
        return pd.Series(~((number > bound) & (number <= MAX_COUNT)), index=df.index)

    return passes


def cross_checks(vocab: Vocabularies, columns: Columns | None = None) -> list[CrossCheck]:
    """Rules that tie columns of one figure together (DESIGN.md §4)."""
    c = columns or Columns()
    return [
        CrossCheck(
            "period_order",
            "period_start",
            "period_start is after period_end: a window must start before it ends",
            _per_row(lambda df: ~(c.date(df, "period_start") > c.effective_end(df))),
            reads=("period_start", "period_end", "reported_on"),
        ),
        CrossCheck(
            "period_end_reported",
            "period_end",
            "period_end is after reported_on: a source cannot report a window that has "
            "not ended yet",
            _per_row(lambda df: ~(c.date(df, "period_end") > c.date(df, "reported_on"))),
            reads=("period_end", "reported_on"),
        ),
        CrossCheck(
            "range_needs_high",
            "value_high",
            "qualifier is range but value_high is empty: a range needs its upper end",
            _per_row(lambda df: ~((c.qualifier(df) == "range") & _empty(df, "value_high"))),
            reads=("qualifier", "value_high"),
        ),
        CrossCheck(
            "high_only_range",
            "value_high",
            "value_high is given but the qualifier is not range: give qualifier=range, "
            "or leave value_high empty",
            _per_row(lambda df: ~((c.qualifier(df) != "range") & ~_empty(df, "value_high"))),
            reads=("qualifier", "value_high"),
        ),
        CrossCheck(
            "high_not_below",
            "value_high",
            "value_high is below value: the upper end of a range must be ≥ value",
            _per_row(lambda df: ~(c.number(df, "value_high") < c.number(df, "value"))),
            reads=("value_high", "value"),
        ),
        CrossCheck(
            "magnitude_unit",
            "value",
            "qualifier is magnitude, so value must be the unit word as a number: "
            + _unit_words(vocab),
            _per_row(
                lambda df: (
                    ~(
                        (c.qualifier(df) == "magnitude")
                        & ~np.isnan(c.number(df, "value"))
                        & ~np.isin(c.number(df, "value"), sorted(vocab.magnitude_units))
                    )
                )
            ),
            reads=("qualifier", "value"),
        ),
        CrossCheck(
            "less_than_zero",
            "value",
            "qualifier less_than with value 0 allows no count at all (fewer than zero)",
            _per_row(lambda df: ~((c.qualifier(df) == "less_than") & (c.number(df, "value") == 0))),
            reads=("qualifier", "value"),
        ),
        CrossCheck(
            "value_unit_bound",
            "value",
            "is above the maximum count for its unit",
            _within_unit_bound(vocab, c, "value"),
            reads=("value", "unit", "metric"),
        ),
        CrossCheck(
            "value_high_unit_bound",
            "value_high",
            "is above the maximum count for its unit",
            _within_unit_bound(vocab, c, "value_high"),
            reads=("value_high", "unit", "metric"),
        ),
        CrossCheck(
            "unit_allowed",
            "unit",
            "this unit is not allowed for the metric",
            _unit_allowed(vocab),
            reads=("unit", "metric"),
        ),
        CrossCheck(
            "household_size_known",
            "unit",
            "unit households needs a household size for the location's country, and none "
            "is set (data/household_sizes.csv)",
            _household_size_known(vocab),
            reads=("unit", "location"),
        ),
        CrossCheck(
            "duplicate_id",
            "figure_id",
            "figure_id appears more than once in the file: each figure needs its own id",
            lambda df: ~(_text(df, "figure_id").notna() & _text(df, "figure_id").duplicated(False)),
            reads=("figure_id",),
            file_wide=True,
        ),
    ]


def _matches(pattern: str, error: str, name: str) -> pa.Check:
    return pa.Check(lambda s: s.astype(str).str.fullmatch(pattern), name=name, error=error)


def _one_of(ids: frozenset[str], what: str) -> pa.Check:
    """A filled cell is one of the vocabulary's ids."""
    listed = sorted(ids)

    def known(s: pd.Series) -> pd.Series:
        if len(s) <= FEW_CELLS:
            return pd.Series([v in ids for v in s.tolist()], index=s.index, dtype=bool)
        return s.isin(listed)

    return pa.Check(known, name=f"known_{what}", error=f"unknown {what}")


def _date_checks(today: date, c: Columns) -> list[pa.Check]:
    """Form, reality and date of a filled date cell (empty cells pass: ``ignore_na=False``
    hands each check the whole column, so that all of them share one parse of it)."""

    def shaped(s: pd.Series) -> pd.Series:
        return c.parsed.of("date_shape", s, _date_shaped)

    def parsed(s: pd.Series) -> pd.Series:
        return c.parsed.of("date", s, _parse_date)

    return [
        pa.Check(
            shaped,
            name="date_format",
            error="not a date in the form YYYY-MM-DD",
            ignore_na=False,
        ),
        pa.Check(
            lambda s: ~shaped(s) | parsed(s).notna() | s.isna(),
            name="real_date",
            error="not a real calendar date",
            ignore_na=False,
        ),
        pa.Check(
            lambda s: ~(parsed(s) > pd.Timestamp(today)),
            name="not_future",
            error=f"is in the future (today is {today})",
            ignore_na=False,
        ),
    ]


def _count_checks(c: Columns) -> list[pa.Check]:
    """A filled count is a number, not below 0, at most :data:`MAX_COUNT`, and written with
    digits only."""

    def num(s: pd.Series) -> pd.Series:
        return c.count(s)

    def digits_only(s: pd.Series) -> pd.Series:
        return _on_present(s, lambda t: t.astype(str).str.fullmatch(r"\d+"), True, "bool")

    return [
        pa.Check(
            lambda s: num(s).notna() | s.isna(),
            name="numeric",
            error="not a number",
            ignore_na=False,
        ),
        pa.Check(
            lambda s: ~(num(s) < 0),
            name="non_negative",
            error="is negative: a count cannot be below 0",
            ignore_na=False,
        ),
        pa.Check(
            lambda s: ~(num(s) > MAX_COUNT),
            name="at_most_maximum",
            error=f"is above {MAX_COUNT:,} ({MAX_COUNT:,} persons is the largest count a figure "
            "may state; see README, 'Counts')",
            ignore_na=False,
        ),
        pa.Check(
            lambda s: ~(num(s) >= 0) | digits_only(s),
            name="whole",
            error="is not a whole number written with digits only (a count has no "
            "fraction, sign or thousands separator)",
            ignore_na=False,
        ),
    ]


def _no_control() -> pa.Check:
    """No text cell holds a control character other than tab and line breaks."""
    return pa.Check(lambda s: ~has_control(s), name="no_control", error="no_control")


def _lenient(passes: Callable[[pd.DataFrame], pd.Series]) -> Callable[[pd.DataFrame], pd.Series]:
    """A cross-field rule passes where its inputs are missing (their own checks report them)."""

    def lenient(df: pd.DataFrame) -> pd.Series:
        found = passes(df)
        if len(found) <= FEW_CELLS:  # a few cells: read one by one
            cells = [True if _missing(v) else bool(v) for v in found.tolist()]
            return pd.Series(cells, index=found.index, dtype=bool)
        return found.astype("boolean").fillna(True).astype(bool)

    return lenient


def _missing(value: object) -> bool:
    return value is None or bool(pd.isna(value))


def figure_schema(
    vocab: Vocabularies, today: date, shared: Columns | None = None
) -> pa.DataFrameSchema:
    """The schema of one figure as text cells, with every rule of DESIGN.md §4.

    The checks of one schema share their parses of the table's columns (:class:`Parsed`;
    pass ``shared`` to hold them and :meth:`Parsed.clear` them between tables).
    """
    c = shared or Columns()
    checks: dict[str, list[pa.Check]] = {
        "figure_id": [
            _matches(
                FIGURE_ID_RE,
                "not a valid figure id (letters, digits, . _ : / -; at most 64 characters)",
                "figure_id_format",
            )
        ],
        "reported_on": _date_checks(today, c),
        "source": [_one_of(vocab.source_ids, "source")],
        "url": [_matches(URL_RE, "not an http(s) address", "http_url")],
        "metric": [_one_of(vocab.metric_ids, "metric")],
        "population": [_one_of(vocab.population_ids, "population")],
        "location": [_one_of(vocab.location_ids, "location")],
        "period_start": _date_checks(today, c),
        "period_end": _date_checks(today, c),
        "measure": [_one_of(vocab.measure_ids, "measure")],
        "episode": [_one_of(vocab.episode_ids, "episode")],
        "qualifier": [_one_of(vocab.qualifier_ids, "qualifier")],
        "value": _count_checks(c),
        "value_high": _count_checks(c),
        "unit": [_one_of(vocab.unit_ids, "unit")],
        "quote_lang": [_matches(LANG_RE, "not a two-letter ISO 639-1 code", "iso639")],
    }
    columns = {
        name: pa.Column(
            nullable=name not in REQUIRED_COLUMNS,
            required=name in REQUIRED_COLUMNS,
            checks=[_no_control(), *checks.get(name, [])],
            description=DESCRIPTIONS[name],
            title=name,
        )
        for name in CANONICAL_COLUMNS
    }
    # ignore_na=False: a rule between cells already passes where its inputs are missing
    # (_lenient), and with ignore_na pandera would also test every cell of the table for being
    # missing once per rule (a tenth of the cost of checking one figure).
    wide = [
        pa.Check(_lenient(check.passes), name=check.name, error=check.name, ignore_na=False)
        for check in cross_checks(vocab, c)
    ]
    return pa.DataFrameSchema(columns, checks=wide, name="figure", strict=False)
