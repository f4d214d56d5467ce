"""The fast figures.csv path (cursor → Arrow) writes the same bytes as the frame path.

The frame path (``figure_frames`` → ``derive`` → ``text_columns``) is the reference; the
fast path (``figure_texts``) must match it byte for byte on varied figures: NULLs, Arabic,
formula cells, CR/LF and quotes, unbounded highs, retracted and revised figures, filters,
chunk boundaries, and on SQLite text that SQLAlchemy did not write in its own format.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from sqlalchemy import select, update

from tests.dashboards.test_downloads import build_store
from tracker.domain.filters import Filters
from tracker.publish import DownloadOptions, download_pieces
from tracker.publish.fields import FIGURE_ARABIC, figure_fields
from tracker.publish.figures import figure_frames, figure_texts
from tracker.publish.stream import csv_pieces, text_pieces
from tracker.service.store import Store
from tracker.storage import tables
from tracker.storage.figures import (
    current_query,
    insert_revisions,
    iter_current,
    retire,
    type_figures,
)

F = tables.figures


@pytest.fixture
def varied(db_url: str) -> Iterator[Store]:
    """The download fixture, then a revision, a retraction and awkward text cells."""
    store = build_store(db_url)
    revised = store.figures(Filters()).query("figure_id == 'D003'").copy()
    revised["notes"] = '\u2014 revised: ٢٠ ألف, "quoted"\r\nsecond line'
    with store.engine.begin() as conn:
        retire(conn, ["D003"])
        insert_revisions(conn, revised, who="=editor", why="test", batch=None, revision=2)
        conn.execute(update(F).where(F.c.figure_id == "D006").values(status="retracted"))
        conn.execute(
            update(F)
            .where(F.c.figure_id == "D005")
            .values(notes="\tleading tab", quote="-٥٠ شخصاً", publisher=None, url=None)
        )
        conn.execute(update(F).where(F.c.figure_id == "D007").values(episode=None, value_high=None))
    yield store
    store.engine.dispose()


def frame_bytes(store: Store, filters: Filters, lang: str = "en", chunk_rows: int = 3) -> bytes:
    fields = figure_fields(store.vocab) + (FIGURE_ARABIC if lang == "ar" else ())
    frames = figure_frames(store, filters, chunk_rows=chunk_rows)
    return b"".join(csv_pieces(frames, fields, None, excel=False))


def fast_bytes(store: Store, filters: Filters, lang: str = "en", chunk_rows: int = 3) -> bytes:
    fields = figure_fields(store.vocab) + (FIGURE_ARABIC if lang == "ar" else ())
    texts = figure_texts(store, filters, fields, chunk_rows=chunk_rows)
    return b"".join(text_pieces(texts, fields, None, excel=False))


FILTERS = [
    Filters(),
    Filters(metric=("killed",)),
    Filters(location=("SY1200",)),
    Filters(metric=("no-such-metric",)),
]


@pytest.mark.parametrize("chunk_rows", [1, 2, 3, 10_000])
def test_fast_path_writes_the_same_bytes_as_the_frame_path(varied: Store, chunk_rows) -> None:
    for filters in FILTERS:
        for lang in ("en", "ar"):
            old = frame_bytes(varied, filters, lang, chunk_rows)
            assert fast_bytes(varied, filters, lang, chunk_rows) == old, (filters, lang)
    full = frame_bytes(varied, Filters())
    assert b"D006" not in full and b"D003" in full
    assert b"'\tleading tab" in full and b'"\xe2\x80\x94 revised' in full
    route = b"".join(download_pieces(varied, "figures.csv", DownloadOptions()))
    assert route == full


def test_non_canonical_sqlite_text_is_read_as_sqlalchemy_reads_it(sqlite_url: str) -> None:
    store = build_store(sqlite_url)
    with store.engine.begin() as conn:  # as another writer might have stored them
        conn.exec_driver_sql(
            "UPDATE figures SET reported_on = '2018-W22-7', "
            "entered_at = '2026-01-02T03:04:05.5+02:00' WHERE figure_id = 'D005'"
        )
    assert fast_bytes(store, Filters()) == frame_bytes(store, Filters())
    fast = fast_bytes(store, Filters())
    assert b"D005,2018-06-03," in fast and b",2026-01-02T01:04:05Z," in fast
    store.engine.dispose()


def rows_frames(store: Store, include_retracted: bool, chunk_rows: int) -> list[pd.DataFrame]:
    """iter_current as it was: SQLAlchemy Rows into a frame, then typed."""
    query = current_query(Filters(), store.location_levels, include_retracted)
    if store.engine.dialect.name == "postgresql":
        query = query.order_by(None).order_by(F.c.figure_id.collate("C"))
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True).execute(query)
        columns = list(result.keys())
        return [
            type_figures(pd.DataFrame(rows, columns=columns))
            for rows in result.partitions(chunk_rows)
        ]


@pytest.mark.parametrize("include_retracted", [False, True])
def test_iter_current_gives_the_frames_rows_gave(varied: Store, include_retracted) -> None:
    for chunk_rows in (1, 4, 50_000):
        with varied.engine.connect() as conn:
            new = list(
                iter_current(conn, Filters(), varied.location_levels, include_retracted, chunk_rows)
            )
        old = rows_frames(varied, include_retracted, chunk_rows)
        assert len(new) == len(old)
        for a, b in zip(new, old, strict=True):
            pd.testing.assert_frame_equal(a, b, check_exact=True)
    with varied.engine.connect() as conn:
        count = len(conn.execute(select(F.c.row_id).where(F.c.current)).fetchall())
    assert sum(len(f) for f in rows_frames(varied, True, 50_000)) == count
