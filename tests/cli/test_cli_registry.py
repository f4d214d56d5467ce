"""`tracker sources` and `tracker episodes` from the shell."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tracker.cli import main

MSF = [
    "sources", "add", "msf", "--name-en", "Médecins Sans Frontières", "--name-ar",
    "أطباء بلا حدود", "--publisher-type", "ngo_monitor", "--reliability", "high",
    "--url", "https://www.msf.org",
]  # fmt: skip


@pytest.fixture
def db(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    monkeypatch.setenv("TRACKER_USER", "operator")
    assert main(["init"]) == 0
    return sqlite_url


def test_a_source_is_added_edited_and_its_changes_listed(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(MSF) == 0
    assert "source msf added: Médecins Sans Frontières / أطباء بلا حدود" in capsys.readouterr().out
    assert main(["sources", "list"]) == 0
    assert "أطباء بلا حدود" in capsys.readouterr().out
    assert main(["sources", "edit", "msf", "--reliability", "medium"]) == 0
    assert "source msf: reliability high → medium" in capsys.readouterr().out
    assert main(["sources", "changes", "msf"]) == 0
    out = capsys.readouterr().out
    assert "operator" in out and "high" in out and "medium" in out
    assert main(["sources", "edit", "msf", "--type", "blog"]) == 1
    assert "type 'blog' is not one of" in capsys.readouterr().err
    assert main(["sources", "edit", "msf"]) == 1
    assert "nothing to change" in capsys.readouterr().err


def test_an_analyst_cannot_add_a_source(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a long passphrase\n"))
    assert main(["users", "add", "alice", "--role", "analyst"]) == 0
    monkeypatch.setenv("TRACKER_USER", "alice")
    assert main(MSF) == 1
    assert "may not manage registry" in capsys.readouterr().err


def test_an_episode_is_added_and_edited(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    add = ["episodes", "add", "idlib-2019", "--name-en", "Idlib offensive 2019"]
    assert main([*add, "--name-ar", "هجوم إدلب 2019", "--start", "2019-04-30"]) == 0
    assert main(["episodes", "edit", "idlib-2019", "--location", "SY07"]) == 0
    assert "episode idlib-2019: location None → SY07" in capsys.readouterr().out
    assert main(["episodes", "list"]) == 0
    assert "هجوم إدلب 2019" in capsys.readouterr().out


def test_an_unknown_source_is_said_once_with_how_to_register_it(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.csv"
    row = "2018-06-30,msf,killed,SY12,{}"
    path.write_text(
        "reported_on,source,metric,location,value\n"
        + "\n".join(row.format(n) for n in range(1, 31))
        + "\n"
    )
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("unknown source 'msf'") == 1 and "on 30 rows (lines 2–31)" in err
    assert "1 source(s) not in the registry (msf)" in err and "tracker sources add" in err
    assert main(MSF) == 0
    assert main(["validate", str(path)]) == 0


def test_an_area_is_added_listed_and_named_by_figures(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["areas", "list"]) == 0
    out = capsys.readouterr().out
    assert "eastern-ghouta" in out and "الغوطة الشرقية" in out and "SY12 SY14" in out
    add = ["areas", "add", "hawran", "--name-en", "Hawran plain", "--name-ar", "سهل حوران"]
    assert main([*add, "--members", "SY1200 SY99"]) == 1
    assert "member 'SY99' is not a P-code of the gazetteer" in capsys.readouterr().err
    assert main([*add, "--members", "SY1200 SY1203"]) == 0
    assert "area hawran added: Hawran plain / سهل حوران" in capsys.readouterr().out
    path = tmp_path / "area.csv"
    path.write_text("reported_on,source,metric,location,value\n2018-06-30,sohr,killed,hawran,40\n")
    assert main(["import", str(path)]) == 0
    capsys.readouterr()
    assert main(["list", "--location", "hawran"]) == 0
    assert "hawran" in capsys.readouterr().out
