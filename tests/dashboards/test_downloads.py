"""The download routes over real HTTP: a werkzeug server on a free port, a fixture database.

Every URL of DESIGN.md §4 is fetched with requests and read back with the tools a data
desk uses: pandas, libhxl, frictionless.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import frictionless
import hxl
import pandas as pd
import pytest
import requests
from flask import Flask
from sqlalchemy import delete
from werkzeug.serving import make_server

from tracker.cli import main as tracker_main
from tracker.domain.vocabularies import CANONICAL_COLUMNS
from tracker.ingest.readers import read_figure_file
from tracker.publish import catalogue
from tracker.service.store import Store
from tracker.storage import tables

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "downloads"
FIXED_CLOCK = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
FLAG_COLUMNS = [
    "flag_id", "rule", "severity", "status", "metric", "population", "location",
    "figure_ids", "sources", "ratio", "sentence_en", "sentence_ar", "note",
]  # fmt: skip
FLAGS = [
    dict(flag_id="F-2", component="killed|civilians|SY12", rule="divergence", severity="moderate",
         metric="killed", population="civilians", location="SY12", figure_ids="D001;D002",
         sources="snhr;sohr", ratio=1.5395683453,
         sentence_en="SNHR: at least 214. SOHR: about 126.",
         sentence_ar="الشبكة السورية: 214 على الأقل. المرصد: نحو 126.", computed_at=FIXED_CLOCK),
    dict(flag_id="F-10", component="displaced|all|SY", rule="hierarchy", severity="major",
         metric="displaced", population="all", location="SY12", figure_ids="D003;D004",
         sources="un-ocha", ratio=None, sentence_en="-Dar'a cannot count more than Syria.",
         sentence_ar="لا يمكن أن يتجاوز عدد درعا عدد سوريا.", computed_at=FIXED_CLOCK),
]  # fmt: skip
BANDS = [
    dict(component="killed|civilians|SY12", metric="killed", population="civilians",
         location="SY12", measure="flow", window_start=date(2018, 6, 19),
         window_start_assumed=False, date=date(2018, 6, 30), low=214.0, high=None,
         headline=214.0, n_claims=2, n_sources=2),
    dict(component="idps|palestinian_refugees|C5993", metric="idps",
         population="palestinian_refugees", location="C5993", measure="stock", window_start=None,
         window_start_assumed=False, date=date(2018, 6, 29), low=2000.0, high=9999.0,
         headline=5000.5, n_claims=1, n_sources=1),
]  # fmt: skip


def replace_flags(store: Store) -> None:
    """The same flags whatever the engine computes: these tests are about the files."""
    with store.engine.begin() as conn:
        for table in (tables.flags, tables.flag_figures, tables.flag_notes, tables.bands):
            conn.execute(delete(table))
        conn.execute(tables.flags.insert(), FLAGS)
        links = [
            {"flag_id": f["flag_id"], "figure_id": fid, "component": f["component"]}
            for f in FLAGS
            for fid in f["figure_ids"].split(";")
        ]
        conn.execute(tables.flag_figures.insert(), links)
        conn.execute(tables.bands.insert(), BANDS)
        conn.execute(
            tables.flag_notes.insert().values(
                flag_id="F-2",
                status="explained",
                note="=SUM(A1) different windows",
                entered_at=FIXED_CLOCK,
                entered_by="fixture",
            )
        )


def build_store(url: str) -> Store:
    """The fixture figures, entered by 'fixture' at a fixed time, with fixed flags and bands."""
    store = Store(url)
    store.upgrade()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRACKER_USER", "fixture")
        patch.setattr("tracker.storage.figures.now", lambda: FIXED_CLOCK)
        result = store.import_file(read_figure_file(FIXTURES / "figures.csv"))
    assert result.plan.ok and result.stored == 7
    replace_flags(store)
    return store


def web_app(store: Store) -> Flask:
    """The dashboard's Flask server; a bare one with the routes while the pages are missing."""
    try:
        from dashboards.app import create_app

        return create_app(store).server
    except ModuleNotFoundError:
        from dashboards.downloads import register_downloads

        server = Flask("downloads-test")
        register_downloads(server, store)
        return server


@contextmanager
def running_server(store: Store) -> Iterator[str]:
    """The real WSGI server in a thread on a free port; yields its base URL."""
    server = make_server("127.0.0.1", 0, web_app(store), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = build_store(f"sqlite:///{tmp_path_factory.mktemp('downloads') / 'tracker.db'}")
    yield store
    store.engine.dispose()


@pytest.fixture(scope="module")
def base(fixture_store: Store) -> Iterator[str]:
    with running_server(fixture_store) as url:
        yield url


def get(base: str, path: str, **headers: str) -> requests.Response:
    return requests.get(base + path, headers=headers, timeout=10)


# -- figures.csv ----------------------------------------------------------------------------


def test_figures_csv_equals_the_expected_file_byte_for_byte(base: str) -> None:
    response = get(base, "/download/figures.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content == (FIXTURES / "expected_figures.csv").read_bytes()


def test_pandas_reads_figures_back_to_the_stored_values(base: str, fixture_store: Store) -> None:
    read = pd.read_csv(base + "/download/figures.csv", keep_default_na=False, dtype=str)
    stored = fixture_store.figures()
    assert list(read["figure_id"]) == sorted(stored["figure_id"])
    read, stored = read.set_index("figure_id"), stored.set_index("figure_id")
    for figure_id, row in stored.iterrows():
        got = read.loc[figure_id]
        assert int(got["value"]) == row["value"] and int(got["low"]) == row["low"]
        high = "" if row["high"] == float("inf") else str(int(row["high"]))
        assert got["high"] == high
        assert got["reported_on"] == row["reported_on"].strftime("%Y-%m-%d")
        assert got["period_end"] == row["period_end"].strftime("%Y-%m-%d")
        for column in ("source", "metric", "population", "location", "qualifier", "unit", "url"):
            assert got[column] == ("" if pd.isna(row[column]) else row[column]), column
    assert read.at["D002", "flag_ids"] == "F-2"
    assert read.at["D001", "flag_ids"] == "F-2"
    assert read.at["D003", "flag_ids"] == "F-10"
    assert read.at["D005", "quote"] == "" and read.at["D001", "quote"] == "قتل نحو 126 مدنياً"
    assert list(read.columns[: len(CANONICAL_COLUMNS) - 1]) == list(CANONICAL_COLUMNS[1:])


def test_formulas_are_neutralised_and_numbers_untouched(base: str) -> None:
    read = pd.read_csv(base + "/download/figures.csv", keep_default_na=False, dtype=str)
    read = read.set_index("figure_id")
    assert read.at["D001", "publisher"] == '\'=HYPERLINK("http://x","y")'
    assert read.at["D001", "notes"] == "'-read from the Arabic release"
    assert read.at["D002", "notes"] == "'@ cross-checked"
    assert read.at["D003", "notes"] == "'+ corridors"
    assert read.at["D004", "publisher"] == "'＝cmd"  # full-width equals sign
    assert read.at["D002", "publisher"] == "Wire, Inc."
    assert read.at["D004", "notes"] == 'corridors, "families"'
    numbers = ["value", "value_high", "low", "high", "location_level", "revision"]
    for column in numbers + ["reported_on", "period_start", "period_end", "entered_at"]:
        assert not read[column].str.startswith("'").any(), column
    assert read.at["D003", "value_high"] == "66000" and read.at["D006", "low"] == "160001"
    flags = pd.read_csv(base + "/download/flags.csv", keep_default_na=False, dtype=str)
    flags = flags.set_index("flag_id")
    assert flags.at["F-2", "note"] == "'=SUM(A1) different windows"
    assert flags.at["F-10", "sentence_en"] == "'-Dar'a cannot count more than Syria."


def test_filters_select_figures_like_the_command_line(base: str) -> None:
    def ids(query: str) -> list[str]:
        frame = pd.read_csv(base + "/download/figures.csv" + query, dtype=str)
        return list(frame["figure_id"])

    assert ids("?metric=killed") == ["D001", "D002"]
    assert ids("?metric=killed&metric=airstrikes") == ["D001", "D002", "D007"]
    assert ids("?location=SY1200") == ["D005", "D006", "D007"]  # the places below too
    assert ids("?source=un-ocha&population=all") == ["D003", "D004"]
    assert ids("?from=2018-06-30&to=2018-07-01") == ["D001", "D002"]


def test_lang_ar_adds_the_arabic_names(base: str) -> None:
    read = pd.read_csv(base + "/download/figures.csv?lang=ar", dtype=str).set_index("figure_id")
    assert list(read.columns[-2:]) == ["source_name_ar", "location_name_ar"]
    assert read.at["D001", "source_name_ar"] == "المرصد السوري لحقوق الإنسان"
    assert read.at["D001", "location_name_ar"] == "درعا"
    sources = pd.read_csv(base + "/download/sources.csv?lang=ar", dtype=str).set_index("source")
    assert sources.at["sohr", "type_ar"] == "منظمة رصد غير حكومية"
    flags = pd.read_csv(base + "/download/flags.csv?lang=ar", dtype=str).set_index("flag_id")
    assert flags.at["F-2", "location_name_ar"] == "درعا"
    assert flags.at["F-2", "source_names_ar"].count(";") == 1


def test_excel_starts_with_the_bom_and_nothing_else_changes(base: str) -> None:
    plain = get(base, "/download/figures.csv").content
    excel = get(base, "/download/figures.csv?excel=1").content
    assert excel.startswith(b"\xef\xbb\xbf") and not plain.startswith(b"\xef\xbb\xbf")
    assert excel[3:] == plain


def test_same_data_gives_the_same_bytes(base: str) -> None:
    for name in ("figures.csv", "flags.csv", "series.csv", "sources.csv", "datapackage.json"):
        first, second = get(base, f"/download/{name}"), get(base, f"/download/{name}")
        assert first.content == second.content and first.headers["ETag"] == second.headers["ETag"]


def test_downloads_stream_in_chunks(base: str) -> None:
    response = get(base, "/download/figures.csv")
    assert response.headers.get("Transfer-Encoding") == "chunked"
    assert "Content-Length" not in response.headers


# -- flags, series, sources ------------------------------------------------------------------


def test_flags_csv_has_the_design_columns_in_order(base: str) -> None:
    response = get(base, "/download/flags.csv")
    assert response.status_code == 200
    header, *rows = response.text.splitlines()
    assert header.split(",") == FLAG_COLUMNS
    flags = pd.read_csv(io.StringIO(response.text), dtype=str, keep_default_na=False)
    assert list(flags["flag_id"]) == ["F-10", "F-2"]  # string order, not number order
    assert list(flags["status"]) == ["open", "explained"]
    assert list(flags["ratio"]) == ["", "1.5396"]
    assert flags.loc[1, "figure_ids"] == "D001;D002"


def test_series_csv_holds_the_bands(base: str) -> None:
    series = pd.read_csv(base + "/download/series.csv", dtype=str, keep_default_na=False)
    assert list(series["metric"]) == ["idps", "killed"]
    idps, killed = series.iloc[0], series.iloc[1]
    assert (idps["window_start"], idps["low"], idps["high"]) == ("", "2000", "9999")
    assert idps["headline"] == "5000.5" and idps["location_name"] == "Dar'a"
    assert (killed["window_start"], killed["high"]) == ("2018-06-19", "")
    assert killed["window_start_assumed"] == "false"
    one = pd.read_csv(base + "/download/series.csv?metric=killed", dtype=str)
    assert list(one["metric"]) == ["killed"]


def test_sources_csv_is_the_registry(base: str, fixture_store: Store) -> None:
    sources = pd.read_csv(base + "/download/sources.csv", dtype=str, keep_default_na=False)
    assert list(sources["source"]) == sorted(fixture_store.vocab.source_ids)
    only = pd.read_csv(base + "/download/sources.csv?source=sohr,snhr", dtype=str)
    assert list(only["source"]) == ["snhr", "sohr"]


# -- HXL and the Data Package -----------------------------------------------------------------


def test_hxl_row_parses_with_libhxl(base: str) -> None:
    url = base + "/download/figures.csv?hxl=1&metric=killed&population=civilians"
    data = hxl.data(url, hxl.InputOptions(allow_local=True)).cache()
    tags = [column.display_tag for column in data.columns]
    assert "#affected+killed+civilians" in tags and "#date+reported" in tags
    assert "#affected+killed+civilians+ind+min" in tags
    # an HXL tool takes the first column matching a pattern: the stated value
    assert sorted(int(row.get("#affected+killed+civilians")) for row in data) == [126, 214]
    assert sorted(data.get_value_set("#affected+killed+civilians+max")) == ["", "139"]
    assert sorted(data.get_value_set("#org+source+code")) == ["snhr", "sohr"]
    mixed = hxl.data(base + "/download/figures.csv?hxl=1", hxl.InputOptions(allow_local=True))
    assert "#indicator+num" in [c.display_tag for c in mixed.columns]
    for name in ("flags", "series", "sources"):
        tagged = hxl.data(f"{base}/download/{name}.csv?hxl=1", hxl.InputOptions(allow_local=True))
        assert all(c.display_tag for c in tagged.columns), name


@pytest.mark.parametrize("query", ["", "?hxl=1&excel=1&lang=ar", "?metric=killed&hxl=1"])
def test_frictionless_validates_the_package_and_its_csvs(base: str, query: str) -> None:
    report = frictionless.validate(base + "/download/datapackage.json" + query)
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])
    assert [task.stats["rows"] for task in report.tasks][:1] == [2 if "killed" in query else 7]


def test_the_package_declares_the_hxl_row_and_the_licence(base: str) -> None:
    package = get(base, "/download/datapackage.json?hxl=1").json()
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["citation"]
    figures = package["resources"][0]
    assert figures["path"] == "figures.csv?hxl=1"
    assert figures["dialect"]["commentRows"] == [2]
    assert all(
        field["description"] for r in package["resources"] for field in r["schema"]["fields"]
    )
    plain = get(base, "/download/datapackage.json").json()
    assert "commentRows" not in plain["resources"][0]["dialect"]


# -- parameters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("metric=kiled", ["metric", "'killed'"]),
        ("source=sohrr", ["source", "'sohr'"]),
        ("location=SY1Z", ["location", "did you mean"]),
        ("population=civilian", ["population", "'civilians'"]),
        ("from=2018-13-01", ["from", "YYYY-MM-DD"]),
        ("to=30/06/2018", ["to", "YYYY-MM-DD"]),
        ("from=2018-07-01&to=2018-06-01", ["from", "after"]),
        ("metrc=killed", ["parameter", "'metric'"]),
        ("date_from=2018-06-01", ["parameter", "'from'"]),
        ("hxl=2", ["hxl", "hxl=1"]),
        ("excel=maybe", ["excel", "excel=1"]),
        ("lang=arabic", ["lang", "'ar'"]),
        ("lang=ar&lang=en", ["lang", "once"]),
    ],
)
def test_a_bad_parameter_answers_400_naming_it(base: str, query: str, words: list[str]) -> None:
    for name in ("figures.csv", "flags.csv", "datapackage.json"):
        response = get(base, f"/download/{name}?{query}")
        assert response.status_code == 400, (name, query)
        assert response.headers["Content-Type"].startswith("text/plain")
        for word in words:
            assert word in response.text, (query, response.text)


def test_an_unknown_file_answers_404_with_the_closest_name(base: str) -> None:
    response = get(base, "/download/figure.csv")
    assert response.status_code == 404 and "'figures.csv'" in response.text


# -- one code path ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "path"),
    [
        ([], "/download/figures.csv"),
        (["--format", "hxl", "--excel", "--lang", "ar", "--metric", "killed"],
         "/download/figures.csv?metric=killed&hxl=1&excel=1&lang=ar"),
        (["--file", "flags", "--lang", "ar"], "/download/flags.csv?lang=ar"),
        (["--file", "series", "--format", "hxl"], "/download/series.csv?hxl=1"),
        (["--file", "sources"], "/download/sources.csv"),
        (["--format", "json", "--location", "SY12", "--from", "2018-06-01"],
         "/download/datapackage.json?location=SY12&from=2018-06-01"),
        (["--format", "json", "--hxl", "--lang", "ar"], "/download/datapackage.json?hxl=1&lang=ar"),
    ],
)  # fmt: skip
def test_tracker_export_writes_the_bytes_the_route_serves(
    base: str, fixture_store: Store, tmp_path: Path, args: list[str], path: str
) -> None:
    out = tmp_path / "export.out"
    db = str(fixture_store.engine.url)
    assert tracker_main(["--db", db, "export", *args, "-o", str(out)]) == 0
    assert out.read_bytes() == get(base, path).content


def test_every_catalogue_example_answers(base: str, fixture_store: Store) -> None:
    entries = catalogue(fixture_store.vocab, base_url=base, today=date(2026, 1, 2))
    assert [e.path for e in entries] == [
        "/download/figures.csv", "/download/series.csv", "/download/flags.csv",
        "/download/sources.csv", "/download/datapackage.json", "/download/tracker-data.zip",
    ]  # fmt: skip
    for entry in entries:
        assert "2026-01-02" in entry.citation_en and entry.url in entry.citation_en
        assert "'" in entry.formula_rule_en and entry.title_ar
        for url in entry.examples:
            assert requests.get(url, timeout=10).status_code == 200, url
    assert [c.name for c in entries[2].columns if not c.arabic_only] == FLAG_COLUMNS


def test_healthz_reports_a_reachable_database(base: str) -> None:
    response = get(base, "/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["database"] == "ok"
