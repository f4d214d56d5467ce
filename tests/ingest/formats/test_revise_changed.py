"""Re-importing a file whose figures changed: refused as conflicts, or stored as revisions
with --revise-changed --why (never an overwrite), on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.cli import main
from tracker.service.store import Store

from .conftest import FIXTURES

FIGURE = "hapi-idps:SY07:Syria:12:2024-01-01"


@pytest.fixture
def cli_db(db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """An initialised database (SQLite, then PostgreSQL) that the CLI uses."""
    monkeypatch.setenv("TRACKER_DB", db_url)
    monkeypatch.setenv("TRACKER_USER", "analyst")
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert main(["import", str(FIXTURES / "hapi_idps.csv")]) == 0
    return db_url


def changed_copy(tmp_path: Path) -> str:
    text = (FIXTURES / "hapi_idps.csv").read_text().replace(",2900000,", ",2950000,")
    path = tmp_path / "hapi_idps_v2.csv"
    path.write_text(text)
    return str(path)


def history(url: str) -> tuple[list[int], list[int], list[bool]]:
    store = Store(url)
    try:
        rows = store.history(FIGURE)
        return rows["revision"].tolist(), rows["value"].tolist(), rows["current"].tolist()
    finally:
        store.engine.dispose()


def test_changed_figures_are_conflicts_unless_revised_with_a_reason(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    v2 = changed_copy(tmp_path)
    capsys.readouterr()
    assert main(["import", v2]) == 1
    err = capsys.readouterr().err
    assert "already stored with other values (value: 2900000 → 2950000)" in err
    assert "1 stored figure(s) given with other values: `tracker import FILE --revise" in err
    assert history(cli_db) == ([1], [2900000], [True])
    assert main(["import", v2, "--revise-changed"]) == 2
    assert "--why" in capsys.readouterr().err
    assert main(["import", v2, "--revise-changed", "--why", "x", "--dry-run"]) == 0
    assert "would store 1 figure(s), 1 already stored" in capsys.readouterr().out
    assert history(cli_db) == ([1], [2900000], [True])

    assert main(["import", v2, "--revise-changed", "--why", "IOM round 12 corrected"]) == 0
    assert "1 figure(s) stored (1 as a new revision), 1 already stored" in capsys.readouterr().out
    assert history(cli_db) == ([1, 2], [2900000, 2950000], [False, True])  # the first stays
    assert Store(cli_db).history(FIGURE)["why"].iloc[-1] == "IOM round 12 corrected"


def test_importing_the_same_file_again_stores_nothing(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    v2 = changed_copy(tmp_path)
    assert main(["import", v2, "--revise-changed", "--why", "round 12"]) == 0
    capsys.readouterr()
    for path in (v2, str(FIXTURES / "hapi_idps.csv")):  # both equal a stored revision
        assert main(["import", path, "--revise-changed", "--why", "again"]) == 0
        assert "0 figure(s) stored, 2 already stored" in capsys.readouterr().out
    assert main(["import", v2]) == 0
    assert "0 figure(s) stored, 2 already stored" in capsys.readouterr().out
    assert history(cli_db)[0] == [1, 2]


def test_a_retracted_figure_is_never_revived_by_an_import(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(cli_db)
    store.retract(FIGURE, "double counted")
    store.engine.dispose()
    capsys.readouterr()
    v2 = changed_copy(tmp_path)
    assert main(["import", v2, "--revise-changed", "--why", "round 12"]) == 1
    assert f"figure {FIGURE} is retracted" in capsys.readouterr().err
    assert history(cli_db)[0] == [1, 2]  # the retraction is still the current revision


def test_a_revision_proposed_for_review_leaves_the_published_one_current(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    v2 = changed_copy(tmp_path)
    args = ["import", v2, "--revise-changed", "--why", "round 12", "--propose"]
    assert main(args) == 0
    assert "1 figure(s) proposed for review (1 as a new revision)" in capsys.readouterr().out
    assert history(cli_db) == ([1, 2], [2900000, 2950000], [True, False])
    store = Store(cli_db)
    assert store.history(FIGURE)["review_status"].tolist() == ["accepted", "proposed"]
    store.engine.dispose()
