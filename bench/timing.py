"""Timing helpers: wall-clock seconds of a call, medians and percentiles."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np

T = TypeVar("T")


def timed(call: Callable[[], T]) -> tuple[float, T]:
    """Seconds one call takes (after a garbage collection, so earlier work is not billed)."""
    gc.collect()
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), q))
