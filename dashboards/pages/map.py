"""Map `/map`: the reconciled headline per place as proportional symbols over governorate
outlines, coloured by open flags; a click on a symbol opens that place's trend.

Offline by construction: no tile server, no geo projection fetched, the outlines ship in
``data/gazetteer/`` (derived by ``scripts/build_gazetteer.py``) with their attribution.
"""

from __future__ import annotations

from dataclasses import replace

import dash
from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboards.components.callguard import clicked_data
from dashboards.components.graph_config import graph_config
from dashboards.components.help import help_link
from dashboards.components.index_page import heading_of, title_of
from dashboards.components.pagecache import routed
from dashboards.components.query import LOCATION, href, parse_query, parse_search
from dashboards.components.shell import active_filters, download_link, filter_bar, page_shell
from dashboards.i18n import t
from tracker.domain.filters import Filters
from tracker.service.pages.map import load_map
from tracker.service.store import Store
from tracker.views.data import download_url
from tracker.views.format import label
from tracker.views.map import map_figure

#: The words key of the page's heading (its ``<h1>`` and the browser tab's title).
HEADING = "map_title"

GRAPH_ID = "map-graph"
GO_ID = "map-go"
DEFAULT_METRIC = "killed"


def chosen(filters: Filters) -> Filters:
    """The map shows one metric (killed unless another is chosen) for all people unless a
    population is chosen; place, period, source and episode stay as chosen."""
    metric = filters.metric[:1] or (DEFAULT_METRIC,)
    population = filters.population[:1] or ("all",)
    return replace(filters, metric=metric, population=population)


def counted_line(store: Store, filters: Filters, lang: str) -> html.P:
    """What the circles count (the metric and population ``filters`` chose), said above the
    map: without it a reader saw a number and no name for it."""
    vocab = store.vocab
    return html.P(
        t(
            "map_counted",
            lang,
            metric=label(vocab.metrics, filters.metric[0], lang),
            population=label(vocab.populations, filters.population[0], lang),
        ),
        className="map-counted",
        id="map-counted",
    )


def map_graph(store: Store, filters: Filters, lang: str, graph_id: str) -> html.Div:
    """The map of one metric and population (``filters`` already chosen) as a graph; empty
    of symbols, it says so."""
    data = load_map(store, filters)
    figure = map_figure(data, store.vocab, lang, {"open_flags": t("open_flags", lang)})
    return html.Div(
        [
            html.Div(
                dcc.Graph(
                    id=graph_id,
                    figure=figure,
                    config=graph_config(lang, "tracker-map"),
                    className="graph map-graph",
                ),
                className="graph-wrap",
                role="img",
                **{"aria-label": t("map_title", lang)},
            ),
            html.P(t("map_no_symbols", lang), className="notice") if data.bands.empty else None,
        ]
    )


def layout(store: Store, **raw: object) -> html.Div:
    """The map page for the query parameters ``raw``."""
    vocab = store.vocab
    query = parse_query(raw, vocab)
    lang = query.lang
    filters = chosen(query.filters)
    shown = replace(query, filters=filters)  # the filter bar shows what the map counts
    body = [
        counted_line(store, filters, lang),
        html.P([t("map_hint", lang), " ", help_link("headline", lang)], className="muted small"),
        map_graph(store, filters, lang, GRAPH_ID),
        dcc.Location(id=GO_ID, refresh=True),
    ]
    return page_shell(
        "map",
        query,
        t(HEADING, lang),
        t("map_intro", lang),
        body,
        filters=filter_bar(
            vocab, shown, "/map", single_metric=True, opened=bool(active_filters(vocab, query))
        ),
        downloads=[
            download_link(
                t("download_band", lang), download_url("/download/series.csv", filters, lang)
            )
        ],
    )


def trend_href(click_data: dict | None, keep: dict[str, str]) -> str:
    """The trend address of the clicked symbol's place, keeping ``keep`` (metric, population,
    episode, language); nothing when the click hit no symbol."""
    place = clicked_data(click_data)
    if not place or not isinstance(place, str):
        return no_update
    return href("/trends", {**keep, "location": place})


def trend_of(click_data: dict | None, search: str | None) -> str:
    """The trend address of the clicked place, keeping the map's metric, population and
    episode."""
    params = parse_search(search or "")
    keep = {k: params[k] for k in ("metric", "population", "episode", "lang") if params.get(k)}
    keep.setdefault("metric", DEFAULT_METRIC)
    return trend_href(click_data, keep)


def register(app: Dash, store: Store) -> None:
    """Add the page and its click-to-trend callback."""
    dash.register_page(
        __name__,
        path="/map",
        name="Map",
        title=title_of("/map"),
        heading=heading_of(HEADING),
        order=5,
        layout=routed("map", layout),
    )
    app.callback(
        Output(GO_ID, "href"),
        Input(GRAPH_ID, "clickData"),
        State(LOCATION, "search"),
        prevent_initial_call=True,
    )(trend_of)
