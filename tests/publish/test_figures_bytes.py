"""figures.csv is written the same, byte for byte, whichever way it is produced.

The reference is the frame path (``figure_frames`` → ``derive`` → ``text_columns`` →
``csv_pieces``); the route's fast path reads the cursor straight into Arrow; the download
cache keeps what the fast path wrote. All three must agree on awkward cells, and the cells
must read as the contract says.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.publish.awkward import awkward_store
from tracker.domain.filters import Filters
from tracker.publish import DownloadOptions, download_pieces
from tracker.publish.cache import cached_download
from tracker.publish.fields import FIGURE_ARABIC, figure_fields
from tracker.publish.figures import figure_frames, figure_texts
from tracker.publish.stream import csv_pieces, text_pieces
from tracker.publish.version import DataVersion
from tracker.service.store import Store

V1 = DataVersion("v1", None)


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    store = awkward_store(db_url, tmp_path)
    yield store
    store.engine.dispose()


def reference(store: Store, filters: Filters = Filters(), lang: str = "en") -> bytes:
    fields = figure_fields(store.vocab) + (FIGURE_ARABIC if lang == "ar" else ())
    return b"".join(csv_pieces(figure_frames(store, filters, 4), fields, None, excel=False))


def fast(store: Store, filters: Filters, lang: str, chunk_rows: int) -> bytes:
    fields = figure_fields(store.vocab) + (FIGURE_ARABIC if lang == "ar" else ())
    texts = figure_texts(store, filters, fields, chunk_rows=chunk_rows)
    return b"".join(text_pieces(texts, fields, None, excel=False))


def rows(data: bytes) -> dict[str, dict[str, str]]:
    read = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    return {row["figure_id"]: row for row in read}


@pytest.mark.parametrize("chunk_rows", [1, 3, 10_000])
def test_the_fast_path_writes_the_reference_bytes(store: Store, chunk_rows: int) -> None:
    for filters in (Filters(), Filters(metric=("killed", "injured")), Filters(location=("SY12",))):
        for lang in ("en", "ar"):
            assert fast(store, filters, lang, chunk_rows) == reference(store, filters, lang)


def test_the_cached_file_holds_the_reference_bytes(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "cache"))
    expected = reference(store)
    for _ in range(2):  # rendered and kept, then read back
        served = cached_download(store, "figures.csv", DownloadOptions(), V1, 0.0)
        assert b"".join(served) == expected
    excel = cached_download(store, "figures.csv", DownloadOptions(excel=True), V1, 0.0)
    assert b"".join(excel) == b"\xef\xbb\xbf" + expected
    kept = list((tmp_path / "cache").glob("*.csv"))  # beside it, its row index (patch.py)
    assert [p.read_bytes() for p in kept] == [expected]
    assert b"".join(download_pieces(store, "figures.csv", DownloadOptions())) == expected


def test_awkward_cells_read_back_as_the_contract_says(store: Store) -> None:
    data = reference(store)
    read = rows(data)
    assert "A014" not in read, "a retracted figure is left out"
    assert read["A010"]["notes"] == "'=1+1" and read["A010"]["publisher"] == "'+972 Magazine"
    assert read["A010"]["quote"] == "قتل ما لا يقل عن 12 طفلاً"
    assert read["A010"]["high"] == "" and read["A010"]["value_high"] == ""
    assert read["A011"]["publisher"] == "'@reuters, Amman"
    assert read["A011"]["url"] == "https://example.org/x?a=1,2"
    assert read["A011"]["quote"] == 'he said "about 60"'
    assert read["A011"]["notes"] == 'revised, "twice"\r\nأخيراً'
    assert (read["A011"]["value_high"], read["A011"]["low"], read["A011"]["high"]) == (
        "75", "50", "75",
    )  # fmt: skip
    assert read["A011"]["revision"] == "2"
    assert read["A012"]["notes"] == "'\tindented, with a tab"
    assert read["A012"]["publisher"] == "'\rcarriage return"
    assert read["A012"]["period_start"] == "2018-06-17" and read["A012"]["quote"] == ""
    assert read["A013"]["quote"] == "'-٥٠ شخصاً"
    assert read["A013"]["notes"] == "\"=cmd|' /C calc'!A0\""  # a quote first is no formula
    assert read["A013"]["value"] == "0" and read["A013"]["period_start"] == ""
    for row in read.values():
        for column in ("value", "low", "revision", "location_level"):
            assert row[column].isdigit(), (column, row[column])
    assert b"'-read from the Arabic release" in data and b",'\xef\xbc\x9dcmd," in data


def test_quoting_is_minimal_and_lines_end_with_lf(store: Store) -> None:
    data = reference(store)
    lines = data.split(b"\n")
    assert lines[-1] == b"" and not data.startswith(b"\xef\xbb\xbf")
    assert b'\n"A0' not in data and b',"\'+972 Magazine",' not in data
    assert b',"\'@reuters, Amman",' in data and b',"he said ""about 60""",' in data
    assert b',"\'\rcarriage return",' in data and b",'\tindented" not in data
