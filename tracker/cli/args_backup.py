"""The options of `tracker backup` and `tracker restore` (standard library only; they run
:mod:`tracker.cli.commands_backup`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.options import lazy

if TYPE_CHECKING:
    from tracker.cli.options import Commands

RUN = "tracker.cli.commands_backup"


def register(commands: Commands) -> None:
    """backup FILE, restore FILE [--force]."""
    p = commands.add_parser(
        "backup", help="copy the database to FILE while it serves (PostgreSQL: runs pg_dump)"
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the backup file to write (new)")
    p.set_defaults(run=lazy(f"{RUN}:cmd_backup"))
    p = commands.add_parser(
        "restore", help="replace the database by a backup FILE (PostgreSQL: runs pg_restore)"
    )
    p.add_argument("file", type=Path, metavar="FILE", help="a file written by `tracker backup`")
    p.add_argument(
        "--force", action="store_true", help="replace a database that already holds figures"
    )
    p.set_defaults(run=lazy(f"{RUN}:cmd_restore"))
