"""Sources `/sources` and Data `/data`."""

from __future__ import annotations

from dash import dcc, html

from dashboards.components.query import href, parse_query, shared
from dashboards.components.shell import download_link, filter_bar, labelled_row, page_shell
from dashboards.i18n import t
from tracker.domain.filters import Filters
from tracker.views.data import catalogue_entries, download_url, parameters_help
from tracker.views.tables import pct, sources_table

SOURCE_COLUMNS = (
    "col_name",
    "col_type",
    "col_reliability",
    "col_n_figures",
    "col_newest",
    "col_share_flagged",
    "col_share_contradicted",
)


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


def sources_layout(**raw) -> html.Div:
    from dashboards.app import get_store

    store = get_store()
    vocab = store.vocab
    query = parse_query(raw, vocab)
    lang = query.lang
    rows = sources_table(store, query.filters, lang)
    keep = shared(query.params)
    numeric = {"col_n_figures", "col_share_flagged", "col_share_contradicted"}
    head = html.Thead(
        html.Tr(
            [
                html.Th(t(k, lang), scope="col", className="num" if k in numeric else None)
                for k in (
                    "col_name",
                    "col_type",
                    "col_reliability",
                    "col_n_figures",
                    "col_newest",
                    "col_share_flagged",
                    "col_share_contradicted",
                )
            ]
        )
    )
    body_rows = []
    for r in rows:
        name = [html.Strong(r["short"]), html.Br(), html.Span(r["name"], className="muted small")]
        if r["url"]:
            name += [
                " ",
                html.A(
                    t("website", lang),
                    href=r["url"],
                    target="_blank",
                    rel="noopener noreferrer",
                    className="small",
                ),
            ]
        figures_link = (
            dcc.Link(r["n_figures_text"], href=href("/figures", {**keep, "source": r["source"]}))
            if r["n_figures"]
            else r["n_figures_text"]
        )
        flagged = (
            dcc.Link(
                pct(r["share_flagged"], lang),
                href=href("/discrepancies", {**keep, "source": r["source"]}),
            )
            if r["n_flagged"]
            else pct(r["share_flagged"], lang)
        )
        body_rows.append(
            labelled_row(
                [
                    html.Td(html.Div(name)),
                    html.Td(r["type"]),
                    html.Td(r["reliability"]),
                    html.Td(figures_link, className="num"),
                    html.Td(r["newest_report"], className="nowrap"),
                    html.Td(flagged, className="num"),
                    html.Td(pct(r["share_contradicted"], lang), className="num"),
                ],
                [t(k, lang) for k in SOURCE_COLUMNS],
                id=f"source-{r['source']}",
            )
        )
    table = html.Div(
        html.Table(
            [head, html.Tbody(body_rows)],
            className="table sources-table stack-on-phone",
            id="sources-table",
        ),
        className="table-wrap",
    )
    return page_shell(
        "sources",
        query,
        t("sources_title", lang),
        t("sources_intro", lang),
        [table],
        filters=filter_bar(vocab, query, "/sources"),
        downloads=[
            download_link(
                t("download_sources", lang),
                download_url("/download/sources.csv", Filters(), lang),
                "sources",
            )
        ],
    )


def _base_url() -> str:
    """The address the browser used, so that copied URLs work from anywhere."""
    try:
        import flask

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


def data_layout(**raw) -> html.Div:
    from dashboards.app import get_store

    store = get_store()
    vocab = store.vocab
    query = parse_query(raw, vocab)
    lang = query.lang
    entries = catalogue_entries(query.filters, lang, _base_url(), vocab)
    items = []
    for i, e in enumerate(entries):
        name = e["path"].rsplit("/", 1)[-1].replace(".", "-")
        columns = None
        if e["columns"]:
            columns = html.Details(
                [
                    html.Summary(t("columns", lang, n=len(e["columns"]))),
                    reference_table(
                        [t("column", lang), t("column_type", lang), t("column_meaning", lang)],
                        [[html.Code(c["name"]), c["type"], c["description"]] for c in e["columns"]],
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
    params = parameters_help(lang)
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
        params_box,
        html.Section(html.P(t("data_safety", lang)), className="notes-box"),
    ]
    return page_shell(
        "data",
        query,
        t("data_title", lang),
        t("data_intro", lang),
        body,
        filters=filter_bar(vocab, query, "/data"),
    )


__all__ = ["data_layout", "download_link", "download_url", "sources_layout"]
