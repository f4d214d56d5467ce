"""The dashboard's callbacks: plain functions, registered by :func:`register_callbacks`.

All of them read; none writes. Pages themselves are functions of their address (see
:mod:`dashboards.components.query`), so the callbacks only

* turn the filter controls into a new address (``controls_to_search``), which re-renders
  the page through Dash's page router;
* offer places matching what a person types in the area control (``place_search``);
* show the details of a clicked claim on a trend (``claim_details``).
"""

from __future__ import annotations

from dash import ALL, Input, Output, State, dcc, html, no_update

from dashboards.components.query import build_search, href, parse_search
from dashboards.components.shell import DATES_ID, place_options
from dashboards.components.trends import DETAILS_ID, GRAPH_ID
from dashboards.i18n import t
from tracker.domain.filters import FILTER_NAMES
from tracker.storage import pages as q
from tracker.views.format import label, lang_of
from tracker.views.tables import figure_row

LOCATION = "_pages_location"
RESET_ON_CHANGE = ("page", "flag", "figure")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value if v not in (None, ""))
    return str(value)


def controls_to_search(values, checks, starts, ends, ids, check_ids, search):
    """The address the filter controls ask for, or no_update when it is the current one.

    ``values``/``ids``: the controls whose value is a query parameter; ``checks``/
    ``check_ids``: checkboxes (``daily``: on by default, so only ``daily=0`` is written);
    ``starts``/``ends``: the date range. Changing anything leaves the page, the figure and
    the flag being followed, which belonged to the previous view.
    """
    current = parse_search(search)
    params = dict(current)
    for control_id, value in zip(ids or [], values or [], strict=False):
        params[control_id["name"]] = _text(value)
    for control_id, value in zip(check_ids or [], checks or [], strict=False):
        on = bool(value) and "1" in value
        params[control_id["name"]] = "" if on else "0"
    if starts:
        params["from"] = _text(starts[0])[:10]
    if ends:
        params["to"] = _text(ends[0])[:10]
    params = {k: v for k, v in params.items() if v}
    if {k: v for k, v in params.items()} == {k: v for k, v in current.items() if v}:
        return no_update
    changed = {k for k in set(params) | set(current) if params.get(k) != current.get(k)}
    if changed - set(RESET_ON_CHANGE):
        for name in RESET_ON_CHANGE:
            if name not in changed:
                params.pop(name, None)
    return build_search(params)


def place_search(search_value, value, search):
    """Options for the area control: places whose name or P-code contains what was typed."""
    if not search_value:
        return no_update
    from dashboards.app import get_store

    vocab = get_store().vocab
    lang = lang_of(parse_search(search).get("lang"))
    selected = [value] if isinstance(value, str) and value else []
    return place_options(vocab, lang, selected, typed=str(search_value))


def claim_details(click_data, search):
    """The clicked claim in words, with its publication link and a link to its history."""
    if not click_data or not click_data.get("points"):
        return no_update
    point = click_data["points"][0]
    figure_id = point.get("customdata")
    if isinstance(figure_id, list):
        figure_id = figure_id[0] if figure_id else None
    if not figure_id:
        return no_update
    from dashboards.app import get_store

    store = get_store()
    vocab = store.vocab
    lang = lang_of(parse_search(search).get("lang"))
    with store.engine.connect() as conn:
        frame = q.figures_by_ids(conn, [str(figure_id)])
        flags = q.flags_of_figures(conn, [str(figure_id)])
    if frame.empty:
        return html.P(t("no_history", lang, id=str(figure_id)), className="notice")
    row = figure_row(frame.iloc[0], vocab, lang)
    sentences = [
        html.Li(
            [
                html.Span(
                    label(vocab.extra["severities"], f["severity"], lang),
                    className=f"badge severity-{f['severity']}",
                ),
                " ",
                str(f.get(f"sentence_{lang}") or f.get("sentence_en") or ""),
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
            html.H3(f"{t('claim_details', lang)} {row['figure_id']}: {row['source_full']}"),
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


def register_callbacks(app) -> None:
    """Register the dashboard's (read-only) callbacks on ``app``."""
    app.callback(
        Output(LOCATION, "search"),
        Input({"type": "qp", "name": ALL}, "value"),
        Input({"type": "qpcheck", "name": ALL}, "value"),
        Input({"type": DATES_ID["type"], "name": ALL}, "start_date"),
        Input({"type": DATES_ID["type"], "name": ALL}, "end_date"),
        State({"type": "qp", "name": ALL}, "id"),
        State({"type": "qpcheck", "name": ALL}, "id"),
        State(LOCATION, "search"),
        prevent_initial_call=True,
    )(controls_to_search)
    app.callback(
        Output({"type": "qp", "name": "location"}, "options"),
        Input({"type": "qp", "name": "location"}, "search_value"),
        State({"type": "qp", "name": "location"}, "value"),
        State(LOCATION, "search"),
        prevent_initial_call=True,
    )(place_search)
    app.callback(
        Output(DETAILS_ID, "children"),
        Input(GRAPH_ID, "clickData"),
        State(LOCATION, "search"),
        prevent_initial_call=True,
    )(claim_details)


__all__ = [
    "FILTER_NAMES",
    "claim_details",
    "controls_to_search",
    "place_search",
    "register_callbacks",
]
