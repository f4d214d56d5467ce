"""Commands on the reconciliation: series and flags."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def register(sub: argparse._SubParsersAction, add_filters: Callable) -> None:
    return None
