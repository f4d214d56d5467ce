"""The trend's hover labels read from the right in Arabic (newcomer walk, finding 4): S07's
"19–29 حزيران 2018" showed as "(حزيران 2018 29–19)" and "يتيح: 90–110" as "يتيح 110–90"."""

from __future__ import annotations

from dash import dcc

from dashboards.pages import trends
from tests.dashboards.test_pages import walk
from tracker.views.format import LRI, PDI

RLM = "\u200f"  # RIGHT-TO-LEFT MARK

SERIES = {"metric": "killed", "population": "civilians", "location": "SY12"}


def hovers(page) -> list[str]:
    graph = next(c for c in walk(page) if isinstance(c, dcc.Graph))
    out = []
    for trace in graph.figure["data"]:
        texts = trace.get("hovertext") or []
        out += [h for h in (texts if isinstance(texts, list) else [texts]) if h]
        if trace.get("hovertemplate"):
            out.append(trace["hovertemplate"].removesuffix("<extra></extra>"))
    return out


def test_every_arabic_hover_line_reads_from_the_right(dash_store):
    labels = hovers(trends.layout(dash_store, lang="ar", **SERIES))
    s07 = next(h for h in labels if "S07" in h)
    assert f"{LRI}19–29{PDI}" in s07 and f"{LRI}90–110{PDI}" in s07
    lines = [line for h in labels for line in h.split("<br>")]
    assert lines and all(line.startswith(RLM) and line.endswith(RLM) for line in lines)


def test_english_hover_lines_carry_no_marks(dash_store):
    labels = hovers(trends.layout(dash_store, **SERIES))
    assert labels and not any(RLM in h or LRI in h for h in labels)
