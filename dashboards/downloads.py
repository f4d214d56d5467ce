"""The download routes data desks fetch (DESIGN.md §4), served by the dashboard's process.

``/download/<file>`` streams a CSV (or datapackage.json) through the same code path as
``tracker export``: the same options give the same bytes. Every answer carries an ETag
and a Last-Modified header taken from a cheap data-version query (before any row is
read), so a scheduled re-fetch with If-None-Match or If-Modified-Since costs a 304.
A CSV is rendered once per data version and then served from a file
(:mod:`tracker.publish.cache`). Whatever is rendered from the database takes a render slot
first (:mod:`tracker.publish.gate`), so downloads cannot starve the pages: a download waits
in line for one, and is answered 503 with Retry-After when none comes. A bad parameter
answers 400 in plain text, one line naming the parameter and the closest valid value (with
``lang=ar``, the line in Arabic and then in English: the words are
``data/dashboard/words.csv``'s ``problem_*``); a
download that fails part-way resets the connection (:mod:`dashboards.abort`);
``/healthz`` answers JSON, 503 when the database cannot be reached.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import IO

from flask import Blueprint, Flask, Response, request

from dashboards.abort import cut_on_error
from dashboards.i18n import say_problem
from tracker.domain.filters import FilterError
from tracker.domain.vocabularies import closest
from tracker.publish import (
    DATAPACKAGE,
    DataVersion,
    DownloadOptions,
    data_version,
    etag,
    known_names,
    parse_options,
)
from tracker.publish.archive import zip_pieces
from tracker.publish.asof import data_as_of
from tracker.publish.cache import cache_folder, cached_download
from tracker.publish.files import ZIP
from tracker.publish.gate import Busy, Slot, gate_for
from tracker.publish.naming import attachment_name
from tracker.publish.stream import XLSX_SUFFIX, refused_selectors
from tracker.publish.xlsx import XLSX_TYPE, SheetTooLong, write_xlsx
from tracker.service.store import Store, StoreUnavailable
from tracker.views.format import lang_of

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
ZIP_TYPE = "application/zip"


def plain(status: int, message: str) -> Response:
    """A plain-text answer (errors)."""
    response = Response(message + "\n", status=status, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


def asked_lang() -> str:
    """The language the download was asked in (``lang=ar``), read even when the other
    parameters are refused, so the refusal can be said in it."""
    return lang_of(request.args.get("lang", ""))


def refuse(status: int, problem: str, details: Mapping[str, str] | None = None) -> Response:
    """A refusal in plain text: in English, or with ``lang=ar`` in Arabic and then in
    English (a data desk's script and its author may read either)."""
    english = say_problem(problem, details or {})
    lang = asked_lang()
    if lang == "en":
        return plain(status, english)
    return plain(status, say_problem(problem, details or {}, lang) + "\n" + english)


def refused(status: int, error: Exception) -> Response:
    """:func:`refuse` for an exception that names its problem (FilterError, Busy, …)."""
    problem = getattr(error, "problem", "")
    if not problem:
        return plain(status, str(error))
    return refuse(status, problem, getattr(error, "details", {}))


def unreachable() -> Response:
    return refuse(503, "unreachable")


def busy(exc: Busy) -> Response:
    """503 with Retry-After: every render slot stayed taken (:mod:`tracker.publish.gate`)."""
    response = refused(503, exc)
    response.headers["Retry-After"] = str(exc.retry_after)
    return response


def render_slot(store: Store) -> Slot:
    """A render slot for a download that is never kept (workbooks, the zip); may raise Busy."""
    return gate_for(store.url, cache_folder(store.url)).take()


def not_found(name: str) -> Response:
    names = known_names()
    guess = closest(name, names)
    details = {"value": repr(name), "files": ", ".join(names)}
    if guess:
        details["guess"] = repr(guess)
    return refuse(404, "no_download", details)


def not_modified(tag: str, last_modified: datetime | None) -> bool:
    """If-None-Match wins when sent (RFC 9110 §13.2.2); else If-Modified-Since."""
    if request.if_none_match:
        return request.if_none_match.contains_weak(tag)
    since = request.if_modified_since
    return bool(since and last_modified and last_modified <= since)


def file_headers(
    response: Response, name: str, tag: str, version: DataVersion, saved_as: str
) -> Response:
    """Validators and caching: clients may keep the file but must revalidate each time;
    the file is saved under ``saved_as``, a name that says what was filtered."""
    response.set_etag(tag)
    if version.last_modified is not None:
        response.last_modified = version.last_modified
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    if name != DATAPACKAGE:
        response.headers["Content-Disposition"] = f'attachment; filename="{saved_as}"'
    return response


def download(store: Store, name: str) -> Response:
    """One download: check the options, answer 304 when unchanged, else stream the file."""
    if name not in known_names():
        return not_found(name)
    since = time.time()
    try:
        with store.reachable():
            options = parse_options(request.args.to_dict(flat=False), store.vocab)
            version = data_version(store)
    except FilterError as exc:
        return refused(400, exc)
    except StoreUnavailable:
        return unreachable()
    refusal = refused_selectors(name, options)
    if refusal:
        return refused(400, refusal)
    tag = etag(version, name, options.query_string())
    saved_as = attachment_name(name, options)
    if not_modified(tag, version.last_modified):
        return file_headers(Response(status=304), name, tag, version, saved_as)
    try:
        if name.endswith("." + XLSX_SUFFIX):
            return workbook(store, name, options, (tag, version, saved_as))
        pieces = (
            render_slot(store).hold(zip_pieces(store, options))
            if name == ZIP
            else cached_download(store, name, options, version, since)
        )
    except Busy as exc:
        return busy(exc)
    body = cut_on_error(pieces, request.environ, name)
    mimetype = {DATAPACKAGE: JSON_TYPE, ZIP: ZIP_TYPE}.get(name, CSV_TYPE)
    response = Response(body, content_type=mimetype, direct_passthrough=True)
    return file_headers(response, name, tag, version, saved_as)


def workbook(
    store: Store, name: str, options: DownloadOptions, headers: tuple[str, DataVersion, str]
) -> Response:
    """A table as XLSX: written whole to a temporary file first (a workbook is a zip whose
    directory comes last), so a selection too long for one sheet answers 400 before any
    byte is sent; then sent a megabyte at a time."""
    slot = render_slot(store)
    out = tempfile.TemporaryFile()  # noqa: SIM115 -- the response closes it once sent
    try:
        with store.reachable():
            write_xlsx(store, name, options, request.url, data_as_of(store), out)
    except BaseException as exc:
        slot.release()
        out.close()
        if isinstance(exc, SheetTooLong):
            return refused(400, exc)
        if isinstance(exc, StoreUnavailable):
            return unreachable()
        raise
    slot.release()
    out.seek(0)
    response = Response(_blocks(out), content_type=XLSX_TYPE, direct_passthrough=True)
    return file_headers(response, name, *headers)


def _blocks(handle: IO[bytes]) -> Iterator[bytes]:
    with handle:
        while block := handle.read(1 << 20):
            yield block


def health(store: Store) -> tuple[dict, int, dict]:
    """Liveness and database reachability (JSON; 503 when the database cannot serve)."""
    headers = {"Cache-Control": "no-store"}
    try:
        with store.reachable():
            version = store.schema_version()
    except StoreUnavailable as exc:
        cause = exc.__cause__ or exc
        body = {"status": "error", "database": "unreachable", "error": type(cause).__name__}
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
