"""Sessions, CSRF tokens and access rules of the workspace.

* The session is Flask's signed cookie (HttpOnly, SameSite=Lax, Secure when
  ``$TRACKER_SECURE_COOKIES`` is 1), signed with :func:`tracker.service.secrets.workspace_secret`;
  it holds the account name and a CSRF token, nothing else. Every request reloads the account,
  so a disabled one is out at once, whichever worker answers.
* Every POST under /workspace carries the session's CSRF token in the form field
  ``csrf_token`` (compared in constant time): without it, 400 and nothing is done.
* A page without a session redirects to the login; a write without one answers 403.
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from flask import Flask, abort, g, redirect, request, session, url_for

from tracker.domain.roles import Actor
from tracker.service.store import Store

SESSION_HOURS = 8
FIELD = "csrf_token"


def configure(server: Flask, secret: bytes) -> None:
    """Cookie settings for the session (the public pages never read it)."""
    server.secret_key = secret
    server.config.update(
        SESSION_COOKIE_NAME="tracker_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("TRACKER_SECURE_COOKIES") == "1",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
    )


def csrf_token() -> str:
    """The session's CSRF token, made on first use."""
    token = session.get(FIELD)
    if not token:
        token = secrets.token_urlsafe(32)
        session[FIELD] = token
    return str(token)


def check_csrf() -> None:
    """Refuse a state-changing request whose form lacks the session's token (400)."""
    sent = request.form.get(FIELD, "")
    expected = session.get(FIELD, "")
    if not expected or not hmac.compare_digest(str(sent), str(expected)):
        abort(400, description="missing or wrong CSRF token: reload the page and try again")


def load_actor(store: Store) -> Actor | None:
    """The logged-in account (None without a session, or when it is disabled or gone)."""
    name = session.get("user")
    if not name:
        return None
    actor = store.actor_named(str(name))
    if actor is None:
        session.clear()
    return actor


def log_in(actor: Actor) -> None:
    """A fresh session for the account (a new CSRF token: no fixation)."""
    session.clear()
    session.permanent = True
    session["user"] = actor.name
    csrf_token()


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Pages need a session (else the login page, or 403 for a write); writes a CSRF token."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if g.actor is None:
            if request.method == "POST":
                abort(403, description="log in first")
            return redirect(url_for("workspace.login", next=request.full_path, lang=g.lang))
        if request.method == "POST":
            check_csrf()
        return view(*args, **kwargs)

    return wrapped
