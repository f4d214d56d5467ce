"""No public route or Dash callback writes: the public app runs here on a store whose every
SQLite connection is read-only (``PRAGMA query_only``), over real HTTP; any write would fail
with "attempt to write a readonly database", and is looked for in every answer's errors."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest
import requests
from flask import got_request_exception
from sqlalchemy import event

from tracker.domain.roles import Actor, Role
from tracker.service.store import Store

PAGES = ["/", "/trends", "/discrepancies", "/figures", "/sources", "/data", "/methodology"]
DOWNLOADS = ["figures.csv", "series.csv", "flags.csv", "sources.csv", "datapackage.json"]


def _query_only(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA query_only = ON")
    cursor.close()


@pytest.fixture(scope="module")
def readonly(dash_url: str) -> Iterator[tuple[str, Store, list[BaseException]]]:
    from werkzeug.serving import make_server

    from dashboards.app import create_app

    store = Store(dash_url)
    event.listen(store.engine, "connect", _query_only)
    app = create_app(store)
    errors: list[BaseException] = []
    got_request_exception.connect(lambda _s, exception, **_: errors.append(exception), app.server)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", store, errors
    server.shutdown()
    thread.join(timeout=5)
    store.close()


def _value(spec: dict) -> object:
    """A plain value for an input: a list for a wildcard id (ALL), None otherwise."""
    return [] if "ALL" in str(spec.get("id")) else None


def _callback_requests(base: str) -> Iterator[dict]:
    """Each callback of the app with plain inputs, as the browser would send it."""
    dependencies = requests.get(f"{base}/_dash-dependencies").json()
    for callback in dependencies:
        yield {
            "output": callback["output"],
            "outputs": [],
            "inputs": [{**i, "value": _value(i)} for i in callback["inputs"]],
            "state": [{**s, "value": _value(s)} for s in callback["state"]],
            "changedPropIds": [],
        }


def test_no_public_route_or_callback_writes(readonly) -> None:
    base, store, errors = readonly
    version = store.data_version()
    for path in PAGES:
        for lang in ("", "?lang=ar"):
            assert requests.get(base + path + lang).status_code in (200, 404), path
    for name in DOWNLOADS:
        assert requests.get(f"{base}/download/{name}").status_code == 200, name
    assert requests.get(f"{base}/healthz").status_code == 200
    called = 0
    for body in _callback_requests(base):
        requests.post(
            f"{base}/_dash-update-component",
            data=json.dumps(body),
            headers={"Content-Type": "application/json"},
        )
        called += 1
    assert called >= 5
    writes = [e for e in errors if "readonly" in str(e).lower() or "read-only" in str(e).lower()]
    assert writes == []
    assert store.data_version() == version
    flag = str(store.flags()["flag_id"].iloc[0])  # the guard works: a write would have failed
    with pytest.raises(Exception, match="readonly"):
        store.explain_flag(flag, "a write", actor=Actor("x", Role.ADMIN))
