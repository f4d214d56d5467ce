"""Security headers on every answer of the server: pages, downloads, errors, 404s.

The Content-Security-Policy lets scripts run only from the app itself and the inline
scripts Dash writes (named by their hashes, which Dash computes: no 'unsafe-inline' for
scripts); styles may be inline (Plotly sets them on the charts it draws). No site may frame
the app (``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``), no answer is sniffed
into another type, and a link followed away from the app carries only the origin. An answer
that sets its own header (the workspace's stricter policy) keeps it.
"""

from __future__ import annotations

from dash import Dash
from flask import Response


def policy(script_hashes: list[str]) -> str:
    """The Content-Security-Policy of the public app, with Dash's inline-script hashes."""
    scripts = " ".join(["'self'", *script_hashes])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


def security_headers(script_hashes: list[str]) -> dict[str, str]:
    """Every header an answer carries."""
    return {
        "Content-Security-Policy": policy(script_hashes),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }


def install_headers(app: Dash) -> None:
    """Add the security headers to every answer of ``app``'s server (computed once, after
    every callback is registered, on the first request)."""
    headers: dict[str, str] = {}

    @app.server.after_request
    def _secure(response: Response) -> Response:
        if not headers:
            headers.update(security_headers(list(app.csp_hashes())))
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response
