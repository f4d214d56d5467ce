"""WSGI entry point for production: `gunicorn -w 4 -b 0.0.0.0:8050 dashboards.wsgi:server`.

Each worker is stateless and reads TRACKER_DB (a PostgreSQL URL for a team); the public
pages and downloads read TRACKER_PUBLIC_DB when it is set (a read-only role's URL).
"""

import os

from dashboards.app import create_app
from tracker.service.store import Store

_public = os.environ.get("TRACKER_PUBLIC_DB")
app = create_app(Store(), Store(_public) if _public else None)
server = app.server
