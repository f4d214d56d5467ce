"""Current figures read straight into Arrow by the database's own ADBC driver.

The whole-file downloads read every current figure: through a Python DB driver each of
tens of millions of cells becomes a Python object first. An ADBC driver (``adbc-driver-
sqlite``, ``adbc-driver-postgresql``) hands over Arrow record batches instead, read in the
driver's C code. This module is the one place that decides whether that path is taken
(:func:`arrow_reader`): only for an SQLite file or a PostgreSQL server, only when the
driver is installed; otherwise the caller reads the cursor as before. An SQLite file is
read by the driver in a process of its own (:mod:`tracker.storage.arrowchild` says why: the
driver's copy of SQLite must never share a process with Python's), streaming its batches
back as Arrow IPC.

The batches hold what the database stored, as SQLAlchemy wrote it:

- PostgreSQL: dates as ``date32``, ``entered_at`` as a UTC timestamp, counts as int64.
- SQLite: dates and timestamps as the text SQLAlchemy stored, checked here to be in its
  format (a date reads back as the same text; a timestamp is ``YYYY-MM-DD HH:MM:SS[.f]``);
  a batch that is not raises :class:`ArrowReadFailed`, and the caller reads on from the
  last figure it got through the cursor, whose result processors read any text.
  SQLite types a column by the values of the first batch, so text and date columns are
  read as ``COALESCE(column, '')`` (a column empty in the first batch would otherwise be
  taken for integers); the empty text of a missing date is turned back into a null here,
  missing free text stays empty text (the downloads write both as an empty cell).
"""

from __future__ import annotations

import importlib.util
import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Date, DateTime, Select, String, func, literal
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Engine
from sqlalchemy.sql.elements import ColumnElement

from tracker.domain.filters import Filters
from tracker.storage import tables
from tracker.storage.figures import current_rows_query

F = tables.figures
DRIVERS = {"sqlite": "adbc_driver_sqlite", "postgresql": "adbc_driver_postgresql"}
PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # where ``tracker`` is importable from
SQLITE_STAMP = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$"


class ArrowReadFailed(Exception):
    """The driver could not read on (a type it cannot give, stored text not in
    SQLAlchemy's format, a lost connection); the cursor path reads the rest."""


def arrow_supported(url: URL) -> bool:
    """Whether figures at this URL can be read by an installed ADBC driver: an SQLite
    file (not an in-memory database) or a PostgreSQL server."""
    backend = url.get_backend_name()
    if backend not in DRIVERS or importlib.util.find_spec(DRIVERS[backend]) is None:
        return False
    if backend == "sqlite":
        return bool(url.database) and url.database != ":memory:" and "mode=memory" not in str(url)
    return True


def arrow_reader(
    engine: Engine,
    filters: Filters,
    location_levels: dict[str, int],
    columns: Sequence[str],
    chunk_rows: int,
    after: str | None = None,
) -> Iterator[pa.RecordBatch] | None:
    """Current, active figures (only ``columns``) as record batches of at most
    ``chunk_rows`` rows, in figure_id order, after the figure ``after`` when given; None
    when no ADBC driver serves this database (the caller reads the cursor instead)."""
    if not arrow_supported(engine.url):
        return None
    backend = engine.url.get_backend_name()
    query = current_rows_query(filters, location_levels, columns, backend, after=after)
    if backend == "sqlite":
        query = query.with_only_columns(*[_sqlite_column(c) for c in columns])
    return _prefetched(lambda: _batches(engine.url, query, chunk_rows))


def _prefetched(
    produce: Callable[[], Iterator[pa.RecordBatch]], depth: int = 2
) -> Iterator[pa.RecordBatch]:
    """The batches, read ahead on a thread of their own (the driver and Arrow let go of the
    GIL) while the caller writes the last ones: at most ``depth`` wait in memory. The
    connection lives and closes on that thread; stopping early stops it."""
    ready: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: tuple[str, object]) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        batches = produce()
        try:
            for batch in batches:
                if not put(("batch", batch)):
                    return
            put(("end", None))
        except BaseException as exc:  # handed over to the reading thread, raised there
            put(("error", exc))
        finally:
            batches.close()  # type: ignore[attr-defined]

    reader = threading.Thread(target=run, name="tracker-arrow-read", daemon=True)
    reader.start()
    try:
        while True:
            kind, value = ready.get()
            if kind == "end":
                return
            if kind == "error":
                raise value  # type: ignore[misc]
            yield value
    finally:
        stop.set()
        reader.join()


def _sqlite_column(name: str) -> ColumnElement[Any]:
    """A text or date column never null, so that SQLite's driver types it as text."""
    column = F.c[name]
    if isinstance(column.type, String | Date | DateTime):
        return func.coalesce(column, literal("")).label(name)
    return column


def _batches(url: URL, query: Select, chunk_rows: int) -> Iterator[pa.RecordBatch]:
    backend = url.get_backend_name()
    sql, args = _compiled(query, backend)
    if backend == "sqlite":
        read = _child_batches(str(url.database), sql, args, chunk_rows)
    else:
        read = _driver_batches(url, sql, args)
    for batch in read:
        for start in range(0, batch.num_rows, max(chunk_rows, 1)):
            part = batch.slice(start, chunk_rows)
            yield _sqlite_values(part) if backend == "sqlite" else part


def _driver_batches(url: URL, sql: str, args: list) -> Iterator[pa.RecordBatch]:
    """The query's batches from the PostgreSQL driver, in this process."""
    try:
        conn = _connect(url)
    except Exception as exc:  # the driver's own errors; the cursor path is always there
        raise ArrowReadFailed(f"cannot open postgresql through ADBC: {exc}") from exc
    try:
        cursor = conn.cursor()  # held: the reader is closed with its cursor
        reader = _read(cursor, sql, args)
        while True:
            try:
                yield reader.read_next_batch()
            except StopIteration:
                return
            except Exception as exc:
                raise ArrowReadFailed(f"the postgresql driver stopped: {exc}") from exc
    finally:
        conn.close()


def _child_batches(path: str, sql: str, args: list, rows: int) -> Iterator[pa.RecordBatch]:
    """The query's batches from the SQLite file, read by :mod:`tracker.storage.arrowchild`
    in a process of its own (never the driver's copy of SQLite in this one)."""
    request = json.dumps({"path": path, "sql": sql, "args": args, "rows": rows}).encode()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_ROOT), env.get("PYTHONPATH")]))
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "tracker.storage.arrowchild"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
    except OSError as exc:
        raise ArrowReadFailed(f"cannot start the SQLite reader: {exc}") from exc
    try:
        yield from _child_stream(child, request)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        for pipe in (child.stdout, child.stderr):
            if pipe is not None:
                pipe.close()


def _child_stream(child: subprocess.Popen, request: bytes) -> Iterator[pa.RecordBatch]:
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    try:
        child.stdin.write(request)
        child.stdin.close()
        reader = pa.ipc.open_stream(child.stdout)
        while True:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                break
            yield batch
    except (OSError, pa.ArrowException) as exc:
        child.wait()
        raise ArrowReadFailed(f"the SQLite reader stopped: {_said(child)}") from exc
    if child.wait() != 0:
        raise ArrowReadFailed(f"the SQLite reader stopped: {_said(child)}")


def _said(child: subprocess.Popen) -> str:
    """The reader's last words (its error), or its exit status."""
    text = child.stderr.read().decode("utf-8", "replace").strip() if child.stderr else ""
    return text[-300:] or f"exit status {child.returncode}"


def _read(cursor: Any, sql: str, args: list) -> pa.RecordBatchReader:
    try:
        cursor.execute(sql, args or None)
        return cursor.fetch_record_batch()
    except Exception as exc:
        raise ArrowReadFailed(f"the query did not run through ADBC: {exc}") from exc


def _connect(url: URL) -> Any:
    """An ADBC connection to the PostgreSQL server the engine's URL names."""
    import adbc_driver_postgresql.dbapi as pg_driver

    libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return pg_driver.connect(libpq)


def _compiled(query: Select, backend: str) -> tuple[str, list]:
    """The query's SQL with positional parameters, as the ADBC driver binds them: ``?`` on
    SQLite (dates as the ISO text SQLAlchemy stores), ``$1 …`` on PostgreSQL."""
    if backend == "sqlite":
        dialect: Any = sqlite.pysqlite.dialect(paramstyle="qmark")
    else:
        dialect = postgresql.psycopg.dialect(paramstyle="numeric_dollar")
    compiled = query.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    args = [params[name] for name in compiled.positiontup or ()]
    if backend == "sqlite":
        args = [_sqlite_param(v) for v in args]
    return str(compiled), args


def _sqlite_param(value: object) -> object:
    if isinstance(value, datetime):
        raise ArrowReadFailed("a timestamp parameter is left to the cursor path")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _sqlite_values(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Check SQLite's stored dates and timestamps are SQLAlchemy's text; a missing date
    (read as empty text) becomes a null again."""
    columns = []
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        kind = F.c[name].type if name in F.c else None
        if isinstance(kind, DateTime):
            _check(column, SQLITE_STAMP, name)
            _check_dates(pc.utf8_slice_codeunits(column, 0, 10), name)
        elif isinstance(kind, Date):
            column = pc.if_else(pc.equal(column, ""), pa.scalar(None, column.type), column)
            _check_dates(column, name)
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def _check(column: pa.Array, pattern: str, name: str) -> None:
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        raise ArrowReadFailed(f"{name} is not stored as text")
    if pc.all(pc.match_substring_regex(column.drop_null(), pattern)).as_py() is False:
        raise ArrowReadFailed(f"{name} is not stored in SQLAlchemy's format")


def _check_dates(column: pa.Array, name: str) -> None:
    """Every stored date is YYYY-MM-DD and a real day (so it reads back as the same text)."""
    _check(column, r"^\d{4}-\d{2}-\d{2}$", name)
    try:
        pc.cast(column.drop_null(), pa.date32())
    except pa.ArrowInvalid as exc:
        raise ArrowReadFailed(f"{name} holds a date Arrow cannot read: {exc}") from exc
