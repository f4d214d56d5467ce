"""Rows of figures.csv: the current figures with their derived columns, chunk by chunk.

Figures come from the store in figure_id order, a chunk at a time, so the file never
sits whole in memory. The flags each figure is involved in are fetched per chunk with
one range query on flag_figures (the chunk's first to last id, in the database's own
order), never as one mapping of the whole table.

``figure_texts`` is the route's fast path: the cursor's rows (``Store.figure_rows``) go
straight into Arrow (one struct conversion per chunk on SQLite, whose dates and timestamps
are read as the text SQLAlchemy stored once checked to be in its format) and are formatted
there. It writes the
same cells as ``figure_frames`` → ``derive`` → ``text_columns``, which stays the reference
(tests/test_export_speed_equivalence.py) and the path of any other store.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tracker.domain.filters import Filters
from tracker.domain.normalise import DATE_COLUMNS
from tracker.domain.vocabularies import CANONICAL_COLUMNS, Vocabularies
from tracker.publish.cells import APOSTROPHE, TEXT, formula_cells, integer_cells
from tracker.publish.fields import Field
from tracker.service.rows import FigureRows
from tracker.service.store import Store

CHUNK_ROWS = 10_000  # bounds memory (about 100 MB in flight) whatever the file size
# The stored columns figures.csv is made of (the rest are derived from them).
STORED = CANONICAL_COLUMNS + (
    "low",
    "high",
    "adm1",
    "revision",
    "status",
    "entered_at",
    "entered_by",
    "review_status",
    "reviewed_by",
)
COUNTS = ("value", "value_high", "low", "high", "revision")
NOT_TEXT = (*DATE_COLUMNS, "entered_at", *COUNTS)


def derive(figures: pd.DataFrame, vocab: Vocabularies, links: dict[str, str]) -> pd.DataFrame:
    """Add the derived export columns (names from the registry and gazetteer, flag ids)."""
    out = figures.copy()
    ids = out["figure_id"].astype(object)
    source = out["source"].astype(object)
    location = out["location"].astype(object)
    places = vocab.places
    out["source_name"] = source.map(vocab.sources["name_en"])
    out["source_name_ar"] = source.map(vocab.sources["name_ar"])
    out["location_name"] = location.map(places["name_en"])
    out["location_name_ar"] = location.map(places["name_ar"])
    out["location_level"] = location.map(places["level"])
    out["adm1_pcode"] = out.get("adm1", pd.NA)
    out["flag_ids"] = ids.map(links)
    return out


def figure_frames(
    store: Store, filters: Filters, chunk_rows: int = CHUNK_ROWS
) -> Iterator[pd.DataFrame]:
    """Current, active figures matching the filters, derived columns added, in id order."""
    vocab = store.vocab
    for chunk in store.iter_figures(filters, chunk_rows=chunk_rows):
        if chunk.empty:
            continue
        ids = chunk["figure_id"]
        yield derive(chunk, vocab, store.flag_ids_between(str(ids.iloc[0]), str(ids.iloc[-1])))


SQLITE_STAMP = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$"
EMPTY, T, Z = (pa.scalar(s, TEXT) for s in ("", "T", "Z"))
UTC_US = pa.timestamp("us", tz="UTC")


class Lookup:
    """A vocabulary column (id → value) as Arrow arrays, read as Series.map reads it."""

    def __init__(self, table: pd.Series) -> None:
        self.keys = pa.array(table.index.astype(str).tolist(), pa.large_string())
        self.values = pa.array(table.astype(object).where(table.notna(), None).tolist())

    def positions(self, ids: pa.Array) -> pa.Array:
        return pc.index_in(ids, value_set=self.keys)

    def take(self, positions: pa.Array) -> pa.Array:
        return pc.take(self.values, positions)


def _integers(array: pa.Array, via_float: bool) -> pa.Array:
    """integer_cells of a stored count: digits, empty when missing. A column with a missing
    value (and high, typed as a float) goes through float64 as the typed frame does."""
    if not via_float and array.null_count == 0:
        return pc.cast(array, TEXT)
    whole = pc.cast(pc.cast(array, pa.float64()), pa.int64(), safe=False)
    return pc.fill_null(pc.cast(whole, TEXT), EMPTY)


def _text(values: pa.Array) -> pa.Array:
    """text_cells of an Arrow column: empty when missing, neutralised against formulas."""
    text = values if values.type == TEXT else pc.cast(values, TEXT)
    if text.null_count:
        text = pc.fill_null(text, EMPTY)
    risky = formula_cells(text)
    if pc.any(risky).as_py():
        prefixed = pc.binary_join_element_wise(pa.scalar(APOSTROPHE, TEXT), text, EMPTY)
        text = pc.if_else(risky, prefixed, text)
    return text


def _dates(array: pa.Array) -> pa.Array:
    """date_cells: YYYY-MM-DD, empty when missing."""
    if not pa.types.is_date32(array.type):  # SQLite's stored text, checked to be ISO
        return pc.fill_null(pc.cast(array, TEXT), EMPTY)
    return pc.fill_null(pc.cast(pc.cast(array, pa.string()), TEXT), EMPTY)


def _stamps(array: pa.Array) -> pa.Array:
    """datetime_cells: UTC to the second, YYYY-MM-DDTHH:MM:SSZ, empty when missing."""
    if pa.types.is_timestamp(array.type):
        seconds = pc.cast(pc.floor_temporal(array, unit="second"), pa.timestamp("s", tz="UTC"))
        return pc.fill_null(pc.cast(pc.strftime(seconds, format="%Y-%m-%dT%H:%M:%SZ"), TEXT), EMPTY)
    day = pc.utf8_slice_codeunits(array, 0, 10)  # SQLite's stored text, checked: naive UTC
    time = pc.utf8_slice_codeunits(array, 11, 19)
    text = pc.binary_join_element_wise(day, T, time, Z, EMPTY)
    return pc.fill_null(pc.cast(text, TEXT), EMPTY)


def _raw_types(names: list[str]) -> pa.StructType:
    """What SQLite's cursor gives: dates and timestamps as their stored text."""
    return pa.struct([(n, pa.int64() if n in COUNTS else pa.large_string()) for n in names])


def _typed_types(names: list[str]) -> pa.StructType:
    def kind(name: str) -> pa.DataType:
        if name in COUNTS:
            return pa.int64()
        if name in DATE_COLUMNS:
            return pa.date32()
        if name == "entered_at":
            return UTC_US  # from UTC wall times
        return pa.large_string()

    return pa.struct([(n, kind(n)) for n in names])


def _sqlite_text_ok(columns: dict[str, pa.Array]) -> bool:
    """The stored text is as SQLAlchemy writes it (else the processors read it): a date reads
    back as the same text, a timestamp is YYYY-MM-DD HH:MM:SS[.ffffff]."""
    try:
        for name in DATE_COLUMNS:
            if name in columns:
                text = pc.cast(columns[name].drop_null(), pa.string())
                back = pc.cast(pc.cast(text, pa.date32()), pa.string())
                if pc.all(pc.equal(back, text)).as_py() is False:
                    return False
        if "entered_at" in columns:
            stamps = columns["entered_at"].drop_null()
            if pc.all(pc.match_substring_regex(stamps, SQLITE_STAMP)).as_py() is False:
                return False
            pc.cast(pc.utf8_slice_codeunits(stamps, 0, 10), pa.date32())
    except pa.ArrowInvalid:
        return False
    return True


def _columns(chunk: FigureRows) -> dict[str, pa.Array]:
    """A chunk of raw rows as typed Arrow columns, in one conversion where the values allow."""
    if chunk.batch is not None:
        return _batch_columns(chunk.batch)
    names = chunk.names
    if chunk.stored_text:
        try:
            struct = pa.array(chunk.rows, type=_raw_types(names))
            columns = dict(zip(names, struct.flatten(), strict=True))
            if _sqlite_text_ok(columns):
                return columns
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            pass
    values = chunk.columns()
    if "entered_at" in values:  # UTC wall time: an aware time converted, a naive one kept
        values["entered_at"] = [
            v if v is None or v.tzinfo is None else v.astimezone(UTC).replace(tzinfo=None)
            for v in values["entered_at"]
        ]
    types = _typed_types(names)
    return {n: pa.array(values[n], types.field(n).type) for n in names}


def _batch_columns(batch: pa.RecordBatch) -> dict[str, pa.Array]:
    """A record batch from the ADBC driver as the columns the cells are written from: text
    as large strings, counts as int64, dates and timestamps as given (date32 and a UTC
    timestamp from PostgreSQL, SQLAlchemy's stored text from SQLite, checked there)."""
    columns: dict[str, pa.Array] = {}
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        kind = column.type
        if pa.types.is_string(kind):
            column = pc.cast(column, TEXT)
        elif pa.types.is_integer(kind):
            column = pc.cast(column, pa.int64())
        elif pa.types.is_timestamp(kind):
            column = pc.cast(column, UTC_US)
        columns[name] = column
    return columns


class Names:
    """The registry's and gazetteer's name columns figures.csv adds, as Arrow look-ups."""

    def __init__(self, vocab: Vocabularies) -> None:
        places = vocab.places
        self.lookups = {
            "source_name": ("source", Lookup(vocab.sources["name_en"])),
            "source_name_ar": ("source", Lookup(vocab.sources["name_ar"])),
            "location_name": ("location", Lookup(places["name_en"])),
            "location_name_ar": ("location", Lookup(places["name_ar"])),
        }
        self.level = Lookup(places["level"])

    def positions(self, chunk: dict[str, pa.Array]) -> dict[str, pa.Array]:
        """Where each row's source and place sit in the look-ups (the name columns of one
        table share its ids)."""
        return {
            "source": self.lookups["source_name"][1].positions(chunk["source"]),
            "location": self.level.positions(chunk["location"]),
        }


def _cells(
    field: Field,
    chunk: dict[str, pa.Array],
    links: dict[str, str],
    names: Names,
    positions: dict[str, pa.Array],
) -> pa.Array:
    """One column of figures.csv for a chunk, as text."""
    name = field.name
    n = len(chunk["figure_id"])
    if name in DATE_COLUMNS and name in chunk:
        return _dates(chunk[name])
    if name == "entered_at" and name in chunk:
        return _stamps(chunk[name])
    if name in COUNTS and name in chunk:
        return _integers(chunk[name], name == "high")
    if name == "location_level":
        taken = names.level.take(positions["location"])
        return integer_cells(pd.Series(taken.to_pandas()))
    if field.kind != "string":
        return pa.array([""] * n, TEXT)
    if name in chunk:
        return _text(chunk[name])
    if name in names.lookups:
        key, lookup = names.lookups[name]
        return _text(lookup.take(positions[key]))
    if name == "adm1_pcode":
        return _text(chunk.get("adm1", pa.nulls(n, TEXT)))
    if name == "flag_ids":
        return _text(_flag_cells(chunk["figure_id"], links))
    return pa.array([""] * n, TEXT)


def figure_texts(
    store: Store, filters: Filters, fields: tuple[Field, ...], chunk_rows: int = CHUNK_ROWS
) -> Iterator[list[pa.Array]]:
    """The cells of figures.csv chunk by chunk, from the database cursor straight into Arrow:
    the same text, cell for cell, as ``derive`` then ``text_columns`` give."""
    for _, columns in keyed_figure_texts(store, filters, fields, chunk_rows):
        yield columns


def keyed_figure_texts(
    store: Store, filters: Filters, fields: tuple[Field, ...], chunk_rows: int = CHUNK_ROWS
) -> Iterator[tuple[pa.Array, list[pa.Array]]]:
    """:func:`figure_texts` with each chunk's figure ids as stored (the file's sort key)."""
    rows = store.figure_rows(filters, STORED, chunk_rows=chunk_rows)
    return _keyed_texts(store.vocab, rows, fields)


def changed_figure_texts(
    store: Store, ids: list[str], fields: tuple[Field, ...], chunk_rows: int = CHUNK_ROWS
) -> Iterator[tuple[pa.Array, list[pa.Array]]]:
    """The rows of figures.csv of the current, active figures among ``ids``, written as
    :func:`keyed_figure_texts` writes them, in figure_id order."""
    rows = store.figure_rows_of_ids(ids, STORED, chunk_rows=chunk_rows)
    return _keyed_texts(store.vocab, rows, fields)


def _keyed_texts(
    vocab: Vocabularies, chunks: Iterator[FigureRows], fields: tuple[Field, ...]
) -> Iterator[tuple[pa.Array, list[pa.Array]]]:
    names = Names(vocab)
    for rows in chunks:
        chunk = _columns(rows)
        positions = names.positions(chunk)
        cells = [_cells(field, chunk, rows.flag_ids, names, positions) for field in fields]
        yield chunk["figure_id"], cells


def flag_texts(ids: pa.Array, links: dict[str, str]) -> pa.Array:
    """The flag_ids cells of figures ``ids`` (figure_id → ';'-joined flag ids), as written."""
    return _text(_flag_cells(pc.cast(ids, TEXT), links))


def _flag_cells(ids: pa.Array, links: dict[str, str]) -> pa.Array:
    if not links:
        return pa.nulls(len(ids), pa.large_string())
    known = pa.array(list(links), pa.large_string())
    values = pa.array(list(links.values()), pa.large_string())
    return pc.take(values, pc.index_in(ids, value_set=known))
