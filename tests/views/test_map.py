"""The map's figure (issue #12): proportional symbols over outlines, never a choropleth."""

from __future__ import annotations

import math

import pandas as pd

from tracker.service.pages.map import MapData, newest_per_place
from tracker.views.map import MAX_DIAMETER, map_figure, symbol_sizes

OUTLINES = {
    "type": "FeatureCollection",
    "attribution": "Boundaries: OCHA/UNCS COD-AB",
    "features": [
        {"type": "Feature", "properties": {"pcode": "SY12"}, "geometry": {
            "type": "MultiPolygon",
            "coordinates": [[[[36.0, 32.5], [36.5, 32.5], [36.5, 33.0], [36.0, 32.5]]]]}},
    ],
}  # fmt: skip


def test_symbol_areas_are_proportional_to_the_values():
    sizes = symbol_sizes(pd.Series([400.0, 100.0]))
    assert sizes[0] == MAX_DIAMETER
    assert math.isclose((sizes[0] / sizes[1]) ** 2, 4.0)


def test_newest_headline_per_place():
    bands = pd.DataFrame(
        {
            "location": ["SY12", "SY12", "C5993", "C5993"],
            "date": ["2018-06-20", "2018-06-30", "2018-06-25", "2018-06-26"],
            "headline": [100.0, 214.0, 11.0, None],
            "headline_qualifier": ["exact", "at_least", "exact", None],
        }
    )
    newest = newest_per_place(bands).set_index("location")["headline"].to_dict()
    assert newest == {"C5993": 11.0, "SY12": 214.0}


def test_the_figure_has_outlines_symbols_and_attribution(vocab):
    bands = pd.DataFrame(
        {"location": ["SY12", "C5993"], "date": ["2018-06-30", "2018-06-26"],
         "headline": [214.0, 11.0], "headline_qualifier": ["at_least", "exact"]}
    )  # fmt: skip
    data = MapData(bands, pd.Series({"SY12": 2}), OUTLINES)
    figure = map_figure(data, vocab, "ar", {"open_flags": "تنبيهات مفتوحة"})
    outline, symbols = figure["data"]
    assert outline["mode"] == "lines" and None in outline["x"]
    assert all(trace["type"] == "scatter" for trace in figure["data"])  # no choropleth
    assert symbols["customdata"] == ["SY12", "C5993"]
    assert symbols["marker"]["color"][0] != symbols["marker"]["color"][1]  # flagged vs calm
    assert "درعا" in symbols["hovertext"][0] and "محافظة" in symbols["hovertext"][0]
    assert "OCHA" in figure["layout"]["annotations"][0]["text"]
