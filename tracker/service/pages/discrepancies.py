"""What the discrepancies page reads: one page of flags, most severe first, with their
figures, and the flags in scope counted by severity and status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from tracker.domain.filters import Filters
from tracker.service.store import Store
from tracker.storage.pages import discrepancies as q
from tracker.storage.pages.figures import figures_by_ids


@dataclass(frozen=True)
class FlagsPage:
    """flags: the page's flags with status and note; total: flags matching in all; counts:
    them counted by severity and status; figures: the current revisions of the page's flags'
    figures."""

    flags: pd.DataFrame
    total: int
    page: int
    per_page: int
    counts: pd.DataFrame
    figures: pd.DataFrame


def load_flags_page(
    store: Store,
    filters: Filters,
    rules: Sequence[str],
    statuses: Sequence[str],
    severities: Sequence[str],
    page: int,
    per_page: int,
) -> FlagsPage:
    """One page of the flags in scope and of the given rules, statuses and severities."""
    page = max(1, int(page))
    vocab = store.vocab
    with store.connect() as conn:
        frame, total = q.flags_page(
            conn, filters, vocab, rules, statuses, severities, per_page, (page - 1) * per_page
        )
        counts = q.flag_counts(
            conn,
            filters,
            vocab,
            by=("severity", "status"),
            rules=rules,
            statuses=statuses,
            severities=severities,
        )
        ids = (
            [i for ids in frame["figure_ids"].astype(str) for i in ids.split(";") if i]
            if not frame.empty
            else []
        )
        figures = figures_by_ids(conn, ids)
    return FlagsPage(frame, total, page, per_page, counts, figures)
