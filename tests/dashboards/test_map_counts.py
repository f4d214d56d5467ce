"""The map says what it counts (newcomer walk, finding 3): a circle's hover read "Dar'a
(governorate) 46 · 28 Jun 2018", one day's killed count with neither the metric nor the window
named, and the filters read "What is counted: Any" while the map counted killed people."""

from __future__ import annotations

from dash import dcc, html

from dashboards.pages import map as map_page
from tests.dashboards.test_pages import text, walk

RLM = "\u200f"  # RIGHT-TO-LEFT MARK


def symbols(page) -> dict:
    graph = next(c for c in walk(page) if isinstance(c, dcc.Graph))
    return next(t for t in graph.figure["data"] if t.get("name") == "places")


def hover_of(page, place: str) -> str:
    trace = symbols(page)
    return trace["hovertext"][trace["customdata"].index(place)]


def test_a_circles_hover_names_the_metric_population_and_window(dash_store):
    hover = hover_of(map_page.layout(dash_store), "SY12")
    assert "Killed · All people: 46" in hover
    assert "27–28 Jun 2018" in hover
    chosen = hover_of(map_page.layout(dash_store, metric="killed", population="civilians"), "SY12")
    assert "Killed · Civilians" in chosen


def test_the_arabic_hover_names_them_in_arabic_and_reads_from_the_right(dash_store):
    hover = hover_of(map_page.layout(dash_store, lang="ar"), "SY12")
    assert "قتلى · جميع الأشخاص" in hover and "حزيران 2018" in hover
    assert "Killed" not in hover and "Jun" not in hover
    assert all(line.startswith(RLM) and line.endswith(RLM) for line in hover.split("<br>"))


def test_the_page_says_what_the_circles_count_in_both_languages(dash_store):
    page = map_page.layout(dash_store)
    counted = next(c for c in walk(page) if getattr(c, "id", None) == "map-counted")
    assert "Killed · All people" in text(counted)
    summary = next(c for c in walk(page) if getattr(c, "className", "") == "filters-active")
    assert "Killed" in text(summary) and "All people" in text(summary)
    details = next(c for c in walk(page) if isinstance(c, html.Details))
    assert not details.open  # nothing chosen by the reader: the filters stay folded
    arabic = map_page.layout(dash_store, lang="ar", population="civilians")
    counted_ar = next(c for c in walk(arabic) if getattr(c, "id", None) == "map-counted")
    assert "قتلى · مدنيون" in text(counted_ar)
