"""`tracker synth`: a synthetic figures file for benchmarks and engine tests."""

from __future__ import annotations

import argparse

from tracker.cli.common import err
from tracker.ingest.reference import read_reference
from tracker.service.store import Store
from tracker.storage.database import DatabaseError
from tracker.synth import register_synthetic_sources, synthesise


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
