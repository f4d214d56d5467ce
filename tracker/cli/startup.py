"""What a command does before it imports its module: keep the start of every command short.

Standard library only (the parsers import it). pandera imports its data-synthesis strategies,
and with them ``hypothesis`` when it is installed (a development dependency, not the
library's): a quarter of a second of every command's start, for a feature no command uses.
When neither is imported yet, pandera is imported with ``hypothesis`` hidden, exactly as
where it is not installed; afterwards ``hypothesis`` imports as usual (its strategies for
pandera stay off in this process only). In a process that imported ``hypothesis`` first
(the test suite), nothing changes.
"""

from __future__ import annotations

import importlib
import sys

HIDDEN = "hypothesis"
#: pandera itself, and its strategies, which it imports only when a schema first validates.
MODULES = ("pandera.pandas", "pandera.strategies.pandas_strategies")


def import_pandera_lean() -> None:
    """Import ``pandera.pandas`` without its hypothesis strategies (see the module)."""
    if HIDDEN in sys.modules or "pandera" in sys.modules:
        return
    sys.modules[HIDDEN] = None  # type: ignore[assignment]  # import of it raises ImportError
    try:
        for module in MODULES:
            importlib.import_module(module)
    finally:
        if sys.modules.get(HIDDEN, ...) is None:
            del sys.modules[HIDDEN]
