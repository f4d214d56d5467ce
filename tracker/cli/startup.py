"""What a command does before it imports its module: keep the start of every command short.

When ``tracker`` is the process (the console script, ``python -m tracker``; not a caller of
:func:`tracker.cli.main` with its own words, such as the tests), the garbage collector is
kept out of the way of its start. The imports of pandas, pandera and SQLAlchemy make about
200,000 objects and no garbage, yet trigger collection after collection; so the collector
is off while the command's module is imported, and what the imports made is then frozen
(``gc.freeze``: it lives as long as the process anyway, and no later collection walks it
again, the interpreter's last one included), with the collector on again for the command's
own work: 0.15–0.3 s of CPU less per command. Nothing else changes: every object the command
makes is collected as usual.

Standard library only (the parsers import it). pandera imports its data-synthesis strategies,
and with them ``hypothesis`` when it is installed (a development dependency, not the
library's): a quarter of a second of every command's start, for a feature no command uses.
When neither is imported yet, pandera is imported with ``hypothesis`` hidden, exactly as
where it is not installed; afterwards ``hypothesis`` imports as usual (its strategies for
pandera stay off in this process only). In a process that imported ``hypothesis`` first
(the test suite), nothing changes.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager

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


#: True when ``tracker`` is the process (set by :func:`tracker.cli.main` when given no words).
WHOLE_PROCESS = False


@contextmanager
def importing() -> Iterator[None]:
    """Around the imports of a command's module: the collector off, then what they made
    frozen (only when ``tracker`` is the process; see the module)."""
    if not (WHOLE_PROCESS and gc.isenabled()):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
