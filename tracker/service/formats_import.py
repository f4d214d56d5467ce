"""A file in any known format read into canonical figures, and what to report about it: the
one path of `tracker import|validate [--format NAME]` and of the workspace's upload.

Rules: without a format the header picks one and the notices say which (two matches are
refused); ``--set COLUMN=VALUE`` and ``--as-of`` are applied as the mapping says; every figure
then goes through the one schema and the one import plan (:meth:`Store.import_file`). A
problem is said on the line of the file the person gave, not of the mapped table; the rejects
file holds the canonical rows as given (canonical files) or one row per problem (others).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tracker.domain.formula import guard
from tracker.domain.places import PlaceIndex
from tracker.domain.problem_groups import group_problems
from tracker.domain.revisions import parse_assignments
from tracker.domain.roles import Actor
from tracker.domain.validation import Problem
from tracker.ingest.formats.apply import MapOptions, Mapped, map_file
from tracker.ingest.formats.places import read_countries
from tracker.ingest.formats.registry import builtin_formats, find_format
from tracker.ingest.formats.spec import FormatSpec
from tracker.ingest.reference import read_place_aliases
from tracker.service.store import ImportResult, Store


def assignments(items: list[str]) -> dict[str, str]:
    """``--set COLUMN=VALUE`` items as a dict (``figure_id`` is allowed here: a template)."""
    sets: dict[str, str] = {}
    for item in items:
        column, _, value = item.partition("=")
        if column.strip() == "figure_id":
            sets["figure_id"] = value
        else:
            sets.update(parse_assignments([item]))
    return sets


def formats() -> list[FormatSpec]:
    """Every format an upload or `tracker import --format` reads (data/formats/*.toml)."""
    return list(builtin_formats().values())


def map_path(
    path: Path,
    format_name: str | None,
    sets: dict[str, str],
    gazetteer: pd.DataFrame,
    as_of: str | None = None,
    only_country: str | None = None,
    places: Path | None = None,
    areas: pd.DataFrame | None = None,
) -> Mapped:
    """The file read through its format (given, else picked by the header) as canonical
    text figures, with the notices saying which format was used; a name of an area
    (``areas``, the registry) maps to the area's id."""
    index = PlaceIndex(gazetteer.reset_index(drop=True), read_place_aliases())
    if areas is not None:
        index = PlaceIndex(index.gazetteer, index.aliases, areas.reset_index(drop=True))
    if places:
        index = index.with_aliases(read_place_aliases(places))
    spec = find_format(format_name) if format_name else None
    options = MapOptions(sets, as_of, only_country)
    return map_file(path, spec, options, index, read_countries())


def found_problems(mapped: Mapped, plan_problems: list[Problem]) -> list[Problem]:
    """What did not map, then the schema's and the plan's problems, on the file's own lines."""
    return list(mapped.problems) + [mapped.origin(p) for p in plan_problems]


def problem_rows(problems: list[Problem]) -> pd.DataFrame:
    """One rejects row per problem (line, column, value, problem), cells formula-guarded."""
    rows = [
        {"line": p.line, "column": p.column, "value": guard(p.value), "problem": p.message}
        for p in sorted(problems)
    ]
    return pd.DataFrame(rows, columns=["line", "column", "value", "problem"])


def upload(
    store: Store,
    path: Path,
    format_name: str | None,
    sets: dict[str, str],
    as_of: str | None,
    partial: bool,
    actor: Actor,
) -> tuple[Mapped, ImportResult, list[Problem]]:
    """Map and store a file as proposals (all or nothing unless ``partial``), as
    `tracker import FILE --propose [--format NAME] [--set …] [--as-of DATE]`; returns the
    mapping, the import result and every problem on the file's lines."""
    mapped = map_path(
        path, format_name, sets, store.vocab.gazetteer, as_of, areas=store.vocab.areas
    )
    if mapped.problems and not partial:
        plan = store.plan(mapped.file)
        return mapped, ImportResult(plan, 0, None), found_problems(mapped, plan.problems)
    result = store.import_file(mapped.file, partial=partial, propose=True, actor=actor)
    return mapped, result, found_problems(mapped, result.plan.problems)


def registry_hints(problems: list[Problem]) -> list[str]:
    """One note per unknown source or episode: how to register it (it is not a typo when the
    registry simply lacks it)."""
    unknown: dict[str, set[str]] = {}
    for p in problems:
        if p.column in ("source", "episode") and p.message.startswith(f"unknown {p.column} "):
            unknown.setdefault(p.column, set()).add(p.value)
    return [
        f"{len(values)} {column}(s) not in the registry ({', '.join(sorted(values)[:5])}"
        + ("…" if len(values) > 5 else "")
        + f"): if they are not misspelt, an admin registers them with `tracker {column}s add` "
        f"or on /workspace/{column}s"
        for column, values in sorted(unknown.items())
    ]


def grouped(problems: list[Problem], shown: int) -> list[str]:
    """The problems said once per distinct (column, value, message) with their lines, as the
    command line prints them; at most ``shown`` groups, then how many more."""
    groups = group_problems(problems)
    lines = [str(g) for g in groups[:shown]]
    hidden = groups[shown:]
    if hidden:
        count = sum(max(g.count, g.rows) for g in hidden)
        columns = ", ".join(sorted({g.column for g in hidden}))
        lines.append(
            f"… and {count:,} more problem(s) of {len(hidden):,} other kind(s) not shown "
            f"(columns: {columns})"
        )
    return lines
