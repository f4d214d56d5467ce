"""What several pages' queries share: the figures in scope, the stored summaries, the
columns a figure is shown with, and the flags a few figures are in."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pandas as pd
from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.engine import Connection

from tracker.domain.filters import Filters
from tracker.storage import tables
from tracker.storage.figures import CHUNK, filter_clause, place_clause, rows_frame
from tracker.storage.flagquery import newest_notes, status_of

F = tables.figures
FL = tables.flags
FF = tables.flag_figures
BANDS = tables.bands
S = tables.series_sources

#: Columns a page shows of a figure.
FIGURE_PAGE_COLUMNS = (
    "figure_id",
    "revision",
    "reported_on",
    "source",
    "publisher",
    "url",
    "metric",
    "population",
    "location",
    "period_start",
    "period_end",
    "measure",
    "episode",
    "qualifier",
    "value",
    "value_high",
    "unit",
    "low",
    "high",
    "interval_rule",
    "household_size",
    "notes",
    "entered_at",
    "entered_by",
)
FIGURE_FLAG_COLUMNS = (
    "figure_id",
    "flag_id",
    "rule",
    "severity",
    "status",
    "sentence_en",
    "sentence_ar",
)


def active(filters: Filters, levels: dict[str, int]) -> list[ColumnElement]:
    """Current, not retracted figures matching the filters."""
    # ``current = true`` (not just ``current``) lets SQLite seek on the indexes that start
    # with it instead of scanning them.
    clauses: list[ColumnElement] = [F.c.current == True, F.c.status == "active"]  # noqa: E712
    return clauses + filter_clause(filters, levels)


def frame_of(conn: Connection, query: Select) -> pd.DataFrame:
    """A select's rows as a frame built column by column."""
    result = conn.execute(query)
    return rows_frame(result.fetchall(), list(result.keys()))


def summarised(filters: Filters) -> bool:
    """Whether the stored summaries answer for these filters: they count every date, so a
    date filter needs the figures themselves."""
    return filters.date_from is None and filters.date_to is None


def summary_scope(filters: Filters, levels: dict[str, int]) -> list[ColumnElement]:
    """The stored summaries' rows in the filters' metrics, populations, sources and area."""
    clauses: list[ColumnElement] = []
    for name in ("metric", "population", "source"):
        if getattr(filters, name):
            clauses.append(S.c[name].in_(getattr(filters, name)))
    if filters.location:
        clauses.append(place_clause(S, filters.location, levels))
    return clauses


def flagged_figures(conn: Connection, rule: str | None = None) -> set[str]:
    """The figures in any flag (of ``rule``, when given): few beside the figures."""
    query = select(FF.c.figure_id).distinct()
    if rule is not None:
        query = query.join(FL, FL.c.flag_id == FF.c.flag_id).where(FL.c.rule == rule)
    return {str(i) for i in conn.execute(query).scalars()}


def chunks_of_flagged(ids: Sequence[str], flagged: set[str]) -> Iterator[list[str]]:
    """``ids`` in CHUNK-sized chunks, each narrowed to the ``flagged`` ones: a chunk's query
    finds the same flags, binding a handful of ids instead of 900 (a page's thousands of
    claims cost tens of milliseconds to bind). An emptied chunk is still given, empty."""
    for start in range(0, len(ids), CHUNK):
        yield [i for i in ids[start : start + CHUNK] if i in flagged]


def flags_of_figures(conn: Connection, figure_ids: Sequence[str]) -> pd.DataFrame:
    """Every flag the given figures are in: figure_id, flag_id, rule, severity, status,
    sentence_en, sentence_ar."""
    notes = newest_notes()
    frames = []
    ids = list(dict.fromkeys(str(i) for i in figure_ids))
    for chunk in chunks_of_flagged(ids, flagged_figures(conn) if ids else set()):
        if not chunk:  # what the query answers for figures in no flag
            frames.append(pd.DataFrame(columns=list(FIGURE_FLAG_COLUMNS)))
            continue
        query = (
            select(
                FF.c.figure_id,
                FL.c.flag_id,
                FL.c.rule,
                FL.c.severity,
                status_of(notes).label("status"),
                FL.c.sentence_en,
                FL.c.sentence_ar,
            )
            .select_from(
                FF.join(FL, FL.c.flag_id == FF.c.flag_id).outerjoin(
                    notes, notes.c.flag_id == FL.c.flag_id
                )
            )
            .where(FF.c.figure_id.in_(chunk))
            .order_by(FF.c.figure_id, FL.c.flag_id)
        )
        frames.append(frame_of(conn, query))
    if not frames:
        return pd.DataFrame(columns=list(FIGURE_FLAG_COLUMNS))
    return pd.concat(frames, ignore_index=True)
