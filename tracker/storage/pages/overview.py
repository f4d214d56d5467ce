"""The overview's queries: every series in scope with its counts, the claims and newest band
rows of each metric's main series, and their echo flags."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import ColumnElement, Select, and_, func, literal, or_, select, union_all
from sqlalchemy.engine import Connection

from tracker.domain.filters import Filters
from tracker.storage.figures import raw_frame
from tracker.storage.pages.shared import (
    BANDS,
    FF,
    FIGURE_PAGE_COLUMNS,
    FL,
    F,
    S,
    active,
    chunks_of_flagged,
    flagged_figures,
    frame_of,
    summarised,
    summary_scope,
)
from tracker.storage.pages.trends import series_figures

#: Series joined per UNION ALL query (each arm a limited, indexed look-up).
ARMS = 100


def series_summary(conn: Connection, filters: Filters, levels: dict[str, int]) -> pd.DataFrame:
    """One row per series (metric, population, location, measure) in scope, with its counts.

    Columns: metric, population, location, measure, n_claims, newest_report. Counted from
    the stored summaries when the filters allow it, else from the figures in scope.
    """
    n_claims: ColumnElement
    if summarised(filters):
        table, n_claims, where = S, func.sum(S.c.n_claims), summary_scope(filters, levels)
        newest = func.max(S.c.newest_report)
    else:
        table, n_claims, where = F, func.count(), active(filters, levels)
        newest = func.max(F.c.reported_on)
    key = [table.c.metric, table.c.population, table.c.location, table.c.measure]
    query = (
        select(*key, n_claims.label("n_claims"), newest.label("newest_report"))
        .where(*where)
        .group_by(*key)
    )
    out = frame_of(conn, query)
    out["n_claims"] = out["n_claims"].astype("int64")
    out["newest_report"] = pd.to_datetime(out["newest_report"])
    return out


def figures_of_series(
    conn: Connection,
    keys: Sequence[tuple[str, str, str]],
    filters: Filters = Filters(),
    levels: dict[str, int] | None = None,
    per_series: int = 2000,
    columns: Sequence[str] = FIGURE_PAGE_COLUMNS,
) -> pd.DataFrame:
    """The claims of several series (metric, population, exact place) in one query, at most
    ``per_series`` of each (the newest); only the source and date filters apply. ``columns``
    must include metric, period_end, reported_on and figure_id.

    One indexed look-up per series, joined by UNION ALL: a single query with every series
    in one OR lets the planner walk all current figures instead (1.4 s at 1M figures for 17
    series, against 40 ms this way).
    """
    if not keys:
        return series_figures(conn, "", "", "", filters, levels, 0)
    narrowed = Filters(source=filters.source, date_from=filters.date_from, date_to=filters.date_to)
    conditions = active(narrowed, levels or {})
    arms = [
        select(*[F.c[c] for c in columns])
        .where(and_(*conditions, F.c.metric == m, F.c.population == p, F.c.location == loc))
        .order_by(F.c.period_end.desc(), F.c.reported_on.desc(), F.c.figure_id)
        .limit(per_series)
        .subquery()
        for m, p, loc in keys
    ]
    frames = [raw_frame(conn, _union(arms[i : i + ARMS])) for i in range(0, len(arms), ARMS)]
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return out.sort_values(
        ["metric", "period_end", "reported_on", "figure_id"], kind="mergesort", ignore_index=True
    )


def _union(arms: Sequence) -> Select:
    """SELECT * over the UNION ALL of limited subqueries (each keeps its own LIMIT)."""
    return union_all(*[select(*arm.c) for arm in arms]).subquery().select()


def echoes_of_figures(conn: Connection, figure_ids: Sequence[str]) -> pd.DataFrame:
    """The echo flags any of the given figures are in, wherever the flag is anchored (the
    UN's Syria-wide figure echoed for Dar'a is flagged at Syria): metric, population,
    location, flag_id, figure_ids and sources (';', one source per figure, aligned)."""
    columns = ["metric", "population", "location", "flag_id", "figure_ids", "sources"]
    ids = list(dict.fromkeys(str(i) for i in figure_ids))
    frames = []
    for chunk in chunks_of_flagged(ids, flagged_figures(conn, "echo") if ids else set()):
        if not chunk:  # what the query answers for figures in no echo flag
            frames.append(pd.DataFrame(columns=columns))
            continue
        inside = select(FF.c.flag_id).where(FF.c.figure_id.in_(chunk))
        query = select(*[FL.c[c] for c in columns]).where(
            and_(FL.c.rule == "echo", FL.c.flag_id.in_(inside))
        )
        frames.append(frame_of(conn, query))
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True).drop_duplicates("flag_id", ignore_index=True)


def divergences_of(conn: Connection, keys: Sequence[tuple[str, str, str]]) -> pd.DataFrame:
    """The divergence flags of several series (two sources counting nearly the same window
    apart): metric, population, location, flag_id, severity, sentence_en, sentence_ar."""
    columns = ["metric", "population", "location", "flag_id", "severity", "sentence_en",
               "sentence_ar"]  # fmt: skip
    if not keys:
        return pd.DataFrame(columns=columns)
    key = or_(
        *[and_(FL.c.metric == m, FL.c.population == p, FL.c.location == loc) for m, p, loc in keys]
    )
    query = select(*[FL.c[c] for c in columns]).where(and_(FL.c.rule == "divergence", key))
    return frame_of(conn, query.order_by(FL.c.flag_id))


def _newest_rows_of(metric: str, population: str, location: str) -> Select:
    """A series' band rows dated on the newest date of one of its (measure, window start):
    the rows :func:`latest_bands` picks from, in the order the series' rows are stored.

    The database drops the older rows (a long series has thousands of dates), which were
    read into Python only to be dropped (~150 ms a card set at a million figures)."""
    series = and_(
        BANDS.c.metric == metric, BANDS.c.population == population, BANDS.c.location == location
    )
    newest = (
        select(func.max(BANDS.c.date)).where(series).group_by(BANDS.c.measure, BANDS.c.window_start)
    )
    return select(BANDS).where(series, BANDS.c.date.in_(newest.scalar_subquery()))


def latest_bands(conn: Connection, series: Sequence[tuple[str, str, str]]) -> pd.DataFrame:
    """For each (metric, population, location) and each of its window starts, the band row
    at its newest date.

    The series' band rows are read by one indexed look-up each (UNION ALL), and the newest
    date per window start is picked here: a grouped query over an OR of many series lets
    the planner scan every band.
    """
    frames = []
    for start in range(0, len(series), ARMS):
        arms = [_newest_rows_of(m, p, loc) for m, p, loc in series[start : start + ARMS]]
        frames.append(raw_frame(conn, union_all(*arms)))
    if not frames:
        return frame_of(conn, select(BANDS).where(literal(False)))
    out = pd.concat(frames, ignore_index=True)
    for column in ("window_start", "date"):
        out[column] = pd.to_datetime(out[column])
    if out.empty:
        return out
    group = ["metric", "population", "location", "measure", "_start"]
    keyed = out.assign(_start=out["window_start"].fillna(pd.Timestamp(1900, 1, 1)))
    newest = keyed.groupby(group, dropna=False)["date"].transform("max")
    return out[keyed["date"] == newest].reset_index(drop=True)
