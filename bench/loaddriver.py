"""The load: client threads that send a Mix's requests to a loopback server for a while,
each waiting a think time between visits, and the timings they recorded."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

from bench.loadmix import Mix, Request
from bench.timing import percentile

LOOPBACK = "127.0.0.1"
TIMEOUT = 60.0


def check_loopback(base: str) -> None:
    """The load never leaves the host: refuse any target but 127.0.0.1."""
    if urlsplit(base).hostname != LOOPBACK:
        raise ValueError(f"load target {base!r} is not on {LOOPBACK}")


@dataclass
class Timings:
    """Seconds per request kind, and the errors seen (status or exception, with the path)."""

    seconds: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.seconds.setdefault(kind, []).append(seconds)
            if error:
                self.errors.setdefault(kind, []).append(error)

    def summary(self, elapsed: float) -> dict:
        """requests/s overall; count, p50/p95/p99 (ms) and errors per kind."""
        kinds = {}
        for kind, values in sorted(self.seconds.items()):
            ms = [v * 1000 for v in values]
            errors = self.errors.get(kind, [])
            kinds[kind] = {
                "requests": len(ms),
                "p50_ms": round(percentile(ms, 50), 1),
                "p95_ms": round(percentile(ms, 95), 1),
                "p99_ms": round(percentile(ms, 99), 1),
                "errors": len(errors),
                "error_samples": sorted(set(errors))[:5],
            }
        main = [k for name, k in kinds.items() if ":" not in name]  # page, callback, download
        total = sum(k["requests"] for k in main)
        return {
            "requests": total,
            "requests_per_s": round(total / elapsed, 1) if elapsed else 0.0,
            "errors": sum(k["errors"] for k in main),
            "kinds": kinds,
        }


def send(session: requests.Session, base: str, request: Request) -> str | None:
    """One request, its body read to the end; an error in words, or None."""
    try:
        if request.payload is None:
            answer = session.get(base + request.path, timeout=TIMEOUT, stream=True)
        else:
            answer = session.post(
                base + request.path, json=request.payload, timeout=TIMEOUT, stream=True
            )
        for _ in answer.iter_content(1 << 16):
            pass
        if answer.status_code >= 400:
            return f"{answer.status_code} {request.name} {request.path[:80]}"
    except requests.RequestException as exc:
        return f"{type(exc).__name__} {request.name} {request.path[:80]}"
    return None


def client(base: str, mix: Mix, stop: float, think: float, timings: Timings, seed: int) -> None:
    """One reader: visits until ``stop`` (monotonic), thinking 0.5–1.5 × ``think`` between."""
    rng = random.Random(seed)
    with requests.Session() as session:
        while time.monotonic() < stop:
            for request in mix.visit():
                start = time.perf_counter()
                error = send(session, base, request)
                seconds = time.perf_counter() - start
                timings.add(request.kind, seconds, error)
                timings.add(f"{request.kind}:{request.name}", seconds, error)
            time.sleep(think * rng.uniform(0.5, 1.5))


def drive(base: str, mixes: list[Mix], seconds: float, think: float) -> dict:
    """len(mixes) clients for ``seconds``; the summary of what they measured."""
    check_loopback(base)
    timings = Timings()
    started = time.monotonic()
    stop = started + seconds
    threads = [
        threading.Thread(target=client, args=(base, mix, stop, think, timings, i), daemon=True)
        for i, mix in enumerate(mixes)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + TIMEOUT + 30)
    return timings.summary(time.monotonic() - started)
