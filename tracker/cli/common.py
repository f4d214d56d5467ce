"""Helpers the command modules share: opening the store, filters, printing tables."""

from __future__ import annotations

import argparse
import sys

import numpy as np
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


def count_text(series: pd.Series, unbounded: bool = False) -> pd.Series:
    """Counts as the downloads write them (62000, never 62000.0; a fraction, were there one,
    to 4 decimals); a missing one empty, or ∞ when ``unbounded`` (an interval's high end)."""
    from tracker.publish.cells import number_cells

    numbers = pd.to_numeric(series, errors="coerce").astype("float64")
    if unbounded:
        numbers = numbers.fillna(float("inf"))
    text = pd.Series(number_cells(numbers).to_pylist(), index=series.index, dtype="string")
    return text.mask(np.isinf(numbers.to_numpy()), "∞")


def whole_counts(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The count columns as integers where every value is whole (JSON writes 62000, not
    62000.0); missing stays missing (null)."""
    out = frame.copy()
    for column in columns:
        numbers = pd.to_numeric(out[column], errors="coerce")
        finite = numbers[np.isfinite(numbers)]
        if len(finite) == numbers.notna().sum() and (finite == finite.round()).all():
            out[column] = numbers.round().astype("Int64")
    return out


def print_table(frame: pd.DataFrame, empty: str = "(none)") -> None:
    if frame.empty:
        print(empty)
        return
    with pd.option_context("display.max_colwidth", 60, "display.width", 200):
        print(frame.to_string(index=False))


def err(message: str) -> None:
    print(message, file=sys.stderr)
