"""The size of a request: a public request larger than ``TRACKER_MAX_REQUEST_BYTES``
(1 MB unless set) answers 413; the workspace, where analysts upload files, takes up to
``TRACKER_MAX_UPLOAD_BYTES`` (50 MB unless set). Nothing a reader does needs more: a
callback request is a few kilobytes.
"""

from __future__ import annotations

import os

from flask import Flask, Response, request

PUBLIC_DEFAULT = 1_000_000
UPLOAD_DEFAULT = 50_000_000


def _bytes(name: str, default: int) -> int:
    """A positive byte count from the environment, or ``default``."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) <= 0:
        raise ValueError(f"{name} must be a positive number of bytes, not {text!r}")
    return int(text)


def limit_for(path: str) -> int:
    """The largest request body accepted on ``path``."""
    if path == "/workspace" or path.startswith("/workspace/"):
        return _bytes("TRACKER_MAX_UPLOAD_BYTES", UPLOAD_DEFAULT)
    return _bytes("TRACKER_MAX_REQUEST_BYTES", PUBLIC_DEFAULT)


def install_limits(server: Flask) -> None:
    """Refuse request bodies above the limit with 413 before anything reads them."""
    public = _bytes("TRACKER_MAX_REQUEST_BYTES", PUBLIC_DEFAULT)
    upload = _bytes("TRACKER_MAX_UPLOAD_BYTES", UPLOAD_DEFAULT)
    server.config["MAX_CONTENT_LENGTH"] = max(public, upload)  # chunked bodies too

    @server.before_request
    def _too_large() -> Response | None:
        limit = limit_for(request.path)
        request.max_content_length = limit
        if request.content_length is not None and request.content_length > limit:
            return Response(
                f"request too large: {request.content_length} bytes, at most {limit}\n",
                413,
                mimetype="text/plain",
            )
        return None
