"""Rendered pages, kept while the data they show are unchanged; and the store a page reads.

A page is a function of the store, of its address (the query parameters), of the address
the browser used (copyable URLs name it) and of the stored data. Its component tree is kept
per web worker under those, with the data version of :mod:`tracker.service.pagecache`, so a
page asked for again is not rebuilt: any import, revision, recomputation or note changes the
version. Few pages are kept (trees of long pages are large); the pages' answers below them
are kept apart and longer.

Dash's page registry is one per process while each app has its own store: :func:`attach`
gives an app's Flask server its store (``create_app`` does), and :func:`routed` makes the
layout Dash's page router calls read the store of the app serving the request.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import flask
from dash.development.base_component import Component

from dashboards.components.asof import stamped
from dashboards.components.query import _flat
from tracker.service.pagecache import Memo, register
from tracker.service.store import Store

MAX_PAGES = 64
EXTENSION = "tracker_store"

_pages = register(Memo(MAX_PAGES))

Layout = Callable[..., Component]


def attach(server: flask.Flask, store: Store) -> None:
    """Make ``store`` the one the pages of the app on ``server`` read."""
    server.extensions[EXTENSION] = store


def serving_store() -> Store:
    """The store of the app serving the current request."""
    return flask.current_app.extensions[EXTENSION]


def _host() -> str:
    try:
        return flask.request.host_url
    except Exception:  # outside a request (unit tests)
        return ""


def cached_page(name: str, layout: Layout) -> Layout:
    """``layout(store, **query)`` whose rendered tree is reused for the same address and data."""

    @functools.wraps(layout)
    def page(store: Store, **raw: object) -> Component:
        params = tuple(sorted((str(k), _flat(v)) for k, v in raw.items()))
        lang = "ar" if _flat(raw.get("lang")) == "ar" else "en"
        return _pages.get(
            store, (name, _host(), params), lambda: stamped(layout(store, **raw), store, lang)
        )

    page.uncached = layout  # type: ignore[attr-defined]
    return page


def routed(name: str, layout: Layout) -> Layout:
    """The layout Dash's router calls with the query: the cached page, read from the store of
    the app serving the request."""
    page = cached_page(name, layout)

    def route(**raw: object) -> Component:
        return page(serving_store(), **raw)

    return route


__all__ = ["attach", "cached_page", "routed", "serving_store"]
