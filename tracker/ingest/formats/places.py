"""Finding each row's place, in the order the mapping's ``[place]`` says (see
:class:`~tracker.ingest.formats.spec.PlaceRule`), once per distinct written value.

Nothing is guessed: a value that matches no place, or several, is unmapped; each distinct
value is reported once with its row count and the nearest candidates (the problems are
grouped by value), and listed in a fill-in CSV that becomes an alias file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tracker.domain.place_coords import nearest_places
from tracker.domain.places import PlaceIndex
from tracker.domain.validation import Problem
from tracker.ingest.formats.source import LINE
from tracker.ingest.formats.spec import PlaceRule
from tracker.ingest.reference import DATA_DIR, read_table

PCODE = "@pcode"


def read_countries(path: Path = DATA_DIR / "countries.csv") -> dict[str, str]:
    """ISO 3166 alpha-3 → alpha-2 (the gazetteer's country code)."""
    table = read_table(path)
    return dict(zip(table["iso3"], table["iso2"], strict=True))


@dataclass
class Unplaced:
    """One written value that found no place."""

    column: str
    value: str
    rows: int
    candidates: tuple[str, ...]


@dataclass
class Placed:
    """The rows kept, each with its P-code (NA when unmapped), and what happened."""

    table: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    how: Counter = field(default_factory=Counter)
    aliases: dict[str, str] = field(default_factory=dict)
    unplaced: list[Unplaced] = field(default_factory=list)
    left_out: Counter = field(default_factory=Counter)


def country_codes(values: pd.Series, countries: dict[str, str]) -> pd.Series:
    """A country column (ISO3 or ISO2) as gazetteer country codes; unknown codes stay NA."""
    text = values.astype("string").str.strip().str.upper()
    iso2 = text.map(countries).astype("string")
    return iso2.where(text.str.len() == 3, text.where(text.str.len() == 2))


def place_rows(
    table: pd.DataFrame,
    rule: PlaceRule,
    index: PlaceIndex,
    countries: dict[str, str],
    only_country: str | None = None,
) -> Placed:
    """Resolve every row's place (adds ``@pcode``); rows of other countries are left out and
    counted when ``only_country`` is given."""
    table = table.copy()
    country = _country(table, rule, countries)
    left_out: Counter = Counter()
    if only_country and rule.country:
        other = country.ne(only_country).fillna(True).astype(bool)
        left_out.update(table.loc[other, rule.country].fillna("(empty)").astype(str))
        table, country = table[~other], country[~other]
    placed = Placed(table)
    table[PCODE] = _by_value(table, rule, index, country, placed, countries)
    _by_coordinates(table, rule, index, country, placed)
    if only_country and not rule.country:
        adm0 = table[PCODE].map(lambda p: _country_of(index, p))
        other = table[PCODE].notna() & adm0.ne(only_country).fillna(True).astype(bool)
        left_out.update(adm0[other].fillna("(no country)").astype(str))
        table = table[~other]
    placed.table, placed.left_out = table, left_out
    _report_unplaced(table, rule, index, country, placed)
    return placed


def _country(table: pd.DataFrame, rule: PlaceRule, countries: dict[str, str]) -> pd.Series:
    if rule.country:
        return country_codes(table[rule.country], countries)
    return pd.Series(rule.parent[:2] if rule.parent else pd.NA, index=table.index, dtype="string")


def _country_of(index: PlaceIndex, pcode: str) -> str | None:
    for candidate in index.gazetteer["pcode"][index.gazetteer["level"] == 0]:
        if index.within(pcode, candidate):
            return str(candidate)
    return None


def _by_value(
    table: pd.DataFrame,
    rule: PlaceRule,
    index: PlaceIndex,
    country: pd.Series,
    placed: Placed,
    countries: dict[str, str],
) -> pd.Series:
    """Code, then name (gazetteer, aliases) per distinct (code, name, country)."""
    keys = pd.DataFrame(
        {
            "code": _first_code(table, rule),
            "name": table[rule.name] if rule.name else pd.NA,
            "country": country,
        },
        index=table.index,
    ).astype("string")
    found: dict[tuple, str | None] = {}
    for key in keys.drop_duplicates().itertuples(index=False, name=None):
        found[key] = _one(key, rule, index, placed, countries)
    resolved = [found[k] for k in keys.itertuples(index=False, name=None)]
    return pd.Series(resolved, index=table.index, dtype="string")


def _first_code(table: pd.DataFrame, rule: PlaceRule) -> pd.Series | object:
    """Each row's first filled code column (the most precise first, as the mapping lists)."""
    if not rule.code:
        return pd.NA
    code = table[rule.code].astype("string")
    for column in rule.more_codes:
        code = code.fillna(table[column].astype("string"))
    return code


def _one(
    key: tuple, rule: PlaceRule, index: PlaceIndex, placed: Placed, countries: dict[str, str]
) -> str | None:
    code, name, country = (None if pd.isna(v) else str(v) for v in key)
    if code:
        pcode = index.resolve(code).pcode if rule.code_kind == "pcode" else None
        if rule.code_kind == "iso3":
            pcode = countries.get(code.upper())
        if pcode and index.level(pcode) is not None:
            placed.how["code"] += 1
            return pcode
    if name:
        parent = rule.parent or (country if country and index.level(country) is not None else None)
        if rule.country and parent is None:
            return None  # the country is not in the gazetteer: no name can match in it
        match = index.resolve(name, rule.level, parent)
        if match.pcode:
            placed.how[match.how] += 1
            if match.how == "alias":
                placed.aliases[name] = match.pcode
            return match.pcode
    bare = rule.whole_country and not code and not name
    if bare and country and index.level(country) is not None:
        placed.how["country (no code, no name)"] += 1
        return country
    return None


def _by_coordinates(
    table: pd.DataFrame, rule: PlaceRule, index: PlaceIndex, country: pd.Series, placed: Placed
) -> None:
    """Rows without a place but with coordinates: the nearest place within their country."""
    if not rule.coordinates:
        return
    lat_col, lon_col = rule.coordinates
    missing = table[PCODE].isna()
    for code in country[missing].dropna().unique():
        rows = missing & country.eq(code).fillna(False).astype(bool)
        if index.level(str(code)) is None:
            continue
        lat = pd.to_numeric(table.loc[rows, lat_col], errors="coerce")
        lon = pd.to_numeric(table.loc[rows, lon_col], errors="coerce")
        near = nearest_places(index.gazetteer, lat, lon, str(code), rule.level, rule.max_km)
        table.loc[near.dropna().index, PCODE] = near.dropna()
        placed.how["coordinates"] += int(near.notna().sum())


def _report_unplaced(
    table: pd.DataFrame, rule: PlaceRule, index: PlaceIndex, country: pd.Series, placed: Placed
) -> None:
    missing = table[table[PCODE].isna()]
    if missing.empty:
        return
    column = rule.name or rule.code or "place"
    shown = missing[column] if column in missing else pd.Series("", index=missing.index)
    shown = shown.fillna("")
    for value, rows in shown.groupby(shown, sort=True):
        within = country.get(rows.index[0]) if rule.country else rule.parent
        within = None if within is None or pd.isna(within) else str(within)
        near = index.nearest(
            value, rule.level, within if index.level(within or "") is not None else None
        )
        placed.unplaced.append(Unplaced(column, value, len(rows), near))
        message = _unplaced_message(value, rule, index, within, near)
        lines = missing.loc[rows.index, LINE]
        placed.problems.extend(Problem(int(n), column, value, message) for n in lines)


def _unplaced_message(
    value: str, rule: PlaceRule, index: PlaceIndex, within: str | None, near: tuple[str, ...]
) -> str:
    if within and index.level(within) is None:
        return f"country {within} is not in the gazetteer (data/gazetteer/): no place can be found"
    if not value:
        return "no place given (the place columns of this row are empty)"
    level = f" at level {rule.level}" if rule.level is not None else ""
    where = f" within {within}" if within else ""
    english = dict(zip(index.gazetteer["pcode"], index.gazetteer["name_en"], strict=True))
    names = ", ".join(f"{p} ({english.get(p, '?')})" for p in near)
    hint = f"; nearest: {names}" if names else ""
    return (
        f"place not found{level}{where}{hint}; add the name to an alias file "
        "(alias,pcode) and give it with --places"
    )
