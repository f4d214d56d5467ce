"""The first figures.csv after a small change is patched from the kept file, and is the same
file, byte for byte, as a full render of the new data (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from tests.publish.awkward import awkward_store
from tracker.ingest.readers import read_figure_file
from tracker.publish import DownloadOptions, download_pieces
from tracker.publish import patch as patching
from tracker.publish.cache import cache_folder, cached_download
from tracker.publish.rowindex import read_index
from tracker.publish.version import data_version
from tracker.service.store import Store
from tracker.storage import tables

PLAIN = DownloadOptions()
HEADER = (
    "figure_id,reported_on,source,publisher,url,metric,population,location,period_start,"
    "period_end,qualifier,value,value_high,quote,quote_lang,notes\n"
)


@pytest.fixture
def store(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "cache"))
    store = awkward_store(db_url, tmp_path)
    yield store
    store.engine.dispose()


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many downloads rendered every figure (rather than patching the kept file)."""
    calls: list[int] = []
    whole = patching.keyed_figure_texts

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return whole(*args, **kwargs)

    monkeypatch.setattr(patching, "keyed_figure_texts", counted)
    # The fixture holds a dozen figures: any change is a large share of them.
    monkeypatch.setattr(patching, "MOST_CHANGED", 1.0)
    return calls


def download(store: Store, options: DownloadOptions = PLAIN) -> bytes:
    """figures.csv as the route serves it: through the download cache."""
    version, since = data_version(store), time.time()
    return b"".join(cached_download(store, "figures.csv", options, version, since))


def rendered(store: Store, options: DownloadOptions = PLAIN) -> bytes:
    """figures.csv rendered from the database, without the cache."""
    return b"".join(download_pieces(store, "figures.csv", options))


def add(store: Store, tmp_path: Path, rows: list[str], name: str = "more.csv") -> None:
    path = tmp_path / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    result = store.import_file(read_figure_file(path))
    assert result.plan.ok, result.plan


def figure(figure_id: str, value: int, notes: str = "") -> str:
    cells = [figure_id, "2018-07-06", "sohr", "", "", "killed", "all", "SY12", "",
             "2018-07-06", "at_least", str(value), "", "", "", notes]  # fmt: skip
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow(cells)
    return line.getvalue()


def ids(data: bytes) -> list[str]:
    return [row["figure_id"] for row in csv.DictReader(io.StringIO(data.decode(), newline=""))]


def test_an_added_figure_is_merged_in_its_place(
    store: Store, tmp_path: Path, renders: list[int]
) -> None:
    assert download(store) == rendered(store)
    add(store, tmp_path, [figure("A0105", 3, 'new, "quoted"\nline')])
    patched = download(store)
    assert patched == rendered(store)
    assert "A0105" in ids(patched) and len(renders) == 1  # the second one was patched


def test_revisions_retractions_and_imports_are_patched(
    store: Store, tmp_path: Path, renders: list[int]
) -> None:
    download(store)
    store.revise("A010", {"notes": "=revised"}, "typo")
    assert download(store) == rendered(store)
    store.retract("A012", "withdrawn")
    after_retraction = download(store)
    assert after_retraction == rendered(store) and "A012" not in ids(after_retraction)
    add(store, tmp_path, [figure("0000", 1), figure("A011b", 2), figure("ZZZZ", 4)])
    imported = download(store)
    assert imported == rendered(store)
    assert ids(imported)[0] == "0000" and ids(imported)[-1] == "ZZZZ"
    assert len(renders) == 1


def test_changed_flags_are_patched(store: Store, renders: list[int]) -> None:
    download(store)
    with store.engine.begin() as conn:  # a flag resolved, as a recomputation drops it
        linked = conn.execute(tables.flag_figures.select()).first()
        assert linked is not None
        for table in (tables.flag_notes, tables.flag_figures, tables.flags):
            conn.execute(delete(table).where(table.c.flag_id == linked.flag_id))
    patched = download(store)
    assert patched == rendered(store)
    assert len(renders) == 1


@pytest.mark.parametrize(
    "options",
    [DownloadOptions(lang="ar"), DownloadOptions(hxl=True), DownloadOptions(excel=True)],
)
def test_every_whole_file_variant_is_patched(
    store: Store, tmp_path: Path, renders: list[int], options: DownloadOptions
) -> None:
    download(store, options)
    add(store, tmp_path, [figure("A0135", 9)])
    assert download(store, options) == rendered(store, options)
    assert len(renders) == 1


def test_a_kept_file_its_index_does_not_describe_is_rendered_again(
    store: Store, tmp_path: Path, renders: list[int]
) -> None:
    download(store)
    folder = cache_folder(store.url)
    assert folder is not None
    kept = next(folder.glob("figures.*.csv"))
    assert read_index(kept) is not None
    with kept.open("ab") as out:  # another writer's file under the same name
        out.write(b"X999,stray\n")
    add(store, tmp_path, [figure("A0105", 3)])
    assert download(store) == rendered(store)
    assert len(renders) == 2


def test_a_row_committed_late_below_the_mark_means_a_full_render(
    store: Store, tmp_path: Path, renders: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's one writer commits rows in row order: nothing to count")
    download(store)
    add(store, tmp_path, [figure("A0105", 3)])
    counted = store.figure_rows_up_to
    monkeypatch.setattr(store, "figure_rows_up_to", lambda mark: counted(mark) + 1)
    assert download(store) == rendered(store)
    assert len(renders) == 2


def test_a_change_to_most_figures_is_rendered_in_full(
    store: Store, tmp_path: Path, renders: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(patching, "MOST_CHANGED", 0.2)
    download(store)
    add(store, tmp_path, [figure(f"B{n:03}", n) for n in range(10)])
    assert download(store) == rendered(store)
    assert len(renders) == 2


def test_a_database_restored_from_an_older_backup_is_rendered_again(
    store: Store, tmp_path: Path, renders: list[int]
) -> None:
    """Its rows are numbered anew: the kept file's figures that the backup lacks must go, and
    figures imported after the restore (under row ids the kept file had seen) must come."""
    with store.engine.connect() as conn:
        newest = conn.execute(select(func.max(tables.figures.c.row_id))).scalar_one()
    download(store)
    add(store, tmp_path, [figure("X001", 5), figure("X002", 6)])
    assert "X001" in ids(download(store))
    with store.engine.begin() as conn:  # what restoring the backup taken before the import does
        conn.execute(delete(tables.figures).where(tables.figures.c.row_id > newest))
    restored = download(store)
    assert restored == rendered(store) and "X001" not in ids(restored)
    add(store, tmp_path, [figure("Y001", 7)], "after.csv")
    after = download(store)
    assert after == rendered(store) and "Y001" in ids(after)


def test_a_database_made_anew_in_the_same_place_is_not_patched_from_the_old_one(
    tmp_path: Path, renders: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An SQLite file deleted and made again keeps its cache folder beside it."""
    monkeypatch.delenv("TRACKER_CACHE_DIR", raising=False)
    database = tmp_path / "tracker.db"
    old = Store(f"sqlite:///{database}")
    old.upgrade()
    add(old, tmp_path, [figure("OLD1", 5), figure("OLD2", 6)])
    assert ids(download(old)) == ["OLD1", "OLD2"]
    old.engine.dispose()
    for path in tmp_path.glob("tracker.db*"):
        if path.is_file():
            path.unlink()
    new = Store(f"sqlite:///{database}")
    new.upgrade()
    add(new, tmp_path, [figure("NEW1", 1)], "new.csv")
    assert ids(download(new)) == ["NEW1"]
    new.engine.dispose()
