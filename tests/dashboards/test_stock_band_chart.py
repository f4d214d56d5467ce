"""A stock's band is drawn at its dates only: a bar per date, never a line or shading across the
days between (issue #16, build item 4). Flows keep their shaded band."""

from __future__ import annotations

from datetime import date

import pandas as pd
from dash import dcc

from dashboards.components.chart import band_traces
from dashboards.pages import trends
from tests.dashboards.test_pages import text, walk
from tracker.views.trends import TrendView, band_lines


def band_frame(measure: str, start: date | None, rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "measure": measure, "window_start": start, "window_start_assumed": False,
                "date": pd.Timestamp(d), "low": low, "high": high, "headline": head,
                "n_claims": 1,
            }
            for d, low, high, head in rows
        ]
    )  # fmt: skip


def segments(trace: dict) -> list[tuple]:
    """The (x, y low, y high) bars of a trace drawn as pairs of points between gaps."""
    xs, ys = trace["x"], trace["y"]
    out = []
    for i in range(0, len(xs), 3):
        assert xs[i + 2] is None and ys[i + 2] is None
        assert xs[i] == xs[i + 1]
        out.append((xs[i], ys[i], ys[i + 1]))
    return out


STOCK = band_frame(
    "stock",
    None,
    [
        (date(2018, 7, 4), 0, 59000, 59000),
        (date(2018, 7, 5), 54000, 66000, 60000),
        (date(2018, 7, 8), 150, 200, 150),
    ],
)


def test_a_stock_band_is_a_bar_at_each_date_and_nothing_between():
    view = TrendView("at_border", "all", "SY12", bands=band_lines(STOCK))
    data = band_traces(view, "en", 80000.0)
    assert not any(t.get("fill") for t in data)
    band = next(t for t in data if t["name"] == "Reconciled band")
    assert segments(band) == [
        ("2018-07-04", 0.0, 59000.0),
        ("2018-07-05", 54000.0, 66000.0),
        ("2018-07-08", 150.0, 200.0),
    ]
    headline = next(t for t in data if t["name"] == "Headline")
    assert headline["mode"] == "markers"
    assert headline["x"] == ["2018-07-04", "2018-07-05", "2018-07-08"]


def test_a_flow_band_stays_shaded_between_its_dates():
    flow = band_frame(
        "flow",
        date(2018, 6, 19),
        [(date(2018, 6, 27), 40, 110, 40), (date(2018, 6, 30), 113, 139, 126)],
    )
    data = band_traces(
        TrendView("killed", "civilians", "SY12", bands=band_lines(flow)), "en", 200.0
    )
    assert [t.get("fill") for t in data if t.get("fill")] == ["tonexty"]


def test_the_trend_page_of_a_stock_on_the_demo_draws_its_dated_bars(dash_store):
    stored = dash_store.bands()
    stored = stored[(stored["metric"] == "at_border") & (stored["location"] == "SY12")]
    expected = sorted(pd.to_datetime(stored["date"]).dt.strftime("%Y-%m-%d"))
    for lang in ("en", "ar"):
        page = trends.layout(
            dash_store, metric="at_border", population="all", location="SY12", lang=lang
        )
        graph = next(c for c in walk(page) if isinstance(c, dcc.Graph))
        bars = [t for t in graph.figure["data"] if t.get("legendgroup") == "band0"][0]
        assert [x for x, _, _ in segments(bars)] == expected
        assert not any(t.get("fill") for t in graph.figure["data"])
    assert "Displaced at the border · All people · Dar'a" in text(
        trends.layout(dash_store, metric="at_border", population="all", location="SY12")
    )
