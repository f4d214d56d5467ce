"""Rows of flags.csv, series.csv and sources.csv, in a deterministic order.

The order is set here (not left to the database's collation or NULL ordering), so
SQLite and PostgreSQL give the same bytes: flags by flag_id; series by metric,
population, location, measure, window start (none first) and date; sources by id.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from tracker.domain.filters import Filters
from tracker.domain.vocabularies import Vocabularies
from tracker.service.store import Store

CHUNK_ROWS = 50_000
SERIES_ORDER = ["metric", "population", "location", "measure", "window_start", "date"]


def chunks(frame: pd.DataFrame, rows: int = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
    """A frame in pieces of at most ``rows`` rows (nothing for an empty frame)."""
    for start in range(0, len(frame), rows):
        yield frame.iloc[start : start + rows]


def _names(codes: pd.Series, names: pd.Series) -> pd.Series:
    return codes.astype(object).map(names)


def _source_names_ar(sources: pd.Series, vocab: Vocabularies) -> pd.Series:
    names = vocab.sources["name_ar"].to_dict()

    def joined(value: object) -> str:
        if value is None or pd.isna(value):
            return ""
        return ";".join(names.get(s, s) for s in str(value).split(";") if s)

    return sources.astype(object).map(joined)


def flag_frames(store: Store, filters: Filters) -> Iterator[pd.DataFrame]:
    """Stored flags matching the filters (an empty file until the engine has run)."""
    flags = store.flags(filters)
    if flags.empty:
        return
    flags = flags.sort_values("flag_id", kind="stable", key=lambda s: s.astype(str))
    flags = flags.assign(
        location_name_ar=_names(flags["location"], store.vocab.places["name_ar"]),
        source_names_ar=_source_names_ar(flags["sources"], store.vocab),
    )
    yield from chunks(flags)


def series_frames(store: Store, filters: Filters) -> Iterator[pd.DataFrame]:
    """Reconciled bands per series and date matching the filters."""
    bands = store.bands(filters)
    if bands.empty:
        return
    places = store.vocab.places
    bands = bands.assign(
        window_start=pd.to_datetime(bands["window_start"]),
        date=pd.to_datetime(bands["date"]),
        location_name=_names(bands["location"], places["name_en"]),
        location_name_ar=_names(bands["location"], places["name_ar"]),
    )
    bands = bands.sort_values(SERIES_ORDER, kind="stable", na_position="first")
    yield from chunks(bands)


def source_frames(store: Store, filters: Filters) -> Iterator[pd.DataFrame]:
    """The source registry (only the sources asked for, when ``source`` is given)."""
    vocab = store.vocab
    sources = vocab.sources.reset_index(drop=True).rename(columns={"id": "source"})
    if filters.source:
        sources = sources[sources["source"].isin(filters.source)]
    sources = sources.assign(
        type_ar=_names(sources["type"], vocab.source_types["label_ar"]),
        reliability_ar=_names(sources["reliability"], vocab.reliability["label_ar"]),
    )
    yield from chunks(sources.sort_values("source", kind="stable"))
