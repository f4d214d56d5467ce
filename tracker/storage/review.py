"""Proposals in the database: the review queue's queries (SQLAlchemy Core).

A proposal is a figure revision with ``review_status = 'proposed'`` and ``current = false``;
it awaits review while it is the newest revision of its figure. Accepting or rejecting it
writes the next revision (the service does, :mod:`tracker.service.review`); nothing is
updated in place but the ``current`` marker of a superseded revision.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.engine import Connection

from tracker.domain.roles import PROPOSED, RETURNED
from tracker.storage import tables
from tracker.storage.figures import read_frame

F = tables.figures


def _newest_in(status: str):
    """Revisions in this review state that no later revision of the same figure follows."""
    later = F.alias()  # Core's alias: the ORM's aliased() costs its import (60 ms)
    newer = exists().where(
        and_(later.c.figure_id == F.c.figure_id, later.c.revision > F.c.revision)
    )
    return and_(F.c.review_status == status, ~newer)


def _newest_proposed():
    """Proposed revisions no later revision of the same figure follows."""
    return _newest_in(PROPOSED)


def returned(conn: Connection, author: str | None = None) -> pd.DataFrame:
    """Proposals sent back to their author and not yet resubmitted or withdrawn (the
    reviewer's comment is their ``why``), oldest first; only ``author``'s when given."""
    query = select(F).where(_newest_in(RETURNED))
    if author is not None:
        query = query.where(F.c.entered_by == author)
    return read_frame(conn, query.order_by(F.c.entered_at, F.c.figure_id))


def pending(conn: Connection, limit: int | None = None) -> pd.DataFrame:
    """The proposals awaiting review, oldest first."""
    query = select(F).where(_newest_proposed()).order_by(F.c.entered_at, F.c.figure_id)
    if limit is not None:
        query = query.limit(limit)
    return read_frame(conn, query)


def pending_one(conn: Connection, figure_id: str, lock: bool = False) -> pd.DataFrame:
    """The figure's proposal awaiting review (empty when it has none); ``lock`` holds its row
    until the transaction ends (PostgreSQL), so two reviewers cannot both decide it.

    A decision is a new revision, not a change of the locked row, so after waiting for the
    lock the proposal is read again: that statement sees the other reviewer's decision."""
    query = select(F).where(and_(F.c.figure_id == figure_id, _newest_proposed()))
    if lock and conn.dialect.name == "postgresql":
        conn.execute(query.with_for_update()).fetchall()
    return read_frame(conn, query)


def count_pending(conn: Connection) -> int:
    """How many proposals await review."""
    query = select(func.count()).select_from(F).where(_newest_proposed())
    return int(conn.execute(query).scalar_one())


def newest_revision(conn: Connection, figure_id: str) -> int:
    """The highest revision number stored for a figure (0 when none is)."""
    query = select(func.max(F.c.revision)).where(F.c.figure_id == figure_id)
    return int(conn.execute(query).scalar() or 0)


def component_flags(conn: Connection, components: list[str]) -> pd.DataFrame:
    """The stored flags of these (metric, country) components, by id."""
    FL = tables.flags
    columns = [FL.c.flag_id, FL.c.rule, FL.c.severity, FL.c.sentence_en, FL.c.sentence_ar]
    query = select(*columns).where(FL.c.component.in_(components)).order_by(FL.c.flag_id)
    rows = conn.execute(query).fetchall()
    return pd.DataFrame(rows, columns=[c.name for c in columns])


SERIES = ["metric", "population", "location", "measure", "window_start"]


def component_headlines(conn: Connection, components: list[str]) -> pd.DataFrame:
    """Each series' newest band row in these components: its headline and qualifier."""
    return newest_headlines(conn, tables.bands.c.component.in_(components))


Group = tuple[str, str, str]  # metric, population, location: the rows a band rewrite replaces


def group_headlines(conn: Connection, groups: Iterable[Group]) -> pd.DataFrame:
    """Each series' newest band row in these (metric, population, location) groups."""
    B = tables.bands
    ordered = sorted(set(groups))
    frames = [
        newest_headlines(
            conn,
            or_(
                *[
                    and_(B.c.metric == m, B.c.population == p, B.c.location == loc)
                    for m, p, loc in ordered[i : i + 100]
                ]
            ),
        )
        for i in range(0, len(ordered), 100)
    ]
    return _concat(frames)


def newest_headlines(conn: Connection, where: ColumnElement[bool]) -> pd.DataFrame:
    """Each series' newest band row among the rows ``where`` selects, oldest first.

    The database picks the newest row of each series (a window function, on SQLite and
    PostgreSQL alike): a component of a million figures has tens of thousands of band rows,
    and reading them all to keep one per series took a second.
    """
    B = tables.bands
    series = [B.c[c] for c in SERIES]
    newest = func.row_number().over(partition_by=series, order_by=B.c.date.desc())
    ranked = (
        select(*series, B.c.date, B.c.headline, B.c.headline_qualifier, newest.label("newest"))
        .where(where)
        .subquery()
    )
    query = select(*[ranked.c[c] for c in HEADLINE_COLUMNS]).where(ranked.c.newest == 1)
    rows = conn.execute(query.order_by(ranked.c.date, *[ranked.c[c] for c in SERIES])).fetchall()
    return pd.DataFrame(rows, columns=HEADLINE_COLUMNS)


HEADLINE_COLUMNS = [*SERIES, "date", "headline", "headline_qualifier"]


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=HEADLINE_COLUMNS)
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def open_proposal(conn: Connection, figure_id: str) -> str | None:
    """The review state of the figure's newest revision when it is a proposal still open
    (``proposed`` awaiting review or ``returned`` to its author), else None."""
    query = select(F.c.review_status).where(
        and_(F.c.figure_id == figure_id, or_(_newest_in(PROPOSED), _newest_in(RETURNED)))
    )
    status = conn.execute(query).scalar()
    return None if status is None else str(status)


def published(conn: Connection, figure_id: str) -> pd.DataFrame:
    """The figure's current (published) revision; empty when it has none."""
    return read_frame(conn, select(F).where(and_(F.c.figure_id == figure_id, F.c.current)))
