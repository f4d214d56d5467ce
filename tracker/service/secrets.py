"""The workspace's secret key (signs its session cookies).

Rule: ``$TRACKER_SECRET_KEY`` when set (a team sets it, the same for every web worker);
else, for an SQLite database, a key generated once and kept beside it
(``tracker.db-secret``, readable by its owner only), so the embedded default needs no
set-up; else none, and the workspace refuses to open rather than sign with a key other
workers do not share.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from tracker.service.store import Store

ENV = "TRACKER_SECRET_KEY"
MIN_LENGTH = 32


class NoSecretKey(RuntimeError):
    """No key to sign sessions with; the message says how to set one."""


def secret_path(store: Store) -> Path | None:
    """Where the generated key of an SQLite database is kept (None for other databases)."""
    url = store.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).with_name(Path(url.database).name + "-secret")


def workspace_secret(store: Store) -> bytes:
    """The key, as the rule above says."""
    given = os.environ.get(ENV)
    if given:
        if len(given) < MIN_LENGTH:
            raise NoSecretKey(f"${ENV} must be at least {MIN_LENGTH} characters long")
        return given.encode()
    path = secret_path(store)
    if path is None:
        raise NoSecretKey(f"set ${ENV} (the same random value for every web worker)")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return path.read_text().strip().encode()
