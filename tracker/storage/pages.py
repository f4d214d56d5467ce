"""The queries behind the dashboard's pages: aggregates and pages of rows, never every figure.

Each function takes an open connection and answers with a small DataFrame, whatever the
number of stored figures: grouped counts (overview, sources), one series' claims (trends),
one page of figures or flags (with its total), the flags of a handful of figures. They use
the same filters as the command line and the downloads (:mod:`tracker.domain.filters`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd
from sqlalchemy import (
    Select,
    and_,
    case,
    distinct,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.engine import Connection

from tracker.domain.filters import Filters
from tracker.domain.vocabularies import Vocabularies
from tracker.storage import tables
from tracker.storage.figures import (
    CHUNK,
    filter_clause,
    place_clause,
    raw_frame,
    read_frame,
    rows_frame,
)

F = tables.figures
FL = tables.flags
FF = tables.flag_figures
NOTES = tables.flag_notes
BANDS = tables.bands
S = tables.series_sources

SEVERITY_RANK = {"info": 0, "minor": 1, "moderate": 2, "major": 3}
#: Rules whose flags say that claims cannot all be true (or are far apart): marked on charts.
CONTRADICTION_RULES = ("containment", "regression", "hierarchy", "subgroup", "divergence")

#: Columns a page of figures shows; the sort keys a user may pick.
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
FIGURE_SORT_KEYS = (
    "reported_on",
    "period_end",
    "source",
    "publisher",
    "metric",
    "population",
    "location",
    "value",
    "figure_id",
)


def active(filters: Filters, levels: dict[str, int]) -> list:
    """Current, not retracted figures matching the filters."""
    # ``current = true`` (not just ``current``) lets SQLite seek on the indexes that start
    # with it instead of scanning them.
    return [F.c.current == True, F.c.status == "active", *filter_clause(filters, levels)]  # noqa: E712


def _frame(conn: Connection, query: Select) -> pd.DataFrame:
    result = conn.execute(query)
    return rows_frame(result.fetchall(), list(result.keys()))


# -- series ---------------------------------------------------------------------------------


def summarised(filters: Filters) -> bool:
    """Whether the stored summaries answer for these filters: they count every date, so a
    date filter needs the figures themselves."""
    return filters.date_from is None and filters.date_to is None


def _summary_scope(filters: Filters, levels: dict[str, int]) -> list:
    clauses = []
    for name in ("metric", "population", "source"):
        if getattr(filters, name):
            clauses.append(S.c[name].in_(getattr(filters, name)))
    if filters.location:
        clauses.append(place_clause(S, filters.location, levels))
    return clauses


def series_summary(conn: Connection, filters: Filters, levels: dict[str, int]) -> pd.DataFrame:
    """One row per series (metric, population, location, measure) in scope, with its counts.

    Columns: metric, population, location, measure, n_claims, newest_report. Counted from
    the stored summaries when the filters allow it, else from the figures in scope.
    """
    if summarised(filters):
        table, n_claims, where = S, func.sum(S.c.n_claims), _summary_scope(filters, levels)
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
    out = _frame(conn, query)
    out["n_claims"] = out["n_claims"].astype("int64")
    out["newest_report"] = pd.to_datetime(out["newest_report"])
    return out


def series_claims(
    conn: Connection,
    metric: str,
    population: str,
    location: str,
    filters: Filters = Filters(),
    levels: dict[str, int] | None = None,
    limit: int = 5000,
) -> pd.DataFrame:
    """The claims of one series (exact place, not the places below it), oldest first.

    Only the source and date filters apply; at most ``limit`` claims, the newest.
    """
    narrowed = Filters(source=filters.source, date_from=filters.date_from, date_to=filters.date_to)
    newest = (
        select(F.c.row_id)
        .where(
            and_(
                *active(narrowed, levels or {}),
                F.c.metric == metric,
                F.c.population == population,
                F.c.location == location,
            )
        )
        .order_by(F.c.period_end.desc(), F.c.reported_on.desc(), F.c.figure_id)
        .limit(limit)
    )
    columns = [F.c[c] for c in FIGURE_PAGE_COLUMNS]
    query = (
        select(*columns)
        .where(F.c.row_id.in_(newest))
        .order_by(F.c.period_end, F.c.reported_on, F.c.figure_id)
    )
    return raw_frame(conn, query)


def claims_of_series(
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
        return series_claims(conn, "", "", "", filters, levels, 0)
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
    frames = [raw_frame(conn, _union(arms[i : i + 100])) for i in range(0, len(arms), 100)]
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return out.sort_values(
        ["metric", "period_end", "reported_on", "figure_id"], kind="mergesort", ignore_index=True
    )


def _union(arms: Sequence) -> Select:
    """SELECT * over the UNION ALL of limited subqueries (each keeps its own LIMIT)."""
    return union_all(*[select(*arm.c) for arm in arms]).subquery().select()


def echo_sources_of(conn: Connection, keys: Sequence[tuple[str, str, str]]) -> pd.DataFrame:
    """The echo flags of several series: metric, population, location, sources (';')."""
    columns = ["metric", "population", "location", "sources"]
    if not keys:
        return pd.DataFrame(columns=columns)
    key = or_(
        *[and_(FL.c.metric == m, FL.c.population == p, FL.c.location == loc) for m, p, loc in keys]
    )
    query = select(*[FL.c[c] for c in columns]).where(and_(FL.c.rule == "echo", key))
    return _frame(conn, query)


def series_bands(conn: Connection, metric: str, population: str, location: str) -> pd.DataFrame:
    """The stored reconciled bands of one series (every window start), by date."""
    query = (
        select(BANDS)
        .where(
            and_(
                BANDS.c.metric == metric,
                BANDS.c.population == population,
                BANDS.c.location == location,
            )
        )
        .order_by(BANDS.c.measure, BANDS.c.window_start, BANDS.c.date)
    )
    out = _frame(conn, query)
    for column in ("window_start", "date"):
        if column in out:
            out[column] = pd.to_datetime(out[column])
    return out


def latest_bands(conn: Connection, series: Sequence[tuple[str, str, str]]) -> pd.DataFrame:
    """For each (metric, population, location) and each of its window starts, the band row
    at its newest date.

    The series' band rows are read by one indexed look-up each (UNION ALL), and the newest
    date per window start is picked here: a grouped query over an OR of many series lets
    the planner scan every band.
    """
    frames = []
    for start in range(0, len(series), 100):
        arms = [
            select(BANDS).where(
                and_(BANDS.c.metric == m, BANDS.c.population == p, BANDS.c.location == loc)
            )
            for m, p, loc in series[start : start + 100]
        ]
        frames.append(raw_frame(conn, union_all(*arms)))
    if not frames:
        return _frame(conn, select(BANDS).where(literal(False)))
    out = pd.concat(frames, ignore_index=True)
    for column in ("window_start", "date"):
        out[column] = pd.to_datetime(out[column])
    if out.empty:
        return out
    group = ["metric", "population", "location", "measure", "_start"]
    keyed = out.assign(_start=out["window_start"].fillna(pd.Timestamp(1900, 1, 1)))
    newest = keyed.groupby(group, dropna=False)["date"].transform("max")
    return out[keyed["date"] == newest].reset_index(drop=True)


def series_in_metric(
    conn: Connection, metric: str, filters: Filters, levels: dict[str, int], limit: int = 40
) -> pd.DataFrame:
    """The series of one metric in scope, most claims first: population, location,
    n_claims, n_sources (from the stored summaries when the filters allow it)."""
    scoped = replace(filters, metric=(metric,))
    if summarised(scoped):
        table, n_claims, where = S, func.sum(S.c.n_claims), _summary_scope(scoped, levels)
    else:
        table, n_claims, where = F, func.count(), active(scoped, levels)
    query = (
        select(
            table.c.population,
            table.c.location,
            n_claims.label("n_claims"),
            func.count(distinct(table.c.source)).label("n_sources"),
        )
        .where(*where)
        .group_by(table.c.population, table.c.location)
        .order_by(n_claims.desc(), table.c.location, table.c.population)
        .limit(limit)
    )
    out = _frame(conn, query)
    out["n_claims"] = out["n_claims"].astype("int64")
    return out


def first_metric(
    conn: Connection, filters: Filters, levels: dict[str, int], order: Sequence[str]
) -> str | None:
    """The first metric in ``order`` with a figure in scope (one indexed look-up each)."""
    for metric in order:
        found = conn.execute(
            select(F.c.figure_id)
            .where(and_(*active(replace(filters, metric=(metric,)), levels)))
            .limit(1)
        ).first()
        if found is not None:
            return metric
    return None


def metrics_in_scope(conn: Connection, filters: Filters, levels: dict[str, int]) -> pd.DataFrame:
    """Metrics with figures in scope and how many: metric, n_claims."""
    query = (
        select(F.c.metric, func.count().label("n_claims"))
        .where(and_(*active(replace(filters, metric=()), levels)))
        .group_by(F.c.metric)
        .order_by(func.count().desc())
    )
    return _frame(conn, query)


# -- flags ----------------------------------------------------------------------------------


def _notes_subquery():
    newest = (
        select(NOTES.c.flag_id, func.max(NOTES.c.row_id).label("row_id"))
        .group_by(NOTES.c.flag_id)
        .subquery()
    )
    return (
        select(NOTES.c.flag_id, NOTES.c.status, NOTES.c.note)
        .join(newest, NOTES.c.row_id == newest.c.row_id)
        .subquery()
    )


def _severity_rank():
    return case(*[(FL.c.severity == name, rank) for name, rank in SEVERITY_RANK.items()], else_=-1)


def _flag_where(filters: Filters, vocab: Vocabularies) -> list:
    """Flags in scope: their metric, population and sources; place inside the area; dates
    through their figures' period_end (as everywhere else)."""
    clauses = []
    if filters.metric:
        clauses.append(FL.c.metric.in_(filters.metric))
    if filters.population:
        clauses.append(FL.c.population.in_(filters.population))
    if filters.source:
        clauses.append(
            or_(
                *[
                    (literal(";") + FL.c.sources + literal(";")).contains(f";{s};")
                    for s in filters.source
                ]
            )
        )
    if filters.location:
        places: list[str] = []
        for code in filters.location:
            if code in vocab.gazetteer.index and int(vocab.gazetteer.at[code, "level"]) == 0:
                places = []
                break
            places.extend(vocab.descendants(code) if code in vocab.gazetteer.index else [code])
        else:
            clauses.append(FL.c.location.in_(sorted(set(places))))
    if filters.date_from or filters.date_to:
        dated = [F.c.current]
        if filters.date_from:
            dated.append(F.c.period_end >= filters.date_from)
        if filters.date_to:
            dated.append(F.c.period_end <= filters.date_to)
        clauses.append(
            FL.c.flag_id.in_(
                select(FF.c.flag_id).where(
                    FF.c.figure_id.in_(select(F.c.figure_id).where(and_(*dated)))
                )
            )
        )
    return clauses


def _flags_select(
    filters: Filters,
    vocab: Vocabularies,
    rules: Sequence[str] = (),
    statuses: Sequence[str] = (),
    severities: Sequence[str] = (),
):
    notes = _notes_subquery()
    status = func.coalesce(notes.c.status, "open")
    where = _flag_where(filters, vocab)
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
        select(
            FL,
            status.label("status"),
            func.coalesce(notes.c.note, "").label("note"),
        )
        .select_from(source)
        .where(and_(True, *where))
        .order_by(_severity_rank().desc(), FL.c.ratio.desc().nulls_last(), FL.c.flag_id)
        .limit(limit)
        .offset(offset)
    )
    return _frame(conn, query), int(total)


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
    return _frame(conn, query)


def flag_by_id(conn: Connection, flag_id: str) -> pd.DataFrame:
    """One flag with its status and note (empty when unknown)."""
    notes = _notes_subquery()
    query = (
        select(
            FL,
            func.coalesce(notes.c.status, "open").label("status"),
            func.coalesce(notes.c.note, "").label("note"),
        )
        .select_from(FL.outerjoin(notes, notes.c.flag_id == FL.c.flag_id))
        .where(FL.c.flag_id == flag_id)
    )
    return _frame(conn, query)


def echo_sources(conn: Connection, metric: str, population: str, location: str) -> list[list[str]]:
    """The source groups that echo flags of one series say are one claim carried twice."""
    rows = conn.execute(
        select(FL.c.sources).where(
            and_(
                FL.c.rule == "echo",
                FL.c.metric == metric,
                FL.c.population == population,
                FL.c.location == location,
            )
        )
    ).fetchall()
    return [[s for s in str(r[0]).split(";") if s] for r in rows]


def flags_of_figures(conn: Connection, figure_ids: Sequence[str]) -> pd.DataFrame:
    """Every flag the given figures are in: figure_id, flag_id, rule, severity, status,
    sentence_en, sentence_ar."""
    notes = _notes_subquery()
    frames = []
    ids = list(dict.fromkeys(str(i) for i in figure_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        query = (
            select(
                FF.c.figure_id,
                FL.c.flag_id,
                FL.c.rule,
                FL.c.severity,
                func.coalesce(notes.c.status, "open").label("status"),
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
        frames.append(_frame(conn, query))
    if not frames:
        return pd.DataFrame(
            columns=[
                "figure_id",
                "flag_id",
                "rule",
                "severity",
                "status",
                "sentence_en",
                "sentence_ar",
            ]
        )
    return pd.concat(frames, ignore_index=True)


# -- figures --------------------------------------------------------------------------------


def figures_by_ids(conn: Connection, figure_ids: Sequence[str]) -> pd.DataFrame:
    """The current revisions of the given figures (retracted ones included), in the given order."""
    ids = list(dict.fromkeys(str(i) for i in figure_ids))
    frames = []
    columns = [F.c[c] for c in FIGURE_PAGE_COLUMNS] + [F.c.status, F.c.current]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        # Only figure_id in the WHERE: with "current = 1" beside it SQLite's planner walks
        # the (current, …) indexes over every current figure (0.5 s at 1M instead of 2 ms).
        rows = read_frame(conn, select(*columns).where(F.c.figure_id.in_(chunk)))
        frames.append(rows[rows["current"]].drop(columns="current"))
    if not frames:
        empty = read_frame(conn, select(*columns).where(literal(False)))
        return empty.drop(columns="current")
    out = pd.concat(frames, ignore_index=True)
    order = {fid: i for i, fid in enumerate(ids)}
    return out.sort_values("figure_id", key=lambda s: s.map(order)).reset_index(drop=True)


def figures_page(
    conn: Connection,
    filters: Filters,
    levels: dict[str, int],
    sort: str = "reported_on",
    descending: bool = True,
    limit: int = 25,
    offset: int = 0,
) -> tuple[pd.DataFrame, int]:
    """One page of current figures, sorted in the database, and how many match in all."""
    if sort not in FIGURE_SORT_KEYS:
        sort = "reported_on"
    where = and_(*active(filters, levels))
    total = conn.execute(select(func.count()).select_from(F).where(where)).scalar_one()
    key = F.c[sort].desc() if descending else F.c[sort].asc()
    tie = F.c.figure_id.desc() if descending else F.c.figure_id.asc()
    query = (
        select(*[F.c[c] for c in FIGURE_PAGE_COLUMNS])
        .where(where)
        .order_by(key, tie)
        .limit(limit)
        .offset(offset)
    )
    return read_frame(conn, query), int(total)


# -- sources --------------------------------------------------------------------------------


def source_stats(conn: Connection, filters: Filters, levels: dict[str, int]) -> pd.DataFrame:
    """Per source in scope: n_figures, newest_report, n_flagged (in any flag),
    n_contradicted (in a flag of a contradiction rule)."""
    where = and_(*active(filters, levels))
    if summarised(filters):
        counted = select(
            S.c.source,
            func.sum(S.c.n_claims).label("n_figures"),
            func.max(S.c.newest_report).label("newest_report"),
        ).where(*_summary_scope(filters, levels))
    else:
        counted = select(
            F.c.source,
            func.count().label("n_figures"),
            func.max(F.c.reported_on).label("newest_report"),
        ).where(where)
    counts = _frame(conn, counted.group_by("source"))
    counts["n_figures"] = counts["n_figures"].astype("int64")
    # From the few flagged figures to their current revision (the partial unique index on
    # figure_id WHERE current), never from every figure to its flags.
    in_flags = (
        select(
            FF.c.figure_id,
            func.max(case((FL.c.rule.in_(CONTRADICTION_RULES), 1), else_=0)).label("contra"),
        )
        .select_from(FF.join(FL, FL.c.flag_id == FF.c.flag_id))
        .group_by(FF.c.figure_id)
        .subquery()
    )
    flagged = _frame(
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
    return _frame(conn, query)


def data_version(conn: Connection) -> tuple:
    """Changes whenever figures, flags or notes change (for caching page answers)."""
    row = conn.execute(
        select(
            select(func.max(F.c.row_id)).scalar_subquery(),
            select(func.max(FL.c.computed_at)).scalar_subquery(),
            select(func.count()).select_from(FL).scalar_subquery(),
            select(func.max(NOTES.c.row_id)).scalar_subquery(),
        )
    ).one()
    return tuple(str(v) for v in row)
