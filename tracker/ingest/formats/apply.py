"""A file in another layout → canonical figures as text cells, through its mapping.

The order is fixed and reported: read (with any HXL tag row) → rows of other countries left
out (``--only-country``) → wide to long → places → low/best/high checked → events summed per
place and window → columns filled → ``--set`` and ``--as-of`` applied. What comes out is a
:class:`~tracker.ingest.readers.FigureFile` for the one schema and the one import plan; what
could not be mapped is a list of problems on the source file's own lines.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tracker.domain.estimates import broken_estimates, estimate_claims
from tracker.domain.places import PlaceIndex
from tracker.domain.validation import Problem
from tracker.domain.vocabularies import CANONICAL_COLUMNS
from tracker.ingest.formats.columns import fill_column
from tracker.ingest.formats.hxl import hxl_spec
from tracker.ingest.formats.places import PCODE, Unplaced, place_rows
from tracker.ingest.formats.registry import detect_format
from tracker.ingest.formats.reshape import CELL, COLUMN, LINES, melt, sum_events
from tracker.ingest.formats.source import LINE, read_source
from tracker.ingest.formats.spec import FormatError, FormatSpec
from tracker.ingest.readers import FigureFile


@dataclass(frozen=True)
class MapOptions:
    """What the command line adds to a mapping: fixed columns, a report date, one country."""

    sets: dict[str, str] = field(default_factory=dict)
    as_of: str | None = None
    only_country: str | None = None


@dataclass
class Mapped:
    """The canonical figures a file maps to, where each came from, and what did not map."""

    spec: FormatSpec
    file: FigureFile
    origins: pd.DataFrame | None = None  # per canonical row: @line, and @column or @lines
    problems: list[Problem] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    source_rows: int = 0

    def origin(self, problem: Problem) -> Problem:
        """A problem of canonical row (line − 2) said on the source file's line; one about a
        cell of a wide table names the cell's column (other problems stay groupable)."""
        if self.origins is None or problem.line < 2:
            return problem
        row = self.origins.iloc[problem.line - 2]
        where = ""
        rule = self.spec.columns.get(problem.column)
        from_cell = rule is not None and rule.source == CELL
        if from_cell and COLUMN in row and pd.notna(row[COLUMN]):
            where = f" [the cell under {row[COLUMN]!r}]"
        elif LINES in row and isinstance(row[LINES], tuple) and len(row[LINES]) > 1:
            where = f" [the sum of {len(row[LINES])} rows, lines {_few(row[LINES])}]"
        return Problem(int(row[LINE]), problem.column, problem.value, problem.message + where)


def _few(lines: tuple[int, ...]) -> str:
    return ", ".join(map(str, lines[:5])) + (
        f" and {len(lines) - 5} more" if len(lines) > 5 else ""
    )


def map_file(
    path: Path,
    spec: FormatSpec | None,
    options: MapOptions,
    index: PlaceIndex,
    countries: dict[str, str],
) -> Mapped:
    """Read ``path`` and map it with ``spec`` (None: the header picks the format)."""
    source = read_source(path)
    header = [c for c in source.table.columns if c != LINE]
    notices = list(source.notices)
    if spec is None:
        spec, why = detect_format(header, set(source.tags.values()))
        notices.append(why)
    else:
        notices.append(f"format {spec.name} (given with --format)")
    if spec.canonical:
        return _canonical(source, spec, options, notices, index)
    if spec.hxl:  # the generic HXL format: a mapping made from this file's tags
        spec, read = hxl_spec(spec, source.tags, header)
        notices.extend(read)
    missing = [c for c in spec.needs if c not in options.sets]
    if missing:
        raise FormatError(
            f"format {spec.name} needs "
            + " and ".join(f"--set {c}=…" for c in missing)
            + " (the file does not say it)"
        )
    mapped = _mapped(source.table, spec, options, notices, index, countries)
    mapped.file.path, mapped.source_rows = Path(path), len(source.table)
    notices.extend(_unused(header, spec))
    notices.extend(spec.warnings)
    return mapped


def _canonical(
    source: FigureFile,
    spec: FormatSpec,
    options: MapOptions,
    notices: list[str],
    index: PlaceIndex,
) -> Mapped:
    table = source.table.drop(columns=[LINE])
    table = _apply_sets(table, options)
    if options.only_country and "location" in table:
        inside = table["location"].map(
            lambda p: isinstance(p, str) and index.within(p, options.only_country)
        )
        if (~inside).any():
            notices.append(
                f"{int((~inside).sum())} row(s) outside {options.only_country} left out "
                "(--only-country)"
            )
        table = table[inside.astype(bool)]
    file = FigureFile(table, source.path, notices, source.tags)
    return Mapped(spec, file, source_rows=len(source.table))


def _apply_sets(table: pd.DataFrame, options: MapOptions) -> pd.DataFrame:
    table = table.copy()
    for column, value in options.sets.items():
        table[column] = pd.Series(value or pd.NA, index=table.index, dtype="string")
    if options.as_of:
        table["reported_on"] = pd.Series(options.as_of, index=table.index, dtype="string")
    return table


def _mapped(
    table: pd.DataFrame,
    spec: FormatSpec,
    options: MapOptions,
    notices: list[str],
    index: PlaceIndex,
    countries: dict[str, str],
) -> Mapped:
    problems: list[Problem] = []
    unplaced: list[Unplaced] = []
    if spec.reshape.kind == "melt":
        table, empty = melt(table, spec.reshape)
        if empty:
            notices.append(f"{empty:,} empty cell(s): no figure (an empty cell is not zero)")
    if "location" in options.sets or spec.place is None:
        table = table.assign(**{PCODE: options.sets.get("location", pd.NA)})
    else:
        placed = place_rows(table, spec.place, index, countries, options.only_country)
        notices.extend(_place_notices(placed))
        problems += placed.problems
        unplaced = placed.unplaced
        table = placed.table[placed.table[PCODE].notna()]
    if spec.estimates is not None:
        table = _checked_estimates(table, spec, problems)
    if spec.reshape.kind == "sum":
        table, bad_dates = sum_events(table, spec.reshape, PCODE)
        problems += bad_dates
        notices.append(f"events summed per place and window: {len(table):,} figure(s)")
    if spec.estimates is not None:
        est = spec.estimates
        claims = estimate_claims(*(pd.to_numeric(table[c]) for c in (est.low, est.best, est.high)))
        table = table.assign(**{f"@{c}": claims[c] for c in claims.columns})
    canonical, dropped = _fill(table, spec, options, problems)
    origins = table.drop(index=dropped)
    keep = [c for c in (LINE, COLUMN, LINES) if c in origins]
    file = FigureFile(canonical.reset_index(drop=True), Path(spec.name), notices)
    return Mapped(spec, file, origins[keep].reset_index(drop=True), problems, unplaced)


def _checked_estimates(
    table: pd.DataFrame, spec: FormatSpec, problems: list[Problem]
) -> pd.DataFrame:
    est = spec.estimates
    assert est is not None
    low, best, high = (
        pd.to_numeric(table[c], errors="coerce") for c in (est.low, est.best, est.high)
    )
    broken = broken_estimates(low, best, high)
    for i in broken[broken].index:
        shown = f"{table.at[i, est.low]}/{table.at[i, est.best]}/{table.at[i, est.high]}"
        problems.append(
            Problem(
                int(table.at[i, LINE]),
                f"{est.low}/{est.best}/{est.high}",
                shown,
                f"{est.low} ≤ {est.best} ≤ {est.high} does not hold: the row is not a figure "
                "(correct it, or import with --partial to store the others)",
            )
        )
    return table[~broken]


def _fill(
    table: pd.DataFrame, spec: FormatSpec, options: MapOptions, problems: list[Problem]
) -> tuple[pd.DataFrame, pd.Index]:
    """The canonical columns, then --set and --as-of, then the figure_id (whose template may
    name a final canonical column as ``{=source}``); rows with a conversion problem are
    dropped (and reported)."""
    found: list[Problem] = []
    out = pd.DataFrame(index=table.index)
    for name in CANONICAL_COLUMNS:
        if name in spec.columns and name != "figure_id":
            out[name] = fill_column(table, name, spec.columns[name], found)
    out = _apply_sets(out, options)
    if "figure_id" in spec.columns and "figure_id" not in options.sets:
        named = table.assign(**{f"={c}": out[c] for c in out.columns})
        out.insert(
            0, "figure_id", fill_column(named, "figure_id", spec.columns["figure_id"], found)
        )
    problems += found
    bad_lines = {p.line for p in found}
    dropped = table.index[table[LINE].isin(bad_lines)] if bad_lines else table.index[:0]
    return out.drop(index=dropped), dropped


def _place_notices(placed: object) -> list[str]:
    from tracker.ingest.formats.places import Placed

    assert isinstance(placed, Placed)
    notices = []
    if placed.how:
        ways = ", ".join(f"{n} by {how}" for how, n in sorted(placed.how.items()))
        notices.append(f"places: {ways} (distinct values)")
    if placed.aliases:
        used = ", ".join(f"{a!r} → {p}" for a, p in sorted(placed.aliases.items()))
        notices.append(f"aliases used: {used}")
    if placed.left_out:
        common = placed.left_out.most_common()
        counts = ", ".join(f"{c} {n:,}" for c, n in common[:10])
        counts += f" and {len(common) - 10} more" if len(common) > 10 else ""
        total = sum(placed.left_out.values())
        notices.append(f"{total:,} entries of other countries left out (--only-country): {counts}")
    return notices


def _unused(header: list[str], spec: FormatSpec) -> list[str]:
    """The source columns no rule reads: said, never silently ignored."""
    named: set[str | None] = set(spec.reshape.keep)
    named |= {v.column for v in spec.reshape.values}
    named |= {spec.reshape.start, spec.reshape.end, *spec.reshape.sums}
    if spec.place:
        named |= {*spec.place.codes, spec.place.name, spec.place.country}
        named |= set(spec.place.coordinates or ())
    if spec.estimates:
        named |= {spec.estimates.low, spec.estimates.best, spec.estimates.high}
    for rule in spec.columns.values():
        named |= {rule.source, *rule.alternatives}
        if rule.template:
            named |= {f for _, f, _, _ in string.Formatter().parse(rule.template) if f}
    if spec.reshape.kind == "melt" and not spec.reshape.values:
        return []  # every other column is a value column
    unused = [c for c in header if c not in named]
    return [f"columns not used by format {spec.name}: {', '.join(unused)}"] if unused else []
