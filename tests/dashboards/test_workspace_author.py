"""Finding 11: the workspace records as author the account that logged in, whatever
`$TRACKER_USER` says in the server's environment (that variable names the author for the
command line only)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import requests

from tests.dashboards.serving import served, token
from tests.helpers import write_figures
from tracker.domain.roles import Actor, Role
from tracker.service import accounts, review, writing
from tracker.service.store import Store
from tracker.storage import database

PASSWORD = "nadia's long passphrase"


def test_an_upload_is_entered_by_the_account_not_by_tracker_user(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_USER", "mallory")  # the server process's own user
    store = Store(sqlite_url)
    store.upgrade()
    accounts.add_user(store, Actor("operator", Role.ADMIN), "nadia", "analyst", PASSWORD)
    csv = write_figures(tmp_path / "mine.csv", 3, "N").read_bytes()
    with served(store) as base:
        session = requests.Session()
        form = session.get(f"{base}/workspace/login")
        login = {"name": "nadia", "password": PASSWORD, "csrf_token": token(form)}
        assert session.post(f"{base}/workspace/login", data=login).ok
        page = session.get(f"{base}/workspace/upload")
        answer = session.post(
            f"{base}/workspace/upload",
            data={"mode": "all", "csrf_token": token(page)},
            files={"file": ("mine.csv", csv)},
        )
    assert answer.status_code == 200, answer.text[-800:]
    proposals = review.pending(store)
    assert len(proposals) == 3
    assert set(proposals["entered_by"]) == {"nadia"}
    store.close()


def test_an_upload_while_others_keep_the_store_busy_says_so_in_both_languages(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def quick_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA busy_timeout=100")

    monkeypatch.setattr(database, "_sqlite_pragmas", quick_pragmas)
    monkeypatch.setattr(writing, "ATTEMPTS", 1)
    store = Store(sqlite_url)
    store.upgrade()
    accounts.add_user(store, Actor("operator", Role.ADMIN), "nadia", "analyst", PASSWORD)
    csv = write_figures(tmp_path / "mine.csv", 3, "N").read_bytes()
    answers = []
    with served(store) as base:
        session = requests.Session()
        form = session.get(f"{base}/workspace/login")
        login = {"name": "nadia", "password": PASSWORD, "csrf_token": token(form)}
        assert session.post(f"{base}/workspace/login", data=login).ok
        for lang in ("en", "ar"):
            page = session.get(f"{base}/workspace/upload?lang={lang}")
            holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
            holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock throughout
            try:
                answers.append(
                    session.post(
                        f"{base}/workspace/upload?lang={lang}",
                        data={"mode": "all", "csrf_token": token(page)},
                        files={"file": ("mine.csv", csv)},
                    )
                )
            finally:
                holder.rollback()
                holder.close()
    assert [a.status_code for a in answers] == [503, 503]
    assert answers[0].headers["Retry-After"] == "60"
    assert "nothing was stored" in answers[0].text
    assert "لم يُحفظ شيء" in answers[1].text
    assert review.pending(store).empty
    store.close()


def test_a_login_while_others_keep_the_store_busy_answers_503(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def quick_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA busy_timeout=100")

    monkeypatch.setattr(database, "_sqlite_pragmas", quick_pragmas)
    monkeypatch.setattr(writing, "ATTEMPTS", 2)
    monkeypatch.setattr(writing, "FIRST_WAIT", 0.0)
    store = Store(sqlite_url)
    store.upgrade()
    accounts.add_user(store, Actor("operator", Role.ADMIN), "nadia", "analyst", PASSWORD)
    with served(store) as base:
        session = requests.Session()
        form = session.get(f"{base}/workspace/login")
        holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
        holder.execute("BEGIN IMMEDIATE")
        try:
            login = {"name": "nadia", "password": PASSWORD, "csrf_token": token(form)}
            answer = session.post(f"{base}/workspace/login", data=login)
        finally:
            holder.rollback()
            holder.close()
        assert answer.status_code == 503 and "Try again in a minute" in answer.text
        form = session.get(f"{base}/workspace/login")
        login["csrf_token"] = token(form)
        assert session.post(f"{base}/workspace/login", data=login).ok  # once the others are done
    store.close()
