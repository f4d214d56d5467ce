"""Which stored flags and bands a change can alter, and which figures decide them.

A change (a new figure, a revision, a retraction) can only alter flags among claims the rules
compare its claim with. For each changed figure f (metric m, population p, place L; its old
and its new version both count) the scope reads, by index:

- **its group** (m, p, L), whole. Containment, daily sums, regression, divergence and staleness
  compare claims of one group only, so every flag of theirs touching the group is owned, and so
  are the bands of the group's series.
- **echo**: every figure of m and p with f's value (and value_high) in f's country: echo chains
  never mix values, so every echo flag of that value is owned.
- **stock changes**: a stock's divergence names the flows reported between its dates
  (:mod:`tracker.domain.reconcile.rules.flows_between`). For a changed flow, the stock groups
  it may explain (its stock metrics at L or above, of p or a population p belongs to) are read
  whole and their divergences owned; for every stock group read whole, the flows that may
  explain it between two of its dates close enough to diverge are read (not owned).
- **hierarchy and subgroup**, one sweep in the product order (DESIGN §6): claims at L or a
  place above it, of p or a population p belongs to (*up*), and at L or a place below it, of p
  or a population inside p (*down*), never (L, p) itself. A pairwise flag (part A, whole B)
  exists when B is A's container with the smallest high at B's (place, population), A is the
  contained claim with the largest low under B, and low(A) > high(B). Only two kinds of flag
  change when f changes: those whose whole is a container that f contradicts (f may become, or
  stop being, its largest part), and those whose part f contradicts (f may become, or stop
  being, that part's smallest container). So the owned claims X are f, its contradicted
  containers (*up*) and its contradicting parts (*down*), and the claims with f's exact window
  and population at L and above it (the sums of disjoint parts change there). A flag touching
  x in X is exact when the scope holds up(x), down(B) for B in up(x) (is x the largest part of
  B?), down(x) and up(C) for C in down(x) (is x the smallest container of C?), and, for sums,
  every claim of x's window in
  the country. Contradicting claims are rare, so these reads are small: claims a flag cannot
  involve (a container the part does not exceed) are never needed.

Stored flags are owned by the same test (one of their figures is owned for their rule), so the
flags replaced are exactly those a full run could give differently. Bands are replaced for the
changed figures' groups and for any group one of whose figures enters or leaves an owned
flag's exclusions (an echo elsewhere in the country).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.rules.flows_between import stocks_changed_by
from tracker.domain.windows import date_of, day_of, window_start
from tracker.storage import tables
from tracker.storage.figures import type_figures

F = tables.figures
#: The columns of a figure the engine reads (its input contract), nothing more: publisher and
#: url only pass through to the annotated series, which the storage does not keep.
ENGINE_COLUMNS = (
    "figure_id", "reported_on", "source", "metric", "population", "location", "period_start",
    "period_end", "measure", "episode", "qualifier", "value", "value_high", "unit", "low", "high",
)  # fmt: skip
GROUP_RULES = ("containment", "regression", "divergence", "staleness")


@dataclass(frozen=True)
class Figure:
    """What the scope queries need to know of a figure (one publication of a claim)."""

    figure_id: str
    source: str
    metric: str
    population: str
    location: str
    measure: str
    start: date | None  # a flow's window start (its episode's when assumed); None: none or stock
    end: date
    low: float
    high: float  # inf: no upper bound
    value: int
    value_high: int | None

    @property
    def group(self) -> tuple[str, str, str]:
        return (self.metric, self.population, self.location)


def _number(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def _day(value: object) -> date | None:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    stamp = pd.Timestamp(value)
    return None if pd.isna(stamp) else stamp.date()


def figures_of_rows(rows: Sequence[Mapping[str, Any]], ctx: ReconcileContext) -> list[Figure]:
    """Figure rows (stored tuples as dicts, or a changed frame's rows) as Figures, their window
    starts by the domain's one rule (:func:`tracker.domain.windows.window_start`)."""
    if not rows:
        return []
    ends = [_day(row["period_end"]) for row in rows]
    episodes = {e: day_of(_day(start)) for e, start in ctx.episode_start.items()}
    starts, _ = window_start(
        np.array([day_of(_day(row["period_start"])) for row in rows], dtype=np.int64),
        np.array([day_of(end) for end in ends], dtype=np.int64),
        np.array([str(row["measure"]) == "flow" for row in rows], dtype=bool),
        np.array([_episode_day(row["episode"], episodes) for row in rows], dtype=np.int64),
    )
    return [
        _figure(row, end, date_of(start))
        for row, end, start in zip(rows, ends, starts.tolist(), strict=True)
    ]


def _episode_day(episode: object, episodes: Mapping[str, int]) -> int:
    """The start day of a figure's episode (NO_DAY when it has none)."""
    if episode is None or episode is pd.NA:
        return day_of(None)
    return episodes.get(str(episode), day_of(None))


def _figure(row: Mapping[str, Any], end: date | None, start: date | None) -> Figure:
    """One figure row with its window start."""
    high = _number(row["high"])
    value_high = _number(row["value_high"])
    assert end is not None
    return Figure(
        figure_id=str(row["figure_id"]), source=str(row["source"]), metric=str(row["metric"]),
        population=str(row["population"]), location=str(row["location"]),
        measure=str(row["measure"]), start=start, end=end,
        low=float(row["low"]), high=math.inf if high is None else high,
        value=int(row["value"]),
        value_high=None if value_high is None else int(value_high),
    )  # fmt: skip


#: A scope reading more figures than this is no longer small: recompute the components.
MAX_ROWS = 20_000


class ScopeTooLarge(Exception):
    """The change touches so much that recomputing its components whole is cheaper."""


@dataclass
class Reader:
    """Current, active figures read by small indexed queries, each asked once."""

    conn: Connection
    ctx: ReconcileContext
    rows: dict[str, tuple] = field(default_factory=dict)
    asked: dict[tuple, list[Figure]] = field(default_factory=dict)

    def fetch(
        self, key: tuple, condition: ColumnElement, keep: Callable[[Figure], bool] | None = None
    ) -> list[Figure]:
        """The figures meeting the condition (and ``keep``), read once per key."""
        if len(self.rows) > MAX_ROWS or len(self.asked) > MAX_ROWS // 10:
            raise ScopeTooLarge(f"{len(self.rows)} figures in {len(self.asked)} queries")
        if key not in self.asked:
            query = select(*[F.c[c] for c in ENGINE_COLUMNS]).where(
                F.c.current, F.c.status == "active", condition
            )
            rows = self.conn.execute(query).fetchall()
            figures = figures_of_rows(
                [dict(zip(ENGINE_COLUMNS, r, strict=True)) for r in rows], self.ctx
            )
            found = []
            for row, figure in zip(rows, figures, strict=True):
                if keep is None or keep(figure):
                    self.rows.setdefault(row[0], tuple(row))
                    found.append(figure)
            self.asked[key] = found
        return self.asked[key]

    def frame(self) -> pd.DataFrame:
        """Every figure read, typed as the engine wants them."""
        rows = list(self.rows.values())
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(ENGINE_COLUMNS)
        pairs = zip(ENGINE_COLUMNS, columns, strict=True)
        return type_figures(pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in pairs}))

    # -- the queries -------------------------------------------------------------------------
    def group(self, metric: str, population: str, location: str) -> list[Figure]:
        """Every figure of a group (metric, population, place)."""
        condition = and_(F.c.metric == metric, F.c.population == population)
        return self.fetch(
            ("group", metric, population, location), and_(condition, F.c.location == location)
        )

    def up(self, x: Figure) -> list[Figure]:
        """Claims above x in the product order (same count) that x contradicts and whose
        windows may contain x's: a superset of the containers x's low exceeds."""
        above = self._above(x)
        if x.low <= 0 or above is None or not _comparable(x):
            return []
        condition = and_(
            self._count(x), above, F.c.high.is_not(None), F.c.high < x.low, self._around(x)
        )
        key = ("up", x.metric, x.population, x.location, x.measure, x.low, x.start, x.end)
        return self.fetch(key, condition)

    def down(self, x: Figure) -> list[Figure]:
        """Claims below x in the product order (same count) that contradict x and whose
        windows may lie inside x's: a superset of the parts whose low exceeds x's high."""
        if math.isinf(x.high) or not _comparable(x):
            return []
        inside = self._below(x)
        if inside is None:
            return []
        condition = and_(self._count(x), inside, F.c.low > x.high, self._within(x))
        key = ("down", x.metric, x.population, x.location, x.measure, x.high, x.start, x.end)
        return self.fetch(key, condition, lambda c: c.end <= x.end)

    def _around(self, x: Figure) -> ColumnElement:
        """Windows that may contain x's (a stock's window is its date). The range on the end
        is read through an expression no index holds (period_end is never null, so it is
        period_end): the few places and populations named lead to x's count by the series
        index, while SQLite's sampled statistics can make the range on period_end look
        cheaper, and that range walks every current figure ending from x's end on (seen at
        1M figures: 240-600 ms instead of under 1 ms)."""
        if x.start is None:
            return F.c.period_end == x.end
        return and_(_unindexed_end() >= x.end, self._starts(x.start, before=True))

    def _within(self, x: Figure) -> ColumnElement:
        """Windows that may lie inside x's. The end is bounded through an expression no index
        holds (:meth:`_around`): a range on period_end itself would lead the planner to scan
        the whole count's days instead of the places below, and without the bound a busy
        count's parts are all read to be dropped (1,700 rows for one figure at 1M)."""
        if x.start is None:
            return F.c.period_end == x.end
        return and_(_unindexed_end() <= x.end, self._starts(x.start, before=False))

    def _starts(self, day: date, before: bool) -> ColumnElement:
        """Flows starting no later (before) or no earlier than the day, by period_start or, when
        it is missing, by their episode's start (a superset: the episode may start too late)."""
        given = F.c.period_start <= day if before else F.c.period_start >= day
        episodes = [
            e
            for e, start in self.ctx.episode_start.items()
            if not pd.isna(start) and ((start.date() <= day) if before else (start.date() >= day))
        ]
        if not episodes:
            return given
        return or_(given, and_(F.c.period_start.is_(None), F.c.episode.in_(sorted(episodes))))

    def window(self, x: Figure) -> list[Figure]:
        """Every claim of x's count ending on x's end in x's country (x's window among them)."""
        condition = and_(
            self._count(x), F.c.population == x.population, F.c.period_end == x.end,
            F.c.adm0 == self.ctx.root(x.location),
        )  # fmt: skip
        country = self.ctx.root(x.location)
        return self.fetch(("window", x.metric, x.population, x.measure, x.end, country), condition)

    def echo(self, x: Figure) -> list[Figure]:
        """Every figure of x's metric and population with x's value in x's country."""
        high = F.c.value_high.is_(None) if x.value_high is None else F.c.value_high == x.value_high
        country = self.ctx.root(x.location)
        condition = and_(
            F.c.metric == x.metric, F.c.population == x.population, F.c.value == x.value, high,
            F.c.adm0 == country,
        )  # fmt: skip
        key = ("echo", x.metric, x.population, x.value, x.value_high, country)
        return self.fetch(key, condition)

    def stocks_changed(self, x: Figure) -> list[Figure]:
        """Every figure of the stock groups flow x may explain (:mod:`.rules.flows_between`):
        stocks x's metric changes, at x's place or above it, of x's population or one it
        belongs to. The query reads each such group whole."""
        stocks = stocks_changed_by(self.ctx).get(x.metric)
        if not stocks or x.measure != "flow":
            return []
        places = [x.location, *self.ctx.ancestors.get(x.location, ())]
        pops = [x.population, *self.ctx.population_supersets.get(x.population, ())]
        condition = and_(
            F.c.metric.in_(sorted(stocks)), F.c.measure == "stock", F.c.population.in_(pops),
            F.c.location.in_(places),
        )  # fmt: skip
        return self.fetch(("stocks", x.metric, x.population, x.location), condition)

    def flows_changing(
        self, group: tuple[str, str, str], spans: list[tuple[date, date]]
    ) -> list[Figure]:
        """The flows that may explain a change of the stock group between two of its dates
        (ending after the first and by the second of a span): of its flow metrics, at its place
        or inside it, of its population or a part of it."""
        metric, population, location = group
        flows = sorted({f for f, _ in self.ctx.stock_flows.get(metric, ())})
        if not flows or not spans:
            return []
        subsets = [p for p, chain in self.ctx.population_supersets.items() if population in chain]
        inside = (
            F.c.adm0 == location
            if not self.ctx.ancestors.get(location)
            else F.c.location.in_([location, *descendants(self.ctx).get(location, [])])
        )
        ends = or_(*[and_(F.c.period_end > a, F.c.period_end <= b) for a, b in spans])
        condition = and_(
            F.c.metric.in_(flows), F.c.measure == "flow",
            F.c.population.in_([population, *subsets]), inside, ends,
        )  # fmt: skip
        return self.fetch(("flows", *group, tuple(spans)), condition)

    # -- where the axes lead ---------------------------------------------------------------------
    def _count(self, x: Figure) -> ColumnElement:
        return and_(F.c.metric == x.metric, F.c.measure == x.measure)

    def _above(self, x: Figure) -> ColumnElement | None:
        """(place, population) pairs above x's in the product order, x's own excluded."""
        places = [x.location, *self.ctx.ancestors.get(x.location, ())]
        pops = [x.population, *self.ctx.population_supersets.get(x.population, ())]
        return _product(places, pops, x)

    def _below(self, x: Figure) -> ColumnElement | None:
        """(place, population) pairs below x's in the product order, x's own excluded."""
        subsets = [p for p, chain in self.ctx.population_supersets.items() if x.population in chain]
        places = [x.location, *descendants(self.ctx).get(x.location, [])]
        return _product(places, [x.population, *subsets], x)


def _unindexed_end() -> ColumnElement:
    """period_end as an expression no index holds (it is never null: the same value), so that
    a range on it filters the rows an index on the places leads to, never leads itself."""
    return func.coalesce(F.c.period_end, F.c.period_end)


def _product(places: list[str], pops: list[str], x: Figure) -> ColumnElement | None:
    """Figures at one of the places and one of the populations, but not at x's own pair."""
    if len(places) == 1 and len(pops) == 1:
        return None
    own = and_(F.c.location == x.location, F.c.population == x.population)
    return and_(F.c.location.in_(places), F.c.population.in_(pops), ~own)


_DESCENDANTS: list[tuple[ReconcileContext, dict[str, list[str]]]] = []


def descendants(ctx: ReconcileContext) -> dict[str, list[str]]:
    """P-code → every place below it in the gazetteer (built once per context)."""
    if not _DESCENDANTS or _DESCENDANTS[0][0] is not ctx:
        below: dict[str, list[str]] = {}
        for place, chain in ctx.ancestors.items():
            for ancestor in chain:
                below.setdefault(ancestor, []).append(place)
        _DESCENDANTS[:] = [(ctx, {p: sorted(v) for p, v in below.items()})]
    return _DESCENDANTS[0][1]


def _comparable(x: Figure) -> bool:
    """Whether x has a window the hierarchy and subgroup rules compare: a stock, or a flow
    with a (possibly assumed) start."""
    return x.measure != "flow" or x.start is not None


@dataclass
class Plan:
    """What one recomputation reads and replaces."""

    reader: Reader
    owned: dict[str, set[str]]  # rule → figure ids whose flags of that rule are replaced
    groups: set[tuple[str, str, str]]  # groups read whole: their bands are replaced
    echoes: bool  # whether a changed figure's value is large enough to be an echo


def _closure(reader: Reader, seeds: list[Figure]) -> set[str]:
    """The owned figure ids of the nesting sweep (hierarchy and subgroup), with what their
    flags need read (see the module's docstring)."""
    owned = {s.figure_id for s in seeds}
    members: dict[str, Figure] = {}
    for s in seeds:
        for c in reader.up(s) + reader.down(s) + _same_claim(reader, s):
            members[c.figure_id] = c
        path = {s.location, *reader.ctx.ancestors.get(s.location, ())}
        members.update({w.figure_id: w for w in reader.window(s) if w.location in path})
    for x in [*seeds, *members.values()]:
        for whole in reader.up(x):
            reader.down(whole)
        for part in reader.down(x):
            reader.up(part)
        reader.window(x)
    return owned | set(members)


def _same_claim(reader: Reader, s: Figure) -> list[Figure]:
    """Figures of s's group that may be publications of s's claim (same source, end and
    value): the claim's flags are owned whichever of its publications changed."""
    same = (s.source, s.end, s.value, s.value_high)
    return [c for c in reader.group(*s.group) if (c.source, c.end, c.value, c.value_high) == same]


def plan(conn: Connection, ctx: ReconcileContext, changed: Iterable[Figure]) -> Plan:
    """Read the scope of the changed figures (old and new versions) and say what it owns."""
    seeds = list({c: None for c in changed})
    reader = Reader(conn, ctx)
    groups = {s.group for s in seeds}
    in_groups = {s.figure_id for s in seeds}
    for g in sorted(groups):
        in_groups |= {c.figure_id for c in reader.group(*g)}
    echoes = {s.figure_id for s in seeds}
    large = [s for s in seeds if s.value >= ctx.settings.echo_min_value]
    for s in large:
        echoes |= {c.figure_id for c in reader.echo(s)}
    owned = {rule: in_groups for rule in GROUP_RULES}
    owned["divergence"] = in_groups | _changed_stocks(reader, seeds, groups)
    owned["echo"] = echoes
    owned["hierarchy"] = owned["subgroup"] = _closure(reader, seeds)
    return Plan(reader, owned, groups, bool(large))


def _changed_stocks(reader: Reader, seeds: list[Figure], groups: set) -> set[str]:
    """The stock divergences a change can alter through the flows between their dates
    (:mod:`tracker.domain.reconcile.rules.flows_between`): the stock groups a changed flow may
    explain, read whole (their ids are returned, to be owned), and for every stock group read
    whole the flows between its first and last date."""
    explained = [s for x in seeds for s in reader.stocks_changed(x)]
    whole: dict[tuple[str, str, str], list[Figure]] = {}
    for s in explained:
        whole.setdefault(s.group, []).append(s)
    for g in groups:
        if g[0] in reader.ctx.stock_flows:
            whole[g] = reader.group(*g)
    for g, members in sorted(whole.items()):
        reader.flows_changing(g, close_spans([m.end for m in members], reader.ctx))
    return {s.figure_id for s in explained}


def close_spans(days: list[date], ctx: ReconcileContext) -> list[tuple[date, date]]:
    """The spans between a stock group's dates that a divergence can join (at most
    ``stock_days`` apart), merged: the only dates whose flows a stock flag may name."""
    ordered = sorted(set(days))
    reach = timedelta(days=ctx.settings.stock_days)
    spans: list[tuple[date, date]] = []
    for day in ordered:
        last = ordered[bisect_right(ordered, day + reach) - 1]
        if last == day:
            continue
        if spans and day <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], last))
        else:
            spans.append((day, last))
    return spans


def figures_of(frame: pd.DataFrame, ctx: ReconcileContext) -> list[Figure]:
    """The changed figures' rows as Figures."""
    return figures_of_rows(frame.to_dict("records"), ctx)
