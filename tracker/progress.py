"""Progress bars for long work: shown on a terminal, silent when piped or in CI."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress_enabled() -> bool:
    """A bar only helps a person watching a terminal; logs and pipes get none."""
    return (
        sys.stderr.isatty()
        and not os.environ.get("CI")
        and not os.environ.get("TRACKER_NO_PROGRESS")
    )


def progress(
    items: Iterable[T], total: int | None = None, desc: str = "", unit: str = "it"
) -> Iterator[T]:
    """Iterate with a progress bar on a terminal (it appears after one second)."""
    if not progress_enabled():
        yield from items
        return
    yield from tqdm(items, total=total, desc=desc, unit=unit, delay=1.0, file=sys.stderr)


class Steps:
    """A bar over the named steps of one long piece of work (e.g. an import).

    ``steps.advance("storing")`` marks the previous step done and names the next. Silent
    when no terminal watches, like :func:`progress`.
    """

    def __init__(self, names: list[str], desc: str) -> None:
        self._bar = (
            tqdm(total=len(names), desc=desc, unit="step", delay=1.0, file=sys.stderr)
            if progress_enabled()
            else None
        )
        self._started = False

    def advance(self, name: str) -> None:
        if self._bar is None:
            return
        if self._started:
            self._bar.update(1)
        self._started = True
        self._bar.set_postfix_str(name)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.update(self._bar.total - self._bar.n)
            self._bar.close()


IMPORT_STEPS = ["checking", "storing", "recomputing flags"]
