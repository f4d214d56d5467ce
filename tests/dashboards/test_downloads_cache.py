"""A data desk's scheduled re-fetch: ETag and Last-Modified, 304 until the data changes.

Also /healthz when the database is gone. Each test runs its own server, since it
changes the data (or has none).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from tests.dashboards.test_downloads import FIXTURES, build_store, running_server
from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store

NAMES = ("figures.csv", "series.csv", "flags.csv", "sources.csv", "datapackage.json")
EXTRA = "figure_id,reported_on,source,metric,location,value\nD100,2018-07-03,sohr,killed,SY12,300\n"


@pytest.fixture
def store(downloads_store: Store) -> Store:
    return downloads_store


def fetch(url: str, **headers: str) -> requests.Response:
    return requests.get(url, headers=headers, timeout=10)


def test_an_unchanged_file_answers_304(store: Store) -> None:
    with running_server(store) as base:
        for name in NAMES:
            url = f"{base}/download/{name}?hxl=1"
            first = fetch(url)
            tag, modified = first.headers["ETag"], first.headers["Last-Modified"]
            assert first.headers["Cache-Control"] == "no-cache"
            assert modified == "Fri, 02 Jan 2026 03:04:05 GMT"
            again = fetch(url, **{"If-None-Match": tag})
            assert (again.status_code, again.content) == (304, b"")
            assert again.headers["ETag"] == tag
            since = fetch(url, **{"If-Modified-Since": modified})
            assert since.status_code == 304
            other = fetch(f"{base}/download/{name}", **{"If-None-Match": tag})
            assert other.status_code == 200, "other options are another file"


def test_new_data_changes_the_etag_and_answers_200(store: Store, tmp_path: Path) -> None:
    with running_server(store) as base:
        url = f"{base}/download/figures.csv"
        first = fetch(url)
        extra = tmp_path / "extra.csv"
        extra.write_text(EXTRA, encoding="utf-8")
        assert store.import_file(read_figure_file(extra)).stored == 1
        after = fetch(url, **{"If-None-Match": first.headers["ETag"]})
        assert after.status_code == 200 and b"D100," in after.content
        assert after.headers["ETag"] != first.headers["ETag"]
        stale = fetch(url, **{"If-Modified-Since": first.headers["Last-Modified"]})
        assert stale.status_code == 200
        store.explain_flag("F-10", "checked: different definitions")
        flags = fetch(f"{base}/download/flags.csv", **{"If-None-Match": after.headers["ETag"]})
        assert flags.status_code == 200 and "checked: different definitions" in flags.text


def test_healthz_answers_503_when_the_database_is_unreachable() -> None:
    gone = Store("postgresql://nobody@127.0.0.1:9/nowhere?connect_timeout=2")
    with running_server(gone) as base:
        health = fetch(f"{base}/healthz")
        assert health.status_code == 503 and health.json()["database"] == "unreachable"
        assert fetch(f"{base}/download/sources.csv").status_code == 503


def test_healthz_answers_503_without_a_schema(tmp_path: Path) -> None:
    with running_server(Store(f"sqlite:///{tmp_path / 'empty.db'}")) as base:
        health = fetch(f"{base}/healthz")
        assert health.status_code == 503 and "tracker init" in health.json()["database"]


@pytest.mark.postgres
def test_postgresql_serves_the_same_bytes(pg_url: str) -> None:
    store = build_store(pg_url)
    try:
        with running_server(store) as base:
            figures = fetch(f"{base}/download/figures.csv")
        assert figures.content == (FIXTURES / "expected_figures.csv").read_bytes()
    finally:
        store.engine.dispose()
