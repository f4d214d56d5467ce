"""Files as users save them: Excel's BOM, Arabic Windows encoding, workbooks, empty files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tracker.domain.validation import validate_figures
from tracker.ingest.readers import InputFileError, read_figure_file

HEADER = "reported_on,source,metric,location,value,notes\n"
ROW = "2018-06-30,sohr,killed,SY12,40,قتلى في درعا\n"


def test_utf8_bom_is_read_and_said(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + ROW).encode("utf-8"))
    file = read_figure_file(path)
    assert list(file.table.columns)[0] == "reported_on"
    assert file.table.at[0, "notes"] == "قتلى في درعا"
    assert any("byte-order mark" in n for n in file.notices)


def test_windows_1256_is_read_correctly_and_said(tmp_path: Path) -> None:
    path = tmp_path / "arabic-windows.csv"
    path.write_bytes((HEADER + ROW).encode("cp1256"))
    file = read_figure_file(path)
    assert file.table.at[0, "notes"] == "قتلى في درعا"
    assert any("Windows-1256" in n for n in file.notices)


def test_undecodable_file_says_the_encoding_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(HEADER.encode() + b"2018-06-30,sohr,killed,SY12,40,caf\xe9 \x81\x8d\n")
    with pytest.raises(InputFileError, match="the encoding is wrong: byte 0x.. on line 2"):
        read_figure_file(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(InputFileError, match="the file is empty"):
        read_figure_file(path)


def test_xlsx_workbook(tmp_path: Path, vocab) -> None:
    path = tmp_path / "figures.xlsx"
    pd.DataFrame(
        {
            "reported_on": ["2018-06-30", "2018-06-31"],
            "source": ["sohr", "sohr"],
            "metric": ["killed", "killed"],
            "location": ["SY12", "SY12"],
            "value": [40, 41],
        }
    ).to_excel(path, index=False)
    file = read_figure_file(path)
    assert file.table.at[0, "value"] == "40"
    problems = validate_figures(file.table, vocab, date(2026, 11, 25)).problems
    assert [str(p) for p in problems] == [
        "line 3, column reported_on, value '2018-06-31': not a real calendar date"
    ]


def test_blank_rows_keep_spreadsheet_line_numbers(tmp_path: Path, vocab) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text(HEADER + ROW + ",,,,,\n" + "2018-06-30,sohr,killed,SY12,x,\n", encoding="utf-8")
    problems = validate_figures(read_figure_file(path).table, vocab, date(2026, 11, 25)).problems
    assert [p.line for p in problems] == [4]


@pytest.mark.slow
def test_large_file_with_one_bad_line_at_its_end(tmp_path: Path, vocab) -> None:
    """A 100 MB file: every good line passes and the one bad line at the end is named."""
    path = tmp_path / "big.csv"
    row = (
        "2018-06-30,sohr,Some publisher with a long name,https://example.org/a/long/address,"
        "killed,civilians,SY12,2018-06-19,2018-06-30,flow,daraa-2018,approx,126,,persons,,,"
        + "n" * 60
        + "\n"
    )
    header = (
        "reported_on,source,publisher,url,metric,population,location,period_start,"
        "period_end,measure,episode,qualifier,value,value_high,unit,quote,quote_lang,notes\n"
    )
    n = 100_000_000 // len(row.encode())
    with path.open("w", encoding="utf-8") as handle:
        handle.write(header)
        handle.write(row * n)
        handle.write(row.replace(",126,", ",12o,"))
    assert path.stat().st_size > 100_000_000
    problems = validate_figures(read_figure_file(path).table, vocab, date(2026, 11, 25)).problems
    assert [str(p) for p in problems] == [f"line {n + 2}, column value, value '12o': not a number"]


def test_exported_formula_guard_is_read_back_without_the_apostrophe(tmp_path: Path) -> None:
    path = tmp_path / "exported.csv"
    path.write_text(
        HEADER + '2018-06-30,sohr,killed,SY12,40,"\'=HYPERLINK(""x"")"\n', encoding="utf-8"
    )
    file = read_figure_file(path)
    assert file.table.at[0, "notes"] == '=HYPERLINK("x")'
    assert any("apostrophe guarding a formula" in n for n in file.notices)
