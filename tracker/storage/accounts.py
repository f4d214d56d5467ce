"""Accounts and failed logins in the database (SQLAlchemy Core).

Passwords arrive here already hashed (the service hashes them); nothing stores or reads a
password. Accounts are never deleted: a disabled one keeps its name, so the names in the
figures' history stay unique and meaningful.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Connection

from tracker.storage import tables

U = tables.users
L = tables.login_failures


def insert_user(
    conn: Connection, name: str, role: str, password_hash: str, by: str, at: datetime
) -> None:
    """A new account (the caller has checked that the name is free)."""
    conn.execute(
        U.insert().values(
            name=name,
            role=role,
            password_hash=password_hash,
            disabled=False,
            created_at=at,
            created_by=by,
        )
    )


def user(conn: Connection, name: str) -> dict | None:
    """One account as a mapping (with its hash), None when no account has the name."""
    row = conn.execute(select(U).where(U.c.name == name)).first()
    return dict(row._mapping) if row else None


def users(conn: Connection) -> list[dict]:
    """Every account, without hashes, by name."""
    columns = [c for c in U.c if c.name != "password_hash"]
    return [dict(r._mapping) for r in conn.execute(select(*columns).order_by(U.c.name))]


def set_disabled(conn: Connection, name: str, disabled: bool = True) -> bool:
    """Disable (or enable) an account; False when no account has the name."""
    result = conn.execute(U.update().where(U.c.name == name).values(disabled=disabled))
    return bool(result.rowcount)


def set_password_hash(conn: Connection, name: str, password_hash: str) -> None:
    conn.execute(U.update().where(U.c.name == name).values(password_hash=password_hash))


def failures(conn: Connection, key: str, since: datetime) -> int:
    """Failed logins for a key within the window that began at ``since``."""
    row = conn.execute(select(L.c.failures, L.c.first_at).where(L.c.key == key)).first()
    if row is None or _aware(row.first_at) < since:
        return 0
    return int(row.failures)


def record_failure(conn: Connection, key: str, at: datetime, window: timedelta) -> int:
    """Count one failed login for a key; a window older than ``window`` starts again.
    Returns the failures in the current window."""
    row = conn.execute(select(L.c.failures, L.c.first_at).where(L.c.key == key)).first()
    if row is None:
        conn.execute(L.insert().values(key=key, failures=1, first_at=at))
        return 1
    if _aware(row.first_at) < at - window:
        conn.execute(L.update().where(L.c.key == key).values(failures=1, first_at=at))
        return 1
    conn.execute(L.update().where(L.c.key == key).values(failures=L.c.failures + 1))
    return int(row.failures) + 1


def clear_failures(conn: Connection, key: str) -> None:
    conn.execute(L.delete().where(L.c.key == key))


def _aware(stamp: datetime) -> datetime:
    """SQLite gives back naive UTC times; PostgreSQL aware ones."""
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
