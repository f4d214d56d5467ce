"""The download routes data desks fetch (DESIGN.md §4), served by the dashboard's process.

``/download/<file>`` streams a CSV (or datapackage.json) through the same code path as
``tracker export``: the same options give the same bytes. Every answer carries an ETag
and a Last-Modified header taken from a cheap data-version query (before any row is
read), so a scheduled re-fetch with If-None-Match or If-Modified-Since costs a 304.
An unfiltered CSV is rendered once per data version and then served from a file
(:mod:`tracker.publish.cache`); filtered ones stream from the database. A bad parameter
answers 400 in plain text, one line naming the parameter and the closest valid value; a
download that fails part-way resets the connection (:mod:`dashboards.abort`);
``/healthz`` answers JSON, 503 when the database cannot be reached.
"""

from __future__ import annotations

import time
from datetime import datetime

from flask import Blueprint, Flask, Response, request
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from dashboards.abort import cut_on_error
from tracker.domain.filters import FilterError
from tracker.domain.vocabularies import closest
from tracker.publish import (
    DATAPACKAGE,
    DataVersion,
    data_version,
    etag,
    known_names,
    parse_options,
)
from tracker.publish.cache import cached_download
from tracker.service.store import Store
from tracker.storage.database import schema_version

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
UNREACHABLE = "the database cannot be reached just now; try again in a minute"


def plain(status: int, message: str) -> Response:
    """A one-line plain-text answer (errors)."""
    response = Response(message + "\n", status=status, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


def not_found(name: str) -> Response:
    names = known_names()
    guess = closest(name, names)
    hint = f"; did you mean {guess!r}?" if guess else ""
    return plain(404, f"no download {name!r}{hint} (files: {', '.join(names)})")


def not_modified(tag: str, last_modified: datetime | None) -> bool:
    """If-None-Match wins when sent (RFC 9110 §13.2.2); else If-Modified-Since."""
    if request.if_none_match:
        return request.if_none_match.contains_weak(tag)
    since = request.if_modified_since
    return bool(since and last_modified and last_modified <= since)


def file_headers(response: Response, name: str, tag: str, version: DataVersion) -> Response:
    """Validators and caching: clients may keep the file but must revalidate each time."""
    response.set_etag(tag)
    if version.last_modified is not None:
        response.last_modified = version.last_modified
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    if name != DATAPACKAGE:
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def download(store: Store, name: str) -> Response:
    """One download: check the options, answer 304 when unchanged, else stream the file."""
    if name not in known_names():
        return not_found(name)
    since = time.time()
    try:
        options = parse_options(request.args.to_dict(flat=False), store.vocab)
        with store.engine.connect() as conn:
            version = data_version(conn, store.vocab)
    except FilterError as exc:
        return plain(400, str(exc))
    except SQLAlchemyError:
        return plain(503, UNREACHABLE)
    tag = etag(version, name, options.query_string())
    if not_modified(tag, version.last_modified):
        return file_headers(Response(status=304), name, tag, version)
    body = cut_on_error(
        cached_download(store, name, options, version, since), request.environ, name
    )
    mimetype = JSON_TYPE if name == DATAPACKAGE else CSV_TYPE
    response = Response(body, content_type=mimetype, direct_passthrough=True)
    return file_headers(response, name, tag, version)


def health(store: Store) -> tuple[dict, int, dict]:
    """Liveness and database reachability (JSON; 503 when the database cannot serve)."""
    headers = {"Cache-Control": "no-store"}
    try:
        with store.engine.connect() as conn:
            conn.execute(select(1))
            version = schema_version(conn)
    except SQLAlchemyError as exc:
        body = {"status": "error", "database": "unreachable", "error": type(exc).__name__}
        return body, 503, headers
    if version == 0:
        body = {"status": "error", "database": "no schema: run `tracker init`"}
        return body, 503, headers
    return {"status": "ok", "database": "ok", "schema_version": version}, 200, headers


def register_downloads(server: Flask, store: Store) -> None:
    """Add /download/<file> and /healthz to the dashboard's Flask server."""
    routes = Blueprint("tracker_downloads", __name__)
    routes.add_url_rule(
        "/download/<name>", "download", lambda name: download(store, name), methods=["GET"]
    )
    routes.add_url_rule("/healthz", "healthz", lambda: health(store), methods=["GET"])
    server.register_blueprint(routes)
