"""callback_p95, view_bytes and server_rss: the dashboard's pages at 1M figures.

Each page is a function of its address: Dash's page router callback renders it on the
server. callback_p95 times that callback over HTTP on the loopback (server work plus a
local round trip), p95 of several calls per page. view_bytes counts what a page sends that
depends on the data: the HTML shell and the router callback's answer (Dash's JavaScript
bundles are static, cached, and the same at any size; their size is in the note).
server_rss is the server's resident memory after every page has been visited.
"""

from __future__ import annotations

import re
from pathlib import Path

from bench.record import Record, measured
from bench.server import ROOT, Server
from bench.timing import percentile

CALLBACK_GOAL = 150.0
BYTES_GOAL = 2_000_000
RSS_GOAL = 1.5e9
CALLS = 20
PAGE_BUDGET = 40.0  # seconds of calls per page at most (at least MIN_CALLS calls)
MIN_CALLS = 3
ROUTER = "_pages_content.children"


def page_paths() -> dict[str, str]:
    """page name → address, read from the register_page calls in dashboards/pages."""
    out = {}
    for module in sorted((ROOT / "dashboards" / "pages").glob("*.py")):
        found = re.search(r'path="([^"]*)"', module.read_text())
        if found:
            out[module.stem] = found.group(1)
    return out


def router_payload(dependencies: list[dict], path: str) -> dict:
    """The request the browser sends to render the page at ``path``."""
    callback = next(c for c in dependencies if ROUTER in c["output"])
    outputs = [
        {"id": part.split(".")[0], "property": part.split(".")[1]}
        for part in callback["output"].strip(".").split("...")
    ]
    values = {"pathname": path, "search": "", "hash": "", "href": f"http://127.0.0.1{path}"}
    inputs = [{**i, "value": values.get(i["property"])} for i in callback["inputs"]]
    state = [{**s, "value": values.get(s["property"])} for s in callback["state"]]
    return {
        "output": callback["output"],
        "outputs": outputs,
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }


def _static_bytes(server: Server, html: bytes) -> int:
    scripts = re.findall(rb'src="([^"]+)"', html)
    return sum(len(server.get(src.decode())[0]) for src in scripts if src.startswith(b"/"))


def visit_pages(server: Server, n: int) -> list[Record]:
    """callback_p95 and view_bytes per page; then server_rss."""
    import json

    dependencies = json.loads(server.get("/_dash-dependencies")[0])
    records, static = [], None
    for name, path in page_paths().items():
        html, _ = server.get(path)
        static = static if static is not None else _static_bytes(server, html)
        payload = router_payload(dependencies, path)
        times, body = [], b""
        while len(times) < CALLS and (len(times) < MIN_CALLS or sum(times) < PAGE_BUDGET * 1000):
            body, seconds = server.post_json("/_dash-update-component", payload)
            times.append(seconds * 1000)
        records.append(
            measured(
                f"callback_p95:{name}",
                n,
                percentile(times, 95),
                "ms",
                CALLBACK_GOAL,
                note=f"{path}; {len(times)} calls, median {percentile(times, 50):.0f} ms",
            )
        )
        records.append(
            measured(
                f"view_bytes:{name}",
                n,
                len(html) + len(body),
                "bytes",
                BYTES_GOAL,
                note=f"{path}; HTML {len(html)} + callback "
                f"{len(body)}; static JS/CSS {static} (cached, any size)",
            )
        )
    records.append(
        measured(
            "server_rss",
            n,
            server.rss(),
            "bytes",
            RSS_GOAL,
            note="VmRSS after every page was rendered",
        )
    )
    return records


def run(n: int, url: str) -> list[Record]:
    server = Server(url)
    try:
        return visit_pages(server, n)
    finally:
        server.stop()


__all__ = ["Path", "run", "visit_pages"]
