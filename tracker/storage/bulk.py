"""Bulk writing of rows: the fastest path each database offers, the same stored values.

SQLite: DBAPI ``executemany`` of plain tuples, each value first passed through the bind
processor of the column's SQLAlchemy type (so dates, timestamps and booleans are stored
exactly as SQLAlchemy stores them), without SQLAlchemy's per-row statement machinery. Each
distinct value of a column is converted once (a column holds few: dates, ids of the
vocabularies) and spread back over the rows. The page cache is enlarged for the insert: every
row goes into each of the figure table's indexes at a scattered place, and with SQLite's
default 2 MB cache those index pages are evicted and read again for nearly every row.
PostgreSQL: ``COPY … FROM STDIN`` in CSV through psycopg 3, one chunk at a time, the CSV
written by Arrow's writer from each column's distinct values (no Python loop per row).
Both run inside the caller's transaction: nothing is committed here.

A large load into SQLite (``rebuild_indexes``: at least REBUILD_MIN_ROWS rows and at least
as many as the table already holds) drops the table's secondary indexes, inserts, and creates
them again from their stored definitions, in the same transaction: building an index sorts the
whole table once, while inserting row by row writes every row into each index at a scattered
place. Measured on this machine (2 shared cores) with 200,000 new figures and the 17 indexes
of ``figures``: into an empty table 10–13 s with live indexes, 5.7–6.3 s rebuilt; into a table
of 1,000,000, 8.5–13 s with live indexes, 27–37 s rebuilt (the rebuild sorts the 1.2 million
rows, about 20 µs a row, where a live insert costs about 50 µs per new row). So it pays once
the load is about as large as what is stored: an import that at least doubles the table.
Unique indexes stay: they are constraints. DDL is transactional in
SQLite, so a failure or a kill leaves the indexes as they were, and in WAL mode readers keep
reading the last committed state, indexes included. PostgreSQL keeps its indexes: dropping
one takes a lock that would stop every reader of the table until the import commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Table
from sqlalchemy.engine import Connection

COPY_ROWS = 50_000
MANY_ROWS = 100_000
FEW_ROWS = 64
#: SQLite page cache (KiB) while rows are inserted; memory is taken only as pages are read.
INSERT_CACHE_KIB = 262_144
#: A load rebuilds SQLite's secondary indexes when it has at least this many rows...
REBUILD_MIN_ROWS = 50_000
#: ...and at least this share of the rows already in the table (see the module's docstring).
REBUILD_SHARE = 1.0


def _python_values(kind: object, series: pd.Series) -> list:
    """Plain Python values of one column for its SQLAlchemy type, None where missing (a few
    cells converted one by one, a longer column at once: the same values)."""
    if len(series) <= FEW_ROWS:
        return _cell_values(kind, series)
    return _column_values(kind, series)


def _cell_values(kind: object, series: pd.Series) -> list:
    """:func:`_column_values`, a cell at a time (each pandas operation on a column costs a
    tenth of a millisecond, whatever its length: forty of them per figure row)."""
    convert: Callable[[Any], object]
    if isinstance(kind, DateTime):
        convert = _pydatetime
    elif isinstance(kind, Date):
        convert = _date
    elif isinstance(kind, Integer):
        convert = _whole
    elif isinstance(kind, Float):
        convert = float
    elif isinstance(kind, Boolean):
        convert = bool
    else:
        convert = _as_is
    return [None if _missing(v) else convert(v) for v in series.tolist()]


def _missing(value: object) -> bool:
    return value is None or bool(pd.isna(value))


def _pydatetime(value: object) -> object:
    return value.to_pydatetime() if isinstance(value, pd.Timestamp) else value


def _date(value: object) -> object:
    return pd.Timestamp(value).date()


def _whole(value: object) -> int:
    number = float(value)  # type: ignore[arg-type]
    if not number.is_integer():
        raise TypeError(f"cannot safely cast non-equivalent {value!r} to an integer")
    return int(value)  # type: ignore[call-overload]


def _as_is(value: object) -> object:
    return value


def _column_values(kind: object, series: pd.Series) -> list:
    """Plain Python values of a whole column for its SQLAlchemy type, None where missing."""
    missing = series.isna().to_numpy()
    if isinstance(kind, DateTime):
        values = pd.Series(series.dt.to_pydatetime(), dtype=object)
    elif isinstance(kind, Date):
        values = pd.to_datetime(series).dt.date.astype(object)
    elif isinstance(kind, Integer):
        values = series.astype("Int64").astype(object)
    elif isinstance(kind, Float):
        values = series.astype("float64").astype(object)
    elif isinstance(kind, Boolean):
        values = series.astype(bool).astype(object)
    else:
        values = series.astype(object)
    out = values.tolist()
    for i in np.flatnonzero(missing):
        out[i] = None
    return out


def python_values(kind: object, series: pd.Series) -> list:
    """Plain Python values of one column for its SQLAlchemy type, None where missing: what a
    row stored by :func:`insert_many` reads back as."""
    return _python_values(kind, series)


def _bound(conn: Connection, kind: object, values: list) -> list:
    """What SQLAlchemy would hand the driver for these values (None stays None)."""
    impl = kind.dialect_impl(conn.dialect)  # type: ignore[attr-defined]
    process = impl.bind_processor(conn.dialect)
    if process is None:
        return values
    return [None if v is None else process(v) for v in values]


def _driver_values(conn: Connection, kind: object, series: pd.Series) -> list:
    """The column's values as the driver takes them: each distinct value converted once (a
    few rows are converted as they are: finding their distinct values costs more)."""
    if len(series) <= FEW_ROWS:
        return _bound(conn, kind, _python_values(kind, series))
    codes, uniques = pd.factorize(series)
    distinct = _bound(conn, kind, _python_values(kind, pd.Series(uniques)))
    lookup = np.array([*distinct, None], dtype=object)  # code -1 (missing) picks None
    return lookup[codes].tolist()


def insert_many(
    conn: Connection, table: Table, frame: pd.DataFrame, rebuild_indexes: bool = False
) -> None:
    """Insert every row of ``frame`` (columns named as the table's) in the open transaction;
    ``rebuild_indexes``: on SQLite, build the secondary indexes after a large load."""
    if frame.empty:
        return
    if conn.dialect.name == "postgresql":
        copy_frame(conn, table, frame)
    elif rebuild_indexes and _worth_rebuilding(conn, table, len(frame)):
        with _indexes_built_after(conn, table):
            executemany_frame(conn, table, frame)
    else:
        executemany_frame(conn, table, frame)


def _worth_rebuilding(conn: Connection, table: Table, rows: int) -> bool:
    """A load large against the table (its highest row id stands for its size: no scan)."""
    if rows < REBUILD_MIN_ROWS:
        return False
    stored = conn.exec_driver_sql(f'SELECT max(rowid) FROM "{table.name}"').scalar() or 0
    return rows >= REBUILD_SHARE * stored


def secondary_indexes(conn: Connection, table: Table) -> list[tuple[str, str]]:
    """SQLite's non-unique indexes on ``table``: (name, the SQL that created it)."""
    found = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL ORDER BY name",
        (table.name,),
    ).fetchall()
    return [(name, sql) for name, sql in found if not sql.upper().startswith("CREATE UNIQUE")]


@contextmanager
def _indexes_built_after(conn: Connection, table: Table) -> Iterator[None]:
    """The table's secondary indexes dropped for the block and created again after it, in
    the caller's transaction (an error in the block leaves the rollback to the caller)."""
    indexes = secondary_indexes(conn, table)
    for name, _ in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with _larger_cache(cursor, INSERT_CACHE_KIB):
            for _, sql in indexes:
                cursor.execute(sql)
    finally:
        cursor.close()


def executemany_frame(conn: Connection, table: Table, frame: pd.DataFrame) -> None:
    """DBAPI executemany of tuples (SQLite's qmark style), MANY_ROWS rows at a time."""
    names = ", ".join(f'"{c}"' for c in frame.columns)
    marks = ", ".join("?" for _ in frame.columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with _larger_cache(cursor, INSERT_CACHE_KIB):
            for start in range(0, len(frame), MANY_ROWS):
                chunk = frame.iloc[start : start + MANY_ROWS]
                columns = [_driver_values(conn, table.c[c].type, chunk[c]) for c in chunk.columns]
                cursor.executemany(sql, zip(*columns, strict=True))  # rows made as read
    finally:
        cursor.close()


@contextmanager
def _larger_cache(cursor: object, kib: int) -> Iterator[None]:
    """SQLite's page cache at least ``kib`` for the block, then as it was (per connection)."""
    before = cursor.execute("PRAGMA cache_size").fetchone()[0]  # type: ignore[attr-defined]
    page = cursor.execute("PRAGMA page_size").fetchone()[0]  # type: ignore[attr-defined]
    before_kib = -before if before < 0 else before * page // 1024
    if before_kib >= kib:
        yield
        return
    cursor.execute(f"PRAGMA cache_size=-{int(kib)}")  # type: ignore[attr-defined]
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size={int(before)}")  # type: ignore[attr-defined]


def _csv_column(kind: object, series: pd.Series) -> pd.Series:
    """Cells as PostgreSQL's CSV input reads them; missing where missing."""
    missing = series.isna()
    if isinstance(kind, DateTime):
        stamps = pd.to_datetime(series, utc=True)
        text = stamps.dt.strftime("%Y-%m-%d %H:%M:%S.%f") + "+00"
    elif isinstance(kind, Date):
        text = pd.to_datetime(series).dt.strftime("%Y-%m-%d")
    elif isinstance(kind, Integer):
        text = series.astype("Int64").astype("string")
    elif isinstance(kind, Float):
        text = series.astype("float64").map(repr, na_action="ignore")
    elif isinstance(kind, Boolean):
        text = pd.Series(np.where(series.astype(bool), "t", "f"), index=series.index)
    else:
        text = series.astype("string")
    return text.astype("string").where(~missing, None)


def _arrow_column(kind: object, series: pd.Series) -> pa.Array:
    """One column as Arrow text: each distinct value written once, null where missing."""
    codes, uniques = pd.factorize(series)
    distinct = pa.array(_csv_column(kind, pd.Series(uniques)).to_numpy(na_value=None),
                        type=pa.string())  # fmt: skip
    taken = pa.array(codes, mask=codes < 0).cast(pa.int64())
    return distinct.take(taken)


def _csv_chunks(table: Table, frame: pd.DataFrame) -> Iterator[bytes]:
    """The rows as CSV bytes, ``COPY_ROWS`` at a time, written by Arrow's CSV writer: every
    text cell quoted (so an empty text stays a text), a missing cell left empty (NULL)."""
    options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
    for start in range(0, len(frame), COPY_ROWS):
        chunk = frame.iloc[start : start + COPY_ROWS]
        arrays = [_arrow_column(table.c[c].type, chunk[c]) for c in chunk.columns]
        out = pa.BufferOutputStream()
        pacsv.write_csv(pa.table(arrays, names=list(chunk.columns)), out, options)
        yield out.getvalue().to_pybytes()


def copy_frame(conn: Connection, table: Table, frame: pd.DataFrame) -> None:
    """COPY the rows into PostgreSQL (CSV: an unquoted empty cell is NULL, a quoted one an
    empty text; identifiers quoted)."""
    names = ", ".join(f'"{c}"' for c in frame.columns)
    sql = f'COPY "{table.name}" ({names}) FROM STDIN WITH (FORMAT csv)'
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(sql) as copy:
            for block in _csv_chunks(table, frame):
                copy.write(block)
    finally:
        cursor.close()
