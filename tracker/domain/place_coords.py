"""Coordinates to a place: the nearest gazetteer place that has coordinates, widened to a level.

The rule: among the places of the country (or below ``within``) that have coordinates, take the
nearest by great-circle distance; farther than ``max_km`` is no match (never a guess across a
border or the sea). The match is then widened to the requested level by walking up its parents.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.vocabularies import location_ancestors

EARTH_KM = 6371.0


def nearest_places(
    gazetteer: pd.DataFrame,
    lat: pd.Series,
    lon: pd.Series,
    within: str | None,
    level: int | None,
    max_km: float,
) -> pd.Series:
    """P-code (widened to ``level``) per coordinate pair, or NA; gazetteer columns pcode, level,
    parent, latitude, longitude."""
    candidates = _candidates(gazetteer, within)
    out = pd.Series(pd.NA, index=lat.index, dtype="string")
    if candidates.empty:
        return out
    plat, plon = (
        np.radians(candidates["latitude"].to_numpy(float)),
        np.radians(candidates["longitude"].to_numpy(float)),
    )
    codes = candidates["pcode"].astype(str).to_numpy()
    up = Widener(gazetteer)
    for i, (a, b) in zip(lat.index, zip(lat, lon, strict=True), strict=True):
        if pd.isna(a) or pd.isna(b):
            continue
        la, lo = np.radians(float(a)), np.radians(float(b))
        h = np.sin((plat - la) / 2) ** 2 + np.cos(la) * np.cos(plat) * np.sin((plon - lo) / 2) ** 2
        km = 2 * EARTH_KM * np.arcsin(np.sqrt(h))
        best = int(np.argmin(km))
        if km[best] <= max_km:
            out[i] = up.widen(codes[best], level)
    return out


def _candidates(gazetteer: pd.DataFrame, within: str | None) -> pd.DataFrame:
    gaz = gazetteer.dropna(subset=["latitude", "longitude"])
    if within is not None:
        below = location_ancestors(gazetteer.set_index("pcode", drop=False)).eq(within).any(axis=1)
        gaz = gaz[gaz["pcode"].map(below).fillna(False).astype(bool)]
    deepest = gaz["level"].astype(int).max() if len(gaz) else 0
    return gaz[gaz["level"].astype(int) == deepest] if len(gaz) else gaz


class Widener:
    """Walks a place up its parents to a level."""

    def __init__(self, gazetteer: pd.DataFrame) -> None:
        codes = gazetteer["pcode"].astype(str)
        self.parents = dict(zip(codes, gazetteer["parent"], strict=True))
        self.levels = dict(zip(codes, gazetteer["level"].astype(int), strict=True))

    def widen(self, pcode: str, level: int | None) -> str | None:
        """The place at ``level`` that contains ``pcode`` (itself when already there)."""
        if level is None:
            return pcode
        seen: str | None = pcode
        while seen is not None and self.levels.get(seen, -1) > level:
            parent = self.parents.get(seen)
            seen = parent if isinstance(parent, str) else None
        return seen if seen is not None and self.levels.get(seen) == level else None
