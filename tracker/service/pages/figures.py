"""What the figures page reads: one page of figures sorted in the database, with the flags
they are in; and one figure with its flags (a claim clicked on a chart)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from tracker.domain.filters import Filters
from tracker.service.store import Store
from tracker.storage.pages import figures as q
from tracker.storage.pages.shared import flags_of_figures


@dataclass(frozen=True)
class FiguresPage:
    """figures: the page's rows; flags: the flags they are in (None on an empty page);
    total: figures matching in all; page: the page shown (the last one when asked past the
    end); sort: the key sorted by (an unknown one falls back to reported_on)."""

    figures: pd.DataFrame
    flags: pd.DataFrame | None
    total: int
    page: int
    per_page: int
    sort: str
    descending: bool


def load_figures_page(
    store: Store, filters: Filters, sort: str, descending: bool, page: int, per_page: int
) -> FiguresPage:
    """One page of figures, sorted and filtered in the database."""
    page = max(1, int(page))
    levels = store.location_levels
    with store.connect() as conn:
        frame, total = q.figures_page(
            conn, filters, levels, sort, descending, per_page, (page - 1) * per_page
        )
        if frame.empty and total and page > 1:  # past the end: show the last page
            page = max(1, math.ceil(total / per_page))
            frame, total = q.figures_page(
                conn, filters, levels, sort, descending, per_page, (page - 1) * per_page
            )
        flags = flags_of_figures(conn, frame["figure_id"].tolist()) if not frame.empty else None
    return FiguresPage(frame, flags, total, page, per_page, q.sort_key(sort), descending)


def load_figure(store: Store, figure_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One figure's current revision (empty when unknown) and the flags it is in."""
    with store.connect() as conn:
        return q.figures_by_ids(conn, [figure_id]), flags_of_figures(conn, [figure_id])
