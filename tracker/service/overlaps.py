"""Files that count the same events twice: warned at import, never silently summed.

A mapping's ``overlaps`` names the formats whose figures count the same events as its own
(the VDC's daily deaths by province and by cause are the same deaths, split two ways). When
figures of such a format, from the same source and days, are already stored, the import says
so: adding both up counts every death twice. Figures are still stored (they are true claims);
the warning is what keeps a reader from summing them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy.engine import Connection

from tracker.storage import figures as figure_rows


def double_counting(
    conn: Connection, name: str, overlaps: Sequence[str], table: pd.DataFrame
) -> list[str]:
    """One warning per overlapping format with stored figures of the file's sources and days
    (``table``: the mapped canonical text cells of format ``name``)."""
    if not overlaps or table.empty or "source" not in table:
        return []
    sources = sorted(table["source"].dropna().astype(str).unique())
    ends = pd.to_datetime(table["period_end"], errors="coerce").dropna()
    if not sources or ends.empty:
        return []
    start, end = ends.min().date(), ends.max().date()
    warnings = []
    for other in overlaps:
        count, first, last = figure_rows.current_with_prefix(conn, f"{other}:", sources, start, end)
        if count:
            warnings.append(
                f"{count:,} figure(s) of format {other} from {', '.join(sources)} are already "
                f"stored for {first}…{last}: they count the same events as this {name} file, "
                "so adding both up counts them twice (compare them, never sum them)"
            )
    return warnings
