"""`tracker backup FILE` and `tracker restore FILE [--force]`."""

from __future__ import annotations

import argparse

from tracker.cli.common import open_store
from tracker.service import backups


def cmd_backup(args: argparse.Namespace) -> int:
    count = backups.backup(open_store(args), args.file)
    print(f"backed up {count} current figures to {args.file}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    count = backups.restore(open_store(args, require=False), args.file, force=args.force)
    print(f"restored {count} current figures from {args.file}")
    return 0
