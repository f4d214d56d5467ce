"""The download cache: where it lives, which files it keeps, and how a file gets there."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tracker.domain.filters import Filters
from tracker.publish import DownloadOptions
from tracker.publish.cache import (
    cache_folder,
    cache_path,
    cacheable,
    served_pieces,
    version_key,
)
from tracker.publish.version import DataVersion

SQLITE = make_url("sqlite:////data/tracker.db")
POSTGRES = make_url("postgresql+psycopg://tracker:secret@dbhost/tracker")
PLAIN = DownloadOptions()
PIECES = [b"figure_id,value\n", b"D001,1\n", b"D002,2\n"]


def pieces(calls: list[int] | None = None) -> Iterator[bytes]:
    if calls is not None:
        calls.append(1)
    yield from PIECES


def test_the_folder_is_next_to_an_sqlite_file_or_where_the_environment_says() -> None:
    assert cache_folder(SQLITE, {}) == Path("/data/tracker.db-downloads")
    assert cache_folder(POSTGRES, {}) is None
    assert cache_folder(make_url("sqlite://"), {}) is None  # in memory
    given = {"TRACKER_CACHE_DIR": "/var/cache/tracker"}
    assert cache_folder(POSTGRES, given) == Path("/var/cache/tracker")
    assert cache_folder(SQLITE, {"TRACKER_CACHE_DIR": "off"}) is None


def test_csv_files_whole_or_filtered_are_kept() -> None:
    assert cacheable("figures.csv", DownloadOptions(hxl=True, excel=True, lang="ar"))
    assert cacheable("flags.csv", DownloadOptions())
    assert cacheable("figures.csv", DownloadOptions(filters=Filters(metric=("killed",))))
    assert not cacheable("datapackage.json", DownloadOptions())


def test_filtered_files_sit_in_a_folder_of_their_database(tmp_path: Path) -> None:
    killed = DownloadOptions(filters=Filters(metric=("killed",)))
    path = cache_path(tmp_path, SQLITE, "figures.csv", killed, "v1")
    assert path.parent.parent == tmp_path and path.parent.name.startswith("filtered-")
    other = cache_path(tmp_path, POSTGRES, "figures.csv", killed, "v1")
    assert other.parent != path.parent
    assert cache_path(tmp_path, SQLITE, "figures.csv", PLAIN, "v1").parent == tmp_path


def test_the_name_follows_database_options_and_version_but_not_excel(tmp_path: Path) -> None:
    def name(url=SQLITE, options=PLAIN, token="v1") -> str:
        return cache_path(tmp_path, url, "figures.csv", options, token).name

    assert name().startswith("figures.") and name().endswith(".v1.csv")
    assert name(options=DownloadOptions(excel=True)) == name()
    assert len({name(), name(token="v2"), name(options=DownloadOptions(hxl=True)),
                name(options=DownloadOptions(lang="ar")), name(url=POSTGRES)}) == 5  # fmt: skip
    assert "secret" not in name(url=POSTGRES)


def test_a_database_rebuilt_to_the_same_counts_is_another_version() -> None:
    noon, later = datetime(2026, 1, 2, 12, tzinfo=UTC), datetime(2026, 1, 2, 13, tzinfo=UTC)
    key = version_key(DataVersion("t1", noon))
    assert key == version_key(DataVersion("t1", noon))
    assert len({key, version_key(DataVersion("t1", later)), version_key(DataVersion("t2", noon)),
                version_key(DataVersion("t1", None))}) == 4  # fmt: skip


def test_the_first_request_renders_and_keeps_the_next_reads(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "figures.abc.v1.csv"
    calls: list[int] = []
    first = b"".join(served_pieces(path, False, lambda: pieces(calls), time.time()))
    assert first == b"".join(PIECES) and path.read_bytes() == first
    second = b"".join(served_pieces(path, True, lambda: pieces(calls), time.time()))
    assert second == b"\xef\xbb\xbf" + first and calls == [1]
    assert [p.name for p in path.parent.iterdir()] == [path.name], "no temporary file left"


def test_a_client_that_leaves_early_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "figures.abc.v1.csv"
    body = served_pieces(path, False, pieces, time.time())
    next(body)
    body.close()
    assert list(tmp_path.iterdir()) == []


def test_a_failing_render_leaves_no_file(tmp_path: Path) -> None:
    def failing() -> Iterator[bytes]:
        yield b"figure_id\n"
        raise RuntimeError("database gone")

    path = tmp_path / "figures.abc.v1.csv"
    with pytest.raises(RuntimeError):
        b"".join(served_pieces(path, False, failing, time.time()))
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_still_serves_the_download(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    path = blocker / "figures.abc.v1.csv"
    assert b"".join(served_pieces(path, False, pieces, time.time())) == b"".join(PIECES)


def test_older_versions_go_newer_ones_and_other_files_stay(tmp_path: Path) -> None:
    def kept(name: str, age: float) -> Path:
        path = tmp_path / name
        path.write_bytes(b"old")
        os.utime(path, (time.time() - age, time.time() - age))
        return path

    older = kept("figures.abc.v0.csv", 60)
    newer = kept("figures.abc.v2.csv", 0)  # finished after this request read its version
    other = kept("figures.def.v0.csv", 60)  # another variant (hxl=1, lang=ar, …)
    dead = kept(".figures.abc.v9.csv.x1.tmp", 7200)
    live = kept(".figures.abc.v9.csv.x2.tmp", 1)
    path = tmp_path / "figures.abc.v1.csv"
    b"".join(served_pieces(path, False, pieces, time.time() - 30))
    assert path.exists() and newer.exists() and other.exists() and live.exists()
    assert not older.exists() and not dead.exists()


def test_filtered_files_of_older_versions_go_and_their_number_is_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.publish import cache

    monkeypatch.setattr(cache, "MAX_FILTERED", 2)
    folder = tmp_path / "filtered-abc"

    def render(variant: str, token: str) -> Path:
        path = folder / f"figures.{variant}.{token}.csv"
        b"".join(served_pieces(path, False, pieces, time.time() + 1))
        return path

    old = render("a", "v1")
    first, second = render("b", "v2"), render("c", "v2")
    assert not old.exists() and first.exists() and second.exists()
    os.utime(first, (time.time() - 60, time.time() - 60))
    third = render("d", "v2")
    assert sorted(p.name for p in folder.iterdir()) == sorted([second.name, third.name])
