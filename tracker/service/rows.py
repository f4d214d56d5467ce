"""Current figures as the database cursor gives them, chunk by chunk, for the downloads.

The publishing layer turns each chunk straight into Arrow columns (``figures.csv``'s fast
path): it gets the raw rows, how to read them as SQLAlchemy would (each column's result
processor), whether dates and timestamps are the database's stored text (SQLite), and the
flags each figure is in. Two connections are held while the stream lasts: one reads the
figures, the other the flags of each chunk's range of ids.

Where an ADBC driver serves the database (:mod:`tracker.storage.arrowread` decides, in one
place) a chunk comes as an Arrow record batch instead of rows, read without a Python object
per cell. Should the driver stop part way, the cursor reads on from the last figure given,
so the file is whole and the same either way.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pyarrow as pa
from sqlalchemy.engine import Engine

from tracker.domain.filters import Filters
from tracker.storage import tables
from tracker.storage.arrowread import ArrowReadFailed, arrow_reader
from tracker.storage.figures import CHUNK, iter_current_rows, processed_columns
from tracker.storage.flagquery import flag_ids_between, flag_ids_of

#: Where a read that falls back to the slower path says so (the server's log).
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FigureRows:
    """One chunk of current figures, in figure_id order.

    names: the columns, in the rows' order; rows: plain tuples from the cursor;
    processors: each column's result processor (or None); stored_text: whether dates and
    timestamps come as the text the database stored (SQLite) rather than as values;
    flag_ids: figure_id → the ids of the flags it is in, sorted and ';'-joined;
    batch: the same chunk as an Arrow record batch, read by the ADBC driver (then rows and
    processors are empty; on SQLite a missing free-text cell is empty text, not null).
    """

    names: list[str]
    rows: list[tuple]
    processors: list
    stored_text: bool
    flag_ids: dict[str, str]
    batch: pa.RecordBatch | None = None

    def columns(self) -> dict[str, list]:
        """The rows as column lists, each value as a SQLAlchemy Row holds it."""
        return processed_columns(self.names, self.processors, self.rows)


def figure_rows_of(
    engine: Engine,
    filters: Filters,
    location_levels: dict[str, int],
    columns: Sequence[str],
    chunk_rows: int,
) -> Iterator[FigureRows]:
    """Current, active figures matching the filters (see :class:`FigureRows`): through the
    ADBC driver where there is one, else (or from where it stopped) through the cursor."""
    wanted = [c for c in columns if c in tables.figures.c]
    stored_text = engine.dialect.name == "sqlite"
    with engine.connect() as links_conn:
        arrow = _ArrowRead(arrow_reader(engine, filters, location_levels, wanted, chunk_rows))
        for batch in arrow:
            links = flag_ids_between(links_conn, *arrow.span)
            yield FigureRows(batch.schema.names, [], [], stored_text, links, batch)
        if arrow.complete:
            return
        with engine.connect() as conn:
            for names, processors, rows in iter_current_rows(
                conn, filters, location_levels, False, chunk_rows, wanted, after=arrow.last
            ):
                at = names.index("figure_id")
                links = flag_ids_between(links_conn, str(rows[0][at]), str(rows[-1][at]))
                yield FigureRows(names, rows, processors, stored_text, links)


def figure_rows_of_ids(
    engine: Engine,
    ids: Sequence[str],
    location_levels: dict[str, int],
    columns: Sequence[str],
    chunk_rows: int,
) -> Iterator[FigureRows]:
    """The current, active figures among ``ids`` (as :func:`figure_rows_of` gives them,
    through the cursor), in figure_id order: a few at a time, as a patch of a kept file
    re-renders the figures that changed."""
    wanted = [c for c in columns if c in tables.figures.c]
    stored_text = engine.dialect.name == "sqlite"
    ordered = sorted(set(ids))  # code point order: UTF-8 byte order, as the files are sorted
    with engine.connect() as conn:
        for start in range(0, len(ordered), CHUNK):
            some = ordered[start : start + CHUNK]
            for names, processors, rows in iter_current_rows(
                conn, Filters(), location_levels, False, chunk_rows, wanted, ids=some
            ):
                at = names.index("figure_id")
                links = flag_ids_of(conn, [str(row[at]) for row in rows])
                yield FigureRows(names, rows, processors, stored_text, links)


class _ArrowRead:
    """The driver's batches until they end (complete) or the driver fails; the first and
    last figure_id of the latest batch, and the last one given before any failure."""

    def __init__(self, batches: Iterator[pa.RecordBatch] | None) -> None:
        self.batches = batches
        self.complete = False
        self.last: str | None = None
        self.span = ("", "")

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        if self.batches is None:
            return
        try:
            for batch in self.batches:
                if batch.num_rows == 0:
                    continue
                ids = batch.column("figure_id")
                self.span = (str(ids[0].as_py()), str(ids[-1].as_py()))
                yield batch
                self.last = self.span[1]
        except ArrowReadFailed as exc:
            log.warning(
                "the Arrow read stopped after figure %s (%s); the rest is read through the "
                "database cursor, same bytes, slower",
                self.last or "(none yet)",
                exc,
            )
            return
        self.complete = True
