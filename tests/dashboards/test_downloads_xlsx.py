"""Any table as XLSX (issue #12), over real HTTP against the download fixture: the same rows
and columns as the CSV with the same options, numbers as numbers and dates as dates, no
cell a formula, the filters naming the saved file, and every table page linking to it."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest
import requests

from tests.dashboards.test_downloads_match import base, get  # noqa: F401
from tracker.service.store import Store

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet(content: bytes, name: str) -> pd.DataFrame:
    book = openpyxl.load_workbook(io.BytesIO(content))
    rows = list(book[name].iter_rows(values_only=True))
    return pd.DataFrame(rows[1:], columns=rows[0], dtype=object)


def cells(content: bytes):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [c for ws in book.worksheets for row in ws.iter_rows() for c in row]


@pytest.mark.parametrize(
    "query",
    ["", "?metric=killed", "?lang=ar", "?location=SY12&from=2018-06-30"],
)
@pytest.mark.parametrize("table", ["figures", "series", "flags", "sources"])
def test_the_workbook_holds_the_csv_rows_and_columns(base: str, table: str, query: str) -> None:  # noqa: F811
    csv = get(base, f"/download/{table}.csv{query}")
    xlsx = get(base, f"/download/{table}.xlsx{query}")
    assert xlsx.status_code == 200, xlsx.text
    assert xlsx.headers["Content-Type"] == XLSX
    expected = pd.read_csv(io.BytesIO(csv.content), dtype=str, keep_default_na=False)
    got = sheet(xlsx.content, table)
    assert list(got.columns) == list(expected.columns)
    assert len(got) == len(expected)
    as_text = got.map(
        lambda v: "" if v is None else v.date().isoformat() if isinstance(v, datetime) else str(v)
    )
    pd.testing.assert_frame_equal(as_text, expected, check_dtype=False)


def test_numbers_are_numbers_dates_are_dates_and_no_cell_is_a_formula(base: str) -> None:  # noqa: F811
    content = get(base, "/download/figures.xlsx").content
    figures = sheet(content, "figures").set_index("figure_id")
    assert figures.at["D003", "value"] == 62000 and figures.at["D003", "value_high"] == 66000
    assert isinstance(figures.at["D001", "reported_on"], datetime)
    assert figures.at["D001", "publisher"] == '\'=HYPERLINK("http://x","y")'
    assert figures.at["D004", "publisher"] == "'＝cmd"
    assert figures.at["D002", "notes"] == "'@ cross-checked"
    assert not [c.coordinate for c in cells(content) if c.data_type == "f"]
    about = dict((r[0], r[1]) for r in sheet(content, "about").itertuples(index=False))
    assert "CC-BY-4.0" in str(about) and "/download/figures.xlsx" in str(about)


def test_flags_xlsx_takes_the_selectors_and_the_saved_name_says_so(base: str) -> None:  # noqa: F811
    response = get(base, "/download/flags.xlsx?rule=divergence")
    assert 'filename="flags_rule-divergence.xlsx"' in response.headers["Content-Disposition"]
    assert set(sheet(response.content, "flags")["rule"]) == {"divergence"}
    refused = get(base, "/download/figures.xlsx?rule=echo")
    assert refused.status_code == 400 and "rule" in refused.text
    assert get(base, "/download/figures.xlsx?metric=kiled").status_code == 400
    assert "figures.xlsx" in get(base, "/download/figure.xlsx").text


def test_a_repeated_fetch_of_an_unchanged_workbook_is_a_304(base: str) -> None:  # noqa: F811
    first = get(base, "/download/sources.xlsx")
    again = requests.get(
        base + "/download/sources.xlsx",
        headers={"If-None-Match": first.headers["ETag"]},
        timeout=20,
    )
    assert again.status_code == 304


def test_a_selection_longer_than_a_sheet_is_refused_before_sending(
    base: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("tracker.publish.xlsx.SHEET_ROWS", 4)
    response = get(base, "/download/figures.xlsx")
    assert response.status_code == 400
    assert "figures.csv" in response.text and "more than 3 rows" in response.text


def test_table_pages_link_their_workbook_with_their_filters(dash_store: Store) -> None:
    from dashboards.pages import data, discrepancies, figures, sources
    from tests.dashboards.test_pages import links

    page = discrepancies.layout(dash_store, rule="echo", lang="ar")
    assert "/download/flags.xlsx?rule=echo&lang=ar" in links(page)
    assert "/download/figures.xlsx?metric=killed" in links(
        figures.layout(dash_store, metric="killed")
    )
    assert "/download/sources.xlsx" in links(sources.layout(dash_store))
    hrefs = links(data.layout(dash_store, metric="killed"))
    for table in ("figures", "flags", "series"):
        assert any(h.endswith(f"/download/{table}.xlsx?metric=killed") for h in hrefs), hrefs


def test_tracker_export_writes_the_same_workbook(tmp_path, monkeypatch, capsys) -> None:
    from tests.dashboards.test_downloads import build_store, web_app
    from tracker.cli import main

    url = f"sqlite:///{tmp_path / 'export.db'}"
    store = build_store(url)
    served = web_app(store).test_client().get("/download/flags.xlsx?metric=killed&lang=ar")
    target = tmp_path / "flags.xlsx"
    argv = ["--db", url, "export", "--file", "flags", "--metric", "killed", "--lang", "ar"]
    assert main([*argv, "--format", "xlsx", "-o", str(target)]) == 0
    exported = sheet(target.read_bytes(), "flags")
    pd.testing.assert_frame_equal(exported, sheet(served.data, "flags"))
    assert main([*argv, "--format", "xlsx"]) == 2  # a workbook needs a file
    assert "-o FILE" in capsys.readouterr().err
    store.engine.dispose()
