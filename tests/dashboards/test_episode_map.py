"""The map on the episode overview (issue #12, build item 1), without a browser: the map
section follows the brief, draws the lead card's metric in the episode's area, and its click
callback opens the clicked place's trend within the episode."""

from __future__ import annotations

import json

from dash import no_update

from dashboards.pages import map as map_page
from dashboards.pages import overview
from tracker.domain.filters import parse_filters


def _find(component, wanted: str):
    """The component with id ``wanted`` in a Dash layout tree."""
    if getattr(component, "id", None) == wanted:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and hasattr(child, "to_plotly_json"):
            found = _find(child, wanted)
            if found is not None:
                return found
    return None


def test_the_episode_overview_maps_the_lead_metric_in_its_area(dash_store):
    page = overview.layout(dash_store, episode="daraa-2018")
    section = _find(page, "episode-map")
    assert section is not None
    graph = _find(section, overview.MAP_GRAPH_ID)
    symbols = graph.figure["data"][1]
    assert symbols["customdata"], "the episode's area has reconciled figures to draw"
    parent = dash_store.vocab.gazetteer["parent"]
    for code in symbols["customdata"]:  # every symbol is inside Dar'a governorate (SY12)
        chain = [code]
        while isinstance(parent.get(chain[-1]), str) and parent.get(chain[-1]):
            chain.append(parent[chain[-1]])
        assert "SY12" in chain, chain
    series = _find(section, overview.MAP_SERIES_ID).data
    assert series["episode"] == "daraa-2018" and "location" not in series
    text = json.dumps(section.to_plotly_json(), default=str)
    assert "/map?" in text and "episode=daraa-2018" in text


def test_no_map_without_an_episode(dash_store):
    assert _find(overview.layout(dash_store), "episode-map") is None


def test_a_click_on_the_overview_map_opens_the_trend_in_the_episode():
    keep = {"metric": "displaced", "population": "all", "episode": "daraa-2018", "lang": "ar"}
    url = overview.map_trend({"points": [{"customdata": "SY12"}]}, keep)
    assert url.startswith("/trends?")
    assert "location=SY12" in url and "episode=daraa-2018" in url and "lang=ar" in url
    assert overview.map_trend({"points": [{"x": 1}]}, keep) is no_update
    assert overview.map_trend({"points": [{"customdata": {"x": 1}}]}, keep) is no_update


def test_the_map_page_keeps_the_episode(dash_store):
    filters = map_page.chosen(parse_filters({"episode": "daraa-2018"}, dash_store.vocab))
    assert filters.episode == ("daraa-2018",) and filters.metric == ("killed",)
    url = map_page.trend_of({"points": [{"customdata": "SY12"}]}, "?episode=daraa-2018")
    assert "episode=daraa-2018" in url and "metric=killed" in url
