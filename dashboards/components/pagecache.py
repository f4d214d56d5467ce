"""Rendered pages, kept while the data they show are unchanged.

A page is a function of its address (the query parameters), of the address the browser
used (copyable URLs name it) and of the stored data. Its component tree is kept per web
worker under those, with the data version of :mod:`tracker.service.pagecache`, so a page asked
for again is not rebuilt: any import, revision, recomputation or note changes the version.
Few pages are kept (trees of long pages are large); the views' answers below them are
kept apart and longer.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from dash.development.base_component import Component

from dashboards.components.query import _flat
from tracker.service.pagecache import Memo, register

MAX_PAGES = 64

_pages = register(Memo(MAX_PAGES))


def _host() -> str:
    try:
        import flask

        return flask.request.host_url
    except Exception:  # outside a request (unit tests)
        return ""


def cached_page(name: str, layout: Callable[..., Component]) -> Callable[..., Component]:
    """``layout(**query)`` whose rendered tree is reused for the same address and data."""

    @functools.wraps(layout)
    def page(**raw) -> Component:
        from dashboards.app import get_store

        params = tuple(sorted((str(k), _flat(v)) for k, v in raw.items()))
        return _pages.get(get_store(), (name, _host(), params), lambda: layout(**raw))

    page.uncached = layout  # type: ignore[attr-defined]
    return page


__all__ = ["cached_page"]
