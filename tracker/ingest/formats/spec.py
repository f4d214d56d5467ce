"""The mapping schema: one TOML file says how another layout becomes canonical figures.

Built-in formats live in ``data/formats/NAME.toml``; a user's own mapping file uses the same
keys (see ``docs/formats.md``). Reading a mapping checks every key, so that a typo is
reported with the file and the key, never ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.domain.vocabularies import CANONICAL_COLUMNS
from tracker.ingest.readers import InputFileError

DATE_KINDS = (
    "iso",  # YYYY-MM-DD as written (a timestamp's date part is refused, say which zone)
    "dmy",  # DD-MM-YYYY or DD/MM/YYYY
    "timestamp",  # an ISO timestamp (UTC "Z" or with offset) → its date in `timezone`
    "local-midnight",  # as timestamp, and it must be midnight there (else the row is reported)
    "year-start",  # a year → YYYY-01-01
    "year-end",  # a year → YYYY-12-31
)
RESHAPES = ("none", "melt", "sum")
CODE_KINDS = ("pcode", "iso3")


class FormatError(InputFileError):
    """A mapping file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class ColumnRule:
    """How one canonical column is filled: a constant, a source column, or a template of
    source columns; then optionally a value map, a date conversion or a number clean-up."""

    value: str | None = None
    source: str | None = None  # TOML key "from"; a list there: the first column the file has
    alternatives: tuple[str, ...] = ()
    pattern: str | None = None  # a regular expression; its first group is kept where it matches
    template: str | None = None
    map: dict[str, str] | None = None
    date: str | None = None
    timezone: str | None = None
    number: bool = False

    def describe(self) -> str:
        """The rule in words, for ``tracker formats --show``."""
        if self.value is not None:
            text = f"always {self.value!r}"
        elif self.template is not None:
            text = f"built as {self.template!r}"
        else:
            text = " or ".join(f"column {c!r}" for c in (self.source, *self.alternatives))
            text = f"from {text}"
        if self.pattern:
            text += f", the part matching {self.pattern!r}"
        if self.map:
            text += " mapped " + ", ".join(f"{k!r} → {v!r}" for k, v in self.map.items())
        if self.date:
            zone = f" in {self.timezone}" if self.timezone else ""
            text += f", read as a date ({self.date}{zone})"
        if self.number:
            text += ", a number written as a whole number (3.0 → 3; 3.5 is refused)"
        return text


@dataclass(frozen=True)
class PlaceRule:
    """How a row finds its place, tried in this order: its own code, its name at ``level``
    (within the country or ``parent``), an alias, its coordinates (nearest place of the
    gazetteer, widened to ``level``). Anything else is unmapped."""

    code: str | None = None
    code_kind: str = "pcode"
    name: str | None = None
    level: int | None = None
    parent: str | None = None
    country: str | None = None
    coordinates: tuple[str, str] | None = None
    max_km: float = 25.0
    more_codes: tuple[str, ...] = ()  # code columns tried in turn where ``code`` is empty
    whole_country: bool = False  # a row with no code and no name is its country's (admin 0)

    @property
    def codes(self) -> tuple[str, ...]:
        return ((self.code,) if self.code else ()) + self.more_codes

    def describe(self) -> list[str]:
        steps = []
        if self.code:
            columns = " or else ".join(repr(c) for c in self.codes)
            steps.append(f"the code in column {columns} ({self.code_kind})")
        if self.name:
            where = f" at level {self.level}" if self.level is not None else ""
            within = f", within {self.parent}" if self.parent else ""
            within += f", within the country in column {self.country!r}" if self.country else ""
            steps.append(f"the name in column {self.name!r}{where}{within} (gazetteer, aliases)")
        if self.whole_country and self.country:
            steps.append(f"a row without a code or name: its country (column {self.country!r})")
        if self.coordinates:
            lat, lon = self.coordinates
            steps.append(
                f"the coordinates ({lat}, {lon}): the nearest place within {self.max_km:g} km, "
                f"widened to level {self.level}"
            )
        return steps


@dataclass(frozen=True)
class MeltColumn:
    """A value column of a wide table, with the fields its cells take (e.g. metric)."""

    column: str
    fields: dict[str, str]


@dataclass(frozen=True)
class Reshape:
    """``melt``: one row per filled cell of the value columns (``keep`` columns repeated;
    ``@header`` holds the column name, ``@cell`` the cell). ``sum``: rows summed per place
    and window (``@events``, ``@window_start``, ``@window_end`` and the summed columns)."""

    kind: str = "none"
    keep: tuple[str, ...] = ()
    values: tuple[MeltColumn, ...] = ()
    start: str | None = None
    end: str | None = None
    window: str = "month"
    sums: tuple[str, ...] = ()
    date_formats: tuple[str, ...] = ("%Y-%m-%d",)  # sum: the ways its dates are written


@dataclass(frozen=True)
class Estimates:
    """Columns holding a low, best and high estimate: low ≤ best ≤ high is checked per row;
    the qualifier rule (``tracker.domain.estimates``) gives @qualifier, @value, @value_high."""

    low: str
    best: str
    high: str


@dataclass(frozen=True)
class FormatSpec:
    """One format: how to read a file, recognise it, reshape it, and fill each column."""

    name: str
    summary: str
    path: Path
    reads: str = "csv"  # csv (or xlsx) or json
    canonical: bool = False
    generic: bool = False
    detect_columns: tuple[str, ...] = ()
    detect_tags: tuple[str, ...] = ()
    traps: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    overlaps: tuple[str, ...] = ()  # formats counting the same events (warned at import)
    needs: tuple[str, ...] = ()  # canonical columns the user must give with --set
    reshape: Reshape = field(default_factory=Reshape)
    estimates: Estimates | None = None
    place: PlaceRule | None = None
    columns: dict[str, ColumnRule] = field(default_factory=dict)
    hxl: dict[str, dict[str, str]] = field(default_factory=dict)


def load_spec(path: Path) -> FormatSpec:
    """Read and check one mapping file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FormatError(f"{path}: not a readable mapping file ({exc})") from exc
    return _spec(raw, path)


def _check_keys(where: str, table: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        known = ", ".join(sorted(allowed))
        raise FormatError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {known})")


def _spec(raw: dict[str, Any], path: Path) -> FormatSpec:
    top = {
        "name",
        "summary",
        "reads",
        "canonical",
        "generic",
        "detect",
        "traps",
        "warnings",
        "overlaps",
        "needs",
    }
    top |= {"reshape", "estimates", "place", "columns", "hxl"}
    _check_keys(str(path), raw, top)
    for key in ("name", "summary"):
        if not isinstance(raw.get(key), str):
            raise FormatError(f"{path}: the key {key!r} is required (text)")
    detect = raw.get("detect", {})
    _check_keys(f"{path} [detect]", detect, {"columns", "tags"})
    columns = {k: _column(f"{path} [columns] {k}", k, v) for k, v in raw.get("columns", {}).items()}
    return FormatSpec(
        name=raw["name"],
        summary=raw["summary"],
        path=path,
        reads=raw.get("reads", "csv"),
        canonical=bool(raw.get("canonical", False)),
        generic=bool(raw.get("generic", False)),
        detect_columns=tuple(detect.get("columns", ())),
        detect_tags=tuple(detect.get("tags", ())),
        traps=tuple(raw.get("traps", ())),
        warnings=tuple(raw.get("warnings", ())),
        overlaps=tuple(raw.get("overlaps", ())),
        needs=tuple(raw.get("needs", ())),
        reshape=_reshape(path, raw.get("reshape", {})),
        estimates=_estimates(path, raw.get("estimates")),
        place=_place(path, raw.get("place")),
        columns=columns,
        hxl=raw.get("hxl", {}),
    )


def _column(where: str, name: str, raw: Any) -> ColumnRule:
    if name not in CANONICAL_COLUMNS:
        known = ", ".join(CANONICAL_COLUMNS)
        raise FormatError(f"{where}: not a canonical column (known: {known})")
    if isinstance(raw, str):
        raw = {"value": raw}
    keys = {"value", "from", "template", "map", "date", "timezone", "number", "pattern"}
    _check_keys(where, raw, keys)
    given = [k for k in ("value", "from", "template") if k in raw]
    if len(given) != 1:
        raise FormatError(f"{where}: give exactly one of value, from, template")
    if raw.get("date") not in (None, *DATE_KINDS):
        raise FormatError(f"{where}: date must be one of {', '.join(DATE_KINDS)}")
    sources = raw.get("from")
    sources = [sources] if isinstance(sources, str) else list(sources or [])
    return ColumnRule(
        value=raw.get("value"),
        source=sources[0] if sources else None,
        alternatives=tuple(sources[1:]),
        pattern=raw.get("pattern"),
        template=raw.get("template"),
        map={str(k): str(v) for k, v in raw.get("map", {}).items()} or None,
        date=raw.get("date"),
        timezone=raw.get("timezone"),
        number=bool(raw.get("number", False)),
    )


def _reshape(path: Path, raw: dict[str, Any]) -> Reshape:
    keys = {"kind", "keep", "values", "start", "end", "window", "sums", "date_formats"}
    _check_keys(f"{path} [reshape]", raw, keys)
    kind = raw.get("kind", "none")
    if kind not in RESHAPES:
        raise FormatError(f"{path} [reshape] kind: one of {', '.join(RESHAPES)}")
    values = tuple(
        MeltColumn(str(v["column"]), {k: str(x) for k, x in v.items() if k != "column"})
        for v in raw.get("values", ())
    )
    return Reshape(
        kind=kind,
        keep=tuple(raw.get("keep", ())),
        values=values,
        start=raw.get("start"),
        end=raw.get("end"),
        window=raw.get("window", "month"),
        sums=tuple(raw.get("sums", ())),
        date_formats=tuple(raw.get("date_formats", ("%Y-%m-%d",))),
    )


def _estimates(path: Path, raw: dict[str, Any] | None) -> Estimates | None:
    if raw is None:
        return None
    _check_keys(f"{path} [estimates]", raw, {"low", "best", "high"})
    return Estimates(raw["low"], raw["best"], raw["high"])


def _place(path: Path, raw: dict[str, Any] | None) -> PlaceRule | None:
    if raw is None:
        return None
    keys = {"code", "code_kind", "name", "level", "parent", "country", "coordinates", "max_km"}
    _check_keys(f"{path} [place]", raw, keys | {"whole_country"})
    if raw.get("code_kind", "pcode") not in CODE_KINDS:
        raise FormatError(f"{path} [place] code_kind: one of {', '.join(CODE_KINDS)}")
    if raw.get("whole_country") and not raw.get("country"):
        raise FormatError(f"{path} [place] whole_country needs the country column (country)")
    coords = raw.get("coordinates")
    codes = raw.get("code")
    codes = [codes] if isinstance(codes, str) else list(codes or [])
    return PlaceRule(
        code=codes[0] if codes else None,
        more_codes=tuple(codes[1:]),
        whole_country=bool(raw.get("whole_country", False)),
        code_kind=raw.get("code_kind", "pcode"),
        name=raw.get("name"),
        level=raw.get("level"),
        parent=raw.get("parent"),
        country=raw.get("country"),
        coordinates=(str(coords[0]), str(coords[1])) if coords else None,
        max_km=float(raw.get("max_km", 25.0)),
    )
