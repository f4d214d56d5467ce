"""`tracker backup` and `tracker restore`: a copy taken while others write, restored exactly."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from tests.helpers import write_figures
from tracker.cli import main
from tracker.ingest.readers import read_figure_file
from tracker.service import backups
from tracker.service.store import Store

DATA = Path(__file__).parents[2] / "data"


@pytest.fixture
def db(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    monkeypatch.setenv("TRACKER_USER", "analyst")
    monkeypatch.setenv("TRACKER_NO_PROGRESS", "1")
    assert main(["init", "--demo"]) == 0
    return sqlite_url


def _export(tmp_path: Path, name: str) -> bytes:
    out = tmp_path / name
    assert main(["export", "-o", str(out)]) == 0
    return out.read_bytes()


def test_a_restored_backup_exports_the_same_bytes(db: str, tmp_path: Path, capsys) -> None:
    before = _export(tmp_path, "before.csv")
    backup = tmp_path / "tracker.backup"
    assert main(["backup", str(backup)]) == 0
    assert "backed up" in capsys.readouterr().out
    assert main(["import", str(write_figures(tmp_path / "more.csv", 20, "M"))]) == 0
    assert _export(tmp_path, "changed.csv") != before
    capsys.readouterr()
    assert main(["restore", str(backup)]) == 1  # the database holds figures
    refused = capsys.readouterr().err.strip()
    assert refused.startswith("tracker restore: the database holds") and "--force" in refused
    assert "\n" not in refused
    assert main(["restore", str(backup), "--force"]) == 0
    assert _export(tmp_path, "after.csv") == before


def test_a_backup_never_overwrites_a_file(db: str, tmp_path: Path, capsys) -> None:
    target = tmp_path / "kept.txt"
    target.write_text("mine")
    assert main(["backup", str(target)]) == 1
    assert "exists" in capsys.readouterr().err
    assert target.read_text() == "mine"


def test_restore_into_an_empty_database_needs_no_force(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _export(tmp_path, "before.csv")
    backup = tmp_path / "tracker.backup"
    assert main(["backup", str(backup)]) == 0
    monkeypatch.setenv("TRACKER_DB", f"sqlite:///{tmp_path / 'fresh.db'}")
    assert main(["restore", str(backup)]) == 0
    assert _export(tmp_path, "after.csv") == before


@pytest.mark.slow
@pytest.mark.parametrize("pages", [backups.PAGES_PER_STEP, 8])  # 8: restarts, then one step
def test_a_backup_taken_during_an_import_is_one_moment(
    db: str, tmp_path: Path, pages: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backups, "PAGES_PER_STEP", pages)
    store = Store(db)
    committed = [store.count()]
    files = [write_figures(tmp_path / f"{p}.csv", 2000, p) for p in ("W", "X", "Y")]

    def write() -> None:
        for path in files:
            store.import_file(read_figure_file(path))
            committed.append(store.count())

    writer = threading.Thread(target=write)
    writer.start()
    copies = []
    while writer.is_alive():
        copies.append(tmp_path / f"copy{len(copies)}.db")
        assert main(["backup", str(copies[-1])]) == 0
    writer.join()
    for copy in copies:
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = conn.execute("SELECT count(*) FROM figures WHERE current").fetchone()[0]
        conn.close()
        assert count in committed, (count, committed)
    store.engine.dispose()


@pytest.mark.postgres
def test_postgres_backup_and_restore_run_pg_dump(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("TRACKER_DB", pg_url)
    monkeypatch.setenv("TRACKER_USER", "analyst")
    monkeypatch.setenv("TRACKER_NO_PROGRESS", "1")
    assert main(["init", "--demo"]) == 0
    before = _export(tmp_path, "before.csv")
    backup = tmp_path / "pg.backup"
    assert main(["backup", str(backup)]) == 0
    assert main(["import", str(write_figures(tmp_path / "more.csv", 20, "M"))]) == 0
    capsys.readouterr()
    assert main(["restore", str(backup)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["restore", str(backup), "--force"]) == 0
    assert _export(tmp_path, "after.csv") == before


@pytest.mark.postgres
def test_postgres_backup_without_pg_dump_points_to_the_recipe(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("TRACKER_DB", pg_url)
    assert main(["init"]) == 0
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["backup", str(tmp_path / "pg.backup")]) == 1
    err = capsys.readouterr().err
    assert "pg_dump is not on PATH" in err and "pg_restore --clean" in err


@pytest.mark.postgres
def test_a_failed_pg_dump_leaves_no_file_and_no_password_on_its_command_line(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("TRACKER_DB", pg_url.replace("root@", "root:s3cret@", 1))
    assert main(["init"]) == 0
    fake = tmp_path / "bin" / "pg_dump"
    fake.parent.mkdir()
    fake.write_text(
        '#!/bin/sh\necho "$@" > "$0.args"\necho "$PGPASSWORD" > "$0.env"\n'
        'while [ $# -gt 0 ]; do [ "$1" = -f ] && echo partial > "$2"; shift; done\n'
        'echo "pg_dump: error: disk full" >&2\n'
        "exit 1\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    target = tmp_path / "pg.backup"
    assert main(["backup", str(target)]) == 1
    assert (
        capsys.readouterr().err.strip()
        == "tracker backup: pg_dump failed: pg_dump: error: disk full"
    )
    assert (tmp_path / "bin" / "pg_dump.args").read_text().count(str(target)) == 1
    assert not target.exists()  # written part-way by pg_dump, then removed
    assert "s3cret" not in (tmp_path / "bin" / "pg_dump.args").read_text()
    assert (tmp_path / "bin" / "pg_dump.env").read_text().strip() == "s3cret"


def test_a_long_backup_shows_a_bar_on_a_terminal(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr(backups, "progress_enabled", lambda: True)
    monkeypatch.setattr(backups, "BAR_DELAY", 0.0)  # as if the copy had taken over a second
    monkeypatch.setattr(backups, "PAGES_PER_STEP", 4)
    target = tmp_path / "copy.db"
    assert main(["backup", str(target)]) == 0
    bar = capsys.readouterr().err
    assert "backing up to copy.db" in bar and "page" in bar
    pages = sqlite3.connect(target).execute("PRAGMA page_count").fetchone()[0]
    assert f"{pages}/{pages}" in bar


def test_a_quick_backup_shows_no_bar(db: str, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(backups, "progress_enabled", lambda: True)
    assert main(["backup", str(tmp_path / "copy.db")]) == 0
    assert capsys.readouterr().err == ""


def test_a_backup_under_a_stream_of_commits_ends_in_one_step_and_one_moment(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer commits between every two steps of the copy: SQLite starts the copy
    again each time; after a few restarts it is taken in one step, as of one moment."""
    copied = []
    connect = sqlite3.connect
    writer = connect(db.removeprefix("sqlite:///"), isolation_level=None)
    commits = []

    class Spy(sqlite3.Connection):
        def backup(self, target, **kwargs):  # type: ignore[no-untyped-def,override]
            copied.append(kwargs.get("pages", -1))
            return super().backup(target, **kwargs)

    class CommittingBar:  # stands in for the bar: each step, another user commits
        def __init__(self, **_kwargs: object) -> None:
            self.n, self.total = 0, None

        def update(self, k: int) -> None:
            self.n += k
            commits.append(f"w{len(commits):06d}")
            writer.execute("INSERT INTO tracker_meta VALUES (?, 'x')", (commits[-1],))

        def close(self) -> None:
            pass

    monkeypatch.setattr(backups.sqlite3, "connect", lambda *a, **k: connect(*a, factory=Spy, **k))
    monkeypatch.setattr(backups, "tqdm", CommittingBar)
    monkeypatch.setattr(backups, "progress_enabled", lambda: True)
    monkeypatch.setattr(backups, "PAGES_PER_STEP", 1)
    assert main(["backup", str(tmp_path / "copy.db")]) == 0
    writer.close()
    assert copied == [1, -1]  # restarted by the commits, then taken in one step
    assert len(commits) == backups.RESTARTS + 1
    conn = connect(tmp_path / "copy.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    keys = [k for (k,) in conn.execute("SELECT key FROM tracker_meta WHERE key LIKE 'w%'")]
    assert keys == commits  # every commit made before the copy's moment
    conn.close()


def test_a_backup_into_a_missing_folder_is_one_line(db: str, tmp_path: Path, capsys) -> None:
    assert main(["backup", str(tmp_path / "nowhere" / "copy.db")]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"tracker backup: {tmp_path / 'nowhere'}: no such folder for the backup"
