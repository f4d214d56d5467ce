"""Fixtures of the command-line tests."""

from __future__ import annotations

import pytest

from tracker.cli import main


@pytest.fixture
def db(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The demo database, with the shell's commands run by `operator`. A test file that needs
    another start (no demo, another user) defines its own `db`, which takes precedence."""
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    monkeypatch.setenv("TRACKER_USER", "operator")
    assert main(["init", "--demo"]) == 0
    return sqlite_url
