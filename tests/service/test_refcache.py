"""The vocabularies kept between commands (issue #17): a command reads them from the cache
file of their contents, and never a stale one: an edited registry, another database or a
changed file of data/ is read afresh; a damaged or unwritable cache is no error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tracker.domain.roles import Actor, Role
from tracker.ingest.reference import DATA_DIR
from tracker.service import refcache, registry
from tracker.service import store as store_module
from tracker.service.store import Store

ADMIN = Actor("admin", Role.ADMIN)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("TRACKER_CACHE", str(where))
    return where


def _fresh(url: str) -> Store:
    """A store as a new command opens it (nothing read yet)."""
    return Store(url)


def _no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading data/ fails: whatever is found came from the cache."""

    def refuse() -> None:
        raise AssertionError("data/ was read although the cache holds these vocabularies")

    monkeypatch.setattr(store_module, "read_reference", refuse)


def test_the_next_command_reads_the_vocabularies_from_the_cache(
    store: Store, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _fresh(str(store.url.render_as_string(hide_password=False))).vocab
    assert len(list(cache.glob("vocab-*.pickle"))) == 1
    _no_reading(monkeypatch)
    again = _fresh(str(store.url.render_as_string(hide_password=False))).vocab
    assert list(again.sources.index) == list(first.sources.index)
    assert again.gazetteer.equals(first.gazetteer)
    assert again.ancestors.equals(first.ancestors)  # derived look-ups are kept too
    assert again.location_ids == first.location_ids


def test_an_edited_registry_is_read_afresh_by_every_process(
    store: Store, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = store.url.render_as_string(hide_password=False)
    assert _fresh(url).vocab.sources.at["sohr", "reliability"] != "low"
    other = _fresh(url)  # another process edits the registry
    registry.edit(other, ADMIN, "sources", "sohr", {"reliability": "low"})
    assert _fresh(url).vocab.sources.at["sohr", "reliability"] == "low"
    assert len(list(cache.glob("vocab-*.pickle"))) == 2


def test_a_changed_file_of_data_changes_the_key(store: Store, tmp_path: Path, cache: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with store.connect() as conn:
        before = refcache.content_key(conn, data)
        assert refcache.content_key(conn, data) == before
        metrics = data / "vocabularies" / "metrics.csv"
        metrics.write_text(metrics.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert refcache.content_key(conn, data) != before


def test_a_damaged_cache_file_is_rebuilt(store: Store, cache: Path) -> None:
    url = store.url.render_as_string(hide_password=False)
    expected = _fresh(url).vocab
    for path in cache.glob("vocab-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert list(_fresh(url).vocab.metrics.index) == list(expected.metrics.index)
    assert all(p.read_bytes() != b"not a pickle" for p in cache.glob("vocab-*.pickle"))


def test_no_cache_when_off_or_unwritable(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = store.url.render_as_string(hide_password=False)
    monkeypatch.setenv("TRACKER_CACHE", "off")
    assert "sohr" in _fresh(url).vocab.source_ids
    blocked = tmp_path / "a-file"
    blocked.write_text("the cache directory cannot be made here", encoding="utf-8")
    monkeypatch.setenv("TRACKER_CACHE", str(blocked / "cache"))
    assert "sohr" in _fresh(url).vocab.source_ids
    assert list(tmp_path.rglob("vocab-*.pickle")) == []


def test_old_cache_files_are_removed(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refcache, "KEEP", 2)
    cache.mkdir(parents=True)
    for n in range(4):
        (cache / f"vocab-{n}.pickle").write_bytes(b"old")
    refcache._prune(cache)
    assert len(list(cache.glob("vocab-*.pickle"))) == 2
