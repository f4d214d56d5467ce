"""The command line as an analyst uses it: what it prints and what it returns."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tracker.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"
DATA = Path(__file__).parents[2] / "data"


@pytest.fixture
def db(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    monkeypatch.setenv("TRACKER_USER", "analyst")
    assert main(["init"]) == 0
    return sqlite_url


def test_init_is_safe_to_run_twice(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["init", "--demo"]) == 0
    assert "demo data (Dar'a 2018): 62 figures stored" in capsys.readouterr().out
    assert main(["init", "--demo"]) == 0
    out = capsys.readouterr().out
    assert "schema up to date" in out
    assert "founding article: 0 figures stored, 7 already stored" in out
    assert "62 already stored" in out


def test_validate_good_and_bad(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATA / "demo" / "daraa-2018.csv")]) == 0
    assert "62 figure(s), all valid" in capsys.readouterr().out
    assert main(["validate", str(FIXTURES / "bad_figures.csv")]) == 1
    err = capsys.readouterr().err
    assert (
        "line 3, column source, value 'sohrr': unknown source 'sohrr' — did you mean 'sohr'?" in err
    )
    assert "13 problem(s) on 13 line(s); nothing stored" in err


def test_validate_before_init_checks_against_the_data_folder(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An analyst may check a file before any database exists: no traceback, the same
    problems as after ``tracker init``, every figure counted as new."""
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    assert main(["validate", str(DATA / "demo" / "daraa-2018.csv")]) == 0
    assert "62 figure(s), all valid" in capsys.readouterr().out
    assert main(["validate", str(FIXTURES / "bad_figures.csv")]) == 1
    err = capsys.readouterr().err
    assert "line 3, column source, value 'sohrr': unknown source 'sohrr'" in err
    assert "Traceback" not in err


def test_validate_refuses_unreadable_file_in_words(db: str, tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert main(["validate", str(empty)]) == 1
    assert "the file is empty" in capsys.readouterr().err


def test_import_all_or_nothing_then_partial_with_rejects(db: str, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes((FIXTURES / "bad_figures.csv").read_bytes())
    assert main(["import", str(bad)]) == 1
    assert "nothing stored" in capsys.readouterr().err
    assert main(["import", str(bad), "--partial"]) == 1
    captured = capsys.readouterr()
    assert "2 figure(s) stored" in captured.out
    rejects = pd.read_csv(tmp_path / "bad.rejects.csv", dtype=str)
    assert rejects["line"].tolist() == [str(n) for n in range(3, 15 + 1)]
    assert rejects.loc[0, "problems"] == "source: unknown source 'sohrr' — did you mean 'sohr'?"
    assert rejects.loc[0, "figure_id"] == "B02"


def test_add_list_revise_retract_history_export(db: str, tmp_path: Path, capsys) -> None:
    assert (
        main(
            [
                "add",
                "--figure-id",
                "X1",
                "--reported-on",
                "2018-06-30",
                "--source",
                "sohr",
                "--metric",
                "killed",
                "--population",
                "civilians",
                "--location",
                "SY12",
                "--qualifier",
                "approx",
                "--value",
                "100",
            ]
        )
        == 0
    )
    assert "stored figure X1" in capsys.readouterr().out
    assert (
        main(
            [
                "add",
                "--reported-on",
                "2018-06-30",
                "--source",
                "sohr",
                "--metric",
                "kiled",
                "--location",
                "SY12",
                "--value",
                "1",
            ]
        )
        == 1
    )
    assert (
        "--metric 'kiled': unknown metric 'kiled' — did you mean 'killed'?"
        in capsys.readouterr().err
    )
    assert main(["list", "--source", "sohr", "--metric", "killed"]) == 0
    assert "X1" in capsys.readouterr().out
    assert main(["revise", "X1", "--set", "value=120", "--why", "SOHR update"]) == 0
    assert "interval 108–132" in capsys.readouterr().out
    assert main(["retract", "S07", "--why", "unclear source"]) == 0
    capsys.readouterr()
    assert main(["history", "X1"]) == 0
    history = capsys.readouterr().out
    assert "revision 2 (current): active" in history and "by analyst" in history
    assert "changed: value: 100 → 120" in history and "why: SOHR update" in history
    out = tmp_path / "figures.csv"
    assert main(["export", "--format", "csv", "-o", str(out)]) == 0
    exported = pd.read_csv(out, dtype=str).set_index("figure_id")
    assert exported.loc["X1", "value"] == "120" and exported.loc["X1", "revision"] == "2"
    assert "S07" not in exported.index


def test_unknown_filter_value_is_named(db: str, capsys) -> None:
    """A bad option value is a usage error: exit code 2, as argparse gives for others."""
    assert main(["list", "--metric", "killd"]) == 2
    assert "--metric: unknown metric 'killd'; did you mean 'killed'?" in capsys.readouterr().err


def test_commands_refuse_an_uninitialised_database(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TRACKER_DB", f"sqlite:///{tmp_path / 'new.db'}")
    assert main(["list"]) == 1
    assert "is not initialised: run `tracker init`" in capsys.readouterr().err


def test_add_and_revise_read_arabic_indic_digits_as_typed(db: str, capsys) -> None:
    figure = ["--reported-on", "2018-06-30", "--source", "sohr", "--metric", "killed"]
    assert main(["add", "--figure-id", "AR1", *figure, "--location", "SY12", "--value", "٤٥"]) == 0
    assert "stored figure AR1" in capsys.readouterr().out
    assert main(["revise", "AR1", "--set", "value=١٬٢٠٠", "--why", "update"]) == 0
    assert "interval 1200–1200" in capsys.readouterr().out
