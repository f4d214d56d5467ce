"""figures.csv read through the ADBC drivers: taken on both databases, the same bytes as the
reference, and the cursor path reads on when the driver is missing or stops part way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from sqlalchemy.engine import make_url

from tests.publish.awkward import awkward_store
from tests.publish.test_figures_bytes import fast, reference
from tracker.domain.filters import Filters
from tracker.publish.figures import STORED
from tracker.service import rows as service_rows
from tracker.service.store import Store
from tracker.storage import arrowread
from tracker.storage.arrowread import ArrowReadFailed, arrow_supported

pytestmark = pytest.mark.skipif(
    not arrow_supported(make_url("sqlite:///x.db")), reason="adbc-driver-sqlite not installed"
)
FILTERS = (Filters(), Filters(metric=("killed", "injured")), Filters(location=("SY12",)))


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    store = awkward_store(db_url, tmp_path)
    yield store
    store.engine.dispose()


def kinds(store: Store, filters: Filters = Filters(), chunk_rows: int = 3) -> list[str]:
    return [
        "arrow" if chunk.batch is not None else "cursor"
        for chunk in store.figure_rows(filters, STORED, chunk_rows=chunk_rows)
    ]


def test_the_driver_reads_every_chunk_on_both_databases(store: Store) -> None:
    assert set(kinds(store)) == {"arrow"}
    assert sum(c.batch.num_rows for c in store.figure_rows(Filters(), STORED, 3)) == len(
        store.figures()
    )


def test_a_missing_driver_leaves_the_cursor_path_and_the_same_bytes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    through_arrow = [fast(store, f, "ar", 3) for f in FILTERS]
    monkeypatch.setattr(arrowread.importlib.util, "find_spec", lambda name: None)
    assert set(kinds(store)) == {"cursor"}
    assert [fast(store, f, "ar", 3) for f in FILTERS] == through_arrow
    assert through_arrow[0] == reference(store, Filters(), "ar")


def test_a_driver_stopping_part_way_is_read_on_by_the_cursor(
    store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = arrowread.arrow_reader

    def stops_after_one(*args, **kwargs) -> Iterator[pa.RecordBatch] | None:
        batches = real(*args, **kwargs)
        assert batches is not None
        yield next(batches)
        raise ArrowReadFailed("lost the connection")

    monkeypatch.setattr(service_rows, "arrow_reader", stops_after_one)
    first, *rest = kinds(store)
    assert first == "arrow" and rest and set(rest) == {"cursor"}
    said = [r.getMessage() for r in caplog.records if r.name == service_rows.__name__]
    assert said and "lost the connection" in said[0] and "cursor" in said[0]  # the log says so
    for filters in FILTERS:
        assert fast(store, filters, "en", 3) == reference(store, filters)


@pytest.mark.parametrize(
    ("column", "stored"),
    [("period_end", "2018-7-4"), ("period_end", "2018-02-30"), ("entered_at", "2018-07-04")],
)
def test_sqlite_text_not_as_sqlalchemy_stores_it_is_left_to_the_cursor(
    column: str, stored: str
) -> None:
    good = {"figure_id": ["A"], "period_end": ["2018-07-04"], "entered_at": ["2018-07-04 10:00:00"]}
    assert arrowread._sqlite_values(pa.RecordBatch.from_pydict(good)).num_rows == 1
    with pytest.raises(ArrowReadFailed, match=column):
        arrowread._sqlite_values(pa.RecordBatch.from_pydict({**good, column: [stored]}))


def test_the_file_is_read_as_the_store_reads_it_with_a_date_filter(store: Store) -> None:
    from datetime import date

    dated = Filters(date_from=date(2018, 7, 3), date_to=date(2018, 7, 4))
    assert set(kinds(store, dated)) == {"arrow"}
    assert fast(store, dated, "en", 2) == reference(store, dated)


def test_a_download_stopped_early_stops_the_reading_thread(store: Store) -> None:
    import threading

    chunks = store.figure_rows(Filters(), STORED, chunk_rows=1)
    assert next(chunks).batch is not None
    chunks.close()  # the client went away after the first rows
    assert not [t for t in threading.enumerate() if t.name == "tracker-arrow-read"]
