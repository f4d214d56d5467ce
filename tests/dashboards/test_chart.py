"""The trend chart drawn from a series' points (see tests/views/test_trend_points.py)."""

from __future__ import annotations

import json

from dashboards.components.chart import build_figure
from dashboards.components.style import SYMBOLS, source_style
from tests.views.test_trend_points import FLAGS, ROWS, claims
from tracker.views.trends import TrendView, trend_points


def test_the_chart_tells_sources_apart_by_shape_and_dash(vocab):
    points = trend_points(claims(ROWS), vocab, "en", FLAGS, {"R120"})
    view = TrendView("killed", "civilians", "SY12", points=points, bands=[], filters=None)
    fig = build_figure(view, vocab, "en", daily_as_bars=True)
    traces = fig["data"]
    named = {
        t["name"]: t for t in traces if t.get("showlegend") is not False and t["type"] == "scatter"
    }
    sohr, snhr = named["SOHR"], named["SNHR"]
    assert sohr["marker"]["symbol"] != snhr["marker"]["symbol"]
    assert sohr["line"]["dash"] != snhr["line"]["dash"]
    assert sohr["marker"]["color"] != snhr["marker"]["color"]
    arrows = [t for t in traces if t.get("marker", {}).get("symbol") == "triangle-up"]
    assert arrows and list(arrows[0]["customdata"]) == ["R120"]
    bars = [t for t in traces if t["type"] == "bar"]
    assert bars and bars[0]["yaxis"] == "y2"  # one-day counts in their own panel
    # the pattern lies over the source's colour (with "replace" the bars drew empty)
    assert bars[0]["marker"]["pattern"]["fillmode"] == "overlay"
    assert "yaxis2" in fig["layout"]
    names = {t.get("name") for t in traces}
    assert "In a flagged disagreement" in names and "The flag you followed" in names
    together = build_figure(view, vocab, "en", daily_as_bars=False)
    assert not [t for t in together["data"] if t["type"] == "bar"]
    json.dumps(fig)  # plain JSON, nothing for plotly to validate
    arabic = build_figure(view, vocab, "ar")
    assert arabic["layout"]["yaxis"]["side"] == "right"


def test_every_registry_source_has_its_own_shape(vocab):
    shapes = {source_style(vocab, s)["symbol"] for s in vocab.sources.index}
    assert len(shapes) == len(vocab.sources) <= len(SYMBOLS)
    assert "triangle-up" not in shapes  # reserved for "at least"


def test_date_ticks_follow_the_span_and_the_language():
    from dashboards.components.chart import DAY_MS, date_ticks

    short = date_ticks("en", 1.5)
    assert short["dtick"] == DAY_MS  # a tick a day at most: no hours labelled with one date
    long = date_ticks("ar", 400)
    assert "dtick" not in long and long["nticks"] == 8
    formats = [s["value"] for s in long["tickformatstops"]]
    assert formats == ["%d/%m", "%m/%Y", "%Y"]
    assert [s["value"] for s in short["tickformatstops"]] == ["%-d %b", "%b %Y", "%Y"]
