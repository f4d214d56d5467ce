"""Current figures as the database cursor gives them, chunk by chunk, for the downloads.

The publishing layer turns each chunk straight into Arrow columns (``figures.csv``'s fast
path): it gets the raw rows, how to read them as SQLAlchemy would (each column's result
processor), whether dates and timestamps are the database's stored text (SQLite), and the
flags each figure is in. Two connections are held while the stream lasts: one reads the
figures, the other the flags of each chunk's range of ids.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from tracker.domain.filters import Filters
from tracker.storage import tables
from tracker.storage.figures import iter_current_rows, processed_columns
from tracker.storage.flagquery import flag_ids_between


@dataclass(frozen=True)
class FigureRows:
    """One chunk of current figures, in figure_id order.

    names: the columns, in the rows' order; rows: plain tuples from the cursor;
    processors: each column's result processor (or None); stored_text: whether dates and
    timestamps come as the text the database stored (SQLite) rather than as values;
    flag_ids: figure_id → the ids of the flags it is in, sorted and ';'-joined.
    """

    names: list[str]
    rows: list[tuple]
    processors: list
    stored_text: bool
    flag_ids: dict[str, str]

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
    """Current, active figures matching the filters (see :class:`FigureRows`)."""
    wanted = [c for c in columns if c in tables.figures.c]
    with engine.connect() as conn, engine.connect() as links_conn:
        stored_text = conn.dialect.name == "sqlite"
        for names, processors, rows in iter_current_rows(
            conn, filters, location_levels, chunk_rows=chunk_rows, columns=wanted
        ):
            at = names.index("figure_id")
            links = flag_ids_between(links_conn, str(rows[0][at]), str(rows[-1][at]))
            yield FigureRows(names, rows, processors, stored_text, links)
