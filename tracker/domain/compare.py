"""Whether a figure given again is the one already stored (re-import is idempotent)."""

from __future__ import annotations

import pandas as pd

from tracker.domain.vocabularies import CANONICAL_COLUMNS

COMPARED = [c for c in CANONICAL_COLUMNS if c != "figure_id"]


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Canonical columns as the text a CSV would hold, for comparing values."""
    out = pd.DataFrame(index=frame.index)
    for column in COMPARED:
        series = frame[column] if column in frame else pd.Series(pd.NA, index=frame.index)
        if column in ("reported_on", "period_start", "period_end"):
            text = pd.to_datetime(series).dt.strftime("%Y-%m-%d")
        elif column in ("value", "value_high"):
            text = pd.to_numeric(series).astype("Int64").astype("string")
        else:
            text = series.astype("string")
        out[column] = text.fillna("")
    return out


def differences(new: pd.Series, old: pd.Series) -> list[str]:
    """'column: old → new' for each canonical column whose value differs."""
    return [
        f"{c}: {old[c] or '(empty)'!s} → {new[c] or '(empty)'!s}"
        for c in COMPARED
        if str(new[c]) != str(old[c])
    ]
