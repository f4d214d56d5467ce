"""Downloads cannot starve the pages (tracker/publish/gate.py): renders from the database take
a render slot; the others wait in line, then get 503 with Retry-After; pages never wait.

Each test holds the render slot itself, as a long render of a million figures would, and
talks to the real app over HTTP.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from bench.loadmix import ROUTER, _payload
from tests.dashboards.serving import served
from tracker.domain.filters import Filters
from tracker.publish.cache import cache_folder
from tracker.publish.gate import Gate, gate_for
from tracker.service.store import Store

FILTERED = "/download/figures.csv?metric=killed"


@pytest.fixture
def store(downloads_store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("TRACKER_DOWNLOAD_RENDERS", "1")
    monkeypatch.setenv("TRACKER_DOWNLOAD_SMALL", "0")  # every render in line, as at 1M
    return downloads_store


def gate(store: Store) -> Gate:
    return gate_for(store.url, cache_folder(store.url))


def router_call(base: str, path: str = "/") -> requests.Response:
    """The callback Dash's page router fires to render ``path`` (as a browser sends it)."""
    deps = requests.get(base + "/_dash-dependencies", timeout=10).json()
    router = next(c for c in deps if ROUTER in c["output"])
    values = {"pathname": path, "search": "", "hash": "", "href": f"http://127.0.0.1{path}"}
    return requests.post(
        base + "/_dash-update-component", json=_payload(router, values), timeout=10
    )


def test_pages_answer_while_downloads_wait_for_the_render_slot(store: Store) -> None:
    expected_after = None
    with served(store) as base, ThreadPoolExecutor(3) as pool:
        held = gate(store).try_take()
        assert held is not None
        waiting = [pool.submit(requests.get, base + FILTERED, timeout=30) for _ in range(3)]
        time.sleep(0.5)
        assert not any(w.done() for w in waiting), "downloads wait in line for the slot"
        started = time.perf_counter()
        page, callback = requests.get(base + "/", timeout=10), router_call(base)
        assert time.perf_counter() - started < 5
        assert (page.status_code, callback.status_code) == (200, 200)
        assert b"_pages_content" in callback.content
        held.release()
        bodies = [w.result().content for w in waiting]
        expected_after = requests.get(base + FILTERED, timeout=10).content
    assert bodies == [expected_after] * 3, "identical downloads asked at once: identical bytes"
    assert expected_after.startswith(b"figure_id,") and b"killed" in expected_after


def test_identical_downloads_at_once_are_rendered_once(store: Store) -> None:
    with served(store) as base, ThreadPoolExecutor(4) as pool:
        bodies = list(
            pool.map(lambda _: requests.get(base + FILTERED, timeout=30).content, range(4))
        )
        again = requests.get(base + FILTERED, timeout=10).content
    assert len(set(bodies)) == 1 and bodies[0] == again
    folder = cache_folder(store.url)
    assert folder is not None
    kept = [p for p in folder.rglob("figures.*.csv")]
    assert len(kept) == 1 and kept[0].read_bytes() == again


def test_a_download_that_waits_too_long_is_told_when_to_come_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DOWNLOAD_WAIT", "0.5")
    with served(store) as base:
        held = gate(store).try_take()
        assert held is not None
        try:
            answer = requests.get(base + "/download/series.csv?metric=killed", timeout=10)
            workbook = requests.get(base + "/download/figures.xlsx", timeout=10)
            small = [
                requests.get(f"{base}/download/{name}?metric=killed", timeout=10)
                for name in ("flags.csv", "sources.csv", "datapackage.json")
            ]
        finally:
            held.release()
        after = requests.get(base + "/download/series.csv?metric=killed", timeout=10)
    for refused in (answer, workbook):
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "10"
        assert "try again in 10 seconds" in refused.text
    assert [r.status_code for r in small] == [200] * 3, (
        "files of a row per flag or source never wait"
    )
    assert after.status_code == 200 and after.text.startswith("metric,population,location,")


def test_a_full_line_is_refused_at_once(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DOWNLOAD_LINE", "1")
    with served(store) as base, ThreadPoolExecutor(1) as pool:
        held = gate(store).try_take()
        assert held is not None
        try:
            first = pool.submit(requests.get, base + FILTERED, timeout=30)
            time.sleep(0.5)
            started = time.perf_counter()
            second = requests.get(base + "/download/series.csv?metric=killed", timeout=10)
            assert time.perf_counter() - started < 2
        finally:
            held.release()
        assert first.result().status_code == 200
    assert second.status_code == 503 and "already waiting" in second.text


def test_a_small_filtered_file_is_not_put_in_line_behind_a_large_render(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    killed = store.count_matching(Filters(metric=("killed",)))
    assert 0 < killed < store.count_matching(Filters())
    monkeypatch.setenv("TRACKER_DOWNLOAD_SMALL", str(killed))  # the killed figures are small
    monkeypatch.setenv("TRACKER_DOWNLOAD_WAIT", "0.5")
    with served(store) as base:
        held = gate(store).try_take()  # a whole country's render holds the only slot
        assert held is not None
        try:
            started = time.perf_counter()
            small = requests.get(base + FILTERED, timeout=10)
            waited = time.perf_counter() - started
            large = requests.get(base + "/download/figures.csv", timeout=10)
        finally:
            held.release()
        again = requests.get(base + FILTERED, timeout=10)
    assert small.status_code == 200 and waited < 5
    assert small.content == again.content and small.text.count("\n") == killed + 1
    assert large.status_code == 503, "the whole file reads more figures: it waits in line"
