"""The newest report date the stored data hold (one aggregate over the series summaries)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Connection, func, select

from tracker.storage import tables


def newest_report(conn: Connection) -> date | None:
    """The newest reported_on of any current figure (from the per-series summaries)."""
    value = conn.execute(select(func.max(tables.series_sources.c.newest_report))).scalar()
    return None if value is None else pd.Timestamp(value).date()
