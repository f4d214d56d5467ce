"""The app gets its store injected: each app's pages, callbacks and routes read its own."""

from __future__ import annotations

import dash
from dash import html

from dashboards.app import create_app
from tests.dashboards.test_pages import text, walk
from tracker.service.store import Store


def test_each_app_reads_its_own_store(_session_app, sqlite_store: Store) -> None:
    """Dash's page registry is one per process: the layout it calls reads the store of the
    app serving the request, so a second app (an empty store here) changes nothing for the
    first."""
    other = create_app(sqlite_store)
    overview = dash.page_registry["dashboards.pages.overview"]["layout"]
    with _session_app.server.test_request_context("/?location=SY12"):
        page = overview(location="SY12")
        assert [c for c in walk(page) if getattr(c, "id", None) == "card-killed"]
    with other.server.test_request_context("/"):
        empty = overview()
        assert "No figures match" in text(empty)
        assert not [c for c in walk(empty) if isinstance(c, html.Article)]
    with _session_app.server.test_request_context("/"):
        assert [c for c in walk(overview()) if isinstance(c, html.Article)]


def test_the_download_routes_read_the_apps_store(_session_app, sqlite_store: Store) -> None:
    other = create_app(sqlite_store).server.test_client()
    mine = _session_app.server.test_client()
    assert b"R046" in mine.get("/download/figures.csv").data
    assert other.get("/download/figures.csv").data.count(b"\n") == 1  # the header alone
