"""WSGI entry point for production: `gunicorn -w 4 -b 0.0.0.0:8050 dashboards.wsgi:server`.

Each worker is stateless and reads TRACKER_DB (a PostgreSQL URL for a team).
"""

from dashboards.app import create_app
from tracker.service.store import Store

app = create_app(Store())
server = app.server
