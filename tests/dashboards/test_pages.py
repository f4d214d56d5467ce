"""Each page is a function of its address: called directly in English and Arabic."""

from __future__ import annotations

import json
from pathlib import Path

import plotly
import pytest
from dash import dcc, html
from dash.development.base_component import Component

from dashboards.components.query import build_search, parse_query
from dashboards.pages import data, discrepancies, figures, overview, sources, trends

PAGES = {
    "overview": overview.layout,
    "trends": trends.layout,
    "discrepancies": discrepancies.layout,
    "figures": figures.layout,
    "sources": sources.layout,
    "data": data.layout,
}


def walk(node):
    if isinstance(node, Component):
        yield node
        children = getattr(node, "children", None)
        yield from walk(children)
        figure = getattr(node, "figure", None) if isinstance(node, dcc.Graph) else None
        if figure is not None:
            yield figure
    elif isinstance(node, (list, tuple)):
        for child in node:
            yield from walk(child)


def text(node) -> str:
    parts = []

    def collect(n):
        if isinstance(n, str):
            parts.append(n)
        elif isinstance(n, (int, float)):
            parts.append(str(n))
        elif isinstance(n, Component):
            collect(getattr(n, "children", None))
        elif isinstance(n, (list, tuple)):
            for c in n:
                collect(c)

    collect(node)
    return " ".join(parts)


def links(node) -> list[str]:
    return [c.href for c in walk(node) if isinstance(c, (html.A, dcc.Link)) and c.href]


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_page_renders_in_both_languages(dash_store, name, lang):
    page = PAGES[name](dash_store, lang=lang)
    assert page.dir == ("rtl" if lang == "ar" else "ltr")
    assert page.lang == lang
    words = text(page)
    switch = next(c for c in walk(page) if getattr(c, "id", None) == "lang-switch")
    if lang == "ar":
        assert "المتتبّع" in words and switch.children == "English"
        assert "lang=ar" not in switch.href
    else:
        assert "Tracker" in words and switch.children == "العربية"
        assert "lang=ar" in switch.href
    # every control sits in a group named by a visible label
    for control in walk(page):
        if isinstance(control, (dcc.Dropdown, dcc.DatePickerRange, dcc.Checklist)):
            pass
    groups = [
        c for c in walk(page) if isinstance(c, html.Div) and getattr(c, "role", None) == "group"
    ]
    assert groups, "the filters are labelled groups"
    for group in groups:
        assert (
            isinstance(group.children[0], html.Label)
            or "aria-label" in group.to_plotly_json()["props"]
        )
    json.dumps(page, cls=plotly.utils.PlotlyJSONEncoder)  # what Dash sends must serialise


def test_overview_cards_lead_to_trends(dash_store):
    page = overview.layout(dash_store, location="SY12")
    words = text(page)
    assert "Killed" in words and "Newly displaced" in words and "Rural Damascus" not in words
    card = next(c for c in walk(page) if getattr(c, "id", None) == "card-killed")
    assert any(h.startswith("/trends?metric=killed") for h in links(card))
    assert "Open flags" in text(card)
    # the download carries exactly the page's filters
    assert "/download/figures.csv?location=SY12" in links(page)


def test_overview_in_arabic_uses_arabic_labels_and_place_names(dash_store):
    words = text(overview.layout(dash_store, lang="ar", location="SY12"))
    assert "قتلى" in words and "درعا" in words and "Killed" not in words
    assert "/download/figures.csv?location=SY12&lang=ar&excel=1" in links(
        overview.layout(dash_store, lang="ar", location="SY12")
    )


def test_a_bad_filter_in_a_shared_link_is_said_and_ignored(dash_store):
    page = overview.layout(dash_store, metric="kiled", location="SY12")
    words = text(page)
    assert "unknown metric 'kiled'" in words and "did you mean 'killed'" in words
    assert "/download/figures.csv?location=SY12" in links(page)


def test_trends_draw_one_series_with_the_band(dash_store):
    page = trends.layout(dash_store, metric="killed", population="civilians", location="SY12")
    graph = next(c for c in walk(page) if isinstance(c, dcc.Graph))
    names = {t.get("name") for t in graph.figure["data"]}
    assert {"SOHR", "SNHR"} <= names
    assert any(n and n.startswith("Reconciled band") for n in names)
    assert "In a flagged disagreement" in names
    assert "Killed · Civilians · Dar'a" in text(page)
    hrefs = links(page)
    assert "/download/figures.csv?metric=killed&population=civilians&location=SY12" in hrefs
    assert "/download/series.csv?metric=killed&population=civilians&location=SY12" in hrefs


def test_following_a_flag_shows_its_sentence_and_rings_its_figures(dash_store):
    page = trends.layout(dash_store, flag="T-div-killed")
    banner = next(c for c in walk(page) if getattr(c, "id", None) == "followed-flag")
    assert "1.5 times SOHR's highest" in text(banner)
    graph = next(c for c in walk(page) if isinstance(c, dcc.Graph))
    followed = [t for t in graph.figure["data"] if t.get("name") == "The flag you followed"]
    assert followed and sorted(followed[0]["customdata"]) == ["R046", "R120"]
    arabic = trends.layout(dash_store, flag="T-div-killed", lang="ar")
    assert "ضعف" in text(arabic)


def test_trends_without_claims_say_so(dash_store):
    assert "No claims for this metric" in text(trends.layout(dash_store, metric="missing"))


def test_discrepancies_by_severity_with_figures_side_by_side(dash_store):
    page = discrepancies.layout(dash_store)
    flags = [c for c in walk(page) if isinstance(c, html.Article)]
    severities = [c.className.split("severity-")[1] for c in flags]
    rank = {"major": 3, "moderate": 2, "minor": 1, "info": 0}
    assert [rank[s] for s in severities] == sorted((rank[s] for s in severities), reverse=True)
    killed = next(c for c in flags if c.id == "flag-T-div-killed")
    words = text(killed)
    assert "SNHR: at least 214 civilians killed" in words
    assert "at least 214" in words and "about 126" in words
    assert any(h.startswith("/trends?") and "flag=T-div-killed" in h for h in links(killed))


def test_discrepancies_filter_by_rule_status_source_and_language(dash_store):
    only_echo = discrepancies.layout(dash_store, rule="echo")
    ids = [c.id for c in walk(only_echo) if isinstance(c, html.Article)]
    assert ids and all("echo" in i for i in ids)
    explained = discrepancies.layout(dash_store, status="explained")
    words = text(explained)
    assert "Both from the same SOHR statement" in words  # the analyst's note
    assert "T-div-killed" not in words
    snhr = [
        c.id
        for c in walk(discrepancies.layout(dash_store, source="snhr"))
        if isinstance(c, html.Article)
    ]
    assert "flag-T-div-killed" in snhr and "flag-T-div-border" not in snhr
    arabic = text(discrepancies.layout(dash_store, lang="ar", rule="divergence"))
    assert "الشبكة السورية: 214 قتيلاً مدنياً على الأقل" in arabic
    assert "/download/flags.csv?lang=ar&excel=1" in links(
        discrepancies.layout(dash_store, lang="ar")
    )


def test_figures_are_paged_and_sorted_by_the_database(dash_store):
    first = figures.layout(dash_store, sort="value", desc="1")
    words = text(first)
    assert "Page 1 of 3" in words
    rows = next(c for c in walk(first) if getattr(c, "id", None) == "figures-table")
    body = rows.children[1].children
    assert len(body) == 25
    assert "more than 320,000" in text(body[0])  # the largest stated value first
    second = figures.layout(dash_store, sort="value", desc="1", page="2")
    assert "Page 2 of 3" in text(second)
    nxt = next(c for c in walk(first) if getattr(c, "id", None) == "pager-next")
    assert "page=2" in nxt.href and "sort=value" in nxt.href
    sort_link = next(c for c in walk(first) if getattr(c, "id", None) == "sort-reported_on")
    assert "sort=reported_on" in sort_link.href and "page" not in sort_link.href


def test_a_figures_history_says_who_when_why_and_what_changed(dash_store):
    page = figures.layout(dash_store, figure="R046")
    history = next(c for c in walk(page) if getattr(c, "id", None) == "history")
    words = text(history)
    assert "History of figure R046" in words
    assert "Revision 2" in words and "publisher named more precisely" in words
    assert "naaju.com (machine translation of Reuters/EFE)" in words
    assert "No figure with id X9" in text(figures.layout(dash_store, figure="X9"))


def test_user_text_is_rendered_as_text_never_as_html(dash_store):
    page = figures.layout(dash_store, source="snhr", figure="X001")
    words = text(page)
    assert "<img src=x onerror=alert(1)>" in words
    assert "<script>alert('notes')</script>" in words
    serialised = json.dumps(page, cls=plotly.utils.PlotlyJSONEncoder)
    assert "dangerously_allow_html" not in serialised
    assert not [c for c in walk(page) if isinstance(c, dcc.Markdown)]
    # chart hover text (plotly reads a little HTML) is escaped
    chart = trends.layout(dash_store, metric="killed", population="civilians", location="C6044")
    graph = next(c for c in walk(chart) if isinstance(c, dcc.Graph))
    hover = " ".join(str(h) for t in graph.figure["data"] for h in (t.get("hovertext") or ()) if h)
    assert "&lt;img src=x onerror=alert(1)&gt;" in hover and "<img" not in hover


def test_sources_registry_counts_and_shares(dash_store):
    page = sources.layout(dash_store)
    row = next(c for c in walk(page) if getattr(c, "id", None) == "source-snhr")
    words = text(row)
    assert "SNHR" in words and "Syrian Network for Human Rights" in words
    assert "3" in words and "%" in words
    ids = [c.id for c in walk(page) if isinstance(c, html.Tr) and getattr(c, "id", None)]
    registry = Path(__file__).parents[2] / "data" / "sources.csv"
    assert len(ids) == len(registry.read_text(encoding="utf-8").splitlines()) - 1  # all of it
    arabic = text(sources.layout(dash_store, lang="ar"))
    assert "الشبكة السورية لحقوق الإنسان" in arabic


def test_data_page_lists_every_download_with_the_views_filters(dash_store):
    page = data.layout(dash_store, location="SY12", metric="killed")
    codes = [
        c.children
        for c in walk(page)
        if isinstance(c, html.Code) and str(getattr(c, "id", "")).startswith("download-url-")
    ]
    assert any(u.endswith("/download/figures.csv?metric=killed&location=SY12") for u in codes)
    assert any(u.endswith("/download/flags.csv?metric=killed&location=SY12") for u in codes)
    assert any(u.endswith("/download/sources.csv") for u in codes)
    assert any("datapackage.json" in u for u in codes)
    assert [c for c in walk(page) if isinstance(c, dcc.Clipboard)]


def test_query_round_trip(vocab):
    q = parse_query({"metric": ["killed", "injured"], "lang": "ar", "page": "2"}, vocab)
    assert q.filters.metric == ("killed", "injured") and q.lang == "ar"
    assert build_search(q.params) == "?metric=killed,injured&page=2&lang=ar"
    assert build_search({"lang": "en"}) == ""
    bad = parse_query({"from": "2018-07-01", "to": "2018-06-01"}, vocab)
    assert bad.errors and bad.filters.date_from is None


def test_methodology_renders_in_both_languages_with_help_links_pointing_at_it(dash_store):
    from dashboards.pages import methodology

    for lang, word in (("en", "Window containment"), ("ar", "احتواء الفترة الزمنية")):
        page = methodology.layout(dash_store, lang=lang)
        assert word in text(page) and page.dir == ("rtl" if lang == "ar" else "ltr")
        ids = {getattr(c, "id", None) for c in walk(page)}
        assert {"rule-echo", "severity-major", "headline", "qualifier-approx"} <= ids
    flags = links(discrepancies.layout(dash_store, lang="ar"))
    assert any(h.startswith("/methodology?lang=ar#rule-") for h in flags)
    assert any(h.startswith("/methodology?lang=ar#severity-") for h in flags)
    assert "/methodology#headline" in links(overview.layout(dash_store))


def test_the_map_page_and_its_click_to_trend(dash_store):
    from dashboards.pages import map as map_page

    for lang in ("en", "ar"):
        page = map_page.layout(dash_store, lang=lang, metric="killed", population="civilians")
        graph = next(c for c in walk(page) if isinstance(c, dcc.Graph))
        assert graph.figure["data"][1]["customdata"], "no symbols"
        if lang == "ar":
            assert graph.config["locale"] == "ar"
    target = map_page.trend_of(
        {"points": [{"customdata": "SY12"}]}, "?metric=killed&population=civilians&lang=ar"
    )
    assert target == "/trends?metric=killed&population=civilians&location=SY12&lang=ar"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_episode_overview_is_a_click_from_home_with_civilians_beside_all(dash_store, lang):
    home = overview.layout(dash_store, lang=lang)
    target = "/?episode=daraa-2018" + ("&lang=ar" if lang == "ar" else "")
    assert target in links(home)
    page = overview.layout(dash_store, episode="daraa-2018", lang=lang)
    cards = [c.id for c in walk(page) if isinstance(c, html.Article)]
    assert cards.index("card-killed-civilians") == cards.index("card-killed") + 1
    words = text(page)
    assert ("Rural Damascus" not in words) and ("ريف دمشق" not in words)
    assert ("Dar'a offensive 2018" if lang == "en" else "هجوم درعا 2018") in words
    assert "/download/figures.csv?episode=daraa-2018" in " ".join(links(page))
