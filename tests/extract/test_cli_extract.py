"""`tracker extract`: files and standard input, table and CSV, and nothing stored."""

from __future__ import annotations

import ast
import io
import sys
from pathlib import Path

import pandas as pd
import pytest

from tracker.cli import main
from tracker.extract import OUTPUT_COLUMNS

ROOT = Path(__file__).parents[2]
ARTICLE = (
    "https://example.org/2018/06/27/daraa-offensive.html\n"
    "قال المرصد السوري لحقوق الإنسان إن نحو 40 مدنياً قتلوا في محافظة درعا منذ 19 حزيران. "
    "وأضاف أن الطائرات الحربية شنت 25 غارة الليلة الماضية على بلدات ريف درعا الشرقي.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_csv_output_to_a_file(article: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "proposals.csv"
    assert main(["extract", str(article), "--format", "csv", "-o", str(out)]) == 0
    assert "2 proposal(s), 2 complete; nothing stored" in capsys.readouterr().err
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(OUTPUT_COLUMNS)
    assert list(frame["value"]) == ["40", "25"]
    assert set(frame["url"]) == {"https://example.org/2018/06/27/daraa-offensive.html"}
    assert set(frame["reported_on"]) == {"2018-06-27"}  # read from the address
    assert list(frame["period_start"]) == ["2018-06-19", "2018-06-26"]
    assert set(frame["figure_id"]) == {""}
    assert ARTICLE[int(frame["span_start"][0]) : int(frame["span_end"][0])] == "نحو 40"


def test_table_from_standard_input(monkeypatch, capsys) -> None:
    body = ARTICLE.split("\n", 1)[1]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body.encode("utf-8"))))
    assert main(["extract", "-", "--reported-on", "2018-06-27", "--publisher", "Example"]) == 0
    out = capsys.readouterr().out
    assert "1. «نحو 40»" in out
    assert "approx 40 killed/civilians (persons), source sohr, place SY12" in out
    assert "- 'منذ 19 حزيران' → period_start 2018-06-19 (year from reported_on)" in out
    assert "exact 25 airstrikes/all (events)" in out


def test_bad_input_is_reported_in_words(tmp_path: Path, capsys) -> None:
    assert main(["extract", str(tmp_path / "missing.txt")]) == 1
    assert "no such file" in capsys.readouterr().err
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("déplacés".encode("latin-1"))
    assert main(["extract", str(latin1)]) == 1
    assert "not UTF-8 text" in capsys.readouterr().err


def test_a_bad_date_is_reported_in_words(article: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exited:  # a bad option: exit 2, as README says
        main(["extract", str(article), "--reported-on", "29/06/2018"])
    assert exited.value.code == 2
    assert "not a date in the form YYYY-MM-DD" in capsys.readouterr().err


def test_extract_stores_nothing(article: Path, sqlite_url: str, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    assert main(["extract", str(article), "--format", "csv"]) == 0
    assert not Path(sqlite_url.removeprefix("sqlite:///")).exists()


def test_the_command_module_imports_only_the_standard_library() -> None:
    """`tracker --help` stays fast: pandas and the extractor load when the command runs, so
    the module's top-level imports are all from the standard library."""
    tree = ast.parse((ROOT / "tracker" / "cli" / "commands_extract.py").read_text("utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    assert names and names <= set(sys.stdlib_module_names) | {"__future__"}, names
