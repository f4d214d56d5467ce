"""Downloads rendered from the database take a render slot, so that they cannot starve pages.

A download rendered from the database (a filtered file, the first whole file after a data
change, a workbook, the zip) costs seconds of CPU at a million figures, while a page's
callback costs tens of milliseconds. Left alone, a few downloads at once fill every worker
thread and both cores, and readers wait seconds for a page. So:

- at most ``$TRACKER_DOWNLOAD_RENDERS`` renders (default: half the CPUs, at least one) run at
  once on the machine, across every worker of the same database: each render holds an
  exclusive ``flock`` on one slot file (the kernel frees it when a process dies);
- a download that finds every slot taken **waits in line** (a person who clicked a link
  would rather wait a few seconds than be told to come back), up to
  ``$TRACKER_DOWNLOAD_WAIT`` seconds (default 30);
- at most ``$TRACKER_DOWNLOAD_LINE`` downloads of one process wait at once (default 4), so
  waiting downloads never hold more than that many of a worker's threads; the pages keep
  the rest. A download that finds the line full, or waits out its time, is answered 503
  with ``Retry-After`` (the error page says to try again in that many seconds).

Only files whose rows grow with the figures take a slot (``figures.csv``, ``series.csv``,
every workbook and the zip): ``sources.csv`` and ``flags.csv`` hold a row per source or flag
(at 1M figures a second at most) and ``datapackage.json`` a few kilobytes, so they never wait
behind a render of a million figures. Nor does a filtered CSV file that reads at most
``$TRACKER_DOWNLOAD_SMALL`` figures (default 20,000, a fraction of a second to render): a
data desk asking for one town's figures is not put in line behind a whole country's. How
many figures a render reads is counted (an indexed count) only when it must render.

Files served from the download cache (:mod:`tracker.publish.cache`) take no slot: reading a
finished file is cheap. A download that waited checks the cache again once it has its slot,
so identical downloads asked at once are rendered once and the others read the result.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.engine import URL

RENDERS_ENV = "TRACKER_DOWNLOAD_RENDERS"
WAIT_ENV = "TRACKER_DOWNLOAD_WAIT"
LINE_ENV = "TRACKER_DOWNLOAD_LINE"
SMALL_ENV = "TRACKER_DOWNLOAD_SMALL"
DEFAULT_WAIT = 30.0
DEFAULT_LINE = 4
DEFAULT_SMALL = 20_000
POLL = 0.05  # seconds between two looks for a free slot
RETRY_AFTER = 10  # seconds a refused download is told to wait
#: The CSV files whose rows grow with the figures: rendered in a slot.
SLOTTED = ("figures.csv", "series.csv")


class Busy(Exception):
    """Every render slot stayed taken: answer 503 with ``Retry-After: retry_after``."""

    def __init__(
        self,
        message: str,
        retry_after: int = RETRY_AFTER,
        problem: str = "",
        details: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        # The sentence's name in the files of words and what fills it (as FilterError's).
        self.problem = problem
        self.details = details or {}


def _number(environ: Mapping[str, str], name: str, default: float) -> float:
    """A positive number from the environment, else ``default``."""
    try:
        value = float(environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def _bound(environ: Mapping[str, str], name: str, default: int) -> int:
    """A whole number ≥ 0 from the environment (0: every render takes a slot), else ``default``."""
    try:
        value = int(environ.get(name, ""))
    except ValueError:
        return default
    return value if value >= 0 else default


@dataclass
class Gate:
    """The render slots of one database: ``renders`` lock files in ``folder``."""

    folder: Path
    renders: int
    wait: float
    line: int
    small: int = DEFAULT_SMALL
    _waiting: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> Slot:
        """A render slot, waiting in line for one; :class:`Busy` when none comes."""
        with self._lock:
            if self._waiting >= self.line:
                raise Busy(
                    f"{self._waiting} downloads are already waiting to be prepared; "
                    f"try again in {RETRY_AFTER} seconds",
                    problem="busy_waiting",
                    details={"waiting": str(self._waiting), "n": str(RETRY_AFTER)},
                )
            self._waiting += 1
        try:
            return self._wait_for_slot()
        finally:
            with self._lock:
                self._waiting -= 1

    def _wait_for_slot(self) -> Slot:
        deadline = time.monotonic() + self.wait
        while True:
            slot = self.try_take()
            if slot is not None:
                return slot
            if time.monotonic() >= deadline:
                raise Busy(
                    f"the server is preparing other downloads; try again in {RETRY_AFTER} seconds",
                    problem="busy_preparing",
                    details={"n": str(RETRY_AFTER)},
                )
            time.sleep(POLL)

    def try_take(self) -> Slot | None:
        """A free slot now, or None."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for number in range(self.renders):
            handle = (self.folder / f"render-{number}.lock").open("ab")
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                continue
            return Slot(handle)
        return None

    def sized(self, figures: Callable[[], int]) -> SizedGate:
        """This gate for a render reading ``figures()`` figures (counted when it renders)."""
        return SizedGate(self, figures)


@dataclass
class SizedGate:
    """A gate that a render reading at most ``gate.small`` figures passes without a slot."""

    gate: Gate
    figures: Callable[[], int]

    def take(self) -> Slot:
        """No slot for a small render (nothing to release); else :meth:`Gate.take`."""
        if self.figures() <= self.gate.small:
            return Slot(None)
        return self.gate.take()


class Slot:
    """A held render slot; :meth:`release` (or the end of :meth:`hold`) frees it. A slot
    without a handle stands for a render too small to need one."""

    def __init__(self, handle: BinaryIO | None) -> None:
        self._handle: BinaryIO | None = handle

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None

    def hold(self, pieces: Iterable[bytes]) -> Iterator[bytes]:
        """``pieces`` as they come, the slot held until the last one (or the client leaves)."""
        try:
            yield from pieces
        finally:
            self.release()


def takes_slot(name: str) -> bool:
    """Whether rendering ``name`` from the database takes a render slot (see above)."""
    return name in SLOTTED or not name.endswith((".csv", ".json"))


_gates: dict[str, Gate] = {}
_gates_lock = threading.Lock()


def gate_folder(url: URL, cache: Path | None) -> Path:
    """Where a database's slot files live: in the system's temporary folder, under a name
    hashed from the database address and its download cache (one set per served database)."""
    where = f"{url.render_as_string(hide_password=True)}|{cache}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"tracker-renders-{digest}"


def gate_for(url: URL, cache: Path | None, environ: Mapping[str, str] | None = None) -> Gate:
    """The one gate of this process for a database (slots shared with the other processes)."""
    env: Mapping[str, str] = os.environ if environ is None else environ
    folder = gate_folder(url, cache)
    key = str(folder)
    with _gates_lock:
        if key not in _gates:
            cpus = os.cpu_count() or 2
            _gates[key] = Gate(
                folder,
                renders=int(_number(env, RENDERS_ENV, max(1, cpus // 2))),
                wait=_number(env, WAIT_ENV, DEFAULT_WAIT),
                line=int(_number(env, LINE_ENV, DEFAULT_LINE)),
                small=_bound(env, SMALL_ENV, DEFAULT_SMALL),
            )
        return _gates[key]
