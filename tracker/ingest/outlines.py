"""Governorate outlines for the map, as ``scripts/build_gazetteer.py`` derived them offline
from the OCHA COD-AB boundary files (simplified, about 10 KB for Syria)."""

from __future__ import annotations

import json
from pathlib import Path

from tracker.ingest.reference import DATA_DIR


def read_outlines(country: str = "SY", data_dir: Path = DATA_DIR) -> dict:
    """The country's admin-1 outlines (GeoJSON with an ``attribution``), or an empty
    collection when none were built."""
    path = data_dir / "gazetteer" / f"{country}-adm1-outlines.geojson"
    if not path.exists():
        return {"type": "FeatureCollection", "attribution": "", "features": []}
    return json.loads(path.read_text(encoding="utf-8"))
