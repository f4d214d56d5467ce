"""What the sources page reads: each source's figures in scope and its share in flags."""

from __future__ import annotations

import pandas as pd

from tracker.domain.filters import Filters
from tracker.service.store import Store
from tracker.storage.pages.sources import source_stats, sources_present


def load_source_stats(store: Store, filters: Filters) -> pd.DataFrame:
    """Per source in scope: n_figures, newest_report, n_flagged, n_contradicted."""
    with store.connect() as conn:
        return source_stats(conn, filters, store.location_levels, store.vocab.contradiction_rules)


def present_sources(store: Store, filters: Filters, candidates: list[str]) -> set[str]:
    """Which of these sources have a public figure in scope."""
    if not candidates:
        return set()
    with store.connect() as conn:
        return sources_present(conn, filters, store.location_levels, candidates)
