"""What a newcomer does with `tracker extract`'s proposals: import them, then import the same
file (or an edited copy) again. The second import stores nothing new and says so."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tracker.cli import main

ARTICLE = (
    "https://example.org/2018/06/27/daraa-offensive.html\n"
    "قال المرصد السوري لحقوق الإنسان إن نحو 40 مدنياً قتلوا في محافظة درعا منذ 19 حزيران. "
    "وأضاف أن الطائرات الحربية شنت 25 غارة الليلة الماضية على بلدات ريف درعا الشرقي.\n"
)


@pytest.fixture
def proposals(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "proposals.csv"
    assert main(["extract", str(article), "--format", "csv", "-o", str(out)]) == 0
    assert set(pd.read_csv(out, dtype=str, keep_default_na=False)["figure_id"]) == {""}
    capsys.readouterr()
    return out


def pending(capsys: pytest.CaptureFixture[str]) -> int:
    assert main(["review", "list"]) == 0
    return capsys.readouterr().out.count("\n")


@pytest.mark.parametrize("propose", [["--propose"], []], ids=["proposed", "published"])
def test_importing_extracted_proposals_twice_stores_them_once(
    proposals: Path, capsys: pytest.CaptureFixture[str], propose: list[str]
) -> None:
    assert main(["import", str(proposals), *propose]) == 0
    first = capsys.readouterr().out
    assert "2 figure(s)" in first and "0 already stored" in first
    listed = pending(capsys)
    assert main(["import", str(proposals), *propose]) == 0
    out = capsys.readouterr().out
    assert "0 figure(s)" in out and "2 already stored" in out
    assert pending(capsys) == listed


def test_an_edited_copy_stores_only_the_rows_changed(
    proposals: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(proposals), "--propose"]) == 0
    table = pd.read_csv(proposals, dtype=str, keep_default_na=False)
    table.loc[1, "value"] = "26"
    edited = tmp_path / "edited.csv"
    table.to_csv(edited, index=False)
    capsys.readouterr()
    assert main(["import", str(edited), "--propose"]) == 0
    out = capsys.readouterr().out
    assert "1 figure(s) proposed for review, 1 already stored" in out


def test_adding_the_same_figure_twice_names_the_stored_one(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["add", "--metric", "killed", "--value", "40", "--source", "sohr"]
    args += ["--location", "SY12", "--reported-on", "2018-06-30"]
    assert main(args) == 0
    fid = capsys.readouterr().out.split()[2]
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == f"figure {fid} is already stored with these values"
