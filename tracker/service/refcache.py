"""The vocabularies of a store, kept between commands in a cache file named by their contents.

Building them reads about twenty CSV files of ``data/`` and the registry tables of the
database, then derives the look-ups every command uses (the places above each P-code, the
sets of ids): 0.1–0.2 s of every command, against about 10 ms to unpickle them.

The file's name is a digest of everything they are made of: the path, size and modification
time of every file in ``data/`` and of every module of ``tracker``, the versions of Python and
pandas, and every row of the registry tables as the database holds them now (read on every
start: a registry edited by another process, or another database, gives another name). A stale
file is therefore never read, only left behind (the oldest are removed); a file that cannot be
read or written is rebuilt in memory. The directory is ``$TRACKER_CACHE`` (``off``: no cache),
else ``$XDG_CACHE_HOME/tracker``, else ``~/.cache/tracker``; deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Connection

import tracker
from tracker.domain.vocabularies import Vocabularies
from tracker.ingest.reference import DATA_DIR
from tracker.storage.reference import registry_rows

#: Bump when what is pickled changes in a way the stamps of the code would not show.
FORMAT = 1
#: Cache files kept (one per database registry and data/ in use); older ones are removed.
KEEP = 8
CODE_DIR = Path(tracker.__file__).resolve().parent


def cache_dir() -> Path | None:
    """Where cache files go (None: caching is off)."""
    chosen = os.environ.get("TRACKER_CACHE", "").strip()
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "tracker"


def _stamps(root: Path, pattern: str) -> list[tuple[str, int, int]]:
    """(path, size, modification time) of every file under ``root`` matching ``pattern``."""
    found = []
    for path in root.rglob(pattern):
        if path.is_file():
            stat = path.stat()
            found.append((str(path.relative_to(root)), stat.st_size, stat.st_mtime_ns))
    return sorted(found)


def content_key(conn: Connection, data_dir: Path = DATA_DIR) -> str:
    """The digest naming the cache file of the vocabularies read through ``conn``."""
    parts = (
        FORMAT,
        sys.version,
        pd.__version__,
        str(data_dir.resolve()),
        _stamps(data_dir, "*"),
        _stamps(CODE_DIR, "*.py"),
        registry_rows(conn),
    )
    return hashlib.blake2b(pickle.dumps(parts, protocol=5), digest_size=20).hexdigest()


def warmed(vocab: Vocabularies) -> Vocabularies:
    """The vocabularies with every derived look-up computed, so that the cache keeps them. A
    look-up that fails here is left to fail where it is used, as without a cache."""
    for name, attribute in vars(Vocabularies).items():
        if isinstance(attribute, cached_property):
            try:
                getattr(vocab, name)
            except Exception:  # its user reports it, as without a cache
                continue
    return vocab


def vocabularies(conn: Connection, build: Callable[[], Vocabularies]) -> Vocabularies:
    """The vocabularies ``build()`` makes, from the cache file of their contents when it is
    there; otherwise built, warmed and written for the next command."""
    where = cache_dir()
    if where is None:
        return build()
    path = where / f"vocab-{content_key(conn)}.pickle"
    found = _read(path)
    if found is not None:
        return found
    vocab = warmed(build())
    _write(where, path, vocab)
    return vocab


def _read(path: Path) -> Vocabularies | None:
    """The cached vocabularies, or None when the file is missing or unreadable."""
    try:
        with path.open("rb") as file:
            found = pickle.load(file)
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or foreign file is rebuilt, never trusted
        return None
    return found if isinstance(found, Vocabularies) else None


def _write(where: Path, path: Path, vocab: Vocabularies) -> None:
    """Write the file whole or not at all (a temporary file renamed), then remove the oldest
    beyond :data:`KEEP`. A cache that cannot be written is no error: the next command builds."""
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=where, prefix=".vocab-", delete=False) as file:
            temporary = Path(file.name)
            try:
                pickle.dump(vocab, file, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                file.close()
                temporary.unlink(missing_ok=True)
                return
        os.replace(temporary, path)
        _prune(where)
    except OSError:
        return


def _prune(where: Path) -> None:
    """Remove all but the :data:`KEEP` newest cache files (another process may race: fine)."""
    files = sorted(where.glob("vocab-*.pickle"), key=_modified, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
