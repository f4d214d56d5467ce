"""Keeping what a page sends the browser small (the goal: under 2 MB per page).

* The charts need only plotly.js's basic bundle (scatter and bar), about a quarter of the
  full one that Dash would otherwise send: the vendored ``assets/vendor/plotly-basic-*.js``
  (npm ``plotly.js-basic-dist-min``, MIT, the plotly.js version plotly.py bundles) is
  served at the address Dash's graph component loads plotly.js from. If plotly.py moves
  to another plotly.js version, the full bundle is served again until the file is updated.
* Text responses (scripts, styles, layouts, callback answers) are gzip-compressed when
  the browser accepts it; static ones are compressed once and kept. Downloads under
  ``/download/`` are streamed by their own routes and left alone.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import re
from pathlib import Path

from flask import Response, request

VENDOR = Path(__file__).resolve().parents[1] / "assets" / "vendor"
PLOTLY_PATH = "_dash-component-suites/plotly/package_data/plotly.min.js"
COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json|x-javascript))")
MIN_SIZE = 1024
_STATIC_CACHE: dict[tuple[str, str], bytes] = {}

log = logging.getLogger(__name__)


def basic_bundle() -> Path | None:
    """The vendored basic plotly.js bundle when it matches plotly.py's plotly.js version."""
    try:
        from plotly.offline import get_plotlyjs_version

        version = get_plotlyjs_version()
    except Exception:  # pragma: no cover - plotly without the helper
        return None
    path = VENDOR / f"plotly-basic-{version}.min.js"
    if not path.exists():
        log.warning(
            "no plotly.js basic bundle for plotly.js %s in %s: serving the full one",
            version,
            VENDOR,
        )
        return None
    return path


def install(app) -> None:
    """Serve the small plotly.js bundle and compress text responses on ``app.server``."""
    server = app.server
    prefix = app.config.requests_pathname_prefix or "/"
    bundle = basic_bundle()
    if bundle is not None:
        body = bundle.read_bytes()
        packed = gzip.compress(body, 9, mtime=0)
        etag = hashlib.sha1(body).hexdigest()[:16]
        target = prefix + PLOTLY_PATH

        @server.before_request
        def _plotly_basic():
            if request.path != target:
                return None
            if request.if_none_match and etag in request.if_none_match:
                return Response(status=304)
            gz = "gzip" in (request.headers.get("Accept-Encoding") or "")
            response = Response(packed if gz else body, mimetype="application/javascript")
            if gz:
                response.headers["Content-Encoding"] = "gzip"
            response.headers["Vary"] = "Accept-Encoding"
            response.headers["Cache-Control"] = "public, max-age=86400"
            response.set_etag(etag)
            return response

    @server.after_request
    def _compress(response: Response) -> Response:
        return compress_response(response)


def compress_response(response: Response) -> Response:
    """gzip a text response when the browser accepts it (not downloads, not streams)."""
    if (
        response.status_code != 200
        or "gzip" not in (request.headers.get("Accept-Encoding") or "")
        or response.headers.get("Content-Encoding")
        or request.path.startswith("/download/")
        or not COMPRESSIBLE.match(response.mimetype or "")
    ):
        return response
    static = request.path.startswith(("/_dash-component-suites/", "/assets/"))
    if response.direct_passthrough and static:
        response.direct_passthrough = False  # a static file: read it (small) and compress it
    elif response.direct_passthrough or response.is_streamed:
        return response
    data = response.get_data()
    if len(data) < MIN_SIZE:
        return response
    key = (request.path, hashlib.sha1(data).hexdigest()) if static else None
    packed = _STATIC_CACHE.get(key) if key else None
    if packed is None:
        packed = gzip.compress(data, 6, mtime=0)
        if key:
            _STATIC_CACHE[key] = packed
    response.set_data(packed)
    response.headers["Content-Encoding"] = "gzip"
    response.headers["Content-Length"] = str(len(packed))
    vary = response.headers.get("Vary")
    response.headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
    return response
