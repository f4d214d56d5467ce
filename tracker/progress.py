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
