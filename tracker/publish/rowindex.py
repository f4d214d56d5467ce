"""The row index kept beside a cached whole ``figures.csv``: where each row sits, and what
the file was rendered from, so that the next version can be patched instead of rendered.

One Arrow IPC file, ``<csv name>.rows``, holds for every row of the CSV, in file order: the
figure id as stored (the file's sort key), the row's length in bytes and its ``flag_ids``
cell as written. Its metadata say what the rows were read after: the newest figure row
(``mark``), which row that was (``marked``: a database restored or made anew has another
one there) and how many rows were at or below it (``counted``), the registry's fingerprint,
the header bytes, the format of the files, and the CSV it describes (its inode and size:
a file replaced by another render is not the one this index was written for).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc

SUFFIX = ".rows"
FORMAT = "rows-2"
TEXT = pa.large_string()


@dataclass(frozen=True)
class RowIndex:
    """Where each row of a kept figures file sits and what it was rendered from.

    head: the header (and HXL row) bytes before the first row; ids: figure ids in file
    order; sizes: each row's length in bytes (int64); flags: each row's flag_ids cell (empty
    when the file has no such column); mark: the newest figure row_id before the rows were
    read; counted: the figure rows at or below ``mark`` then; registry: the registry's
    fingerprint; files: the format version of the downloads; inode, size: the CSV's;
    marked: which row row ``mark`` was (figure id, revision, entry time; "" when none).
    """

    head: bytes
    ids: pa.Array
    sizes: np.ndarray
    flags: pa.Array
    mark: int
    counted: int
    registry: str
    files: str
    inode: int = 0
    size: int = 0
    marked: str = ""

    def starts(self) -> np.ndarray:
        """Each row's first byte in the file, and the file's size last (n + 1 offsets)."""
        return len(self.head) + np.concatenate(([0], np.cumsum(self.sizes, dtype=np.int64)))

    def describes(self, handle_fd: int) -> bool:
        """Whether the open CSV is the file this index was written for."""
        stat = os.fstat(handle_fd)
        return stat.st_ino == self.inode and stat.st_size == self.size == int(self.starts()[-1])


def index_path(csv: Path) -> Path:
    return csv.with_name(csv.name + SUFFIX)


def write_index(index: RowIndex, csv: Path) -> None:
    """Write the index beside ``csv`` (to a temporary file renamed into place)."""
    table = pa.table(
        {"figure_id": index.ids, "size": pa.array(index.sizes, pa.int64()), "flags": index.flags}
    )
    meta = {
        "format": FORMAT,
        "mark": str(index.mark),
        "counted": str(index.counted),
        "registry": index.registry,
        "files": index.files,
        "inode": str(index.inode),
        "size": str(index.size),
        "marked": index.marked,
    }
    schema = table.schema.with_metadata({**meta, "head": index.head})
    target = index_path(csv)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        with ipc.new_file(name, schema) as writer:
            writer.write_table(table.cast(schema))
        os.replace(name, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


def read_index(csv: Path) -> RowIndex | None:
    """The index beside ``csv``, or None when there is none or it cannot be read."""
    try:
        table = ipc.open_file(index_path(csv)).read_all()
    except (OSError, pa.ArrowException):
        return None
    meta = table.schema.metadata or {}
    if meta.get(b"format") != FORMAT.encode():
        return None
    number = {k: int(meta[k.encode()]) for k in ("mark", "counted", "inode", "size")}
    return RowIndex(
        head=meta[b"head"],
        ids=table.column("figure_id").combine_chunks(),
        sizes=table.column("size").to_numpy(),
        flags=table.column("flags").combine_chunks(),
        registry=meta[b"registry"].decode(),
        files=meta[b"files"].decode(),
        marked=meta.get(b"marked", b"").decode(),
        **number,
    )
