"""What the command line refuses, it refuses as README promises: a bad option exits 2, and a
command on a database that does not exist leaves no file behind."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tracker.cli import main


def test_extract_with_an_impossible_date_is_a_bad_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("SOHR: 45 civilians were killed in Daraa.", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["extract", str(article), "--reported-on", "2018-07-32"])
    assert exited.value.code == 2
    said = capsys.readouterr().err
    assert "--reported-on: '2018-07-32': not a date in the form YYYY-MM-DD" in said


def test_users_add_on_a_missing_database_refuses_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "tracker.db"
    monkeypatch.setenv("TRACKER_DB", f"sqlite:///{database}")
    monkeypatch.setattr("sys.stdin", io.StringIO("layla's long passphrase\n"))
    assert main(["users", "add", "layla", "--role", "analyst"]) == 1
    assert "is not initialised: run `tracker init`" in capsys.readouterr().err
    assert not database.exists()
