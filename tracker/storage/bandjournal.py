"""Which band rows a change rewrote, and the newest headline of each of their series before.

A change replaces the stored bands of some (metric, population, location) groups (the
incremental path) or of whole (metric, country) components (a full recomputation), and no
other band row. The headlines a change moved are therefore found among those series alone:
when a journal is open (:func:`journal`), the recomputation notes, just before it deletes
band rows, the newest headline of each series it is about to replace, the first time it
touches them. Comparing those with the same series after the change gives exactly what
comparing whole components would, without reading every series of a component twice (tens
of thousands of band rows at a million figures). With no journal open nothing is noted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Connection

from tracker.storage import tables
from tracker.storage.review import SERIES, Group, _concat, component_headlines, group_headlines


@dataclass
class BandJournal:
    """The groups and components whose bands were rewritten, and their headlines before."""

    groups: set[Group] = field(default_factory=set)
    components: set[str] = field(default_factory=set)
    before: list[pd.DataFrame] = field(default_factory=list)

    def headlines_before(self) -> pd.DataFrame:
        """Each rewritten series' newest headline as it was before the change."""
        return _first(self.before)

    def headlines_now(self, conn: Connection) -> pd.DataFrame:
        """Each rewritten series' newest headline as stored now (on ``conn``)."""
        now = [group_headlines(conn, self.groups)] if self.groups else []
        if self.components:
            now.append(component_headlines(conn, sorted(self.components)))
        return _first(now)


_OPEN: ContextVar[BandJournal | None] = ContextVar("band_journal", default=None)


@contextmanager
def journal() -> Iterator[BandJournal]:
    """Within the block, band rewrites (in this thread or task) are noted in the journal."""
    token = _OPEN.set(BandJournal())
    try:
        journal = _OPEN.get()
        assert journal is not None
        yield journal
    finally:
        _OPEN.reset(token)


def before_groups(conn: Connection, groups: Iterable[Group]) -> None:
    """Note the headlines of these groups, about to be rewritten (each group once)."""
    open_journal = _OPEN.get()
    if open_journal is None:
        return
    new = set(groups) - open_journal.groups
    if new:
        open_journal.before.append(group_headlines(conn, new))
        open_journal.groups |= new


def before_components(conn: Connection, components: Iterable[str] | None) -> None:
    """Note the headlines of these components (None: all), about to be rewritten (each
    once). A group noted before keeps its first note (:meth:`BandJournal.headlines_before`)."""
    open_journal = _OPEN.get()
    if open_journal is None:
        return
    if components is None:  # every band row: those of every component that has some
        query = select(tables.bands.c.component).distinct()
        components = [str(c) for c in conn.execute(query).scalars()]
    new = set(components) - open_journal.components
    if new:
        open_journal.before.append(component_headlines(conn, sorted(new)))
        open_journal.components |= new


def _first(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The rows of every frame, each series once: as first noted (before any rewrite)."""
    rows = _concat(frames)
    if rows.empty:
        return rows
    return rows.drop_duplicates(SERIES, keep="first").reset_index(drop=True)
