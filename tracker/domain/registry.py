"""What a valid row of the sources, episodes and areas registries is (DESIGN.md: source,
episode, area).

Rules, each written once here and used by the shell and the workspace alike:

* An id is 2–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.
* Both names, English and Arabic, are required; the short names are optional.
* A source's type is one of ``source_types.csv`` and its reliability one of
  ``reliability.csv``; its url, when given, is http(s).
* An episode starts on an ISO date, ends (when it has ended) on or after its start, and its
  area, when given, is a P-code of the gazetteer.
* An area (DESIGN §6: a named set of places that is no admin unit) has at least two members,
  each a P-code of the gazetteer below its country, all in one country, none repeated and
  none inside another member (the area already holds what lies below a member); its id is
  not a P-code.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from tracker.domain.vocabularies import Vocabularies

ID = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")

#: The fields of each registry, in the order of data/sources.csv and data/episodes.csv.
FIELDS: dict[str, tuple[str, ...]] = {
    "sources": ("id", "name_en", "name_ar", "short_en", "short_ar", "type", "reliability", "url"),
    "episodes": ("id", "name_en", "name_ar", "start", "end", "location"),
    "areas": ("id", "name_en", "name_ar", "members", "note"),
}
#: The fields a row must have.
REQUIRED: dict[str, tuple[str, ...]] = {
    "sources": ("id", "name_en", "name_ar", "type", "reliability"),
    "episodes": ("id", "name_en", "name_ar", "start"),
    "areas": ("id", "name_en", "name_ar", "members"),
}


class RegistryError(ValueError):
    """A registry row is not valid; the message names the field, the value and the rule."""


def clean(registry: str, record: dict[str, Any]) -> dict[str, Any]:
    """The record with every field of the registry, blank text as None, trimmed."""
    out = {}
    for field in FIELDS[registry]:
        value = record.get(field)
        if isinstance(value, str):
            value = value.strip() or None
        out[field] = value
    return out


def problems(registry: str, record: dict[str, Any], vocab: Vocabularies) -> list[str]:
    """Every rule the (cleaned) record breaks, one sentence each; empty when valid."""
    found = [
        f"{registry[:-1]} {record.get('id')!r}: {field} is required"
        for field in REQUIRED[registry]
        if record.get(field) is None
    ]
    key = record.get("id")
    if key is not None and not ID.match(str(key)):
        found.append(f"id {key!r}: 2–64 lower-case letters, digits, '.', '_' or '-' (e.g. 'sohr')")
    check = {"sources": _source_problems, "episodes": _episode_problems}.get(
        registry, _area_problems
    )
    return found + check(record, vocab)


def _one_of(record: dict[str, Any], field: str, allowed: list[str]) -> list[str]:
    value = record.get(field)
    if value is None or value in allowed:
        return []
    return [f"{field} {value!r} is not one of: {', '.join(allowed)}"]


def _source_problems(record: dict[str, Any], vocab: Vocabularies) -> list[str]:
    found = _one_of(record, "type", list(vocab.source_types.index))
    found += _one_of(record, "reliability", list(vocab.reliability.index))
    url = record.get("url")
    if url is not None and not re.match(r"^https?://\S+$", str(url)):
        found.append(f"url {url!r} is not an http:// or https:// address")
    return found


def _date(record: dict[str, Any], field: str, found: list[str]) -> date | None:
    value = record.get(field)
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        found.append(f"{field} {value!r} is not a date written YYYY-MM-DD")
        return None


def _episode_problems(record: dict[str, Any], vocab: Vocabularies) -> list[str]:
    found: list[str] = []
    start, end = _date(record, "start", found), _date(record, "end", found)
    if start and end and end < start:
        found.append(f"end {end} is before start {start}")
    location = record.get("location")
    if location is not None and location not in vocab.pcodes:
        found.append(f"location {location!r} is not a P-code of the gazetteer")
    return found


def members(text: object) -> tuple[str, ...]:
    """An area's member P-codes as written: separated by spaces, commas or semicolons."""
    if text is None or (isinstance(text, float) and text != text):
        return ()
    return tuple(p for p in re.split(r"[\s,;]+", str(text)) if p)


def _area_problems(record: dict[str, Any], vocab: Vocabularies) -> list[str]:
    name = f"area {record.get('id')!r}"
    codes = members(record.get("members"))
    found = [f"{name}: member {p!r} is not a P-code of the gazetteer" for p in codes]
    found = [m for m, p in zip(found, codes, strict=True) if p not in vocab.pcodes]
    if record.get("members") is not None and len(set(codes)) < 2:
        found.append(f"{name}: an area has at least two different members (one is a place)")
    repeated = sorted({p for p in codes if codes.count(p) > 1})
    found += [f"{name}: member {p!r} is given twice" for p in repeated]
    chains = vocab.ancestors
    for p in codes:
        above = set(chains.loc[p].dropna()) - {p} if p in chains.index else set()
        found += [
            f"{name}: member {p!r} lies inside member {q!r}" for q in sorted(above & set(codes))
        ]
    found += _one_country(name, [p for p in codes if p in chains.index], chains)
    if record.get("id") in vocab.pcodes:
        found.append(f"{name}: the id is a P-code of the gazetteer")
    return found


def _one_country(name: str, codes: list[str], chains: Any) -> list[str]:
    """An area lies inside one country and is smaller than it."""
    found = [f"{name}: member {p!r} is a country" for p in codes if chains.at[p, "adm0"] == p]
    countries = sorted({str(chains.at[p, "adm0"]) for p in codes})
    if len(countries) > 1:
        found.append(f"{name}: the members lie in different countries ({', '.join(countries)})")
    return found


def validated(registry: str, record: dict[str, Any], vocab: Vocabularies) -> dict[str, Any]:
    """The cleaned record, its dates as dates; RegistryError naming every problem."""
    row = clean(registry, record)
    found = problems(registry, row, vocab)
    if found:
        raise RegistryError("; ".join(found))
    for field in ("start", "end"):
        if field in row and row[field] is not None:
            row[field] = date.fromisoformat(str(row[field]))
    if row.get("members") is not None:
        row["members"] = " ".join(members(row["members"]))
    return row
