"""CSV downloads rendered once per data version and then served from a file.

A data desk's nightly fetch of the whole ``figures.csv`` is the same file for everyone until
the data change, and so is a filtered file (a country's figures) that readers ask for again,
so the first request after a change renders it (streaming it to that client as it goes, as
any download) and keeps it in a cache folder; later requests for the same data version are
served from that file. Renders take a slot of :mod:`tracker.publish.gate`.
The file is named by the database, the download, its options and the data
version (the token behind the ETag), so a change of data is a change of file name and a
stale file is never served.

Several workers may share the folder: each renders to its own temporary file and renames
it into place (atomic on POSIX), so a reader only ever opens a complete file. After a
rename, files of the same download rendered for an older version are removed. The cache
never breaks a download: when the folder cannot be written, the file is streamed from the
database as if there were no cache.

Where: ``$TRACKER_CACHE_DIR`` when set (``off`` turns the cache off), else a folder next
to an SQLite database file (``tracker.db-downloads/``); PostgreSQL has no file to sit
next to, so there the cache is on only when ``$TRACKER_CACHE_DIR`` names a folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.engine import URL

from tracker.domain.filters import Filters
from tracker.publish.cells import BOM
from tracker.publish.gate import SizedGate, gate_for, takes_slot
from tracker.publish.options import DownloadOptions
from tracker.publish.patch import FigureFile, patchable
from tracker.publish.stream import download_pieces
from tracker.publish.version import DataVersion
from tracker.service.store import Store

ENV = "TRACKER_CACHE_DIR"
OFF = "off"
SUFFIX = "-downloads"
BLOCK = 1 << 20  # bytes per piece read from a cached file
STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a process that died
FILTERED = "filtered-"
MAX_FILTERED = 1000  # filtered files kept per database; the oldest go first


def cache_folder(url: URL, environ: dict[str, str] | None = None) -> Path | None:
    """Where cached downloads of this database live, or None when there is no cache."""
    env = os.environ if environ is None else environ
    given = env.get(ENV, "").strip()
    if given.lower() == OFF:
        return None
    if given:
        return Path(given)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database)
        return path.with_name(path.name + SUFFIX)
    return None


def cacheable(name: str, options: DownloadOptions) -> bool:
    """The CSV files: whole or filtered, each is the same file for everyone asking for it
    until the data change."""
    return name.endswith(".csv")


def filtered(options: DownloadOptions) -> bool:
    return options.filters != Filters() or bool(options.flag_rows)


def cache_path(folder: Path, url: URL, name: str, options: DownloadOptions, token: str) -> Path:
    """``<folder>/figures.<variant>.<version>.csv``: the variant hashes the database and the
    options the bytes depend on (not excel: the byte-order mark is added when serving).
    Filtered files sit in a folder of their database (``filtered-<hash>/``), swept of other
    versions and held to :data:`MAX_FILTERED` files."""
    stored = replace(options, excel=False)
    where = url.render_as_string(hide_password=True)
    key = f"{where}|{name}|{stored.query_string()}"
    variant = hashlib.sha256(key.encode()).hexdigest()[:16]
    stem, _, suffix = name.rpartition(".")
    if filtered(options):
        database = hashlib.sha256(where.encode()).hexdigest()[:16]
        folder = folder / f"{FILTERED}{database}"
    return folder / f"{stem}.{variant}.{token}.{suffix}"


def served_pieces(
    path: Path,
    excel: bool,
    render: Callable[[], Iterator[bytes]],
    since: float,
    gate: SizedGate | None = None,
    keep: Callable[[BinaryIO], None] | None = None,
) -> Iterator[bytes]:
    """The file's bytes: read from ``path`` when it is there, else rendered (without the
    byte-order mark) and kept there. ``excel`` puts the byte-order mark first; ``since`` is
    when the data version was read (``time.time()``), before which older files were made.
    A render takes a slot of ``gate`` first (:class:`~tracker.publish.gate.Busy` when none
    comes); a download that waited for its slot reads the file another one rendered meanwhile.
    ``keep`` is given the finished file before it takes its name (to write beside it what
    describes it)."""
    head = [BOM.encode("utf-8")] if excel else []
    handle = _open(path)
    if handle is not None:
        return _chain(head, _read(handle))
    if gate is None:
        return _chain(head, _write_through(path, render(), since, keep))
    slot = gate.take()
    handle = _open(path)  # identical downloads asked at once: the first one rendered it
    if handle is not None:
        slot.release()
        return _chain(head, _read(handle))
    return _chain(head, slot.hold(_write_through(path, render(), since, keep)))


def _open(path: Path) -> BinaryIO | None:
    """The kept file, opened now (a later clean-up cannot take it away), or None."""
    try:
        return path.open("rb")
    except OSError:
        return None


def _chain(head: list[bytes], body: Iterator[bytes]) -> Iterator[bytes]:
    yield from head
    yield from body


def _read(handle: BinaryIO) -> Iterator[bytes]:
    with handle:
        while block := handle.read(BLOCK):
            yield block


def _write_through(
    path: Path,
    pieces: Iterator[bytes],
    since: float,
    keep: Callable[[BinaryIO], None] | None = None,
) -> Iterator[bytes]:
    """Yield the pieces, writing them to a temporary file renamed to ``path`` once whole.

    A client that leaves early, or an error, leaves no file behind; a folder that cannot
    be written only means this request is not kept."""
    out = _temporary(path)
    try:
        for piece in pieces:
            if out is not None:
                out = _write(out, piece)
            yield piece
        if out is not None:
            _publish(out, path, since, keep)
            out = None
    finally:
        if out is not None:
            _discard(out)


def _temporary(path: Path) -> BinaryIO | None:
    """A new file beside ``path`` (its ``name`` is its path), or None when none can be made."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        return Path(name).open("wb")
    except OSError:
        return None


def _write(out: BinaryIO, piece: bytes) -> BinaryIO | None:
    """Write a piece; on a full or failing disk drop the file and go on streaming."""
    try:
        out.write(piece)
    except OSError:
        _discard(out)
        return None
    return out


def _discard(out: BinaryIO) -> None:
    with contextlib.suppress(OSError):
        out.close()
    Path(out.name).unlink(missing_ok=True)


def _publish(
    out: BinaryIO, path: Path, since: float, keep: Callable[[BinaryIO], None] | None = None
) -> None:
    """Make the complete file visible under its name, then remove what it replaces."""
    try:
        out.flush()
        os.fsync(out.fileno())
        if keep is not None:
            keep(out)
        out.close()
        os.replace(out.name, path)
    except OSError:
        _discard(out)
        return
    remove_older(path, since)


def remove_older(path: Path, since: float) -> None:
    """Remove the other versions of this file finished before ``since`` (a file finished
    later may hold a newer version), and temporary files left by dead processes."""
    stem, variant = path.name.split(".")[:2]
    for other in path.parent.glob(f"{stem}.{variant}.*"):
        if other != path:
            _remove_before(other, since)
    for temp in path.parent.glob(".*.tmp"):
        _remove_before(temp, time.time() - STALE_TEMP_SECONDS)
    if path.parent.name.startswith(FILTERED):
        sweep_filtered(path, since)


def sweep_filtered(path: Path, since: float) -> None:
    """In a folder of filtered files: remove those of other data versions finished before
    ``since``, then the oldest beyond :data:`MAX_FILTERED`."""
    version = path.name.split(".")[2]
    kept = []
    for other in path.parent.glob("*.*.*.*"):
        if other.name.startswith("."):
            continue
        if other.name.split(".")[2] != version:
            _remove_before(other, since)
        else:
            kept.append(other)
    if len(kept) > MAX_FILTERED:
        kept.sort(key=_mtime)
        for old in kept[: len(kept) - MAX_FILTERED]:
            _remove_before(old, since)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _remove_before(path: Path, moment: float) -> None:
    with contextlib.suppress(OSError):  # another worker may have removed it first
        if path.stat().st_mtime < moment:
            path.unlink()


def version_key(version: DataVersion) -> str:
    """The data version as a file name part: its token, and the time of the newest change,
    which tells apart a database rebuilt from scratch to the same counts."""
    stamp = version.last_modified.isoformat() if version.last_modified else ""
    return hashlib.sha256(f"{version.token}|{stamp}".encode()).hexdigest()[:24]


def render_gate(
    store: Store, name: str, options: DownloadOptions, folder: Path | None
) -> SizedGate | None:
    """The render slots a render of this download passes, sized by the figures the
    options select; None for files that never take one (see :mod:`tracker.publish.gate`)."""
    if not takes_slot(name):
        return None
    return gate_for(store.url, folder).sized(lambda: store.count_matching(options.filters))


def cached_download(
    store: Store, name: str, options: DownloadOptions, version: DataVersion, since: float
) -> Iterator[bytes]:
    """The bytes of ``/download/<name>``: from the cache when the file is kept there (a
    CSV, with a cache folder), else rendered from the database, in a render slot
    (:mod:`tracker.publish.gate`; :class:`~tracker.publish.gate.Busy` when none comes).
    ``version`` is the data version read before this call, at ``since`` (``time.time()``)."""
    url = store.url
    folder = cache_folder(url)
    gate = render_gate(store, name, options, folder)
    if folder is None or not cacheable(name, options):
        pieces = download_pieces(store, name, options)
        return pieces if gate is None else gate.take().hold(pieces)
    path = cache_path(folder, url, name, options, version_key(version))
    plain = replace(options, excel=False)
    if patchable(name, options):  # the whole figures.csv: patched from the last kept file
        whole = FigureFile(store, plain, path)
        return served_pieces(path, options.excel, whole.pieces, since, gate, whole.keep)
    return served_pieces(
        path, options.excel, lambda: download_pieces(store, name, plain), since, gate
    )
