"""A stock's reconciled band on the trend chart: a bar at each dated band row, never a line.

A stock counts people at one moment (DESIGN §1: measure ``stock``), so its band exists only at
the dates its claims give (``tracker.domain.reconcile.band``); between two dates nobody said
anything, and a line or shading across those days would invent counts. Each date is drawn as a
shaded vertical bar from the band's low to its high, and the headline as a marker on it.
"""

from __future__ import annotations

import math

import pandas as pd

from dashboards.components.style import BAND_FILL, BAND_LINE
from dashboards.i18n import t
from tracker.views.format import chart_text

MAIN_AXES = {"xaxis": "x", "yaxis": "y"}
BAR_WIDTH = 12  # pixels: wide enough to read as an interval, narrow enough for daily dates


def _number(value: float | None, cap: float) -> float | None:
    """A bound as plotted: None when unknown, an unbounded high drawn up to the chart's top."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return min(float(value), cap) if math.isfinite(value) else cap


def stock_band_traces(band: dict, i: int, name: str, lang: str, y_max: float) -> list[dict]:
    """One stock band (see :func:`tracker.views.trends.band_lines`) as a bar per date (low to
    high, a gap between dates) and its headline as markers: nothing is drawn between dates."""
    xs: list[str | None] = []
    ys: list[float | None] = []
    for day, low, high in zip(band["date"], band["low"], band["high"], strict=True):
        when = pd.Timestamp(day).strftime("%Y-%m-%d")
        xs += [when, when, None]
        ys += [_number(low, y_max), _number(high, y_max), None]
    data = [
        {
            "type": "scatter",
            **MAIN_AXES,
            "x": xs,
            "y": ys,
            "mode": "lines",
            "line": {"width": BAR_WIDTH, "color": BAND_FILL},
            "connectgaps": False,
            "name": name,
            "legendgroup": f"band{i}",
            "hovertemplate": chart_text(f"{name}<br>%{{x}}: %{{y:,.0f}}", lang) + "<extra></extra>",
        }
    ]
    dates = [pd.Timestamp(d).strftime("%Y-%m-%d") for d in band["date"]]
    heads = [_number(h, y_max) for h in band["headline"]]
    if any(h is not None for h in heads):
        data.append(
            {
                "type": "scatter",
                **MAIN_AXES,
                "x": dates,
                "y": heads,
                "mode": "markers",
                "marker": {
                    "symbol": "line-ew",
                    "size": 16,
                    "line": {"width": 2, "color": BAND_LINE},
                },
                "name": t("band_headline", lang),
                "legendgroup": f"band{i}",
                "hovertemplate": chart_text(t("band_headline", lang) + ": %{y:,.0f}", lang)
                + "<extra></extra>",
            }
        )
    return data
