"""A format in words: `tracker formats` (one line each) and `tracker formats --show NAME`."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from tracker.ingest.formats.spec import FormatSpec


def summary_lines(specs: Iterable[FormatSpec]) -> list[str]:
    """One line per format: its name, what it reads, and how many traps it handles."""
    specs = list(specs)
    width = max(len(s.name) for s in specs)
    lines = []
    for s in specs:
        traps = f" [{len(s.traps)} trap(s): --show {s.name}]" if s.traps else ""
        lines.append(f"{s.name:<{width}}  {s.summary}{traps}")
    lines.append(
        "Without --format the header picks one; a mapping file of your own (.toml) "
        "works with --format FILE (docs/formats.md)."
    )
    return lines


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, 96, initial_indent=indent + "- ", subsequent_indent=indent + "  ")


def describe(spec: FormatSpec) -> str:
    """The mapping in words: recognition, reshaping, places, each column, the traps."""
    out = [f"{spec.name}: {spec.summary}", f"  mapping file: {spec.path}"]
    if spec.detect_columns or spec.detect_tags:
        what = ", ".join(spec.detect_columns + spec.detect_tags)
        out.append(f"  recognised by its header: {what}")
    if spec.generic and spec.hxl:
        out.append("  recognised by its HXL tag row, when no other format matches")
        out.append("  tags read (most specific rule wins; metrics' tags from data/vocabularies):")
        out.extend(
            f"    {tag}: " + (", ".join(f"{k} {v}" for k, v in target.items() if v) or "not read")
            for tag, target in spec.hxl.items()
        )
    if spec.canonical:
        out.append("  read as is: the canonical columns (DESIGN.md §4), checked by the schema")
    if spec.overlaps:
        out.append(
            "  counts the same events as: " + ", ".join(spec.overlaps) + " (an import warns when "
            "their figures from the same source and days are stored)"
        )
    if spec.needs:
        out.append("  you must give: " + ", ".join(f"--set {c}=…" for c in spec.needs))
    r = spec.reshape
    if r.kind == "melt":
        cols = ", ".join(v.column for v in r.values) or "every column but " + ", ".join(r.keep)
        out.append(f"  reshaped: one figure per filled cell of {cols} (an empty cell is no figure)")
    if r.kind == "sum":
        out.append(
            f"  reshaped: rows summed per place and {r.window} ({r.start} … {r.end}); "
            f"summed: {', '.join(r.sums)}"
        )
    if spec.place:
        out.append("  places, in this order: " + "; then ".join(spec.place.describe()))
    if spec.estimates:
        e = spec.estimates
        out.append(
            f"  estimates: {e.low} ≤ {e.best} ≤ {e.high} checked per row; exact when equal, "
            "else range low–high"
        )
    if spec.columns:
        out.append("  columns:")
        out.extend(f"    {name}: {rule.describe()}" for name, rule in spec.columns.items())
    if spec.traps:
        out.append("  traps handled:")
        out.extend(_wrap(t, "    ") for t in spec.traps)
    return "\n".join(out)
