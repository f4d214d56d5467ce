"""`tracker synth`: a synthetic figures file for benchmarks and engine tests."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from tracker.cli.common import err
from tracker.ingest.reference import read_reference
from tracker.service.store import Store
from tracker.storage.database import DatabaseError
from tracker.synth import DEFAULT_RATE, register_synthetic_sources, synthesise


def register(sub: argparse._SubParsersAction, add_filters: Callable) -> None:
    p = sub.add_parser(
        "synth",
        help="write N synthetic figures (sources marked not real) with planted contradictions",
    )
    p.add_argument("--figures", type=int, required=True, metavar="N", help="how many figures")
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same file")
    p.add_argument(
        "--contradictions",
        type=float,
        default=DEFAULT_RATE,
        metavar="RATE",
        help=f"planted contradictions per figure (default {DEFAULT_RATE}; at least one per rule)",
    )
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    p.add_argument(
        "--no-register",
        action="store_true",
        help="do not add the synthetic sources to the database's registry",
    )
    p.set_defaults(run=cmd_synth)


def _register(db: str | None) -> str:
    store = Store(db)
    try:
        store.require_schema()
    except DatabaseError as exc:
        return f"synthetic sources not registered: {exc}"
    added = register_synthetic_sources(store)
    return f"{added} synthetic source(s) added to the registry of {store.url}"


def cmd_synth(args: argparse.Namespace) -> int:
    if args.figures < 1:
        err("tracker synth: --figures must be at least 1")
        return 1
    data = synthesise(args.figures, args.seed, read_reference(), rate=args.contradictions)
    sidecar = data.write(args.output)
    print(f"{args.output}: {len(data.figures)} synthetic figure(s), seed {args.seed}")
    print(f"{sidecar}: {len(data.planted)} planted contradiction(s) (rule, figure_ids)")
    if not args.no_register:
        print(_register(args.db))
    return 0
