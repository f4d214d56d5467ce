"""Accounts for the workspace: adding, listing, disabling, and checking a password.

Rules:

* A password is hashed with argon2id (argon2-cffi, its default parameters) and never stored
  or shown; at least ``MIN_PASSWORD`` characters.
* Only an admin adds or disables accounts (the first admin comes from the shell, whose
  operator acts as an admin: ``tracker users add NAME --role admin``).
* Ten failed logins for one account, or from one address, within ``WINDOW`` lock that
  account or address until the window ends; every web worker shares the count (it is in
  the database). A disabled account cannot log in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tracker.domain.roles import Action, Actor, Role, parse_role, require
from tracker.service.store import Store
from tracker.service.writing import retrying
from tracker.storage import accounts as rows

MIN_PASSWORD = 10
MAX_FAILURES = 10
WINDOW = timedelta(minutes=15)
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_HASHER = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the account does not exist, so both cost the same time (made
    on the first login, not at import: hashing takes a third of a second, and every
    command that imports this module would pay it)."""
    return _HASHER.hash("not a password of anyone")


class AccountError(ValueError):
    """An account cannot be added or changed as asked; the message says why."""


@dataclass(frozen=True)
class LoginResult:
    """What a login attempt gave: the actor, or why not (``locked`` says it was refused
    before the password was even checked)."""

    actor: Actor | None
    locked: bool = False


def now() -> datetime:
    return datetime.now(UTC)


def add_user(store: Store, by: Actor, name: str, role: str, password: str) -> Actor:
    """A new account (admins only); the name is lower-case letters, digits, . _ -."""
    require(by, Action.MANAGE_USERS)
    if not NAME.match(name):
        raise AccountError(
            f"account name {name!r}: 2–64 lower-case letters, digits, '.', '_' or '-'"
        )
    parsed = _role(role)
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must be at least {MIN_PASSWORD} characters long")
    hashed = _HASHER.hash(password)

    def once() -> None:  # run again when another user added an account at the same moment
        with store.transaction() as conn:
            if rows.user(conn, name) is not None:
                raise AccountError(f"an account named {name!r} exists already")
            rows.insert_user(conn, name, parsed.value, hashed, by.name, now())

    retrying(once, f"add account {name}")
    return Actor(name, parsed)


def list_users(store: Store) -> list[dict]:
    """Every account (name, role, disabled, created_at, created_by), never a hash."""
    with store.connect() as conn:
        return rows.users(conn)


def disable_user(store: Store, by: Actor, name: str) -> None:
    """Disable an account (admins only): it can no longer log in or act."""
    require(by, Action.MANAGE_USERS)
    with store.transaction() as conn:
        if not rows.set_disabled(conn, name, True):
            raise AccountError(f"no account named {name!r}")


def authenticate(store: Store, name: str, password: str, address: str) -> LoginResult:
    """Check a password, counting failures per account and per address (run again while
    other writers hold the store; :class:`StoreBusy` when they keep it)."""
    return retrying(lambda: _authenticate_once(store, name, password, address), "log in")


def _authenticate_once(store: Store, name: str, password: str, address: str) -> LoginResult:
    keys = (f"user:{name}", f"addr:{address}")
    moment = now()
    with store.transaction() as conn:
        if any(rows.failures(conn, k, moment - WINDOW) >= MAX_FAILURES for k in keys):
            return LoginResult(None, locked=True)
        account = rows.user(conn, name)
        stored = account["password_hash"] if account else _dummy_hash()
        ok = _verify(stored, password)
        if not ok or account is None or account["disabled"]:
            for key in keys:
                rows.record_failure(conn, key, moment, WINDOW)
            return LoginResult(None)
        rows.clear_failures(conn, keys[0])
        if _HASHER.check_needs_rehash(stored):
            rows.set_password_hash(conn, name, _HASHER.hash(password))
    return LoginResult(Actor(name, Role(account["role"])))


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _role(text: str) -> Role:
    try:
        return parse_role(text)
    except ValueError as exc:
        raise AccountError(str(exc)) from None
