"""The dashboard as a benchmark server: ``python -m bench.serve DB_URL PORT``.

The same app ``tracker serve`` runs (``dashboards.app.create_app``), on a plain threaded
WSGI server bound to the loopback address; prints ``ready`` once it listens.
"""

from __future__ import annotations

import sys

from werkzeug.serving import make_server

from dashboards.app import create_app
from tracker.service.store import Store


def main(url: str, port: int) -> None:
    app = create_app(Store(url))
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
