"""Login, logout and the workspace's home page.

A login is checked by :func:`tracker.service.accounts.authenticate` (argon2id; ten failures
per account or address lock it for the window). The login form carries a CSRF token too,
so no other site can log a browser in under its own account. After a login the browser
goes back only to a /workspace address (no open redirect).
"""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from dashboards.workspace import security
from dashboards.workspace.words import t
from tracker.service import accounts, review
from tracker.service.store import Store


def _next_page() -> str:
    target = request.values.get("next") or ""
    if target.startswith("/workspace") and not target.startswith("//"):
        return target
    return url_for("workspace.home", lang=g.lang)


def register(bp: Blueprint, store: Store) -> None:
    """/workspace/, /workspace/login, /workspace/logout."""

    @bp.route("/")
    @security.login_required
    def home() -> str:
        return render_template("workspace/home.html", pending=review.count_pending(store))

    @bp.route("/login", methods=["GET"])
    def login() -> str | Response:
        if g.actor is not None:
            return redirect(_next_page())
        return render_template("workspace/login.html", next=request.args.get("next", ""))

    @bp.route("/login", methods=["POST"])
    def login_post() -> tuple[str, int] | Response:
        security.check_csrf()
        name = request.form.get("name", "").strip()
        password = request.form.get("password", "")
        result = accounts.authenticate(store, name, password, request.remote_addr or "unknown")
        if result.actor is None:
            message, status = (
                (t("locked", g.lang), 429)
                if result.locked
                else (
                    t("bad_login", g.lang),
                    401,
                )
            )
            page = render_template(
                "workspace/login.html", next=request.form.get("next", ""), error=message, name=name
            )
            return page, status
        security.log_in(result.actor)
        return redirect(_next_page())

    @bp.route("/logout", methods=["POST"])
    @security.login_required
    def logout() -> Response:
        session.clear()
        return redirect(url_for("workspace.login", lang=g.lang))
