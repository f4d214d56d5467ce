"""The ADBC read of an SQLite file, in a process of its own: ``python -m
tracker.storage.arrowchild`` reads the query (JSON on stdin: path, sql, args, rows) and
writes its record batches to stdout as an Arrow IPC stream.

Why a process of its own: the ADBC driver carries its own copy of SQLite. Two copies of
SQLite in one process do not see each other's POSIX locks, and closing a file drops every
lock the process holds on it, so once the driver closed the database the server's own
connections held no lock on it: the next process that closed the database cleanly took
itself for the last reader, deleted the write-ahead log, and the server went on reading the
data as they were before, whatever was written afterwards (SQLite's "How To Corrupt",
§2.2.1). Here only this process, which exits after the read, has the driver's copy.
Read-only; imports nothing but pyarrow and the driver, so it starts in a fraction of a
second, and it reads while the parent writes the file (a core of its own).
"""

from __future__ import annotations

import json
import sys
from typing import Any
from urllib.parse import quote

import pyarrow as pa


def _options(rows: int) -> dict[str, str]:
    return {"adbc.sqlite.query.batch_rows": str(max(rows, 1))}


def read(request: dict[str, Any], out: Any) -> None:
    """Run the request's query on the SQLite file read-only and write its batches to ``out``."""
    import adbc_driver_sqlite.dbapi as driver

    with driver.connect(f"file:{quote(request['path'])}?mode=ro") as conn:
        cursor = conn.cursor()
        cursor.adbc_statement.set_options(**_options(int(request["rows"])))
        cursor.execute(request["sql"], request["args"] or None)
        reader = cursor.fetch_record_batch()
        with pa.ipc.new_stream(out, reader.schema) as stream:
            for batch in reader:
                stream.write_batch(batch)
        cursor.close()


def main() -> int:
    request = json.loads(sys.stdin.read())
    try:
        read(request, sys.stdout.buffer)
    except BrokenPipeError:  # the reader stopped early (a client left): nothing to say
        return 0
    except Exception as exc:  # the parent reads the rest through the cursor
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
