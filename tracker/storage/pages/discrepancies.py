"""The discrepancies page's queries: one page of flags, most severe first, and flags counted.

The severity order is the vocabulary's (``severities.csv``'s rank); the place filter takes
the flags filed under a place in the area (the flag's own location, the country taking all).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import ColumnElement, Join, Subquery, and_, case, func, select
from sqlalchemy.engine import Connection

from tracker.domain.filters import Filters
from tracker.domain.vocabularies import Vocabularies
from tracker.storage.flagquery import by_dates, by_sources, newest_notes, note_of, status_of
from tracker.storage.pages.shared import FL, frame_of


def severity_rank(vocab: Vocabularies) -> ColumnElement:
    """A flag's severity as its rank in the vocabulary (-1 when unknown)."""
    ranks = vocab.extra["severities"]["rank"].astype(int)
    return case(*[(FL.c.severity == name, int(rank)) for name, rank in ranks.items()], else_=-1)


def _places(filters: Filters, vocab: Vocabularies) -> list[str] | None:
    """The places whose flags are in the area (None: every place, as for the country)."""
    places: list[str] = []
    for code in filters.location:
        if code in vocab.gazetteer.index and int(vocab.gazetteer.at[code, "level"]) == 0:
            return None
        places.extend(vocab.descendants(code) if code in vocab.gazetteer.index else [code])
    return sorted(set(places))


def flag_where(filters: Filters, vocab: Vocabularies) -> list[ColumnElement]:
    """Flags in scope: their metric, population and sources; place inside the area; dates
    through their figures' period_end (as everywhere else)."""
    clauses: list[ColumnElement] = []
    if filters.metric:
        clauses.append(FL.c.metric.in_(filters.metric))
    if filters.population:
        clauses.append(FL.c.population.in_(filters.population))
    if filters.source:
        clauses.append(by_sources(filters.source))
    if filters.location:
        places = _places(filters, vocab)
        if places is not None:
            clauses.append(FL.c.location.in_(places))
    dated = by_dates(filters)
    if dated is not None:
        clauses.append(dated)
    return clauses


def _flags_select(
    filters: Filters,
    vocab: Vocabularies,
    rules: Sequence[str] = (),
    statuses: Sequence[str] = (),
    severities: Sequence[str] = (),
) -> tuple[Join, ColumnElement, Subquery, list[ColumnElement]]:
    notes = newest_notes()
    status = status_of(notes)
    where = flag_where(filters, vocab)
    if rules:
        where.append(FL.c.rule.in_(list(rules)))
    if severities:
        where.append(FL.c.severity.in_(list(severities)))
    if statuses:
        where.append(status.in_(list(statuses)))
    source = FL.outerjoin(notes, notes.c.flag_id == FL.c.flag_id)
    return source, status, notes, where


def flags_page(
    conn: Connection,
    filters: Filters,
    vocab: Vocabularies,
    rules: Sequence[str] = (),
    statuses: Sequence[str] = (),
    severities: Sequence[str] = (),
    limit: int = 20,
    offset: int = 0,
) -> tuple[pd.DataFrame, int]:
    """One page of flags, most severe first (then the widest gap), and how many match."""
    source, status, notes, where = _flags_select(filters, vocab, rules, statuses, severities)
    total = conn.execute(
        select(func.count()).select_from(source).where(and_(True, *where))
    ).scalar_one()
    query = (
        select(FL, status.label("status"), note_of(notes).label("note"))
        .select_from(source)
        .where(and_(True, *where))
        .order_by(severity_rank(vocab).desc(), FL.c.ratio.desc().nulls_last(), FL.c.flag_id)
        .limit(limit)
        .offset(offset)
    )
    return frame_of(conn, query), int(total)


def flag_counts(
    conn: Connection,
    filters: Filters,
    vocab: Vocabularies,
    by: Sequence[str] = ("metric", "severity", "status"),
    rules: Sequence[str] = (),
    statuses: Sequence[str] = (),
    severities: Sequence[str] = (),
) -> pd.DataFrame:
    """Flags in scope counted by the given columns (metric, rule, severity, status)."""
    source, status, _notes, where = _flags_select(filters, vocab, rules, statuses, severities)
    columns = [status.label("status") if c == "status" else FL.c[c] for c in by]
    query = (
        select(*columns, func.count().label("n"))
        .select_from(source)
        .where(and_(True, *where))
        .group_by(*columns)
    )
    return frame_of(conn, query)
