"""WSGI entry point for production: `gunicorn -w 4 -b 0.0.0.0:8050 dashboards.wsgi:server`.

Each worker is stateless and reads TRACKER_DB (a PostgreSQL URL for a team); the public
pages and downloads read TRACKER_PUBLIC_DB when it is set (a read-only role's URL).
"""

import gc
import os

from dashboards.app import create_app
from tracker.service.store import Store

_public = os.environ.get("TRACKER_PUBLIC_DB")
app = create_app(Store(), Store(_public) if _public else None)
server = app.server

# What was built so far (the libraries' modules, the app, its pages and callbacks) lives as
# long as the worker: frozen out of the collector's full passes, which otherwise walked all
# of it again, ~200 ms at a time in the middle of a request, every few hundred requests.
gc.freeze()
