"""`tracker extract`: proposed figures from an article's text (DESIGN §6). Stores nothing.

Only the standard library is imported here at module level (``tracker --help`` stays fast);
pandas and the extractor are imported when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

TABLE_FIELDS = (
    "qualifier",
    "value",
    "metric",
    "population",
    "source",
    "location",
    "period_start",
    "period_end",
)


def _read_text(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(name)
        if not path.is_file():
            raise ValueError(f"{name}: no such file")
        data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def cmd_extract(args: argparse.Namespace) -> int:
    try:
        text = _read_text(args.file)
    except ValueError as exc:
        print(f"tracker extract: {exc}", file=sys.stderr)
        return 1
    from tracker.extract import extract
    from tracker.ingest.extract_tables import read_extract_tables

    frame = extract(
        text,
        read_extract_tables(),
        lang=args.lang,
        reported_on=args.reported_on,
        publisher=args.publisher,
        url=args.url,
    )
    out = frame.to_csv(index=False) if args.format == "csv" else render_table(frame)
    if args.output:
        args.output.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    complete = sum(frame.attrs.get("complete", []))
    print(
        f"{len(frame)} proposal(s), {complete} complete; nothing stored"
        + (f" (written to {args.output})" if args.output else ""),
        file=sys.stderr,
    )
    return 0


def render_table(frame: pd.DataFrame) -> str:
    """Proposals for a person: the number phrase, the figure in one line, then the reasons."""
    if frame.empty:
        return "no figures found\n"
    lines = []
    for n, row in enumerate(frame.to_dict("records"), start=1):
        cells = {k: ("" if row[k] is None or row[k] != row[k] else str(row[k])) for k in row}
        value = cells["value"] + (f"–{cells['value_high']}" if cells["value_high"] else "")
        period = f"{cells['period_start'] or '…'} → {cells['period_end'] or '…'}"
        lines.append(
            f"{n}. «{cells['evidence']}» [{cells['span_start']}:{cells['span_end']}] "
            f"confidence {cells['confidence']}"
        )
        lines.append(
            f"   {cells['qualifier']} {value} {cells['metric']}/{cells['population']} "
            f"({cells['unit']}), source {cells['source'] or '?'}, "
            f"place {cells['location'] or '?'}, {period}"
            + (f", episode {cells['episode']}" if cells["episode"] else "")
        )
        for reason in cells["reasons"].split("; "):
            lines.append(f"     - {reason}")
    return "\n".join(lines) + "\n"
