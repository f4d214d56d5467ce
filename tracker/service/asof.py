"""The newest report date the data hold (said on every page and download, #11)."""

from __future__ import annotations

from datetime import date

from tracker.service.store import Store


def newest_report(store: Store) -> date | None:
    """The newest reported_on of any current figure."""
    from tracker.storage.asof import newest_report as query

    with store.connect() as conn:
        return query(conn)
