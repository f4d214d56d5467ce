"""Data `/data`: every download with its address for the current view (copyable), its
columns, examples and citation, and the query parameters the downloads accept."""

from __future__ import annotations

import dash
import flask
from dash import Dash, dcc, html

from dashboards.components.index_page import heading_of, title_of
from dashboards.components.pagecache import routed
from dashboards.components.query import parse_query
from dashboards.components.shell import filter_bar, page_shell
from dashboards.i18n import column_descriptions, t
from tracker.domain.filters import Filters
from tracker.publish import PARAMETERS, catalogue
from tracker.publish.terms import terms_in_scope
from tracker.service.store import Store
from tracker.views.data import catalogue_entries, parameters_help, spreadsheet_url
from tracker.views.format import fmt_count

#: The words key of the page's heading (its ``<h1>`` and the browser tab's title).
HEADING = "data_title"


def reference_table(headers: list[str], rows: list[list]) -> html.Div:
    """A plain table of reference text (columns of a download, URL parameters), scrollable."""
    return html.Div(
        html.Table(
            [
                html.Thead(html.Tr([html.Th(h) for h in headers])),
                html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows]),
            ],
            className="table",
        ),
        className="table-wrap",
    )


def _base_url() -> str:
    """The address the browser used, so that copied URLs work from anywhere."""
    try:
        return flask.request.host_url.rstrip("/")
    except Exception:  # outside a request (unit tests)
        return ""


def _copyable(text: str, element_id: str, label_text: str) -> html.Div:
    return html.Div(
        [
            html.Code(text, id=element_id, className="url", dir="ltr"),
            dcc.Clipboard(
                target_id=element_id,
                title=t("copy", "en"),
                className="copy",
                id=f"copy-{element_id}",
            ),
        ],
        className="url-row",
        role="group",
        **{"aria-label": label_text},
    )


def terms_box(store: Store, filters: Filters, lang: str) -> html.Section | None:
    """The terms of restricted sources (ACLED) whose figures these downloads republish."""
    terms = terms_in_scope(store, filters, lang)
    if not terms:
        return None
    return html.Section(
        [
            html.H2(t("source_terms", lang)),
            html.Ul(
                [
                    html.Li([html.Strong(f"{x.name}: "), x.terms, " ", html.A(x.url, href=x.url)])
                    for x in terms
                ]
            ),
        ],
        className="notes-box source-terms",
        id="source-terms",
    )


def layout(store: Store, **raw: object) -> html.Div:
    """The data page for the query parameters ``raw``."""
    vocab = store.vocab
    query = parse_query(raw, vocab)
    lang = query.lang
    base = _base_url()
    entries = catalogue_entries(
        query.filters, lang, catalogue(vocab, base_url=base), base, column_descriptions()
    )
    items = []
    for i, e in enumerate(entries):
        name = e["path"].rsplit("/", 1)[-1].replace(".", "-")
        columns = None
        if e["columns"]:
            columns = html.Details(
                [
                    html.Summary(t("columns", lang, n=fmt_count(len(e["columns"]), lang))),
                    reference_table(
                        [t("column", lang), t("column_type", lang), t("column_meaning", lang)],
                        [
                            [html.Code(c["name"]), t(f"type_{c['type']}", lang), c["description"]]
                            for c in e["columns"]
                        ],
                    ),
                ],
                className="columns",
            )
        examples = None
        if e["examples"]:
            examples = html.Details(
                [
                    html.Summary(t("examples", lang)),
                    *[
                        _copyable(x, f"example-{i}-{j}", t("address_of", lang, name=e["title"]))
                        for j, x in enumerate(e["examples"][:4])
                    ],
                ],
                className="examples",
            )
        items.append(
            html.Article(
                [
                    html.H2(e["title"]),
                    html.P(e["description"]),
                    _copyable(
                        e["url"], f"download-url-{i}", t("address_of", lang, name=e["title"])
                    ),
                    html.P(
                        [
                            html.A(
                                t("download", lang),
                                href=e["url"],
                                className="download-link",
                                download="",
                            ),
                            *(
                                [
                                    " ",
                                    html.A(
                                        t("with_hxl", lang),
                                        href=e["example_hxl"],
                                        download="",
                                        className="small",
                                    ),
                                ]
                                if e["example_hxl"]
                                else []
                            ),
                            *(
                                [
                                    " ",
                                    html.A(
                                        t("download_xlsx", lang),
                                        href=spreadsheet_url(e["url"]),
                                        download="",
                                        className="small download-xlsx",
                                    ),
                                ]
                                if e["path"].endswith(".csv")
                                else []
                            ),
                        ],
                        className="download-actions",
                    ),
                    examples,
                    columns,
                    html.P(
                        [html.Strong(t("cite_as", lang) + " "), e["citation"]],
                        className="citation small",
                    )
                    if e["citation"]
                    else None,
                ],
                className="card download-card",
                id=f"download-{name}",
            )
        )
    params = parameters_help(lang, PARAMETERS)
    params_box = (
        html.Section(
            [
                html.H2(t("parameters", lang)),
                reference_table(
                    [t("column", lang), t("column_meaning", lang), t("example", lang)],
                    [
                        [html.Code(p["name"]), p["description"], html.Code(p["example"])]
                        for p in params
                    ],
                ),
            ],
            className="notes-box",
        )
        if params
        else html.Section(html.P(t("data_params", lang)), className="notes-box")
    )
    body = [
        html.Div(items, className="cards downloads-list"),
        terms_box(store, query.filters, lang),
        params_box,
        html.Section(html.P(t("data_safety", lang)), className="notes-box"),
    ]
    return page_shell(
        "data",
        query,
        t(HEADING, lang),
        t("data_intro", lang),
        body,
        filters=filter_bar(vocab, query, "/data"),
    )


def register(app: Dash, store: Store) -> None:
    """Add the page to the app (it has no callback of its own)."""
    dash.register_page(
        __name__,
        path="/data",
        name="Data",
        title=title_of("/data"),
        heading=heading_of(HEADING),
        order=5,
        layout=routed("data", layout),
    )
