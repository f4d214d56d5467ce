"""What the load test's clients ask for: the requests a person's browser sends, built from
the app's own callback map and from figures that are in the database.

A visit opens a page (its HTML), then sends the callback Dash's page router fires to
render it (``_pages_content.children`` for that address, sometimes with filters, as after a
change of the controls); now and then a reader types in the area control (the
``location`` options callback), clicks a claim on the trends chart (the claim-details
callback, with a stored figure id) or downloads a file (filtered, as data desks do, and now
and then the whole figures file). Every payload is read off ``/_dash-dependencies``, so it
is the request the browser sends, never a guessed one.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd

from bench.dashboard import page_paths

ROUTER = "_pages_content.children"
AREA = '{"name":"location","type":"qp"}.options'
DETAILS = "claim-details.children"
TYPED = ("dar", "hom", "SY14", "aleppo", "درعا", "حمص", "idl", "raq")
#: (kind, what, weight): how often a request is one of these, next to one page visit.
EXTRAS = (("area", 0.3), ("details", 0.3), ("download", 0.25), ("download_all", 0.01))


@dataclass(frozen=True)
class Request:
    """One request: ``kind`` is page, callback or download; ``name`` what it is."""

    kind: str
    name: str
    path: str
    payload: dict | None = None


@dataclass
class Sample:
    """Real values to put in requests: from a sample of the stored figures."""

    filters: list[dict[str, str]] = field(default_factory=list)
    figure_ids: list[str] = field(default_factory=list)


def sample_of(csv: Path, k: int = 200, seed: int = 0) -> Sample:
    """Filters (metric, location, source) and figure ids of k figures of the base file."""
    rows = pd.read_csv(csv, usecols=["figure_id", "metric", "location", "source"], dtype=str)
    rows = rows.sample(n=min(k, len(rows)), random_state=seed)
    filters = []
    for r in rows.to_dict("records"):
        filters += [
            {"metric": r["metric"]},
            {"metric": r["metric"], "location": r["location"]},
            {"source": r["source"]},
        ]
    return Sample(filters, rows["figure_id"].tolist())


def _outputs(output: str) -> list[dict] | dict:
    """Dash's ``outputs``: a list for a multi-output callback (``..a.b...c.d..``), else one."""
    out = []
    for part in output.strip(".").split("..."):
        ident, prop = part.rsplit(".", 1)
        out.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})
    return out if output.startswith("..") else out[0]


def _payload(callback: dict, values: dict[str, object]) -> dict:
    """The body Dash's renderer posts for ``callback`` with these property values."""

    def filled(items: list[dict]) -> list[dict]:
        return [{**i, "value": values.get(i["property"])} for i in items]

    inputs, state = filled(callback["inputs"]), filled(callback["state"])
    first = inputs[0]
    ident = first["id"]
    key = (
        json.dumps(ident, separators=(",", ":"), sort_keys=True)
        if isinstance(ident, dict)
        else ident
    )
    return {
        "output": callback["output"],
        "outputs": _outputs(callback["output"]),
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{key}.{first['property']}"],
    }


class Mix:
    """Draws the next requests of a client: a page visit and sometimes one more request."""

    def __init__(self, dependencies: list[dict], sample: Sample, seed: int) -> None:
        by_output = {c["output"]: c for c in dependencies}
        self.router = by_output[next(o for o in by_output if ROUTER in o)]
        self.area_cb = by_output[AREA]
        self.details_cb = by_output[DETAILS]
        self.pages = list(page_paths().values())
        self.sample = sample
        self.rng = random.Random(seed)

    def _search(self) -> str:
        params: dict[str, str] = {}
        if self.rng.random() < 0.5 and self.sample.filters:
            params.update(self.rng.choice(self.sample.filters))
        if self.rng.random() < 0.2:
            params["lang"] = "ar"
        return "?" + urlencode(params) if params else ""

    def visit(self) -> list[Request]:
        """A page's HTML, then its router callback; perhaps one more request."""
        path, search = self.rng.choice(self.pages), self._search()
        href = f"http://127.0.0.1{path}{search}"
        values = {"pathname": path, "search": search, "hash": "", "href": href}
        name = path.strip("/") or "overview"
        out = [
            Request("page", name, path + search),
            Request(
                "callback",
                f"router:{name}",
                "/_dash-update-component",
                _payload(self.router, values),
            ),
        ]
        extra = self._extra(search)
        return out + ([extra] if extra else [])

    def _extra(self, search: str) -> Request | None:
        roll = self.rng.random()
        for what, weight in EXTRAS:
            if roll < weight:
                return getattr(self, what)(search)
            roll -= weight
        return None

    def area(self, search: str) -> Request:
        values = {"search_value": self.rng.choice(TYPED), "value": None, "search": search}
        return Request(
            "callback", "area_search", "/_dash-update-component", _payload(self.area_cb, values)
        )

    def details(self, search: str) -> Request:
        figure = self.rng.choice(self.sample.figure_ids)
        click = {"points": [{"curveNumber": 0, "pointNumber": 0, "customdata": figure}]}
        values = {"clickData": click, "search": search}
        return Request(
            "callback",
            "claim_details",
            "/_dash-update-component",
            _payload(self.details_cb, values),
        )

    def download(self, search: str) -> Request:
        name = self.rng.choice(("figures.csv", "flags.csv", "series.csv", "sources.csv"))
        return Request("download", name, f"/download/{name}{search}")

    def download_all(self, search: str) -> Request:
        return Request("download", "figures.csv (all)", "/download/figures.csv")
