"""Bulk writing of rows: the fastest path each database offers, the same stored values.

SQLite: one DBAPI ``executemany`` of plain tuples, each value first passed through the bind
processor of the column's SQLAlchemy type (so dates, timestamps and booleans are stored
exactly as SQLAlchemy stores them), without SQLAlchemy's per-row statement machinery.
PostgreSQL: ``COPY … FROM STDIN`` in CSV through psycopg 3, one chunk of text at a time.
Both run inside the caller's transaction.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import numpy as np
import pandas as pd
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Table
from sqlalchemy.engine import Connection

COPY_ROWS = 50_000
MANY_ROWS = 20_000
NULL = "\\N"


def _python_values(kind: object, series: pd.Series) -> list:
    """Plain Python values of one column for its SQLAlchemy type, None where missing."""
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


def _bound(conn: Connection, kind: object, values: list) -> list:
    """What SQLAlchemy would hand the driver for these values (each distinct value once)."""
    impl = kind.dialect_impl(conn.dialect)  # type: ignore[attr-defined]
    process = impl.bind_processor(conn.dialect)
    if process is None:
        return values
    done: dict = {None: None}
    out = []
    for v in values:
        if v not in done:
            done[v] = process(v)
        out.append(done[v])
    return out


def insert_many(conn: Connection, table: Table, frame: pd.DataFrame) -> None:
    """Insert every row of ``frame`` (columns named as the table's) in the open transaction."""
    if frame.empty:
        return
    if conn.dialect.name == "postgresql":
        copy_frame(conn, table, frame)
    else:
        executemany_frame(conn, table, frame)


def executemany_frame(conn: Connection, table: Table, frame: pd.DataFrame) -> None:
    """One DBAPI executemany of tuples (SQLite's qmark style)."""
    names = ", ".join(f'"{c}"' for c in frame.columns)
    marks = ", ".join("?" for _ in frame.columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
    columns = [
        _bound(conn, table.c[c].type, _python_values(table.c[c].type, frame[c]))
        for c in frame.columns
    ]
    rows = list(zip(*columns, strict=True))
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for start in range(0, len(rows), MANY_ROWS):
            cursor.executemany(sql, rows[start : start + MANY_ROWS])
    finally:
        cursor.close()


def _csv_column(kind: object, series: pd.Series) -> pd.Series:
    """Cells as PostgreSQL's CSV input reads them; NULL where missing."""
    missing = series.isna()
    if isinstance(kind, DateTime):
        stamps = pd.to_datetime(series, utc=True)
        text = stamps.dt.strftime("%Y-%m-%d %H:%M:%S.%f") + "+00"
    elif isinstance(kind, Date):
        text = pd.to_datetime(series).dt.strftime("%Y-%m-%d")
    elif isinstance(kind, Integer):
        text = series.astype("Int64").astype("string")
    elif isinstance(kind, Float):
        text = series.astype("float64").map(repr)
    elif isinstance(kind, Boolean):
        text = pd.Series(np.where(series.astype(bool), "t", "f"), index=series.index)
    else:
        text = series.astype("string")
    return text.astype(object).where(~missing, NULL)


def _csv_chunks(table: Table, frame: pd.DataFrame) -> Iterator[str]:
    kinds = {c: table.c[c].type for c in frame.columns}
    for start in range(0, len(frame), COPY_ROWS):
        chunk = frame.iloc[start : start + COPY_ROWS]
        cells = pd.DataFrame({c: _csv_column(kinds[c], chunk[c]) for c in chunk.columns})
        if (cells == NULL).to_numpy().sum() != chunk.isna().to_numpy().sum():
            raise ValueError(f"a text cell reads {NULL!r}, PostgreSQL's NULL marker here")
        buffer = io.StringIO()
        cells.to_csv(buffer, index=False, header=False, quoting=csv.QUOTE_MINIMAL)
        yield buffer.getvalue()


def copy_frame(conn: Connection, table: Table, frame: pd.DataFrame) -> None:
    """COPY the rows into PostgreSQL (CSV; ``\\N`` is NULL, an empty cell an empty text)."""
    names = ", ".join(f'"{c}"' for c in frame.columns)
    sql = f"COPY \"{table.name}\" ({names}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')"
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(sql) as copy:
            for text in _csv_chunks(table, frame):
                copy.write(text)
    finally:
        cursor.close()
