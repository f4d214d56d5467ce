"""The Dash application: pages for NGO staff, Flask download routes for data desks.

`create_app(store)` builds the app around a :class:`tracker.service.store.Store`; the
pages and routes only call the library. The app is read-only: no callback writes.
Production: `gunicorn 'dashboards.wsgi:server'` with TRACKER_DB pointing at PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import dash
from dash import Dash

from tracker.service.store import Store

_STORE: Store | None = None


def get_store() -> Store:
    """The store the running app reads from (set by create_app)."""
    if _STORE is None:
        raise RuntimeError("the dashboard has no store: call create_app(store) first")
    return _STORE


def create_app(store: Store) -> Dash:
    """The dashboard and its download routes, reading from ``store``."""
    global _STORE
    _STORE = store
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(Path(__file__).resolve().parent / "pages"),
        assets_folder=str(Path(__file__).resolve().parent / "assets"),
        assets_path_ignore=["vendor"],
        title="Tracker",
        suppress_callback_exceptions=True,
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    from dashboards.components import serving
    from dashboards.components.callbacks import register_callbacks
    from dashboards.downloads import register_downloads
    from dashboards.layout import build_layout

    register_downloads(app.server, store)
    serving.install(app)
    register_callbacks(app)
    app.layout = build_layout
    return app


def serve(store: Store, host: str = "127.0.0.1", port: int = 8050, debug: bool = False) -> None:
    """Serve the dashboard (embedded use; production runs gunicorn on dashboards.wsgi)."""
    app = create_app(store)
    print(f"Tracker dashboard on http://{host}:{port}/  (downloads under /download/)")
    app.run(host=host, port=port, debug=debug)


__all__ = ["create_app", "dash", "get_store", "serve"]
