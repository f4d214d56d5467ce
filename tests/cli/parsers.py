"""The `tracker` parser tree as tests walk it: every command path, its parser and options."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from tracker.cli import build_parser

Path = tuple[str, ...]


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """A parser's direct sub-commands by name (none for a leaf)."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def command_action(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def walk(
    parser: argparse.ArgumentParser, path: Path = ()
) -> Iterator[tuple[Path, argparse.ArgumentParser]]:
    """Every command path below ``parser`` (("flags",), ("flags", "explain"), …) and its parser."""
    for name, sub in subcommands(parser).items():
        yield (*path, name), sub
        yield from walk(sub, (*path, name))


def full_parser() -> argparse.ArgumentParser:
    """The parser with the dashboard's ``serve`` whether or not its entry point is installed."""
    from dashboards.cli import register

    parser = build_parser(plugins=False)
    register(command_action(parser))
    return parser


def options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """A parser's own arguments, without --help and the sub-command action."""
    return [
        a
        for a in parser._actions
        if not isinstance(a, argparse._HelpAction | argparse._SubParsersAction)
    ]
