"""What the trends page reads: the metric and series to draw (or the flag a reader follows),
that series' claims, the flags they are in and its stored bands: one series, never all
figures."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from tracker.domain.filters import Filters
from tracker.service.pages import SeriesChoice
from tracker.service.store import Store
from tracker.storage.pages import trends as q
from tracker.storage.pages.shared import flags_of_figures

#: The newest claims of a series drawn at most.
FIGURE_LIMIT = 2000


@dataclass(frozen=True)
class TrendData:
    """filters: the view's filters (narrowed to the metric once there is one); metric,
    population, location: the series (None until known); flag: the followed flag with its
    status and note; series: the metric's series in scope (see ``series_in_metric``);
    claims, figure_flags, bands: the series' claims, the flags they are in, its stored bands;
    truncated: the series has more claims than were read."""

    filters: Filters
    metric: str | None = None
    population: str | None = None
    location: str | None = None
    flag: dict | None = None
    series: pd.DataFrame = field(default_factory=pd.DataFrame)
    claims: pd.DataFrame = field(default_factory=pd.DataFrame)
    figure_flags: pd.DataFrame | None = None
    bands: pd.DataFrame = field(default_factory=pd.DataFrame)
    truncated: bool = False


def load_trend(
    store: Store, filters: Filters, flag_id: str | None, main_series: SeriesChoice
) -> TrendData:
    """The series a trends page draws: the followed flag's, else the filters' metric (or the
    vocabulary's first with figures) and its main series chosen by ``main_series``."""
    vocab = store.vocab
    levels = store.location_levels
    with store.connect() as conn:
        flag = None
        metric: str | None
        if flag_id:
            found = q.flag_by_id(conn, flag_id)
            if not found.empty:
                flag = found.iloc[0].to_dict()
        if filters.metric:
            metric = filters.metric[0]
        elif flag is not None:
            metric = str(flag["metric"])
        else:
            metric = q.first_metric(conn, filters, levels, list(vocab.metrics.index))
        if metric is None:
            return TrendData(filters, flag=flag)
        scoped = replace(filters, metric=(metric,))
        series = q.series_in_metric(conn, metric, scoped, levels)
        if flag is not None and flag.get("location") and flag.get("population"):
            population, location = str(flag["population"]), str(flag["location"])
        else:
            main = main_series(series, scoped, vocab)
            if main is None:
                return TrendData(scoped, metric, flag=flag, series=series)
            population, location = str(main["population"]), str(main["location"])
        claims = q.series_figures(conn, metric, population, location, scoped, levels, FIGURE_LIMIT)
        figure_flags = (
            flags_of_figures(conn, claims["figure_id"].tolist()) if not claims.empty else None
        )
        bands = q.series_bands(conn, metric, population, location)
    return TrendData(
        scoped,
        metric,
        population,
        location,
        flag,
        series,
        claims,
        figure_flags,
        bands,
        truncated=len(claims) >= FIGURE_LIMIT,
    )
