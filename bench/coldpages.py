"""Cold page renders at load-test scale: what a page's first render costs, and where.

Half the load test's visits carry a filter the page cache has never seen, so a page's first
render for such a filter decides the callback p95. For every page and a deterministic sample
of the load mix's searches (:func:`bench.loadmix.sample_of` on the synthetic file: {metric},
{metric, location}, {source}, none; a fifth in Arabic), this calls the page's layout in
process with every cache of the pages emptied first, and prints wall and CPU milliseconds
(p50/p95/max per page), the slowest renders with their costliest SQL statements, and
SQLite's ``EXPLAIN QUERY PLAN`` of statements slower than ``--slow-ms``.

``python -m bench.coldpages --figures 1000000`` (reads ``var/bench/load-base-1000000.db``
and ``var/bench/synth-1000000-s1.csv``); ``--pages`` to choose pages, ``--searches`` for
how many searches per page, ``--repeat`` to keep the least CPU of several renders of each
(the machine is shared), ``--profile PAGE`` for a cProfile of that page's renders.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import event

from bench.server import ROOT
from bench.timing import percentile

BENCH = ROOT / "var" / "bench"
PAGES = ("overview", "map", "figures", "trends", "discrepancies", "sources", "data", "methodology")


@dataclass
class Statement:
    """One SQL statement run during a render and how long it took."""

    sql: str
    params: object
    ms: float


@dataclass
class Render:
    """One cold render of a page for one search."""

    page: str
    search: str
    wall_ms: float
    cpu_ms: float
    statements: list[Statement] = field(default_factory=list)

    @property
    def sql_ms(self) -> float:
        return sum(s.ms for s in self.statements)


def searches(csv: Path, n: int, seed: int = 0) -> list[str]:
    """``n`` searches drawn as the load mix draws them (a filter half the time from a sample
    of stored figures, Arabic a fifth of the time), but always with a filter but for the first,
    since the unfiltered page is the one the cache keeps warm."""
    from bench.loadmix import sample_of

    sample = sample_of(csv)
    rng = random.Random(seed)
    out = [""]
    while len(out) < n:
        params = dict(rng.choice(sample.filters))
        if rng.random() < 0.2:
            params["lang"] = "ar"
        out.append("?" + urlencode(params))
    return out


def layouts() -> dict[str, Callable]:
    """page name → the uncached layout function ``layout(store, **query)``."""
    import importlib

    return {p: importlib.import_module(f"dashboards.pages.{p}").layout for p in PAGES}


@contextmanager
def recording(engine, into: list[Statement]) -> Iterator[None]:
    """Record every statement the engine runs, with its time."""

    def before(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        conn.info.setdefault("t0", []).append(time.perf_counter())

    def after(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        t0 = conn.info["t0"].pop()
        into.append(Statement(statement, parameters, (time.perf_counter() - t0) * 1000))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def query_of(search: str) -> dict[str, str]:
    """The keyword arguments Dash's page router gives a layout for ``search``."""
    return dict(parse_qsl(search.lstrip("?")))


def render(store, page: str, layout: Callable, search: str) -> Render:  # noqa: ANN001
    """One render of ``page`` with every cache of the pages emptied first."""
    from tracker.service import pagecache

    pagecache.clear()
    statements: list[Statement] = []
    with recording(store.engine, statements):
        w0, c0 = time.perf_counter(), time.process_time()
        layout(store, **query_of(search))
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    return Render(page, search, wall * 1000, cpu * 1000, statements)


def explain(store, statement: Statement) -> list[str]:  # noqa: ANN001
    """SQLite's plan of ``statement`` (one line a step)."""
    if store.engine.dialect.name != "sqlite":
        return []
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        rows = raw.execute("EXPLAIN QUERY PLAN " + statement.sql, statement.params or ()).fetchall()
    return [f"      {'  ' * (0 if r[1] == 0 else 1)}{r[3]}" for r in rows]


def table(renders: list[Render]) -> str:
    """p50/p95/max of wall and CPU ms per page."""
    lines = [
        f"{'page':<14}{'n':>4}{'wall p50':>10}{'p95':>8}{'max':>8}{'cpu p50':>10}{'p95':>8}"
        f"{'max':>8}{'sql p95':>9}"
    ]
    for page in PAGES:
        rows = [r for r in renders if r.page == page]
        if not rows:
            continue
        wall, cpu, sql = ([getattr(r, k) for r in rows] for k in ("wall_ms", "cpu_ms", "sql_ms"))
        lines.append(
            f"{page:<14}{len(rows):>4}{percentile(wall, 50):>10.0f}{percentile(wall, 95):>8.0f}"
            f"{max(wall):>8.0f}{percentile(cpu, 50):>10.0f}{percentile(cpu, 95):>8.0f}"
            f"{max(cpu):>8.0f}{percentile(sql, 95):>9.0f}"
        )
    return "\n".join(lines)


def slowest(store, renders: list[Render], top: int, slow_ms: float) -> str:  # noqa: ANN001
    """The ``top`` slowest renders per page, their costliest statements and slow plans."""
    out = []
    for page in PAGES:
        rows = sorted((r for r in renders if r.page == page), key=lambda r: -r.cpu_ms)[:top]
        for r in rows:
            out.append(
                f"{page}{r.search or ' (no filter)'}: {r.wall_ms:.0f} ms wall, "
                f"{r.cpu_ms:.0f} ms cpu, {len(r.statements)} statements, "
                f"{r.sql_ms:.0f} ms SQL"
            )
            for s in sorted(r.statements, key=lambda s: -s.ms)[:3]:
                if s.ms < 1:
                    break
                one_line = " ".join(s.sql.split())
                out.append(f"    {s.ms:7.1f} ms  {one_line[:220]}")
                if s.ms >= slow_ms:
                    out.extend(explain(store, s))
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=1_000_000)
    parser.add_argument("--db", help="database URL (default: the load test's base copy)")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--searches", type=int, default=12, help="searches per page")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=1, help="renders per search, the least CPU kept"
    )
    parser.add_argument("--top", type=int, default=2, help="slowest renders shown per page")
    parser.add_argument("--slow-ms", type=float, default=30.0)
    parser.add_argument("--profile", help="cProfile this page's renders (top functions)")
    args = parser.parse_args()

    import dash

    from dashboards.app import create_app
    from tracker.service.store import Store

    url = args.db or f"sqlite:///{BENCH / f'load-base-{args.figures}.db'}"
    store = Store(url)
    app = create_app(store)
    assert isinstance(app, dash.Dash)
    wanted = args.pages.split(",")
    every = searches(BENCH / f"synth-{args.figures}-s1.csv", args.searches, args.seed)
    funcs = layouts()
    renders: list[Render] = []
    with app.server.test_request_context("/"):
        render(store, "overview", funcs["overview"], "")  # imports, vocabularies, fonts: warm
        gc.freeze()  # as dashboards/wsgi.py does in every web worker
        profiler = cProfile.Profile() if args.profile else None
        for page in wanted:
            for search in every:
                if profiler and page == args.profile:
                    profiler.enable()
                tries = [render(store, page, funcs[page], search) for _ in range(args.repeat)]
                renders.append(min(tries, key=lambda r: r.cpu_ms))
                if profiler and page == args.profile:
                    profiler.disable()
    print(
        f"cold renders at {args.figures:,} figures ({url}), {len(every)} searches a page, "
        f"least CPU of {args.repeat}\n"
    )
    print(table(renders))
    print()
    print(slowest(store, renders, args.top, args.slow_ms))
    if profiler:
        print()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
