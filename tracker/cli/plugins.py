"""Commands other distributions add to `tracker` through the "tracker.commands" entry points.

An entry point names a function that takes the sub-command action and adds its parsers,
exactly as :mod:`tracker.cli.args_figures` does; ``dashboards`` adds ``serve`` this way,
so the library never imports the dashboard. A plug-in that cannot be loaded is reported on
standard error and the other commands still work.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from tracker.cli.options import Commands

GROUP = "tracker.commands"


def entry_points(group: str) -> list[EntryPoint]:
    """The installed entry points of a group. ``importlib.metadata`` is imported here, when
    plug-ins are looked for: a command of the library's own never needs it (15–20 ms)."""
    from importlib.metadata import entry_points as installed

    return list(installed(group=group))


def plugin_entry_points() -> list[EntryPoint]:
    """The installed plug-ins, by name (one per name: the first distribution found wins)."""
    found: dict[str, EntryPoint] = {}
    for point in entry_points(group=GROUP):
        found.setdefault(point.name, point)
    return [found[name] for name in sorted(found)]


def register_plugins(commands: Commands) -> list[str]:
    """Let every installed plug-in add its commands; the names of those loaded."""
    loaded = []
    for point in plugin_entry_points():
        try:
            point.load()(commands)
        except Exception as exc:  # one broken plug-in must not take the CLI down
            print(
                f"tracker: command plug-in {point.name!r} ({point.value}) not loaded: "
                f"{type(exc).__name__}: {exc}",
                file=sys.stderr,
            )
            continue
        loaded.append(point.name)
    return loaded
