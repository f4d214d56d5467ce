"""A WSGI app whose figures.csv fails after its header (for the gunicorn test of #18.2)."""

from dashboards.app import create_app
from tracker.publish import stream
from tracker.service.store import Store


def _boom(columns):  # noqa: ANN001, ANN202
    raise RuntimeError("cannot write this chunk")


stream.csv_rows = _boom
server = create_app(Store()).server
