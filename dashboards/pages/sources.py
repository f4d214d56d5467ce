"""Sources `/sources`: the registry, each source with its figures in scope, newest report and
its share of figures in flags (and in contradictions)."""

from __future__ import annotations

import dash
from dash import Dash, dcc, html

from dashboards.components.index_page import heading_of, title_of
from dashboards.components.pagecache import routed
from dashboards.components.query import href, parse_query, shared
from dashboards.components.shell import filter_bar, labelled_row, page_shell, table_downloads
from dashboards.i18n import t
from tracker.domain.filters import Filters
from tracker.service.pagecache import cached_view
from tracker.service.pages.sources import load_source_stats
from tracker.service.store import Store
from tracker.views.data import download_url
from tracker.views.tables import pct, sources_table

#: The words key of the page's heading (its ``<h1>`` and the browser tab's title).
HEADING = "sources_title"


@cached_view("sources_table")
def sources_of(store: Store, filters: Filters, lang: str) -> list[dict]:
    """The registry's rows with their counts in scope."""
    return sources_table(load_source_stats(store, filters), filters, store.vocab, lang)


SOURCE_COLUMNS = (
    "col_name",
    "col_type",
    "col_reliability",
    "col_n_figures",
    "col_newest",
    "col_share_flagged",
    "col_share_contradicted",
)


def layout(store: Store, **raw: object) -> html.Div:
    """The sources page for the query parameters ``raw``."""
    vocab = store.vocab
    query = parse_query(raw, vocab)
    lang = query.lang
    rows = sources_of(store, query.filters, lang)
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
        t(HEADING, lang),
        t("sources_intro", lang),
        [table],
        filters=filter_bar(vocab, query, "/sources"),
        downloads=[
            *table_downloads(
                t("download_sources", lang),
                download_url("/download/sources.csv", Filters(), lang),
                lang,
                "sources",
            )
        ],
    )


def register(app: Dash, store: Store) -> None:
    """Add the page to the app (it has no callback of its own)."""
    dash.register_page(
        __name__,
        path="/sources",
        name="Sources",
        title=title_of("/sources"),
        heading=heading_of(HEADING),
        order=4,
        layout=routed("sources", layout),
    )
