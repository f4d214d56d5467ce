"""The real app on a loopback port, and the workspace's CSRF token: shared by the tests that
talk to the app over HTTP or drive it in a browser."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import requests

from tracker.service.store import Store


@contextmanager
def served(store: Store, public: Store | None = None) -> Iterator[str]:
    """The app built on ``store`` (public pages on ``public`` if given), served on a free
    loopback port; yields its base address."""
    from werkzeug.serving import make_server

    from dashboards.app import create_app

    server = make_server("127.0.0.1", 0, create_app(store, public).server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def token(page: requests.Response) -> str:
    """The CSRF token a workspace form carries."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def logged_in(base: str, name: str, password: str) -> requests.Session:
    """A session logged in to the workspace as ``name`` (the login answers with a redirect)."""
    session = requests.Session()
    form = session.get(f"{base}/workspace/login")
    answer = session.post(
        f"{base}/workspace/login",
        data={"name": name, "password": password, "csrf_token": token(form)},
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:300]
    return session
