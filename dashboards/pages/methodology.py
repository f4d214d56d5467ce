"""Methodology `/methodology`: how figures become bands, headlines and flags, in both languages.

The content is generated (:mod:`tracker.views.methodology`) from the vocabularies and settings
the engine uses; every row has an anchor (``#rule-echo``, ``#severity-major``,
``#qualifier-approx``) that the "?" links beside cards, bands and flags point to.
"""

from __future__ import annotations

import dash
from dash import Dash, html

from dashboards.components.index_page import title_of
from dashboards.components.pagecache import routed
from dashboards.components.query import parse_query
from dashboards.components.shell import page_shell
from tracker.service.store import Store
from tracker.views.methodology import heading, methodology


def table(built: dict) -> html.Table:
    """A section's table; each row carries the id a "?" link jumps to."""
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(h, scope="col") for h in built["header"]])),
            html.Tbody(
                [
                    html.Tr([html.Td(cell) for cell in row], id=row_id)
                    for row, row_id in zip(built["rows"], built["ids"], strict=True)
                ]
            ),
        ],
        className="table methodology-table",
    )


def section(part: dict) -> html.Section:
    """One section: its title, its paragraphs, its table."""
    return html.Section(
        [
            html.H2(part["title"]),
            *[html.P(p) for p in part["paragraphs"]],
            table(part["table"]) if part["table"] else None,
        ],
        id=part["anchor"],
        className="methodology-section",
    )


def layout(store: Store, **raw: object) -> html.Div:
    """The methodology page in the query's language."""
    query = parse_query(raw, store.vocab)
    content = methodology(store.vocab, query.lang, store.settings)
    contents = html.Nav(
        html.Ul([html.Li(html.A(s["title"], href=f"#{s['anchor']}")) for s in content["sections"]]),
        className="methodology-contents",
    )
    body = [contents, *[section(s) for s in content["sections"]]]
    return page_shell("methodology", query, content["title"], content["intro"], body)


def register(app: Dash, store: Store) -> None:
    """Add the page to the app (it has no callback of its own)."""
    dash.register_page(
        __name__,
        path="/methodology",
        name="Methodology",
        title=title_of("/methodology"),
        heading=lambda lang: heading(store.vocab, lang, store.settings),
        order=6,
        layout=routed("methodology", layout),
    )
