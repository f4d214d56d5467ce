"""Trends `/trends`: one series, each source its own trace, the reconciled band behind.

Markers carry whiskers for the interval each claim allows; "at least" claims get an
arrow upward instead of an upper whisker; claims in a contradiction flag get a red ring,
the flag being followed (``?flag=…``) a black one. One-day counts can be drawn as bars
in a panel below the cumulative lines (``daily=0`` puts them back among the markers).
"""

from __future__ import annotations

import math

import pandas as pd
from dash import dcc, html

from dashboards.components.query import href, parse_query, shared
from dashboards.components.shell import control, download_link, filter_bar, page_shell
from dashboards.components.style import (
    BAND_FILL,
    BAND_LINE,
    FLAG_RING,
    FOLLOWED_RING,
    source_index,
    source_style,
)
from dashboards.i18n import t
from tracker.domain.filters import Filters
from tracker.domain.vocabularies import Vocabularies
from tracker.views.data import download_url
from tracker.views.format import fmt_count, fmt_date, label, place_label
from tracker.views.trends import TrendView, series_title, trend_view

GRAPH_ID = "trend-graph"
DETAILS_ID = "claim-details"
DAY_MS = 86_400_000
FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans Arabic', Tahoma, sans-serif"


def _none_gaps(frame: pd.DataFrame, columns: list[str]) -> dict[str, list]:
    """Points of several groups as one trace, with a gap (None) between groups."""
    out: dict[str, list] = {c: [] for c in columns}
    for _, group in frame.groupby("group", sort=True):
        group = group.sort_values("x")
        for c in columns:
            out[c].extend(group[c].tolist())
            out[c].append(None)
    return out


def _dates(values) -> list:
    return [
        None
        if v is None or (isinstance(v, float) and math.isnan(v))
        else pd.Timestamp(v).strftime("%Y-%m-%d")
        for v in values
    ]


def _numbers(values) -> list:
    return [
        None if v is None or (isinstance(v, float) and not math.isfinite(v)) else float(v)
        for v in values
    ]


def build_figure(
    view: TrendView, vocab: Vocabularies, lang: str, daily_as_bars: bool = True
) -> dict:
    """The chart of one series as a plain plotly figure dict (built without plotly's
    validation, which costs more than the data: pages must answer fast)."""
    points = view.points
    daily = points[points["kind"] == "daily"] if not points.empty else points
    main = points[points["kind"] != "daily"] if not points.empty else points
    if not daily_as_bars or main.empty:
        main, bars = points, points.iloc[0:0]
    else:
        bars = daily
    two_panels = not bars.empty and not main.empty
    bars_axes = {"xaxis": "x2", "yaxis": "y2"} if two_panels else {"xaxis": "x", "yaxis": "y"}
    main_axes = {"xaxis": "x", "yaxis": "y"}
    values = [v for v in points["y"].tolist() if math.isfinite(v)] if not points.empty else []
    values += [v for v in points["high"].tolist() if math.isfinite(v)] if not points.empty else []
    for band in view.bands:
        values += [v for v in band["high"] + band["low"] if v is not None and math.isfinite(v)]
    top = max(values) if values else 1.0
    top = top if top > 0 else 1.0
    arrow = top * 0.10
    y_max = top * 1.18
    data: list[dict] = []

    # The reconciled band, behind everything.
    for i, band in enumerate(view.bands):
        name = (
            t("band_since", lang, date=fmt_date(band["window_start"], lang))
            if band["window_start"] is not None
            else t("band", lang)
        )
        highs = [min(h, y_max) if math.isfinite(h) else y_max for h in band["high"]]
        x = _dates(band["date"])
        data.append(
            {
                "type": "scatter",
                **main_axes,
                "x": x,
                "y": _numbers(band["low"]),
                "mode": "lines",
                "line": {"width": 0.5, "color": BAND_LINE},
                "hoverinfo": "skip",
                "showlegend": False,
                "legendgroup": f"band{i}",
            }
        )
        data.append(
            {
                "type": "scatter",
                **main_axes,
                "x": x,
                "y": highs,
                "mode": "lines",
                "line": {"width": 0.5, "color": BAND_LINE},
                "fill": "tonexty",
                "fillcolor": BAND_FILL,
                "name": name,
                "legendgroup": f"band{i}",
                "hovertemplate": f"{name}<br>%{{x}}<extra></extra>",
            }
        )
        headline = _numbers(band["headline"])
        if any(h is not None for h in headline):
            data.append(
                {
                    "type": "scatter",
                    **main_axes,
                    "x": x,
                    "y": headline,
                    "mode": "lines",
                    "line": {"width": 1.5, "color": BAND_LINE, "dash": "dot"},
                    "name": t("band_headline", lang),
                    "legendgroup": f"band{i}",
                    "hovertemplate": t("band_headline", lang) + ": %{y:,.0f}<extra></extra>",
                }
            )

    # Each source's claims: markers, whiskers, lines within one window start.
    order = (
        sorted(main["source"].unique(), key=lambda s: source_index(vocab, s))
        if not main.empty
        else []
    )
    for source in order:
        mine = main[main["source"] == source]
        style = source_style(vocab, source)
        name = mine["source_label"].iloc[0]
        g = _none_gaps(mine, ["x", "y", "err_plus", "err_minus", "hover", "figure_id"])
        data.append(
            {
                "type": "scatter",
                **main_axes,
                "x": _dates(g["x"]),
                "y": _numbers(g["y"]),
                "mode": "lines+markers",
                "name": name,
                "legendgroup": source,
                "line": {"color": style["color"], "dash": style["dash"], "width": 1.5},
                "marker": {
                    "symbol": style["symbol"],
                    "size": 10,
                    "color": style["color"],
                    "line": {"width": 1, "color": "white"},
                },
                "error_y": {
                    "type": "data",
                    "symmetric": False,
                    "array": _numbers(g["err_plus"]),
                    "arrayminus": _numbers(g["err_minus"]),
                    "color": style["color"],
                    "thickness": 1.3,
                    "width": 5,
                },
                "hovertext": g["hover"],
                "hoverinfo": "text",
                "customdata": g["figure_id"],
                "connectgaps": False,
            }
        )
        open_ended = mine[mine["open_ended"]]
        if not open_ended.empty:
            xs, ys = [], []
            for x, y in zip(open_ended["x"].tolist(), open_ended["y"].tolist(), strict=True):
                xs += [x, x, None]
                ys += [y, y + arrow, None]
            data.append(
                {
                    "type": "scatter",
                    **main_axes,
                    "x": _dates(xs),
                    "y": _numbers(ys),
                    "mode": "lines",
                    "line": {"color": style["color"], "width": 1.3},
                    "hoverinfo": "skip",
                    "showlegend": False,
                    "legendgroup": source,
                }
            )
            data.append(
                {
                    "type": "scatter",
                    **main_axes,
                    "x": _dates(open_ended["x"].tolist()),
                    "y": _numbers((open_ended["y"] + arrow).tolist()),
                    "mode": "markers",
                    "marker": {"symbol": "triangle-up", "size": 9, "color": style["color"]},
                    "hovertext": open_ended["hover"].tolist(),
                    "hoverinfo": "text",
                    "customdata": open_ended["figure_id"].tolist(),
                    "showlegend": False,
                    "legendgroup": source,
                    "name": name,
                }
            )

    # One-day counts as bars in the panel below.
    if not bars.empty:
        for source in sorted(bars["source"].unique(), key=lambda s: source_index(vocab, s)):
            mine = bars[bars["source"] == source].sort_values("x")
            style = source_style(vocab, source)
            data.append(
                {
                    "type": "bar",
                    **bars_axes,
                    "x": _dates(mine["x"].tolist()),
                    "y": _numbers(mine["y"].tolist()),
                    "width": [DAY_MS * 0.6] * len(mine),
                    "offsetgroup": source,
                    "name": f"{mine['source_label'].iloc[0]} · {t('daily_panel', lang)}",
                    "legendgroup": source,
                    "marker": {
                        "color": style["color"],
                        "pattern": {
                            "shape": style["pattern"],
                            "fillmode": "overlay",
                            "fgcolor": "rgba(255, 255, 255, 0.8)",
                            "size": 7,
                            "solidity": 0.25,
                        },
                    },
                    "error_y": {
                        "type": "data",
                        "symmetric": False,
                        "array": _numbers(mine["err_plus"].tolist()),
                        "arrayminus": _numbers(mine["err_minus"].tolist()),
                        "color": "#333",
                        "thickness": 1,
                        "width": 3,
                    },
                    "hovertext": mine["hover"].tolist(),
                    "hoverinfo": "text",
                    "customdata": mine["figure_id"].tolist(),
                }
            )

    # Rings: claims in contradiction flags, and the flag being followed.
    def ring(frame: pd.DataFrame, name: str, colour: str, size: int, width: float) -> None:
        parts = (
            (
                (main_axes, frame[frame["kind"] != "daily"]),
                (bars_axes, frame[frame["kind"] == "daily"]),
            )
            if two_panels
            else ((main_axes, frame),)
        )
        first = True
        for axes, part in parts:
            if part.empty:
                continue
            data.append(
                {
                    "type": "scatter",
                    **axes,
                    "x": _dates(part["x"].tolist()),
                    "y": _numbers(part["y"].tolist()),
                    "mode": "markers",
                    "name": name,
                    "marker": {
                        "symbol": "circle-open",
                        "size": size,
                        "color": colour,
                        "line": {"width": width, "color": colour},
                    },
                    "hovertext": part["hover"].tolist(),
                    "hoverinfo": "text",
                    "customdata": part["figure_id"].tolist(),
                    "legendgroup": name,
                    "showlegend": first,
                }
            )
            first = False

    if not points.empty:
        ring(points[points["flagged"]], t("in_flag", lang), FLAG_RING, 20, 2.5)
        ring(points[points["highlighted"]], t("followed_flag", lang), FOLLOWED_RING, 28, 3)

    ar = lang == "ar"
    axis = {
        "showgrid": True,
        "gridcolor": "#eee",
        "linecolor": "#999",
        "automargin": True,
        "zeroline": False,
    }
    x_axis = {
        **axis,
        "type": "date",
        "tickformat": "%d/%m" if ar else "%-d %b",
        "hoverformat": "%Y-%m-%d",
    }
    y_axis = {**axis, "rangemode": "tozero", "tickformat": ",d", "side": "right" if ar else "left"}
    layout = {
        "height": 520 if two_panels else 440,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"family": FONT, "size": 13, "color": "#222"},
        "hovermode": "closest",
        "hoverlabel": {"align": "right" if ar else "left", "font": {"family": FONT}},
        "dragmode": False,
        "barmode": "group",
        "showlegend": True,
        "legend": {
            "orientation": "h",
            "yanchor": "top",
            "y": -0.08,
            "x": 1 if ar else 0,
            "xanchor": "right" if ar else "left",
            "font": {"size": 12},
        },
        "xaxis": {
            **x_axis,
            "anchor": "y",
            "domain": [0, 1],
            **({"showticklabels": False} if two_panels else {}),
        },
        "yaxis": {
            **y_axis,
            "anchor": "x",
            "domain": [0.36, 1] if two_panels else [0, 1],
            "range": [0, y_max],
            "title": {"text": t("axis_count", lang)},
        },
    }
    if two_panels:
        layout["xaxis2"] = {**x_axis, "anchor": "y2", "domain": [0, 1], "matches": "x"}
        layout["yaxis2"] = {
            **y_axis,
            "anchor": "x2",
            "domain": [0, 0.28],
            "title": {"text": t("daily_panel", lang)},
        }
    return {"data": data, "layout": layout}


TABLE_ROWS = 100  # the newest; a phone reads no more, the download has them all


def claims_table(view: TrendView, lang: str) -> html.Details:
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


def series_links(view: TrendView, vocab: Vocabularies, query, lang: str) -> html.Nav | None:
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


def flag_banner(view: TrendView, vocab: Vocabularies, lang: str):
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
            html.P(str(sentence)),
        ],
        className="flag-banner",
        id="followed-flag",
        role="note",
    )


def layout(**raw) -> html.Div:
    from dashboards.app import get_store

    store = get_store()
    vocab = store.vocab
    query = parse_query(raw, vocab)
    lang = query.lang
    flag_id = query.get("flag") or None
    view = trend_view(store, query.filters, lang, flag_id)
    daily_as_bars = query.get("daily", "1") != "0"
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
    body: list = []
    if view.empty:
        body.append(html.P(t("no_series", lang), className="notice"))
    else:
        title = series_title(vocab, view, lang)
        key = ("figure", lang, daily_as_bars)
        if key not in view.rendered:
            view.rendered[key] = build_figure(view, vocab, lang, daily_as_bars)
            view.rendered[("table", lang)] = claims_table(view, lang)
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
                    config={
                        "displaylogo": False,
                        "responsive": True,
                        "scrollZoom": False,
                        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
                    },
                    className="graph",
                ),
                className="graph-wrap",
                role="img",
                **{"aria-label": title},
            ),
            html.P(t("click_hint", lang), className="muted small"),
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
        t("trends_title", lang),
        t("trends_intro", lang),
        body,
        filters=bar,
        downloads=downloads,
    )
