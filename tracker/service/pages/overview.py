"""What the overview reads: the series in scope, and for each metric's main series its
newest claims, newest band rows and echo flags; the flags counted by metric."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from tracker.domain.filters import Filters
from tracker.service.pages import SeriesChoices
from tracker.service.store import Store
from tracker.storage.pages import overview as q
from tracker.storage.pages.discrepancies import flag_counts

#: What a card needs of its series' claims (the newest claim, the window, the range).
FIGURE_COLUMNS = (
    "figure_id",
    "source",
    "metric",
    "population",
    "location",
    "period_start",
    "period_end",
    "reported_on",
    "measure",
    "episode",
    "qualifier",
    "value",
    "value_high",
    "unit",
    "low",
    "household_size",
)
#: The newest claims read of each main series.
FIGURES_PER_SERIES = 500


@dataclass(frozen=True)
class OverviewData:
    """summary: one row per series in scope (see ``series_summary``); the rest concern each
    metric's main series: claims (with their metric), bands (newest rows per window start),
    echoes (the echo flags of those claims: metric, population, location, flag_id,
    figure_ids, sources), flag_counts (by metric, severity and
    status, every flag in scope). All empty when nothing is in scope."""

    summary: pd.DataFrame
    claims: pd.DataFrame = field(default_factory=pd.DataFrame)
    bands: pd.DataFrame = field(default_factory=pd.DataFrame)
    echoes: pd.DataFrame = field(default_factory=pd.DataFrame)
    flag_counts: pd.DataFrame = field(default_factory=pd.DataFrame)
    divergences: pd.DataFrame = field(default_factory=pd.DataFrame)


def load_overview(store: Store, filters: Filters, main_series: SeriesChoices) -> OverviewData:
    """Every metric in scope, its main series chosen by ``main_series``."""
    vocab = store.vocab
    levels = store.location_levels
    with store.connect() as conn:
        summary = q.series_summary(conn, filters, levels)
        if summary.empty:
            return OverviewData(summary)
        mains = main_series(summary, filters, vocab)
        keys = [(str(m), str(r["population"]), str(r["location"])) for m, r in mains.iterrows()]
        flags = flag_counts(conn, filters, vocab, by=("metric", "severity", "status"))
        bands = q.latest_bands(conn, keys)
        claims = q.figures_of_series(
            conn, keys, filters, levels, per_series=FIGURES_PER_SERIES, columns=FIGURE_COLUMNS
        )
        echoes = q.echoes_of_figures(conn, claims["figure_id"].astype(str).tolist())
        divergences = q.divergences_of(conn, keys)
    return OverviewData(summary, claims, bands, echoes, flags, divergences)
