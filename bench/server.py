"""A dashboard server in its own process, and what the benchmarks read off it: memory from
/proc (current RSS, and the peak since a reset of the kernel's high-water mark)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOG = ROOT / "var" / "bench" / "server.log"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``python -m bench.serve`` on a loopback port; stopped by :meth:`stop`."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "TRACKER_NO_PROGRESS": "1"}
        LOG.parent.mkdir(parents=True, exist_ok=True)
        self.log = LOG.open("a", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.serve", url, str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        if "ready" not in line:
            self.stop()
            raise RuntimeError("the dashboard server did not start")

    def get(self, path: str) -> tuple[bytes, float]:
        """Body and seconds of a GET."""
        start = time.perf_counter()
        with urllib.request.urlopen(self.base + path, timeout=600) as answer:
            body = answer.read()
        return body, time.perf_counter() - start

    def stream(self, path: str, chunk: int = 1 << 20) -> tuple[int, float]:
        """Bytes and seconds of a GET read in chunks (the body is not kept)."""
        start, size = time.perf_counter(), 0
        with urllib.request.urlopen(self.base + path, timeout=1200) as answer:
            while block := answer.read(chunk):
                size += len(block)
        return size, time.perf_counter() - start

    def post_json(self, path: str, payload: dict) -> tuple[bytes, float]:
        request = urllib.request.Request(
            self.base + path,
            data=json.dumps(payload).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=600) as answer:
            body = answer.read()
        return body, time.perf_counter() - start

    def _status(self, key: str) -> int:
        """A /proc/PID/status field in bytes (VmRSS, VmHWM)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
        raise KeyError(key)

    def rss(self) -> int:
        return self._status("VmRSS")

    def peak(self) -> int:
        return self._status("VmHWM")

    def reset_peak(self) -> None:
        """Make the peak start again from the current RSS (Linux: clear_refs 5)."""
        Path(f"/proc/{self.proc.pid}/clear_refs").write_text("5")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
