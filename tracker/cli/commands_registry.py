"""`tracker sources|episodes|areas add|list|edit|changes`: the registries from the shell.

The shell acts as :meth:`tracker.service.store.Store.shell_actor` says; the service checks
that it is an admin and that each row is valid, and logs every change.
"""

from __future__ import annotations

import argparse
from typing import Any

import pandas as pd

from tracker.cli.args_registry import OPTIONS
from tracker.cli.common import open_store, print_table
from tracker.service import registry


def _given(args: argparse.Namespace) -> dict[str, Any]:
    """The fields given on the command line (flags left out are not given)."""
    names = [flag.replace("-", "_") for flag, _, _ in OPTIONS[args.registry]]
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}


def cmd_add(args: argparse.Namespace) -> int:
    store = open_store(args)
    row = registry.add(store, store.shell_actor(), args.registry, {"id": args.id, **_given(args)})
    print(f"{args.registry[:-1]} {row['id']} added: {row['name_en']} / {row['name_ar']}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    print_table(pd.DataFrame(registry.listing(store, args.registry)))
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    store = open_store(args)
    given = _given(args)
    if not given:
        raise registry.RegistryError("nothing to change: give at least one --field VALUE")
    changed = registry.edit(store, store.shell_actor(), args.registry, args.id, given)
    if not changed:
        print(f"{args.registry[:-1]} {args.id}: nothing changed")
    for field, old, new in changed:
        print(f"{args.registry[:-1]} {args.id}: {field} {old} → {new}")
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    store = open_store(args)
    log = pd.DataFrame(registry.changes(store, args.registry, args.id))
    if not log.empty:
        log = log[["changed_at", "changed_by", "key", "field", "old", "new"]]
    print_table(log, empty="no change yet")
    return 0
