"""What the map reads: the reconciled headline per place for a metric and population, the
open flags per place, and the governorate outlines."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from tracker.domain.filters import Filters
from tracker.ingest.outlines import read_outlines
from tracker.service.store import Store


@dataclass(frozen=True)
class MapData:
    """bands: each place's newest band row (location, date, headline, headline_qualifier);
    open_flags: open flags per location; outlines: GeoJSON of the governorates."""

    bands: pd.DataFrame
    open_flags: pd.Series
    outlines: dict


@cache
def _outlines() -> dict:
    return read_outlines()


def newest_per_place(bands: pd.DataFrame) -> pd.DataFrame:
    """Per place, the headline of its newest date (the largest, when several series of the
    place end that day); contested rows (no headline) are left out."""
    rows = bands.dropna(subset=["headline"])
    if rows.empty:
        return rows
    rows = rows.sort_values(["location", "date", "headline"], kind="stable")
    return rows.groupby("location", sort=True).tail(1).reset_index(drop=True)


def load_map(store: Store, filters: Filters) -> MapData:
    """The map's data for one metric and population (and place and period, if chosen)."""
    bands = newest_per_place(store.newest_bands(filters))
    flags = store.flags(filters)
    open_flags = (
        flags[flags["status"].astype(str) == "open"].groupby("location").size()
        if not flags.empty
        else pd.Series(dtype="int64")
    )
    return MapData(bands, open_flags, _outlines())
