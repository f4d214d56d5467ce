"""The `tracker` command line (DESIGN.md §4): the top layer of ``tracker``.

It may import every other layer of ``tracker``, but never ``dashboards``: the dashboard adds
``serve`` through an entry point (:mod:`tracker.cli.plugins`). Its parsers import only the
standard library (``args_*`` and :mod:`tracker.cli.options`), so ``tracker --help`` starts
fast; each command's ``commands_*`` module, with pandas and SQLAlchemy, is imported when the
command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from tracker.cli import (
    args_backup,
    args_db,
    args_export,
    args_extract,
    args_figures,
    args_formats,
    args_reconcile,
    args_registry,
    args_review,
    args_synth,
    startup,
)
from tracker.cli.options import add_db_option
from tracker.cli.plugins import register_plugins

if TYPE_CHECKING:
    from tracker.cli.options import Commands


def build_parser(plugins: bool = True) -> argparse.ArgumentParser:
    """Every command's parser; ``plugins=False`` leaves out the entry-point commands."""
    parser, commands = _library_parser()
    if plugins:
        register_plugins(commands)
    return parser


def _library_parser() -> tuple[argparse.ArgumentParser, Commands]:
    """The parser of the library's own commands, and its sub-command action."""
    parser = argparse.ArgumentParser(
        prog="tracker",
        description="Humanitarian displacement and casualty tracker: figures as claims, "
        "reconciled series, consistency flags.",
    )
    add_db_option(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (
        args_figures,
        args_reconcile,
        args_review,
        args_registry,
        args_export,
        args_synth,
        args_extract,
        args_formats,
        args_backup,
        args_db,
    ):
        module.register(commands)
    return parser, commands


def _named_command(words: list[str]) -> str | None:
    """The command the words name (None when an option such as --help comes first)."""
    rest = iter(words)
    for word in rest:
        if word == "--db":
            next(rest, None)
        elif not word.startswith("--db="):
            return None if word.startswith("-") else word
    return None


def parser_for(words: list[str]) -> argparse.ArgumentParser:
    """The parser for these words: the installed plug-ins are looked for only when the words
    do not name one of the library's commands (the scan of every installed package's entry
    points costs 30–60 ms of each command's start; ``--help`` still lists the plug-ins)."""
    parser, commands = _library_parser()
    if _named_command(words) not in commands.choices:
        register_plugins(commands)
    return parser


def user_errors() -> tuple[type[Exception], ...]:
    """The errors a command reports in one line (a bad file, value or database), not a trace."""
    from tracker.domain.filters import FilterError
    from tracker.domain.registry import RegistryError
    from tracker.domain.revisions import RevisionError
    from tracker.domain.roles import PermissionDenied
    from tracker.ingest.readers import InputFileError
    from tracker.service.accounts import AccountError
    from tracker.service.backups import BackupError
    from tracker.service.importer import RejectsError
    from tracker.service.readonly import ReadOnlyRoleError
    from tracker.service.writing import StoreBusy
    from tracker.storage.database import DatabaseError

    return (
        InputFileError,
        RevisionError,
        DatabaseError,
        StoreBusy,
        BackupError,
        ReadOnlyRoleError,
        FilterError,
        PermissionDenied,
        AccountError,
        RejectsError,
        RegistryError,
    )


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    """The command the words name (``sys.argv`` when none are given: ``tracker`` is then the
    process, and :mod:`tracker.cli.startup` shortens its start)."""
    startup.WHOLE_PROCESS = argv is None
    words = sys.argv[1:] if argv is None else list(argv)
    args = parser_for(words).parse_args(words)
    try:
        code = int(args.run(args) or 0)
        sys.stdout.flush()  # here, not at exit, so that a closed pipe is caught below
        return code
    except BrokenPipeError:  # the reader stopped early (| head): not an error, no traceback
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        print("interrupted; nothing of the unfinished step was stored", file=sys.stderr)
        return 130
    except Exception as exc:
        from tracker.service.writing import busy

        exc = busy(exc) or exc
        if not isinstance(exc, user_errors()):
            raise
        return _report(args.command, exc)


def _report(command: str, exc: Exception) -> int:
    """A user error in one line; a bad option value (a filter, a rule) is a usage error,
    exit code 2 as argparse gives for any other bad option, naming the option."""
    from tracker.domain.filters import FilterError

    if isinstance(exc, FilterError) and exc.parameter:
        print(f"tracker {command}: --{exc.parameter.replace('_', '-')}: {exc}", file=sys.stderr)
        return 2
    print(f"tracker {command}: {exc}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
