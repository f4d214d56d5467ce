"""What a change moved, said by the commands that change figures (``add``, ``import``,
``revise``, ``retract``): one wrapper over :mod:`tracker.service.consequences`, imported only
when a command runs (the CLI starts fast)."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any


def watching_figures(store: Any, figures: Any, propose: bool = False) -> Any:
    """Around storing these figures: what it moved (their metric and location name the
    components); a proposal moves nothing public (`tracker review list` previews it)."""
    from tracker.service import consequences

    if propose or figures.empty:
        return nullcontext([])
    return consequences.watching(store, figures[["metric", "location"]].dropna())


def watching_figure(store: Any, figure_id: str) -> Any:
    """Around a change of one stored figure: what it moved."""
    from tracker.service import consequences

    return consequences.watching(store, store.current(figure_id))


def print_moved(store: Any, moved: list[Any], most: int | None = None) -> None:
    """The flags raised or cleared and the headlines moved, at most ``most`` lines (a large
    import moves many: `tracker flags` lists them all)."""
    from tracker.cli.commands_review import describe

    if not moved:
        return
    lines = describe(store, moved[0])
    print("\n".join(lines[:most]))
    if most is not None and len(lines) > most:
        print(f"  … and {len(lines) - most:,} more (`tracker flags`, `tracker series`)")
