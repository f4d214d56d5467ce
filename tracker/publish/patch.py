"""The whole figures.csv for the download cache: patched from the last kept file when only a
few figures changed, rendered in full otherwise.

After an analyst adds, revises or retracts a few figures, or imports a file, nearly every
row of ``figures.csv`` is the same as in the file kept for the previous data version. So
the first download after such a change re-renders only the rows that may differ and
merges them, by the file's sort order (figure_id, byte order), into the kept rows:

- a figure with a revision written after the kept file's mark (the newest figure row
  before its rows were read: revisions are append-only, so every add, revision,
  retraction, review decision and import writes rows beyond it);
- a figure whose ``flag_ids`` cell, as the flags stand now, differs from the kept one.

Its rows are dropped from the kept file; those of its figures that are current and active
now are rendered as a full render writes them and put in their place. The result is the
same bytes as a full render of the same data (tests on SQLite and PostgreSQL compare the
two). A full render stays the way whenever a patch could be wrong or would not pay: no kept
file of this download with its row index (:mod:`tracker.publish.rowindex`), a changed
registry, header or file format, another row at the mark than when the file was kept (the
database was restored from a backup, or deleted and made anew at the same place: its rows
are numbered anew), a row committed late below the mark (PostgreSQL writers commit out of
row order), or more than :data:`MOST_CHANGED` of the rows to redo.
Either way the new file's row index is kept beside it, so the next change is patched too.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tracker.domain.filters import Filters
from tracker.publish.cells import csv_line, csv_rows_sized
from tracker.publish.fields import Field
from tracker.publish.figures import changed_figure_texts, flag_texts, keyed_figure_texts
from tracker.publish.files import DOWNLOADS
from tracker.publish.hxl import hxl_row
from tracker.publish.options import DownloadOptions
from tracker.publish.rowindex import RowIndex, read_index, write_index
from tracker.publish.version import FORMAT_VERSION, registry_fingerprint
from tracker.service.store import Store

MOST_CHANGED = 0.2  # beyond this share of the rows to redo, a full render is as quick
BLOCK = 4 << 20  # bytes per piece copied from the kept file
FLAGS = "flag_ids"
NAME = "figures.csv"
TEXT = pa.large_string()


def patchable(name: str, options: DownloadOptions) -> bool:
    """The whole figures.csv (any language, with or without HXL) is kept with a row index."""
    return name == NAME and options.filters == Filters() and not options.flag_rows


@dataclass
class _Rows:
    """Rendered rows: their bytes, ids, line sizes and flag cells, chunk by chunk."""

    data: list[bytes]
    ids: list[pa.Array]
    sizes: list[np.ndarray]
    flags: list[pa.Array]

    def add(
        self, ids: pa.Array, cells: list[pa.Array], flag_at: int | None, keep: bool = False
    ) -> bytes:
        """The rows' bytes; kept in :attr:`data` only when ``keep`` (a patch's few rows,
        never a full render's)."""
        data, sizes = csv_rows_sized(cells)
        if keep:
            self.data.append(data)
        # A copy: the ids may be a slice of the driver's batch, whose buffers it would hold.
        self.ids.append(pa.concat_arrays([pc.cast(ids, TEXT)]))
        self.sizes.append(sizes)
        flags = cells[flag_at] if flag_at is not None else pa.array([""] * len(ids), TEXT)
        self.flags.append(pc.cast(flags, TEXT))
        return data

    def joined(self) -> tuple[pa.Array, np.ndarray, pa.Array]:
        if not self.ids:
            return pa.array([], TEXT), np.zeros(0, np.int64), pa.array([], TEXT)
        return (
            pa.concat_arrays(self.ids),
            np.concatenate(self.sizes),
            pa.concat_arrays(self.flags),
        )


def _empty_rows() -> _Rows:
    return _Rows([], [], [], [])


class FigureFile:
    """One render of the whole figures.csv for the cache file ``path``: :meth:`pieces`
    gives its bytes (patched or rendered), :meth:`keep` writes its row index beside the
    finished file."""

    def __init__(self, store: Store, options: DownloadOptions, path: Path) -> None:
        self.store = store
        self.options = replace(options, excel=False)
        self.path = path
        self.index: RowIndex | None = None
        self.patched = False

    def pieces(self) -> Iterator[bytes]:
        store = self.store
        vocab = store.vocab
        fields = DOWNLOADS["figures"].fields(vocab, self.options.lang)
        head = csv_line(f.name for f in fields)
        if self.options.hxl:
            head += csv_line(hxl_row([f.name for f in fields], Filters(), vocab))
        stamps = store.change_stamps()
        mark = int(str(stamps.figure_row or 0))
        counted = _counted(store, mark)
        start = RowIndex(
            head.encode("utf-8"), pa.array([], TEXT), np.zeros(0, np.int64),
            pa.array([], TEXT), mark, counted, registry_fingerprint(vocab), FORMAT_VERSION,
            marked=store.figure_row_at(mark),
        )  # fmt: skip
        base = _base(self.path, start)
        if base is not None:
            with base[1]:
                plan = _plan(store, base[0], fields)
                if plan is not None:
                    self.patched = True
                    yield from self._patch(start, base, plan, fields)
                    return
        yield from self._render(start, fields)

    def _render(self, start: RowIndex, fields: tuple[Field, ...]) -> Iterator[bytes]:
        yield start.head
        rows = _empty_rows()
        flag_at = _flag_column(fields)
        for ids, cells in keyed_figure_texts(self.store, Filters(), fields):
            if len(ids):
                yield rows.add(ids, cells, flag_at)
        ids, sizes, flags = rows.joined()
        self.index = replace(start, ids=ids, sizes=sizes, flags=flags)

    def _patch(
        self,
        start: RowIndex,
        base: tuple[RowIndex, BinaryIO],
        redo: list[str],
        fields: tuple[Field, ...],
    ) -> Iterator[bytes]:
        old, handle = base
        fresh = _empty_rows()
        flag_at = _flag_column(fields)
        for ids, cells in changed_figure_texts(self.store, redo, fields):
            if len(ids):
                fresh.add(ids, cells, flag_at, keep=True)
        new_ids, new_sizes, new_flags = fresh.joined()
        dropped = pc.is_in(old.ids, value_set=pa.array(redo, TEXT))
        steps = _merge(old.ids, dropped, new_ids)
        yield start.head
        yield from _spliced(steps, handle, old.starts(), b"".join(fresh.data), new_sizes)
        order = _order(steps, len(old.ids))
        self.index = replace(
            start,
            ids=pa.concat_arrays([old.ids, new_ids]).take(order),
            sizes=np.concatenate([old.sizes, new_sizes])[order],
            flags=pa.concat_arrays([old.flags, new_flags]).take(order),
        )

    def keep(self, out: BinaryIO) -> None:
        """Write the row index of the finished file ``out`` (flushed, not yet renamed to
        ``path``) beside ``path``; a render that did not finish keeps none."""
        if self.index is None:
            return
        stat = os.fstat(out.fileno())
        with contextlib.suppress(OSError):
            write_index(replace(self.index, inode=stat.st_ino, size=stat.st_size), self.path)


def _counted(store: Store, mark: int) -> int:
    """The figure rows at or below ``mark`` where writers may commit out of row order
    (PostgreSQL); SQLite's one writer at a time commits rows in order (0: nothing to count)."""
    return store.figure_rows_up_to(mark) if store.engine.dialect.name == "postgresql" else 0


def _flag_column(fields: tuple[Field, ...]) -> int | None:
    names = [f.name for f in fields]
    return names.index(FLAGS) if FLAGS in names else None


def _base(path: Path, now: RowIndex) -> tuple[RowIndex, BinaryIO] | None:
    """The newest kept file of this download (another data version) whose row index was
    written for it with the same header, registry and file format, opened; or None."""
    stem, variant = path.name.split(".")[:2]
    kept = [p for p in path.parent.glob(f"{stem}.{variant}.*.csv") if p != path]
    for other in sorted(kept, key=_mtime, reverse=True):
        index = read_index(other)
        if index is None or (index.head, index.registry, index.files) != (
            now.head, now.registry, now.files,
        ):  # fmt: skip
            continue
        try:
            handle = other.open("rb")
        except OSError:
            continue
        if index.describes(handle.fileno()):
            return index, handle
        handle.close()
    return None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _plan(store: Store, old: RowIndex, fields: tuple[Field, ...]) -> list[str] | None:
    """The figure ids to redo (sorted), or None when the kept file cannot be patched
    soundly or a full render would be as quick."""
    if store.figure_row_at(old.mark) != old.marked:
        return None  # another database now (restored from a backup, or made anew)
    if _counted(store, old.mark) != old.counted:
        return None  # a row committed late below the mark
    redo = set(store.figures_changed_after(old.mark))
    if _flag_column(fields) is not None and len(old.ids):
        now = flag_texts(old.ids, store.flag_ids_of_all())
        differ = pc.not_equal(now, old.flags)
        redo.update(old.ids.filter(differ).to_pylist())
    if len(redo) > MOST_CHANGED * max(len(old.ids), 1):
        return None
    return sorted(redo)


# A step of the merge: ("old", first row, end row) copies kept rows, ("new", first, end)
# puts rendered rows.
Step = tuple[str, int, int]


def _merge(old_ids: pa.Array, dropped: pa.Array, new_ids: pa.Array) -> list[Step]:
    """The patched file as runs of kept and new rows, in figure_id order: each new row goes
    before the first kept row whose id is not smaller; dropped rows are skipped."""
    gone = np.flatnonzero(dropped.to_numpy(zero_copy_only=False))
    keys = np.asarray(old_ids.to_numpy(zero_copy_only=False), dtype=object)
    news = np.asarray(new_ids.to_pylist(), dtype=object)
    places: np.ndarray = np.searchsorted(keys, news, side="left")
    at: dict[int, list[int]] = {}
    for k, place in enumerate(places):
        at.setdefault(int(place), []).append(k)
    gone_set = set(gone.tolist())
    steps: list[Step] = []
    cursor = 0
    for place in sorted(gone_set | set(at)):
        if place > cursor:
            steps.append(("old", cursor, place))
        if place in at:
            steps.append(("new", at[place][0], at[place][-1] + 1))
        cursor = place + 1 if place in gone_set else place
    if cursor < len(keys):
        steps.append(("old", cursor, len(keys)))
    return steps


def _spliced(
    steps: list[Step], handle: BinaryIO, starts: np.ndarray, fresh: bytes, sizes: np.ndarray
) -> Iterator[bytes]:
    """The rows' bytes: kept runs copied from the kept file, new rows from ``fresh``."""
    ends = np.concatenate(([0], np.cumsum(sizes, dtype=np.int64)))
    fd = handle.fileno()
    for kind, first, end in steps:
        if kind == "new":
            yield fresh[int(ends[first]) : int(ends[end])]
            continue
        offset, stop = int(starts[first]), int(starts[end])
        while offset < stop:
            block = os.pread(fd, min(BLOCK, stop - offset), offset)
            if not block:
                raise OSError(f"the kept file {handle.name} ended early")
            offset += len(block)
            yield block


def _order(steps: list[Step], kept: int) -> np.ndarray:
    """Row positions in (kept rows then new rows) of the patched file's rows, in order."""
    parts = [
        np.arange(first, end) if kind == "old" else np.arange(kept + first, kept + end)
        for kind, first, end in steps
    ]
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)
