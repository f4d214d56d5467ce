"""`make loadtest`: readers on the public pages and downloads while an import runs.

gunicorn with 4 workers (``dashboards.wsgi:server``, gthread) on the loopback address serves a
copy of a synthetic database of ``--figures`` figures, on SQLite and on PostgreSQL; ``--clients``
reader threads (:mod:`bench.loadmix`, :mod:`bench.loaddriver`) visit pages, fire the callbacks
those pages fire and download files for ``--duration`` seconds, while ``tracker import`` adds
a synthetic file of new figures to the same database. Requests/s, p50/p95/p99 per kind (page,
callback, download) and errors go to ``bench/results.json`` under ``loadtest`` (the other
benchmarks' records are kept) and to the README's load-test table.
Goal: no error, and p95 of the callbacks ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import requests

from bench import data, loaddata, readme
from bench.loaddriver import LOOPBACK, check_loopback, drive
from bench.loadmix import Mix, sample_of
from bench.record import read_loadtest, write_loadtest
from bench.server import LOG, ROOT, free_port

RESULTS = ROOT / "bench" / "results.json"
CALLBACK_GOAL_MS = 300.0
BACKENDS = ("sqlite", "postgresql")
IMPORT_GRACE = 300.0  # seconds the import may go on after the load before it is stopped


def gunicorn(url: str, workers: int) -> tuple[subprocess.Popen, str]:
    """gunicorn on a free loopback port, serving the app on ``url``; (process, base address)."""
    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    check_loopback(base)
    env = {**os.environ, "TRACKER_DB": url, "TRACKER_NO_PROGRESS": "1"}
    if url.startswith("postgresql"):  # as README recommends: a download cache for PostgreSQL
        env["TRACKER_CACHE_DIR"] = str(pg_cache(url))
    LOG.parent.mkdir(parents=True, exist_ok=True)
    with LOG.open("a", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                str(ROOT / "gunicorn.conf.py"),  # the recommended settings (gthread, 8 threads)
                "-w",
                str(workers),
                "-b",
                f"{LOOPBACK}:{port}",
                "dashboards.wsgi:server",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/healthz", timeout=5).status_code == 200:
                return proc, base
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.5)
    stop(proc)
    raise RuntimeError(f"gunicorn did not start (see {LOG})")


def pg_cache(url: str) -> Path:
    """The download cache folder of a PostgreSQL run (removed with its database)."""
    return data.WORK / (url.rsplit("/", 1)[-1].split("?")[0] + "-downloads")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def database(backend: str, n: int) -> str:
    return loaddata.sqlite_copy(n) if backend == "sqlite" else loaddata.pg_copy(n)


def run_backend(backend: str, args: argparse.Namespace) -> dict:
    """One load run on a fresh copy of the base database of this backend."""
    url = database(backend, args.figures)
    try:
        proc, base = gunicorn(url, args.workers)
        try:
            deps = requests.get(base + "/_dash-dependencies", timeout=30).json()
            sample = sample_of(data.synthetic_file(args.figures))
            mixes = [Mix(deps, sample, seed) for seed in range(args.clients)]
            env = {**os.environ, "TRACKER_DB": url, "TRACKER_NO_PROGRESS": "1"}
            started = time.monotonic()
            importer = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tracker",
                    "import",
                    str(loaddata.import_file(args.import_figures)),
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            summary = drive(base, mixes, args.duration, args.think)
            summary["loadavg_1min"] = round(os.getloadavg()[0], 2)  # the machine is shared
            try:
                _, err = importer.communicate(timeout=IMPORT_GRACE)
            except subprocess.TimeoutExpired:  # the import outlived the load by far: stopped
                importer.kill()
                _, err = importer.communicate()
                err = f"stopped {IMPORT_GRACE:g} s after the load ended. {err}"
            summary["import"] = {
                "figures": args.import_figures,
                "seconds": round(time.monotonic() - started, 1),
                "exit": importer.returncode,
                "stderr": err.strip()[-300:],
            }
        finally:
            stop(proc)
    finally:
        if backend == "postgresql":
            data.pg_drop(url)
            shutil.rmtree(pg_cache(url), ignore_errors=True)
    callback = summary["kinds"].get("callback", {})
    summary.update(
        backend=backend,
        n=args.figures,
        clients=args.clients,
        duration_s=args.duration,
        think_s=args.think,
        workers=args.workers,
        server="gunicorn gthread (8 threads), gunicorn.conf.py",
        goal_callback_p95_ms=CALLBACK_GOAL_MS,
        met=summary["errors"] == 0
        and summary["import"]["exit"] == 0
        and callback.get("p95_ms", 0.0) <= CALLBACK_GOAL_MS,
        when=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    )
    return summary


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__)
    parser.add_argument("--clients", type=int, default=None, help="reader threads (50)")
    parser.add_argument("--duration", type=float, default=None, help="seconds of load (60)")
    parser.add_argument("--figures", type=int, default=None, help="figures stored (1,000,000)")
    parser.add_argument(
        "--import-figures",
        type=int,
        default=None,
        help="figures imported during the load (2%% of --figures)",
    )
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (4)")
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean seconds a reader waits between visits (0.5–1.5 ×)",
    )
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 300 figures, 4 clients, 5 s, 2 workers"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--readme", type=Path, default=ROOT / "README.md", help="README to update ('-' for none)"
    )
    parser.add_argument(
        "--drop-base", action="store_true", help="drop the PostgreSQL base database afterwards"
    )
    args = parser.parse_args(argv)
    quick = {"clients": 4, "duration": 5.0, "figures": 300, "workers": 2}
    full = {"clients": 50, "duration": 60.0, "figures": 1_000_000, "workers": 4}
    for name, value in (quick if args.quick else full).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.import_figures is None:
        args.import_figures = max(50, args.figures // 50)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    runs = []
    for backend in args.backends.split(","):
        if backend == "postgresql" and not data.pg_available():
            runs.append({"backend": backend, "n": args.figures, "note": "no PostgreSQL server"})
            continue
        runs.append(run_backend(backend, args))
        print(json.dumps(runs[-1], indent=1)[:3000], file=sys.stderr, flush=True)
        if backend == "postgresql" and args.drop_base:
            loaddata.pg_drop_base(args.figures)
    write_loadtest(runs, args.out)
    if str(args.readme) != "-":
        readme.update_loadtest(args.readme, read_loadtest(args.out))  # every backend's last run
    return 0 if all(r.get("met") for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
