"""Finding 11: the workspace records as author the account that logged in, whatever
`$TRACKER_USER` says in the server's environment (that variable names the author for the
command line only)."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from tests.dashboards.serving import served, token
from tests.helpers import write_figures
from tracker.domain.roles import Actor, Role
from tracker.service import accounts, review
from tracker.service.store import Store

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
