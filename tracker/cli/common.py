"""Helpers the command modules share: opening the store, filters, printing tables."""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from tracker.domain.filters import Filters, parse_filters
from tracker.service.store import Store


def open_store(args: argparse.Namespace, require: bool = True) -> Store:
    store = Store(args.db)
    if require:
        store.require_schema()
    return store


def filters_from(args: argparse.Namespace, store: Store) -> Filters:
    raw = {
        "metric": args.metric,
        "population": args.population,
        "location": args.location,
        "source": args.source,
        "from": args.date_from,
        "to": args.date_to,
        "episode": getattr(args, "episode", None),
    }
    return parse_filters(raw, store.vocab)


def print_table(frame: pd.DataFrame, empty: str = "(none)") -> None:
    if frame.empty:
        print(empty)
        return
    with pd.option_context("display.max_colwidth", 60, "display.width", 200):
        print(frame.to_string(index=False))


def err(message: str) -> None:
    print(message, file=sys.stderr)
