"""How the store writes when others write at the same time: the one lock and retry policy.

Domain rule: a write either happens whole or is retried from the start against what is stored
now, so a loser of a race never sees a traceback. On SQLite the write lock is taken up front
(``BEGIN IMMEDIATE``, waiting up to the busy timeout); on PostgreSQL a serialisation failure,
a deadlock or a unique-constraint race makes the whole unit of work run again, where an
identical file then counts as unchanged. After the last attempt the caller gets ``StoreBusy``,
one line for the CLI.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError

T = TypeVar("T")

ATTEMPTS = 5
FIRST_WAIT = 0.2  # seconds; doubled after each failed attempt, with jitter
RETRIED_SQLSTATES = {"40001", "40P01", "23505"}  # serialisation, deadlock, unique violation


class StoreBusy(Exception):
    """Other writers kept the store busy through every attempt; nothing was stored."""


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction; on SQLite the write lock is taken before anything is read."""
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        yield conn


def _sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of a driver error, whether SQLAlchemy wrapped it or not (COPY does not)."""
    driver = exc.orig if isinstance(exc, DBAPIError) else exc
    return getattr(driver, "sqlstate", None) or getattr(driver, "pgcode", None)


def is_contention(exc: BaseException) -> bool:
    """True when another writer caused the failure, so that running again may succeed."""
    if isinstance(exc, OperationalError) and "database is locked" in str(exc.orig):
        return True
    return _sqlstate(exc) in RETRIED_SQLSTATES


def busy(exc: BaseException) -> StoreBusy | None:
    """A write that another writer blocked beyond the busy timeout, said in one line (for a
    write not run through :func:`retrying`); None for any other error."""
    if not is_contention(exc):
        return None
    return StoreBusy(
        "store busy: another user is writing; nothing of this command's unfinished step was "
        "stored, try again in a minute"
    )


def retrying(work: Callable[[], T], what: str = "write") -> T:
    """Run ``work`` (a whole transaction) again while other writers are in the way."""
    wait = FIRST_WAIT
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return work()
        except Exception as exc:
            if not is_contention(exc):
                raise
            if attempt == ATTEMPTS:
                raise StoreBusy(
                    f"store busy: other users kept writing through {ATTEMPTS} attempts to "
                    f"{what}; nothing was stored, try again in a minute"
                ) from exc
            time.sleep(wait * (1 + random.random()))
            wait *= 2
    raise AssertionError("unreachable")
