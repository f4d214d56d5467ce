"""#18 finding 10: duplicate columns, UTF-16, XLSX date cells, strict filter dates, quiet pipes."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.conftest import ROOT
from tracker.cli import main
from tracker.domain.filters import FilterError, parse_filters
from tracker.domain.validation import validate_figures
from tracker.ingest.readers import InputFileError, read_figure_file

RUN = "import sys; from tracker.cli import main; sys.exit(main(sys.argv[1:]))"
HEADER = "reported_on,source,metric,location,value,notes\n"
ROW = "2018-06-30,sohr,killed,SY12,40,قتلى في درعا\n"


def test_a_duplicate_column_is_refused_naming_both(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("reported_on,source,metric,location,value,source\n"
                    "2018-06-30,sohr,killed,SY12,40,snhr\n")  # fmt: skip
    with pytest.raises(
        InputFileError, match=r"columns 2 \(B\) and 6 \(F\) are both named 'source'"
    ):
        read_figure_file(path)


def test_a_duplicate_column_in_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.xlsx"
    book = Workbook()
    book.active.append(["value", "reported_on", "source", "metric", "location", " value"])
    book.active.append([40, "2018-06-30", "sohr", "killed", "SY12", 41])
    book.save(path)
    with pytest.raises(InputFileError, match=r"columns 1 \(A\) and 6 \(F\) are both named 'value'"):
        read_figure_file(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom_is_read_and_said(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes((HEADER + ROW).encode(encoding))  # "utf-16" writes a byte-order mark
    file = read_figure_file(path)
    assert list(file.table.columns) == HEADER.strip().split(",")
    assert file.table.at[0, "notes"] == "قتلى في درعا"
    assert any("UTF-16" in n for n in file.notices)


def test_excel_unicode_text_is_tab_separated_utf16(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes((HEADER + ROW).replace(",", "\t").encode("utf-16"))
    file = read_figure_file(path)
    assert file.table.at[0, "location"] == "SY12"
    assert any("tab" in n for n in file.notices)


def test_xlsx_date_cells_are_read_as_dates(tmp_path: Path, vocab) -> None:
    path = tmp_path / "dates.xlsx"
    book = Workbook()
    book.active.append(["reported_on", "source", "metric", "location", "value", "period_start"])
    book.active.append([datetime(2018, 6, 30), "sohr", "killed", "SY12", 40, date(2018, 6, 19)])
    book.save(path)
    table = read_figure_file(path).table
    assert table.at[0, "reported_on"] == "2018-06-30"
    assert table.at[0, "period_start"] == "2018-06-19"
    assert table.at[0, "value"] == "40"
    assert validate_figures(table, vocab, date(2026, 1, 1)).ok


@pytest.mark.parametrize("raw", ["20180101", "2018-W26-1", "2018-1-5", "2018-01-01T00:00"])
def test_filter_dates_are_strictly_yyyy_mm_dd(vocab, raw: str) -> None:
    with pytest.raises(FilterError, match="not a date in the form YYYY-MM-DD"):
        parse_filters({"from": raw}, vocab)
    assert parse_filters({"from": "2018-01-01"}, vocab).date_from == date(2018, 1, 1)


def test_cli_and_download_refuse_a_loose_date(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from dashboards.app import create_app
    from tracker.service.store import Store

    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    assert main(["init"]) == 0
    capsys.readouterr()
    assert main(["list", "--from", "20180101"]) == 2  # a bad option value: a usage error
    assert "not a date in the form YYYY-MM-DD" in capsys.readouterr().err
    client = create_app(Store(sqlite_url)).server.test_client()
    answer = client.get("/download/figures.csv?from=2018-W26-1")
    assert answer.status_code == 400 and b"YYYY-MM-DD" in answer.data


class Gone:
    """A standard output whose reader has gone (| head after its lines)."""

    @property
    def buffer(self) -> Gone:
        return self

    def write(self, text: str | bytes) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        raise OSError("no file")


@pytest.mark.parametrize(
    "argv", [["flags"], ["list"], ["series"], ["flags", "--format", "csv"], ["history", "R046"]]
)
def test_a_reader_that_stops_early_ends_every_command_quietly(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    assert main(["init", "--demo"]) == 0
    monkeypatch.setattr(sys, "stdout", Gone())
    assert main(argv) == 0


def test_tracker_flags_into_a_closed_pipe_prints_no_traceback(sqlite_url: str) -> None:
    env = {"TRACKER_DB": sqlite_url, "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    init = [sys.executable, "-c", RUN, "init", "--demo"]
    subprocess.run(init, env=env, check=True, capture_output=True)
    done = subprocess.run(
        f"{sys.executable} -c '{RUN}' flags | head -n 0",
        shell=True, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    assert "BrokenPipe" not in done.stderr
