"""The formats Tracker knows (``data/formats/*.toml``) and picking one by a file's header.

Without ``--format`` the header decides: a format matches when its ``detect.columns`` are all
in the header and its ``detect.tags`` all among the file's HXL tags. Formats marked
``generic`` (any HXL-tagged table) are tried only when no specific one matches. A match
whose detected columns another match has, with more, gives way to it (most specific wins). Two
matches left are refused, never guessed; no match falls back to the canonical CSV, whose
schema then says which required columns are missing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tracker.ingest.formats.spec import FormatError, FormatSpec, load_spec
from tracker.ingest.reference import DATA_DIR

FORMATS_DIR = DATA_DIR / "formats"
CANONICAL = "canonical"


@cache
def builtin_formats() -> dict[str, FormatSpec]:
    """Every built-in format by name, in name order (canonical first)."""
    specs = [load_spec(p) for p in sorted(FORMATS_DIR.glob("*.toml"))]
    specs.sort(key=lambda s: (s.name != CANONICAL, s.name))
    return {s.name: s for s in specs}


def find_format(name: str) -> FormatSpec:
    """A built-in format by name, or a user's mapping file by path."""
    known = builtin_formats()
    if name in known:
        return known[name]
    path = Path(name)
    if path.suffix == ".toml" and path.exists():
        return load_spec(path)
    raise FormatError(
        f"unknown format {name!r}: give one of {', '.join(known)} or a mapping file (.toml); "
        "`tracker formats` lists them"
    )


def matches(spec: FormatSpec, header: list[str], tags: set[str]) -> bool:
    """Whether a file's header (and tags) carry what the format needs to be recognised."""
    if spec.generic and spec.hxl and not spec.detect_columns and not spec.detect_tags:
        return bool(tags)  # any HXL-tagged table
    if not spec.detect_columns and not spec.detect_tags:
        return False
    return set(spec.detect_columns) <= set(header) and set(spec.detect_tags) <= tags


def _most_specific(found: list[FormatSpec]) -> list[FormatSpec]:
    """Drop a match whose detected columns and tags another match has, and more of them
    (`day` alone is the wide file; `day` with the causes is the by-cause file)."""

    def needs(spec: FormatSpec) -> set[str]:
        return set(spec.detect_columns) | set(spec.detect_tags)

    return [s for s in found if not any(needs(s) < needs(o) for o in found)]


def detect_format(header: list[str], tags: set[str]) -> tuple[FormatSpec, str]:
    """The one format the header picks, and a sentence saying why."""
    specs = list(builtin_formats().values())
    found = [s for s in specs if not s.generic and matches(s, header, tags)]
    if not found:
        found = [s for s in specs if s.generic and matches(s, header, tags)]
    found = _most_specific(found)
    if len(found) > 1:
        names = ", ".join(s.name for s in found)
        raise FormatError(
            f"the header matches several formats ({names}); say which with --format NAME"
        )
    if not found:
        return builtin_formats()[CANONICAL], "no format's header matched: read as canonical"
    spec = found[0]
    what = ", ".join(spec.detect_columns + spec.detect_tags) or "its HXL tag row"
    return spec, f"format {spec.name} chosen by the header ({what})"
