"""A file with an HXL hashtag row under its header: the row is tags, never a figure."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tracker.cli import main
from tracker.ingest.hxl import is_tag_row, split_tag_row, tag_parts
from tracker.ingest.readers import read_figure_file


def test_tag_row_is_recognised_and_read_off() -> None:
    table = pd.DataFrame(
        {"a": ["#country+code", "SYR"], "b": [None, "2018"], "c": ["#affected +idps", "5"]}
    )
    rest, tags = split_tag_row(table)
    assert tags == {"a": "#country+code", "c": "#affected+idps"}
    assert rest.index.tolist() == [1]  # line numbers stay the spreadsheet's
    assert not is_tag_row(pd.Series(["#1 in town", "x"]))
    assert not is_tag_row(pd.Series([None, None]))
    assert tag_parts("#Affected+IDPs+ind") == ("#affected", frozenset({"idps", "ind"}))


def test_reader_keeps_lines_after_the_tag_row(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b\n#meta+id,#date\nx,2018-01-01\n", encoding="utf-8")
    file = read_figure_file(path)
    assert file.table.index.tolist() == [1]  # line 3
    assert file.tags == {"a": "#meta+id", "b": "#date"}
    assert any("HXL hashtag row" in n for n in file.notices)


@pytest.fixture
def demo_db(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    monkeypatch.setenv("TRACKER_USER", "analyst")
    assert main(["init", "--demo"]) == 0
    return sqlite_url


def test_hxl_export_of_the_demo_reimports_with_nothing_new(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "demo-hxl.csv"
    assert main(["export", "--format", "hxl", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["validate", str(out)]) == 0
    assert main(["import", str(out)]) == 0
    assert "0 figure(s) stored, 69 already stored" in capsys.readouterr().out


def test_unknown_source_is_one_line_with_its_count(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = ["reported_on,source,metric,location,value"]
    rows += [f"2018-06-{d:02d},liveuamap,killed,SY12,{d}" for d in range(1, 29)]
    path = tmp_path / "daily.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("unknown source 'liveuamap'") == 1
    assert "on 28 rows (lines 2–29)" in err
