"""The Dash application: pages for NGO staff, Flask download routes for data desks.

``create_app(store)`` builds the app around a :class:`tracker.service.store.Store`: the
pages (one module each under ``dashboards/pages/``, with their callbacks), the callbacks
they share and the download routes all read that store; the app keeps no other state. The
public app is read-only: no page, callback or download route writes; only the analyst
workspace under /workspace (``dashboards/workspace/``, login required) does.
Production: `gunicorn 'dashboards.wsgi:server'` with TRACKER_DB pointing at PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from dash import Dash

from dashboards.components import callbacks, serving
from dashboards.components.callguard import install_callguard
from dashboards.components.headers import install_headers
from dashboards.components.index_page import TrackerDash
from dashboards.components.limits import install_limits
from dashboards.components.not_found import install_not_found
from dashboards.components.pagecache import attach
from dashboards.downloads import register_downloads
from dashboards.layout import build_layout
from dashboards.pages import (
    data,
    discrepancies,
    figures,
    map,
    methodology,
    overview,
    sources,
    trends,
)
from dashboards.workspace import register_workspace
from tracker.service.store import Store

HERE = Path(__file__).resolve().parent
#: The pages in the order of the navigation (each registers its layout and callbacks).
PAGES = (overview, trends, discrepancies, figures, sources, data, map, methodology)


def create_app(store: Store, public: Store | None = None) -> Dash:
    """The dashboard and its download routes, reading from ``public`` (a read-only database
    role, README "The public app's database role"), else from ``store``; the workspace alone
    writes, to ``store``."""
    reader = public or store
    app = TrackerDash(
        __name__,
        use_pages=True,
        pages_folder="",
        assets_folder=str(HERE / "assets"),
        assets_path_ignore=["vendor"],
        title="Tracker",
        suppress_callback_exceptions=True,
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    install_limits(app.server)  # first: a body too large is refused before anything reads it
    attach(app.server, reader)
    for page in PAGES:
        page.register(app, reader)
    register_downloads(app.server, reader)
    register_workspace(app.server, store)  # /workspace: login required, the only writer
    install_not_found(app.server)
    serving.install(app)
    callbacks.register(app, reader)
    install_callguard(app)
    install_headers(app)
    app.layout = build_layout
    return app


def serve(store: Store, host: str = "127.0.0.1", port: int = 8050, debug: bool = False) -> None:
    """Serve the dashboard (embedded use; production runs gunicorn on dashboards.wsgi)."""
    app = create_app(store)
    print(f"Tracker dashboard on http://{host}:{port}/  (downloads under /download/)")
    app.run(host=host, port=port, debug=debug)


__all__ = ["create_app", "serve"]
