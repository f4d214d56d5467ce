"""#18 finding 2: a download or export that fails part-way never looks complete.

Over real HTTP (a threaded werkzeug server, as `tracker serve` runs) the transfer is cut:
the client gets no final chunk and sees an incomplete body, never a short file that looks
whole. `tracker export` exits non-zero, leaves no output file behind, and says why.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import ROOT
from tracker.cli import main
from tracker.publish import patch, stream


class Boom(RuntimeError):
    pass


@pytest.fixture
def failing_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every chunk of rows fails to be written, after the header has gone out: in the
    streaming writer and in the one that renders the kept whole figures.csv with its row
    index (tracker/publish/patch.py)."""

    def boom(columns):  # noqa: ANN001, ANN202
        raise Boom("cannot write this chunk")

    monkeypatch.setattr(stream, "csv_rows", boom)
    monkeypatch.setattr(patch, "csv_rows_sized", boom)


@pytest.fixture
def server(app) -> Iterator[int]:
    httpd = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_port
    finally:
        httpd.shutdown()


def fetch(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.mark.parametrize("cache", ["off", "on"])
@pytest.mark.parametrize("query", ["", "?metric=killed"])
def test_a_download_failing_midway_is_a_broken_transfer(
    server: int, failing_rows: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cache: str,
    query: str,
) -> None:  # fmt: skip
    monkeypatch.setenv("TRACKER_CACHE_DIR", "off" if cache == "off" else str(tmp_path))
    with pytest.raises((http.client.IncompleteRead, ConnectionResetError)):
        fetch(server, "/download/figures.csv" + query)
    assert not list(tmp_path.glob("figures.*.csv")), "no cached file from a failed render"


def fetch_http10(port: int, path: str) -> bytes:
    """The whole answer over HTTP/1.0 (its body ends when the connection does)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


def test_over_http10_the_connection_is_reset(
    server: int, failing_rows: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A body that ends with the connection must not end politely when the file is cut."""
    monkeypatch.setenv("TRACKER_CACHE_DIR", "off")
    with pytest.raises(ConnectionResetError):
        fetch_http10(server, "/download/figures.csv")


def test_under_gunicorn_a_failing_download_is_reset(dash_url: str, tmp_path: Path) -> None:
    """The production server (gunicorn closes politely after an error: FIN, which an HTTP/1.0
    client or proxy reads as the end of a complete file)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "TRACKER_DB": dash_url, "TRACKER_CACHE_DIR": "off"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "-w", "1", "-b", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(
        [*command, "tests.dashboards.failing_wsgi:server"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _ = fetch(port, "/healthz")
                break
            except OSError:
                time.sleep(0.3)
        with pytest.raises(ConnectionResetError):
            fetch_http10(port, "/download/figures.csv")
        with pytest.raises((http.client.IncompleteRead, ConnectionResetError)):
            fetch(port, "/download/figures.csv")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_download_that_works_is_complete(server: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CACHE_DIR", "off")
    status, body = fetch(server, "/download/figures.csv")
    assert status == 200 and body.count(b"\n") > 10


def test_export_failing_midway_exits_non_zero_and_leaves_no_file(
    dash_url: str, failing_rows: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "figures.csv"
    code = main(["--db", dash_url, "export", "-o", str(target)])
    assert code != 0
    assert not target.exists() and not list(tmp_path.iterdir())
    err = capsys.readouterr().err
    assert "export failed" in err and str(target) in err and "cannot write this chunk" in err


def test_export_to_stdout_failing_midway_exits_non_zero(
    dash_url: str, failing_rows: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", dash_url, "export"])
    assert code != 0
    assert "incomplete" in capsys.readouterr().err
