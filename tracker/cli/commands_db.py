"""`tracker db grant-readonly ROLE`."""

from __future__ import annotations

import argparse
import sys

from tracker.cli.common import open_store
from tracker.service.readonly import grant_readonly


def cmd_db(args: argparse.Namespace) -> int:
    """`tracker db` alone: name the actions."""
    print("tracker db: name an action: grant-readonly ROLE", file=sys.stderr)
    return 2


def cmd_grant_readonly(args: argparse.Namespace) -> int:
    created = grant_readonly(open_store(args), args.role)
    state = "created" if created else "already existed"
    print(
        f"role {args.role} {state}; it may read every tracker table and write none "
        "(set its password with ALTER ROLE, then give the public app its URL: TRACKER_PUBLIC_DB)"
    )
    return 0
