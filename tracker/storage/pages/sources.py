"""The sources page's queries: per source its figures in scope, newest report and how many of
its figures are in flags, and in flags of the rules that mean a contradiction."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import and_, case, func, select, text
from sqlalchemy.engine import Connection

from tracker.domain.filters import Filters
from tracker.storage.pages.shared import FF, FL, F, S, active, frame_of, summarised, summary_scope


def source_stats(
    conn: Connection,
    filters: Filters,
    levels: dict[str, int],
    contradiction_rules: tuple[str, ...],
) -> pd.DataFrame:
    """Per source in scope: n_figures, newest_report, n_flagged (in any flag),
    n_contradicted (in a flag of a contradiction rule: ``vocab.contradiction_rules``)."""
    where = and_(*active(filters, levels))
    if summarised(filters):
        counted = select(
            S.c.source,
            func.sum(S.c.n_claims).label("n_figures"),
            func.max(S.c.newest_report).label("newest_report"),
        ).where(*summary_scope(filters, levels))
    else:
        counted = select(
            F.c.source,
            func.count().label("n_figures"),
            func.max(F.c.reported_on).label("newest_report"),
        ).where(where)
    counts = frame_of(conn, counted.group_by("source"))
    counts["n_figures"] = counts["n_figures"].astype("int64")
    # From the few flagged figures to their current revision (the partial unique index on
    # figure_id WHERE current), never from every figure to its flags.
    in_flags = (
        select(
            FF.c.figure_id,
            func.max(case((FL.c.rule.in_(contradiction_rules), 1), else_=0)).label("contra"),
        )
        .select_from(FF.join(FL, FL.c.flag_id == FF.c.flag_id))
        .group_by(FF.c.figure_id)
        .subquery()
    )
    flagged = frame_of(
        conn,
        select(
            F.c.source,
            func.count().label("n_flagged"),
            func.sum(in_flags.c.contra).label("n_contradicted"),
        )
        .select_from(
            in_flags.join(F, and_(F.c.figure_id == in_flags.c.figure_id, text("figures.current")))
        )
        .where(where)
        .group_by(F.c.source),
    )
    out = counts.merge(flagged, on="source", how="left")
    for column in ("n_flagged", "n_contradicted"):
        out[column] = pd.to_numeric(out[column]).fillna(0).astype("int64")
    out["newest_report"] = pd.to_datetime(out["newest_report"])
    return out


def places_in_use(conn: Connection, limit: int = 200) -> pd.DataFrame:
    """Places that figures are reported for, most figures first: location, n."""
    query = (
        select(F.c.location, func.count().label("n"))
        .where(and_(F.c.current, F.c.status == "active"))
        .group_by(F.c.location)
        .order_by(func.count().desc())
        .limit(limit)
    )
    return frame_of(conn, query)


def sources_present(
    conn: Connection, filters: Filters, levels: dict[str, int], candidates: list[str]
) -> set[str]:
    """Which of ``candidates`` (source ids) have a public figure in scope: one indexed
    existence query per candidate, never a scan of every figure."""
    where = and_(*active(filters, levels))
    found = set()
    for source in candidates:
        query = select(F.c.figure_id).where(where, F.c.source == source).limit(1)
        if conn.execute(query).first() is not None:
            found.add(source)
    return found
