"""`make bench`: every benchmark at 100,000 and 1,000,000 figures; results.json; README table.

The 1M SQLite database that import_sqlite builds is reused by the flags, dashboard and
download benchmarks, so the whole run stays within about a quarter of an hour on 2 cores.
A benchmark that fails is recorded as not run, with the error, never with a number.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import dashboard, data, exports, flags, imports, readme, shell, wide
from bench.record import Record, not_run, read_json, read_loadtest, write_json
from bench.server import Server

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
SIZES = (100_000, 1_000_000)


def guarded(name: str, n: int, unit: str, goal: float, run: Callable[[], object]) -> list[Record]:
    """Run one benchmark; a failure becomes a 'not run' record naming the error."""
    try:
        out = run()
    except Exception as exc:  # a benchmark must never stop the others
        traceback.print_exc()
        return [not_run(name, n, unit, goal, f"failed: {type(exc).__name__}: {exc}"[:300])]
    records = out if isinstance(out, list) else [out]
    for record in records:
        print(f"  {record}", file=sys.stderr, flush=True)
    return records


def served(n: int, url: str) -> list[Record]:
    """The pages, then the download, on one dashboard server."""
    server = Server(url)
    try:
        records = guarded(
            "callback_p95",
            n,
            "ms",
            dashboard.CALLBACK_GOAL,
            lambda: dashboard.visit_pages(server, n),
        )
        records += guarded(
            "export_csv", n, "s", exports.RATIO_GOAL, lambda: exports.measure(server, n)
        )
        return records
    finally:
        server.stop()


def at_size(n: int, largest: bool) -> list[Record]:
    print(f"bench: {n:,} figures", file=sys.stderr, flush=True)
    path = data.synthetic_file(n)
    label = f"db-{n}"
    records = guarded(
        "import_sqlite", n, "s", imports.GOAL, lambda: imports.import_sqlite(n, path, keep_as=label)
    )
    records += guarded(
        "import_postgres", n, "s", imports.GOAL, lambda: imports.import_postgres(n, path)
    )
    url = f"sqlite:///{data.WORK / (label + '.db')}"
    records += guarded(
        "flags_full", n, "s", flags.FULL_GOAL, lambda: flags.flags_full(n, path, url)
    )
    if largest:
        records += guarded(
            "flags_incremental",
            n,
            "ms",
            flags.INCREMENTAL_GOAL,
            lambda: flags.flags_incremental(n, url),
        )
        records += shell_commands(n, url)
        records += served(n, url)
        records += guarded("import_wide_daily", 0, "s", wide.GOAL, wide.import_wide_daily)
    return records


def shell_commands(n: int, url: str) -> list[Record]:
    """cli_add, cli_revise, cli_retract on the n-figure database, then on the demo's."""
    records = guarded("cli_add", n, "s", shell.GOAL, lambda: shell.measure(n, url))
    demo_url, demo_n = shell.demo_database(data.WORK)
    return records + guarded(
        "cli_add", demo_n, "s", shell.GOAL, lambda: shell.measure(demo_n, demo_url)
    )


def largest_database(n: int) -> str:
    """The n-figure SQLite database a full run keeps (var/bench/db-N.db), made when missing."""
    label = f"db-{n}"
    path = data.WORK / f"{label}.db"
    if not path.exists():
        imports.ours_seconds(data.synthetic_file(n), data.sqlite_url(label))
    return f"sqlite:///{path}"


def export_only(n: int) -> list[Record]:
    """export_csv, export_csv_cold, export_csv_after_change, export_csv_after_import and
    export_memory alone, on the kept n-figure database (made when it is not there; the
    after-change rows add figures to it)."""
    server = Server(largest_database(n))
    try:
        return guarded("export_csv", n, "s", exports.RATIO_GOAL, lambda: exports.measure(server, n))
    finally:
        server.stop()


def incremental_only(n: int) -> list[Record]:
    """flags_incremental alone, on the kept n-figure database (made when it is not there; the
    benchmark's figures are added to it, each under a new id)."""
    url = largest_database(n)
    return guarded(
        "flags_incremental",
        n,
        "ms",
        flags.INCREMENTAL_GOAL,
        lambda: flags.flags_incremental(n, url),
    )


# --only NAME: the benchmarks that can run alone, each with the runner that measures it
# (a runner may measure several names at once; all it measures is recorded).
ONLY: dict[str, Callable[[int], list[Record]]] = {
    "export_csv": export_only,
    "export_csv_cold": export_only,
    "export_csv_after_change": export_only,
    "export_csv_after_import": export_only,
    "export_memory": export_only,
    "import_wide_daily": lambda n: guarded(
        "import_wide_daily", 0, "s", wide.GOAL, wide.import_wide_daily
    ),
    "shell": lambda n: shell_commands(n, largest_database(n)),
    "flags_incremental": incremental_only,
    "import_sqlite": lambda n: guarded(
        "import_sqlite",
        n,
        "s",
        imports.GOAL,
        lambda: imports.import_sqlite(n, data.synthetic_file(n)),
    ),
    "import_postgres": lambda n: guarded(
        "import_postgres",
        n,
        "s",
        imports.GOAL,
        lambda: imports.import_postgres(n, data.synthetic_file(n)),
    ),
}
#: Benchmarks whose size is their file's, not --sizes: run once whatever the sizes.
SIZELESS = ("import_wide_daily",)


def run_only(names: list[str], sizes: list[int], out: Path, readme_path: Path) -> int:
    """Only the named benchmarks at each size; the other records in ``out`` are kept, and
    the README table is rewritten with them all (its run time stays that of the full run)."""
    unknown = [name for name in names if name not in ONLY]
    if unknown:
        print(f"--only: no such benchmark {', '.join(unknown)} ({', '.join(ONLY)})")
        return 2
    fresh: list[Record] = []
    for name in dict.fromkeys(n for n in names if n in SIZELESS):
        fresh += ONLY[name](0)
    for n in sizes:
        for runner in dict.fromkeys(ONLY[name] for name in names if name not in SIZELESS):
            fresh += runner(n)
    records = _in_place(out, fresh)
    write_json(records, out)
    if str(readme_path) != "-":
        readme.update(
            readme_path, records, readme.full_run_minutes(readme_path), read_loadtest(out)
        )
    return 0


def _in_place(out: Path, fresh: list[Record]) -> list[Record]:
    """The stored records with each re-measured one replaced where it stood; new ones last."""
    by_key = {(r.name, r.n): r for r in fresh}
    records = [by_key.pop((r.name, r.n), r) for r in read_json(out)]
    return records + list(by_key.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in SIZES),
        help="figure counts, comma-separated (the largest gets every benchmark)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--readme", type=Path, default=ROOT / "README.md", help="README to update ('-' for none)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="few repetitions (the harness's own smoke test)"
    )
    parser.add_argument(
        "--only",
        default="",
        help="benchmark names, comma-separated (export_csv, export_csv_cold, "
        "export_csv_after_change, export_csv_after_import, export_memory, import_wide_daily, "
        "shell, import_sqlite, import_postgres): run those alone at --sizes, "
        "keep the other records of --out",
    )
    args = parser.parse_args(argv)
    if args.quick:
        dashboard.CALLS, dashboard.MIN_CALLS, flags.TRIALS, shell.TRIALS = 2, 1, 2, 2
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if args.only:
        return run_only(args.only.split(","), sizes, args.out, args.readme)
    started = time.monotonic()
    records: list[Record] = []
    for n in sizes:
        records += at_size(n, n == sizes[-1])
        write_json(records, args.out)  # what is done is kept, should a later size fail
    minutes = (time.monotonic() - started) / 60
    if str(args.readme) != "-":
        readme.update(args.readme, records, minutes, read_loadtest(args.out))
    print(f"bench: {len(records)} records in {minutes:.1f} min → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
