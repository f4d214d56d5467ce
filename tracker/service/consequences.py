"""What a change moved: the flags it raised or cleared and the headlines it moved.

One implementation for the review queue's preview (a rolled-back acceptance) and for the
command line's ``revise`` and ``retract`` (a committed change): the flags and each series'
newest headline of the touched (metric, country) components are read before and after.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy.engine import Connection

from tracker.domain.reconcile import component_key
from tracker.domain.reconcile.rules.flows_between import related_components
from tracker.service.store import Store
from tracker.storage import bandjournal
from tracker.storage import review as queue
from tracker.storage.flagstore import context_for


@dataclass
class HeadlineMove:
    """One series' newest headline before and after (None: no headline)."""

    metric: str
    population: str
    location: str
    measure: str
    window_start: str  # the series' window start ("" when none)
    before: tuple[float, str | None] | None
    after: tuple[float, str | None] | None


@dataclass
class Consequences:
    """The flags raised and cleared and the headlines moved by a change."""

    raised: pd.DataFrame  # flag_id, rule, severity, sentences
    cleared: pd.DataFrame
    moves: list[HeadlineMove] = field(default_factory=list)


Snapshot = tuple[pd.DataFrame, pd.DataFrame]  # flags, headlines


def components(store: Store, figures: pd.DataFrame) -> list[str]:
    """The (metric, country) components these figures belong to, with those whose flags read
    them (a stock's flags name the flows reported between its dates)."""
    ctx = context_for(store.vocab, store.settings)
    return related_components(sorted(set(component_key(figures, ctx).dropna().astype(str))), ctx)


def snapshot(conn: Connection, keys: list[str]) -> Snapshot:
    """The stored flags and newest headlines of these components."""
    return queue.component_flags(conn, keys), queue.component_headlines(conn, keys)


def compare(before: Snapshot, after: Snapshot) -> Consequences:
    """What changed between two snapshots of the same components."""
    flags_before, flags_after = before[0], after[0]
    before_ids, after_ids = set(flags_before["flag_id"]), set(flags_after["flag_id"])
    return Consequences(
        raised=flags_after[~flags_after["flag_id"].isin(before_ids)].reset_index(drop=True),
        cleared=flags_before[~flags_before["flag_id"].isin(after_ids)].reset_index(drop=True),
        moves=headline_moves(before[1], after[1]),
    )


@contextmanager
def watching(store: Store, figures: pd.DataFrame) -> Iterator[list[Consequences]]:
    """Around a committed change of these figures: yields a list that holds, on exit, what
    the change moved.

    The flags are those of the touched components; the headlines those of the series whose
    bands the change rewrote, as the recomputation noted them just before (no other band
    row changes, so no other headline can move: :mod:`tracker.storage.bandjournal`).
    """
    keys = components(store, figures)
    with store.connect() as conn:
        flags_before = queue.component_flags(conn, keys)
    found: list[Consequences] = []
    with bandjournal.journal() as noted:
        yield found
    with store.connect() as conn:
        after = (queue.component_flags(conn, keys), noted.headlines_now(conn))
    found.append(compare((flags_before, noted.headlines_before()), after))


SeriesKey = tuple[str, str, str, str, str]


def _by_series(heads: pd.DataFrame) -> dict[SeriesKey, tuple[float, str | None]]:
    out: dict[SeriesKey, tuple[float, str | None]] = {}
    for row in heads.to_dict("records"):
        if row["headline"] is None or pd.isna(row["headline"]):
            continue
        start = row["window_start"]
        key = (
            str(row["metric"]),
            str(row["population"]),
            str(row["location"]),
            str(row["measure"]),
            "" if start is None or pd.isna(start) else str(start)[:10],
        )
        qualifier = row["headline_qualifier"]
        out[key] = (float(row["headline"]), None if pd.isna(qualifier) else str(qualifier))
    return out


def headline_moves(before: pd.DataFrame, after: pd.DataFrame) -> list[HeadlineMove]:
    """The series whose newest headline differs after the change, in series order."""
    old, new = _by_series(before), _by_series(after)
    moves = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            metric, population, location, measure, start = key
            moves.append(
                HeadlineMove(
                    metric, population, location, measure, start, old.get(key), new.get(key)
                )
            )
    return moves
