"""The download cache over real HTTP: the Flask route on a werkzeug server in a thread.

The whole figures.csv is rendered on the first request after a change and kept; the next
requests read the kept file; an import or a revision makes a new file; filtered downloads
stream from the database and keep nothing.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.dashboards.test_downloads import FIXTURES, build_store, running_server
from tests.dashboards.test_downloads_cache import EXTRA
from tracker.ingest.readers import read_figure_file
from tracker.publish import DownloadOptions, download_pieces
from tracker.service.store import Store

EXPECTED = (FIXTURES / "expected_figures.csv").read_bytes()


@pytest.fixture
def store(downloads_store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.delenv("TRACKER_CACHE_DIR", raising=False)
    return downloads_store


def folder(store: Store) -> Path:
    return Path(str(store.engine.url.database) + "-downloads")


def kept(store: Store) -> list[Path]:
    return sorted(folder(store).glob("*.csv")) if folder(store).exists() else []


def fetch(url: str, **headers: str) -> requests.Response:
    return requests.get(url, headers=headers, timeout=30)


def test_a_second_request_is_served_from_the_kept_file(store: Store) -> None:
    with running_server(store) as base:
        first = fetch(f"{base}/download/figures.csv")
        assert first.content == EXPECTED and len(kept(store)) == 1
        second = fetch(f"{base}/download/figures.csv")
        assert second.content == EXPECTED and second.headers["ETag"] == first.headers["ETag"]
        assert second.headers.get("Transfer-Encoding") == "chunked"
        assert "Content-Length" not in second.headers
        (path,) = kept(store)
        path.write_bytes(b"figure_id\nfrom the file\n")  # what is served is the file
        assert fetch(f"{base}/download/figures.csv").content == b"figure_id\nfrom the file\n"


def test_an_import_or_a_revision_makes_a_new_file(store: Store, tmp_path: Path) -> None:
    with running_server(store) as base:
        url = f"{base}/download/figures.csv"
        first = fetch(url)
        (old,) = kept(store)
        extra = tmp_path / "extra.csv"
        extra.write_text(EXTRA, encoding="utf-8")
        assert store.import_file(read_figure_file(extra)).stored == 1
        imported = fetch(url)
        assert b"\nD100,2018-07-03,sohr," in imported.content
        assert imported.headers["ETag"] != first.headers["ETag"]
        assert not old.exists() and len(kept(store)) == 1
        store.revise("D002", {"notes": "checked again"}, "typo")
        revised = fetch(url)
        assert b",checked again," in revised.content and revised.content != imported.content
        assert fetch(url).content == revised.content and len(kept(store)) == 1
        streamed = b"".join(download_pieces(store, "figures.csv", DownloadOptions()))
        assert revised.content == streamed


def test_each_variant_is_its_own_file_and_excel_adds_only_the_mark(store: Store) -> None:
    with running_server(store) as base:
        for query, options in [
            ("?hxl=1", DownloadOptions(hxl=True)),
            ("?lang=ar", DownloadOptions(lang="ar")),
            ("?hxl=1&lang=ar&excel=1", DownloadOptions(hxl=True, lang="ar", excel=True)),
        ]:
            for _ in range(2):
                body = fetch(f"{base}/download/figures.csv{query}").content
                assert body == b"".join(download_pieces(store, "figures.csv", options)), query
        excel = fetch(f"{base}/download/figures.csv?excel=1").content
        assert excel == b"\xef\xbb\xbf" + EXPECTED
        assert len(kept(store)) == 4  # plain (also excel), hxl, lang=ar, hxl+lang=ar
        for name in ("flags.csv", "series.csv", "sources.csv"):
            assert (
                fetch(f"{base}/download/{name}").content == fetch(f"{base}/download/{name}").content
            )
        assert len(kept(store)) == 7


def test_filtered_downloads_stream_and_keep_nothing(store: Store) -> None:
    with running_server(store) as base:
        body = fetch(f"{base}/download/figures.csv?metric=killed").content
        assert body.count(b"\n") == 3 and kept(store) == []
        assert fetch(f"{base}/download/datapackage.json").status_code == 200
        assert kept(store) == []


def test_requests_at_the_same_time_get_the_same_bytes(store: Store) -> None:
    with running_server(store) as base, ThreadPoolExecutor(4) as pool:
        bodies = list(pool.map(lambda _: fetch(f"{base}/download/figures.csv").content, range(4)))
    assert bodies == [EXPECTED] * 4
    assert len(kept(store)) == 1 and not list(folder(store).glob(".*.tmp"))


def test_the_environment_moves_or_turns_off_the_cache(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with running_server(store) as base:
        monkeypatch.setenv("TRACKER_CACHE_DIR", "off")
        assert fetch(f"{base}/download/figures.csv").content == EXPECTED
        assert not folder(store).exists()
        monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "elsewhere"))
        assert fetch(f"{base}/download/figures.csv").content == EXPECTED
        assert len(list((tmp_path / "elsewhere").glob("figures.*.csv"))) == 1


@pytest.mark.postgres
def test_postgresql_serves_the_same_bytes_from_the_cache(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "cache"))
    store = build_store(pg_url)
    try:
        with running_server(store) as base:
            bodies = [fetch(f"{base}/download/figures.csv").content for _ in range(2)]
        assert bodies == [EXPECTED, EXPECTED]
        assert len(list((tmp_path / "cache").glob("figures.*.csv"))) == 1
    finally:
        store.engine.dispose()
