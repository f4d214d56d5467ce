"""The analyst workspace under /workspace: login, entry form, review queue, upload, triage,
an article read into proposals.

Server-rendered Flask pages on the dashboard's server (the public Dash pages stay
read-only and never read the session). Nothing under /workspace is public: a page without a
session redirects to the login, a write without one answers 403, a write without the
session's CSRF token 400, a write the role does not allow 403 (the service checks it too).
User text is rendered by Jinja with autoescaping: as text, never as HTML. Every page is in
English or, with ``?lang=ar``, in Arabic right to left.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, g, render_template, request

from dashboards.workspace import (
    article,
    auth,
    entry,
    figure_page,
    queue,
    registry,
    security,
    sendback,
    triage,
    upload,
)
from dashboards.workspace.words import page_words, t
from tracker.domain.roles import PermissionDenied
from tracker.service import registry as registry_service
from tracker.service.secrets import NoSecretKey, workspace_secret
from tracker.service.store import Store
from tracker.service.writing import StoreBusy

#: the words of sending back, which the review queue and every page's navigation show too
send_back_words = page_words("sendback")

HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; img-src 'self' data:",
}


def _unavailable(server: Flask, reason: str) -> None:
    """Without a secret key the workspace answers 503 saying how to set one."""

    def closed(rest: str = "") -> Response:
        return Response(f"the workspace is closed: {reason}\n", 503, mimetype="text/plain")

    server.add_url_rule("/workspace", "workspace_closed", closed)
    server.add_url_rule("/workspace/<path:rest>", "workspace_closed_rest", closed)


def _language() -> str:
    return "ar" if (request.values.get("lang") or "") == "ar" else "en"


def register_workspace(server: Flask, store: Store) -> None:
    """Add /workspace to the dashboard's Flask server."""
    try:
        secret = workspace_secret(store)
    except NoSecretKey as exc:
        _unavailable(server, str(exc))
        return
    security.configure(server, secret)
    bp = Blueprint(
        "workspace",
        __name__,
        url_prefix="/workspace",
        template_folder="templates",
        static_folder="static",
    )

    @bp.before_request
    def _who() -> None:
        g.lang = _language()
        g.actor = security.load_actor(store)
        if g.actor is not None:  # a source another worker or the shell added is known here
            registry_service.refresh(store)

    @bp.after_request
    def _headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @bp.context_processor
    def _context() -> dict:
        lang = g.get("lang", "en")
        return {
            "t": lambda key, **values: t(key, lang, **values),
            "send_back_t": lambda key, **values: send_back_words(key, lang, **values),
            "lang": lang,
            "dir": "rtl" if lang == "ar" else "ltr",
            "actor": g.get("actor"),
            "csrf_token": security.csrf_token,
            # a canonical column's label and help in the page language (data/columns.csv)
            "column_label": lambda column: store.vocab.column_words(column, lang)[0],
            "column_help": lambda column: store.vocab.column_words(column, lang)[1],
        }

    @bp.errorhandler(PermissionDenied)
    def _denied(exc: PermissionDenied) -> tuple[str, int]:
        return _error(403, str(exc))

    @bp.errorhandler(StoreBusy)
    def _busy(_exc: StoreBusy) -> tuple[str, int, dict[str, str]]:
        """Other writers kept the store busy through every retry: nothing was stored."""
        page = render_template(
            "workspace/error.html", title=t("busy", g.lang), message=t("store_busy", g.lang)
        )
        return page, 503, {"Retry-After": "60"}

    @bp.errorhandler(400)
    def _bad(exc: Exception) -> tuple[str, int]:
        return _error(400, getattr(exc, "description", "bad request"))

    @bp.errorhandler(403)
    def _forbidden(exc: Exception) -> tuple[str, int]:
        return _error(403, getattr(exc, "description", "not allowed"))

    @bp.route("/<path:rest>")
    @security.login_required
    def _unknown(rest: str) -> tuple[str, int]:
        return _error(404, t("no_page", g.lang, page=rest))

    for module in (auth, entry, queue, upload, triage, article, registry, sendback, figure_page):
        module.register(bp, store)
    server.register_blueprint(bp)


def _error(status: int, message: str) -> tuple[str, int]:
    key = {400: "bad_request", 403: "forbidden", 404: "page_not_found"}.get(status, "bad_request")
    return render_template("workspace/error.html", title=t(key, g.lang), message=message), status
