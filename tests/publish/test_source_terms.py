"""ACLED's terms restrict redistribution: wherever a download republishes figures of a source
with terms (``data/source_terms.csv``), the terms are said beside it (issue #14)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import frictionless
import pytest
from openpyxl import load_workbook

from dashboards.pages import data as data_page
from tracker.cli import main as tracker_main
from tracker.domain.filters import Filters
from tracker.ingest.readers import read_figure_file
from tracker.publish import DownloadOptions
from tracker.publish.asof import data_as_of
from tracker.publish.stream import download_pieces
from tracker.publish.terms import terms_in_scope
from tracker.publish.xlsx import write_xlsx
from tracker.service.store import Store

HEADER = (
    "figure_id,reported_on,source,metric,population,location,period_start,period_end,"
    "qualifier,value\n"
)
SOHR = "T1,2018-07-01,sohr,killed,civilians,SY12,2018-06-19,2018-06-30,at_least,90\n"
ACLED = (
    "acled:SY14:2018-07-01:2018-07-31,2018-08-05,acled,killed,all,SY14,2018-07-01,2018-07-31,"
    "at_least,12\n"
)


def filled(store: Store, tmp_path: Path, *rows: str) -> Store:
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    assert store.import_file(read_figure_file(path)).stored == len(rows)
    return store


def package(store: Store, **options: object) -> dict:
    pieces = download_pieces(store, "datapackage.json", DownloadOptions(**options))
    return json.loads(b"".join(pieces))


def test_the_package_names_acled_terms_only_when_it_holds_acled_figures(
    store: Store, tmp_path: Path
) -> None:
    filled(store, tmp_path, SOHR)
    assert "sources" not in package(store)
    filled(store, tmp_path, ACLED)
    (entry,) = package(store)["sources"]
    assert entry["title"].startswith("Armed Conflict Location & Event Data (ACLED): ")
    assert "restrict" in entry["title"] and entry["path"] == "https://acleddata.com/terms-of-use/"
    assert "sources" not in package(store, filters=Filters(source=("sohr",)))
    assert "أكليد" in package(store, lang="ar")["sources"][0]["title"]


def test_the_data_page_says_the_terms_in_the_page_language(store: Store, tmp_path: Path) -> None:
    filled(store, tmp_path, SOHR)
    assert data_page.terms_box(store, Filters(), "en") is None
    filled(store, tmp_path, ACLED)
    english = json.dumps(data_page.terms_box(store, Filters(), "en").to_plotly_json(), default=str)
    assert "Terms of the sources" in english and "ACLED's terms of use restrict" in english
    arabic = json.dumps(
        data_page.terms_box(store, Filters(), "ar").to_plotly_json(),
        default=str,
        ensure_ascii=False,
    )
    assert "شروط المصادر" in arabic and "تقيّد شروط استخدام أكليد" in arabic
    assert data_page.terms_box(store, Filters(location=("SY12",)), "en") is None


def test_the_workbook_and_the_command_line_say_them(
    sqlite_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = filled(sqlite_store, tmp_path, SOHR, ACLED)
    out = io.BytesIO()
    options = DownloadOptions()
    write_xlsx(store, "figures.xlsx", options, "/download/figures.xlsx", data_as_of(store), out)
    about = [
        [c for c in row if c] for row in load_workbook(out)["about"].iter_rows(values_only=True)
    ]
    assert [r[0] for r in about if r[0].startswith("terms")] == ["terms of acled"]
    assert any(r[0] == "شروط acled" and "أكليد" in r[1] for r in about)
    db = str(store.engine.url)
    assert tracker_main(["--db", db, "export", "-o", str(tmp_path / "out.csv")]) == 0
    err = capsys.readouterr().err
    assert "note: Armed Conflict Location & Event Data (ACLED): ACLED's terms" in err
    assert (
        tracker_main(["--db", db, "export", "--source", "sohr", "-o", str(tmp_path / "s.csv")]) == 0
    )
    assert "ACLED" not in capsys.readouterr().err


def test_a_package_with_terms_still_validates(sqlite_store: Store, tmp_path: Path) -> None:
    store = filled(sqlite_store, tmp_path, SOHR, ACLED)
    folder = tmp_path / "pkg"
    assert tracker_main(["--db", str(store.engine.url), "export", "--package", str(folder)]) == 0
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["sources"][0]["path"].startswith("https://acleddata.com/")
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_every_source_with_terms_is_registered(store: Store) -> None:
    terms = store.vocab.extra["source_terms"]
    assert set(terms.index) <= set(store.vocab.sources.index)
    assert terms["terms_en"].str.len().gt(40).all() and terms["terms_ar"].str.len().gt(40).all()
    assert terms_in_scope(store, Filters()) == []  # an empty store republishes nothing
