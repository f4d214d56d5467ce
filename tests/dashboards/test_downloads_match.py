"""Downloads equal the page (issue #12), over real HTTP against the download fixture.

flags.csv takes rule, severity and status; the saved name says what was filtered; the zip
holds a data package whose paths name files inside it and that validates offline; an Arabic
page's download link asks for the Excel byte-order mark.
"""

from __future__ import annotations

import io
import json
import socket
import zipfile
from collections.abc import Iterator
from pathlib import Path

import frictionless
import pandas as pd
import pytest
import requests

from tests.dashboards.test_downloads import build_store, running_server
from tracker.service.store import Store


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store: Store = build_store(f"sqlite:///{tmp_path_factory.mktemp('match') / 'tracker.db'}")
    with running_server(store) as url:
        yield url
    store.engine.dispose()


def get(base: str, path: str) -> requests.Response:
    return requests.get(base + path, timeout=20)


def flags(response: requests.Response) -> pd.DataFrame:
    assert response.status_code == 200, response.text
    return pd.read_csv(io.BytesIO(response.content), dtype=str, keep_default_na=False)


@pytest.mark.parametrize(
    ("query", "column", "values"),
    [
        ("rule=divergence", "rule", {"divergence"}),
        ("rule=hierarchy,divergence", "rule", {"hierarchy", "divergence"}),
        ("severity=major", "severity", {"major"}),
        ("status=explained", "status", {"explained"}),
        ("status=open&rule=divergence", "flag_id", set()),
    ],
)
def test_flags_csv_selects_by_rule_severity_and_status(
    base: str, query: str, column: str, values: set[str]
) -> None:
    frame = flags(get(base, f"/download/flags.csv?{query}"))
    assert set(frame[column]) == values


def test_flags_csv_rule_echo_has_only_echo_rows(base: str) -> None:
    every = flags(get(base, "/download/flags.csv"))
    echo = flags(get(base, "/download/flags.csv?rule=echo"))
    assert len(every) == 2 and set(echo["rule"]) <= {"echo"}
    assert list(echo.columns) == list(every.columns)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("/download/flags.csv?rule=ecko", ["rule", "echo"]),
        ("/download/flags.csv?severity=huge", ["severity", "major"]),
        ("/download/flags.csv?status=closed", ["status", "open"]),
        ("/download/figures.csv?rule=echo", ["figures.csv", "rule", "flags.csv"]),
    ],
)
def test_a_bad_flag_selector_answers_400_naming_it(base: str, query: str, words: list) -> None:
    response = get(base, query)
    assert response.status_code == 400
    assert all(w in response.text for w in words), response.text


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/download/figures.csv", "figures.csv"),
        ("/download/figures.csv?lang=ar&excel=1", "figures.csv"),
        (
            "/download/figures.csv?metric=killed&location=SY12",
            "figures_metric-killed_location-SY12.csv",
        ),
        ("/download/flags.csv?rule=echo", "flags_rule-echo.csv"),
        (
            "/download/flags.csv?from=2018-06-19&severity=major,minor",
            "flags_from-2018-06-19_severity-major-minor.csv",
        ),
        ("/download/tracker-data.zip?metric=killed", "tracker-data_metric-killed.zip"),
    ],
)  # fmt: skip
def test_the_saved_name_says_what_was_filtered(base: str, path: str, name: str) -> None:
    response = get(base, path)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'


def test_the_package_url_carries_flag_selectors_only_to_flags(base: str) -> None:
    package = get(base, "/download/datapackage.json?rule=divergence&metric=killed").json()
    paths = {r["name"]: r["path"] for r in package["resources"]}
    assert paths["flags"] == "flags.csv?metric=killed&rule=divergence"
    assert paths["figures"] == "figures.csv?metric=killed"
    for path in paths.values():
        assert get(base, "/download/" + path).status_code == 200, path


class NoNetwork:
    """Any attempt to open a socket fails while this is in force."""

    def __enter__(self) -> None:
        self.saved = socket.socket.connect
        socket.socket.connect = self.refuse  # type: ignore[method-assign]

    @staticmethod
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("no network in this test")

    def __exit__(self, *_exc: object) -> None:
        socket.socket.connect = self.saved  # type: ignore[method-assign]


@pytest.mark.parametrize(
    "query", ["", "?metric=killed&rule=divergence", "?hxl=1&excel=1&lang=ar&status=explained"]
)
def test_the_zip_validates_offline_after_unzipping(base: str, tmp_path: Path, query: str) -> None:
    response = get(base, "/download/tracker-data.zip" + query)
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/zip"
    folder = tmp_path / "unzipped"
    folder.mkdir()
    assert not list(folder.iterdir())
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        archive.extractall(folder)
    assert sorted(names) == [
        "datapackage.json", "figures.csv", "flags.csv", "series.csv", "sources.csv"
    ]  # fmt: skip
    with NoNetwork():
        report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == [
        "figures.csv", "series.csv", "flags.csv", "sources.csv"
    ]  # fmt: skip
    if "rule=divergence" in query:
        unzipped = pd.read_csv(folder / "flags.csv", dtype=str)
        assert set(unzipped["rule"]) == {"divergence"}


def test_every_page_links_downloads_with_exactly_its_filters(dash_store: Store) -> None:
    from dashboards.pages import discrepancies, figures, overview, trends
    from tests.dashboards.test_pages import links

    page = discrepancies.layout(dash_store, rule="echo", severity="info", location="SY12")
    assert "/download/flags.csv?location=SY12&rule=echo&severity=info" in links(page)
    arabic = discrepancies.layout(dash_store, lang="ar", rule="echo", status="open")
    assert "/download/flags.csv?rule=echo&status=open&lang=ar&excel=1" in links(arabic)
    for module in (figures, overview, trends):
        hrefs = [h for h in links(module.layout(dash_store, lang="ar")) if "/download/" in h]
        csv = [h for h in hrefs if ".csv" in h]  # a workbook needs no byte-order mark
        assert csv and all(h.endswith("lang=ar&excel=1") for h in csv), hrefs
