"""Trends `/trends`: one series, each source its own trace, the reconciled band behind.

The chart is drawn by :mod:`dashboards.components.chart`; one-day counts can be drawn as
bars in a panel below the cumulative lines (``daily=0`` puts them back among the markers).
A click on a claim shows it in words (:func:`figure_details`, this page's callback).
"""

from __future__ import annotations

import dash
from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboards.components.callguard import clicked_data
from dashboards.components.chart import build_figure
from dashboards.components.cite import citation, cite_controls
from dashboards.components.graph_config import graph_config
from dashboards.components.help import help_link
from dashboards.components.index_page import heading_of, title_of
from dashboards.components.pagecache import routed
from dashboards.components.query import LOCATION, Query, href, parse_query, parse_search, shared
from dashboards.components.shell import control, download_link, filter_bar, page_shell
from dashboards.i18n import t
from tracker.domain.filters import Filters
from tracker.domain.vocabularies import Vocabularies
from tracker.service.pagecache import cached_view
from tracker.service.pages.figures import load_figure
from tracker.service.pages.trends import load_trend
from tracker.service.store import Store
from tracker.views.data import download_url
from tracker.views.format import fmt_count, isolate_ranges, label, lang_of, place_label
from tracker.views.series import choose_series
from tracker.views.tables import figure_row
from tracker.views.trends import TrendView, series_title, trend_view

#: The words key of the page's heading (its ``<h1>`` and the browser tab's title).
HEADING = "trends_title"

GRAPH_ID = "trend-graph"
DETAILS_ID = "claim-details"


@cached_view("trend")
def trend_of(
    store: Store, filters: Filters, lang: str = "en", flag_id: str | None = None
) -> TrendView:
    """What the trends page draws: one series of one metric in the area."""
    data = load_trend(store, filters, flag_id, choose_series)
    return trend_view(data, store.vocab, lang)


TABLE_ROWS = 100  # the newest; a phone reads no more, the download has them all


def trend_figures_table(view: TrendView, lang: str) -> html.Details:
    """The chart's claims as a table (for reading, copying and screen readers): the newest
    TABLE_ROWS of them; the rest are in the download."""
    points = view.points.sort_values(["x", "source"]).tail(TABLE_ROWS)
    rows = []
    for p in points.itertuples(index=False):
        rows.append(
            html.Tr(
                [
                    html.Td(p.source_label),
                    html.Td(p.claim),
                    html.Td(p.window),
                    html.Td(
                        html.A(
                            p.publisher or p.url,
                            href=p.url,
                            target="_blank",
                            rel="noopener noreferrer",
                        )
                        if p.url
                        else p.publisher
                    ),
                    html.Td(
                        dcc.Link(
                            p.figure_id,
                            href=f"/figures?figure={p.figure_id}"
                            + ("&lang=ar" if lang == "ar" else ""),
                        )
                    ),
                    html.Td(p.flag_ids.replace(";", " ")),
                ]
            )
        )
    head = html.Thead(
        html.Tr(
            [
                html.Th(t(k, lang))
                for k in (
                    "col_source",
                    "col_claim",
                    "col_window",
                    "col_publisher",
                    "col_id",
                    "col_flags",
                )
            ]
        )
    )
    more = len(view.points) - len(points)
    return html.Details(
        [
            html.Summary(t("table_view", lang)),
            html.P(t("truncated", lang, n=fmt_count(len(points), lang)), className="muted small")
            if more > 0
            else None,
            html.Div(
                html.Table([head, html.Tbody(rows)], className="table"), className="table-wrap"
            ),
        ],
        className="claims-table",
    )


def series_links(view: TrendView, vocab: Vocabularies, query: Query, lang: str) -> html.Nav | None:
    """Links to the metric's other series in scope (population · place, claims)."""
    if view.series is None or view.series.empty or len(view.series) < 2:
        return None
    items = []
    for _, s in view.series.head(16).iterrows():
        current = s["population"] == view.population and s["location"] == view.location
        claims_n = t("claims_n", lang, n=fmt_count(s["n_claims"], lang))
        text = (
            f"{label(vocab.populations, s['population'], lang)} · "
            f"{place_label(vocab, s['location'], lang)} ({claims_n})"
        )
        params = {
            **shared(query.params),
            "metric": view.metric,
            "population": s["population"],
            "location": s["location"],
        }
        items.append(
            html.Li(html.Strong(text) if current else dcc.Link(text, href=href("/trends", params)))
        )
    return html.Nav(
        [html.H2(t("other_series", lang)), html.Ul(items, className="series-list")],
        className="other-series",
        **{"aria-label": t("other_series", lang)},
    )


def flag_banner(view: TrendView, vocab: Vocabularies, lang: str) -> html.Aside | None:
    """The followed flag: severity, rule, id and its sentence."""
    if not view.flag:
        return None
    flag = view.flag
    sentence = flag.get(f"sentence_{lang}") or flag.get("sentence_en") or ""
    severity = label(vocab.extra["severities"], flag.get("severity"), lang)
    rule = label(vocab.extra["rules"], flag.get("rule"), lang)
    return html.Aside(
        [
            html.Span(severity, className=f"badge severity-{flag.get('severity')}"),
            html.Strong(f" {rule} · {flag.get('flag_id')}"),
            html.P(isolate_ranges(str(sentence), lang)),
        ],
        className="flag-banner",
        id="followed-flag",
        role="note",
    )


def as_of(view: TrendView) -> object:
    """The newest date among the view's claims (the data's "as of")."""
    if view.empty:
        return None
    return view.points["x"].max()


def one_metric_notice(
    vocab: Vocabularies, asked: tuple[str, ...], shown: str | None, lang: str
) -> html.P | None:
    """A trend draws one metric: when the address asks for more, say which one is drawn and
    which are not (``?metric=killed,displaced`` silently kept one)."""
    dropped = [m for m in asked if m != shown]
    if not shown or not dropped:
        return None
    return html.P(
        t(
            "one_metric_only",
            lang,
            shown=label(vocab.metrics, shown, lang),
            dropped=t("list_separator", lang).join(label(vocab.metrics, m, lang) for m in dropped),
        ),
        className="notice",
        id="one-metric-only",
        role="status",
    )


def layout(store: Store, **raw: object) -> html.Div:
    """The trends page for the query parameters ``raw``."""
    vocab = store.vocab
    query = parse_query(raw, vocab)
    lang = query.lang
    flag_id = query.get("flag") or None
    view = trend_of(store, query.filters, lang, flag_id)
    daily_as_bars = query.get("daily", "1") != "0"
    kept_one = one_metric_notice(vocab, query.filters.metric, view.metric, lang)
    if view.metric:
        query.filters = Filters(
            metric=(view.metric,),
            population=query.filters.population,
            location=query.filters.location,
            source=query.filters.source,
            date_from=query.filters.date_from,
            date_to=query.filters.date_to,
        )
    daily_toggle = control(
        t("daily_bars", lang),
        dcc.Checklist(
            id={"type": "qpcheck", "name": "daily"},
            options=[{"label": t("show_daily", lang), "value": "1"}],
            value=["1"] if daily_as_bars else [],
        ),
        "daily",
    )
    has_daily = not view.empty and (view.points["kind"] == "daily").any()
    bar = filter_bar(
        vocab, query, "/trends", single_metric=True, extra=[daily_toggle] if has_daily else []
    )
    body: list = [kept_one]
    if view.empty:
        body.append(html.P(t("no_series", lang), className="notice"))
    else:
        title = series_title(vocab, view, lang)
        key = ("figure", lang, daily_as_bars)
        if key not in view.rendered:
            view.rendered[key] = build_figure(view, vocab, lang, daily_as_bars)
            view.rendered[("table", lang)] = trend_figures_table(view, lang)
        fig = view.rendered[key]
        body += [
            flag_banner(view, vocab, lang),
            html.H2(
                [html.Span(t("series_label", lang) + ": ", className="muted"), title],
                className="series-title",
                id="series-title",
            ),
            html.P(t("truncated", lang, n=fmt_count(len(view.points), lang)), className="notice")
            if view.truncated
            else None,
            html.P(t("no_band", lang), className="muted small") if not view.bands else None,
            html.P(t("other_bands", lang, n=view.other_bands), className="muted small")
            if view.other_bands
            else None,
            html.Div(
                dcc.Graph(
                    id=GRAPH_ID,
                    figure=fig,
                    config=graph_config(lang, "tracker-trend"),
                    className="graph",
                ),
                className="graph-wrap",
                role="img",
                **{"aria-label": title},
            ),
            html.P([t("click_hint", lang), " ", help_link("band", lang)], className="muted small"),
            cite_controls(citation(view.points, vocab, lang, title, as_of(view)), lang),
            html.Div(id=DETAILS_ID, className="claim-details", **{"aria-live": "polite"}),
            view.rendered[("table", lang)],
            series_links(view, vocab, query, lang),
        ]
    downloads = []
    if view.metric and view.location:
        series_filters = Filters(
            metric=(view.metric,),
            population=(view.population,) if view.population else (),
            location=(view.location,),
            source=query.filters.source,
            date_from=query.filters.date_from,
            date_to=query.filters.date_to,
        )
        band_filters = Filters(
            metric=(view.metric,),
            population=(view.population,) if view.population else (),
            location=(view.location,),
        )
        downloads = [
            download_link(
                t("download_view", lang),
                download_url("/download/figures.csv", series_filters, lang),
            ),
            download_link(
                t("download_band", lang),
                download_url("/download/series.csv", band_filters, lang),
                "band",
            ),
        ]
    return page_shell(
        "trends",
        query,
        t(HEADING, lang),
        t("trends_intro", lang),
        body,
        filters=bar,
        downloads=downloads,
    )


def _clicked(click_data: dict | None) -> str | None:
    """The figure id of the clicked point (None when nothing usable was clicked)."""
    figure_id = clicked_data(click_data)
    return str(figure_id) if figure_id else None


def figure_details(store: Store, click_data: dict | None, search: str | None):
    """The clicked claim in words, with its publication link and a link to its history."""
    figure_id = _clicked(click_data)
    if figure_id is None:
        return no_update
    vocab = store.vocab
    lang = lang_of(parse_search(search).get("lang"))
    frame, flags = load_figure(store, figure_id)
    if frame.empty:
        return html.P(t("no_history", lang, id=figure_id), className="notice")
    row = figure_row(frame.iloc[0], vocab, lang)
    sentences = [
        html.Li(
            [
                html.Span(
                    label(vocab.extra["severities"], f["severity"], lang),
                    className=f"badge severity-{f['severity']}",
                ),
                " ",
                isolate_ranges(str(f.get(f"sentence_{lang}") or f.get("sentence_en") or ""), lang),
            ]
        )
        for f in flags.to_dict("records")
    ]
    publication = (
        html.A(
            t("open_publication", lang) + f" ({row['publisher'] or row['url']})",
            href=row["url"],
            target="_blank",
            rel="noopener noreferrer",
        )
        if row["url"]
        else html.Span(row["publisher"])
    )
    return html.Div(
        [
            html.H3(f"{t('figure_details', lang)} {row['figure_id']}: {row['source_full']}"),
            html.P(
                [
                    html.Strong(row["claim"]),
                    f" — {row['population']} · {row['location_full']} · {row['window']}",
                ]
            ),
            html.P(
                [
                    t("col_reported", lang),
                    ": ",
                    row["reported_on"],
                    " · ",
                    t("col_interval", lang),
                    ": ",
                    row["interval"],
                    f" ({row['rule']})",
                ]
            ),
            html.P(publication),
            html.Ul(sentences, className="flag-sentences") if sentences else None,
            dcc.Link(
                t("figure_history", lang),
                href=href("/figures", {"figure": row["figure_id"], "lang": lang}),
            ),
        ],
        className="claim-card",
    )


def register(app: Dash, store: Store) -> None:
    """Add the page and its (read-only) callback to the app."""

    def details(click_data, search):
        return figure_details(store, click_data, search)

    dash.register_page(
        __name__,
        path="/trends",
        name="Trends",
        title=title_of("/trends"),
        heading=heading_of(HEADING),
        order=1,
        layout=routed("trends", layout),
    )
    app.callback(
        Output(DETAILS_ID, "children"),
        Input(GRAPH_ID, "clickData"),
        State(LOCATION, "search"),
        prevent_initial_call=True,
    )(details)
