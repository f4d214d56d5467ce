"""The trend chart: one series as a plain plotly figure dict.

Markers carry whiskers for the interval each claim allows; "at least" claims get an
arrow upward instead of an upper whisker; claims in a contradiction flag get a red ring,
the flag being followed (``?flag=…``) a black one. One-day counts can be drawn as bars
in a panel below the cumulative lines. The dict is built without plotly's validation,
which costs more than the data: pages must answer fast.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboards.components.stock_band import stock_band_traces
from dashboards.components.style import (
    BAND_FILL,
    BAND_LINE,
    FLAG_RING,
    FOLLOWED_RING,
    source_index,
    source_style,
)
from dashboards.i18n import t
from tracker.domain.vocabularies import Vocabularies
from tracker.views.format import chart_text, fmt_date
from tracker.views.trends import TrendView

DAY_MS = 86_400_000
FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans Arabic', Tahoma, sans-serif"
MAIN_AXES = {"xaxis": "x", "yaxis": "y"}


@dataclass(frozen=True)
class Panels:
    """The points split between the main panel and the daily bars below it."""

    points: pd.DataFrame
    main: pd.DataFrame
    bars: pd.DataFrame

    @property
    def two(self) -> bool:
        return not self.bars.empty and not self.main.empty

    @property
    def bar_axes(self) -> dict[str, str]:
        return {"xaxis": "x2", "yaxis": "y2"} if self.two else dict(MAIN_AXES)


def _panels(points: pd.DataFrame, daily_as_bars: bool) -> Panels:
    daily = points[points["kind"] == "daily"] if not points.empty else points
    main = points[points["kind"] != "daily"] if not points.empty else points
    if not daily_as_bars or main.empty:
        return Panels(points, points, points.iloc[0:0])
    return Panels(points, main, daily)


def _none_gaps(frame: pd.DataFrame, columns: list[str]) -> dict[str, list]:
    """Points of several groups as one trace, with a gap (None) between groups."""
    out: dict[str, list] = {c: [] for c in columns}
    if frame.empty:
        return out
    frame = frame.reset_index(drop=True)
    values = {c: frame[c].tolist() for c in columns}
    x = frame["x"]
    groups = frame.groupby("group", sort=True).indices
    for key in sorted(groups):
        order = _by_x(x, groups[key])
        for c in columns:
            column = values[c]
            out[c].extend(column[i] for i in order)
            out[c].append(None)
    return out


def _by_x(x: pd.Series, positions: np.ndarray) -> np.ndarray:
    """The positions of one group, sorted by x as ``DataFrame.sort_values("x")`` sorts the
    group (pandas' own argsort: quicksort of the dates, missing ones last), without building
    a frame per group (a series of a few hundred windows made as many frames)."""
    dates = x.to_numpy()[positions]
    if not isinstance(x.dtype, np.dtype) or x.dtype.kind != "M" or np.isnat(dates).any():
        return x.iloc[positions].sort_values().index.to_numpy()
    return positions[np.argsort(dates, kind="quicksort")]


def _dates(values: Iterable) -> list:
    return [
        None
        if v is None or (isinstance(v, float) and math.isnan(v))
        else pd.Timestamp(v).strftime("%Y-%m-%d")
        for v in values
    ]


def _numbers(values: Iterable) -> list:
    return [
        None if v is None or (isinstance(v, float) and not math.isfinite(v)) else float(v)
        for v in values
    ]


def _top(view: TrendView) -> float:
    """The highest finite value drawn (claims and bands), at least a positive 1."""
    points = view.points
    values = [v for v in points["y"].tolist() if math.isfinite(v)] if not points.empty else []
    values += [v for v in points["high"].tolist() if math.isfinite(v)] if not points.empty else []
    for band in view.bands:
        values += [v for v in band["high"] + band["low"] if v is not None and math.isfinite(v)]
    top = max(values) if values else 1.0
    return top if top > 0 else 1.0


def band_traces(view: TrendView, lang: str, y_max: float) -> list[dict]:
    """The reconciled band and its headline: for a flow, low and high lines shaded between;
    for a stock, a bar at each date (see :mod:`dashboards.components.stock_band`)."""
    data: list[dict] = []
    for i, band in enumerate(view.bands):
        name = (
            t("band_since", lang, date=fmt_date(band["window_start"], lang))
            if band["window_start"] is not None
            else t("band", lang)
        )
        if band["measure"] == "stock":  # a count at dates: bars there, nothing between
            data += stock_band_traces(band, i, name, lang, y_max)
            continue
        highs = [min(h, y_max) if math.isfinite(h) else y_max for h in band["high"]]
        x = _dates(band["date"])
        line = {"width": 0.5, "color": BAND_LINE}
        data.append(
            {
                "type": "scatter",
                **MAIN_AXES,
                "x": x,
                "y": _numbers(band["low"]),
                "mode": "lines",
                "line": line,
                "hoverinfo": "skip",
                "showlegend": False,
                "legendgroup": f"band{i}",
            }
        )
        data.append(
            {
                "type": "scatter",
                **MAIN_AXES,
                "x": x,
                "y": highs,
                "mode": "lines",
                "line": dict(line),
                "fill": "tonexty",
                "fillcolor": BAND_FILL,
                "name": name,
                "legendgroup": f"band{i}",
                "hovertemplate": chart_text(f"{name}<br>%{{x}}", lang) + "<extra></extra>",
            }
        )
        headline = _numbers(band["headline"])
        if any(h is not None for h in headline):
            data.append(
                {
                    "type": "scatter",
                    **MAIN_AXES,
                    "x": x,
                    "y": headline,
                    "mode": "lines",
                    "line": {"width": 1.5, "color": BAND_LINE, "dash": "dot"},
                    "name": t("band_headline", lang),
                    "legendgroup": f"band{i}",
                    "hovertemplate": chart_text(t("band_headline", lang) + ": %{y:,.0f}", lang)
                    + "<extra></extra>",
                }
            )
    return data


def _source_trace(mine: pd.DataFrame, source: str, name: str, style: dict[str, str]) -> dict:
    """One source's claims: markers with whiskers, lines within one window start."""
    g = _none_gaps(mine, ["x", "y", "err_plus", "err_minus", "hover", "figure_id"])
    return {
        "type": "scatter",
        **MAIN_AXES,
        "x": _dates(g["x"]),
        "y": _numbers(g["y"]),
        "mode": "lines+markers",
        "name": name,
        "legendgroup": source,
        "line": {"color": style["color"], "dash": style["dash"], "width": 1.5},
        "marker": {
            "symbol": style["symbol"],
            "size": 10,
            "color": style["color"],
            "line": {"width": 1, "color": "white"},
        },
        "error_y": {
            "type": "data",
            "symmetric": False,
            "array": _numbers(g["err_plus"]),
            "arrayminus": _numbers(g["err_minus"]),
            "color": style["color"],
            "thickness": 1.3,
            "width": 5,
        },
        "hovertext": g["hover"],
        "hoverinfo": "text",
        "customdata": g["figure_id"],
        "connectgaps": False,
    }


def _arrow_traces(
    open_ended: pd.DataFrame, source: str, name: str, style: dict[str, str], arrow: float
) -> list[dict]:
    """Open-ended claims ("at least"): a line and an arrowhead upward, no upper whisker."""
    xs, ys = [], []
    for x, y in zip(open_ended["x"].tolist(), open_ended["y"].tolist(), strict=True):
        xs += [x, x, None]
        ys += [y, y + arrow, None]
    return [
        {
            "type": "scatter",
            **MAIN_AXES,
            "x": _dates(xs),
            "y": _numbers(ys),
            "mode": "lines",
            "line": {"color": style["color"], "width": 1.3},
            "hoverinfo": "skip",
            "showlegend": False,
            "legendgroup": source,
        },
        {
            "type": "scatter",
            **MAIN_AXES,
            "x": _dates(open_ended["x"].tolist()),
            "y": _numbers((open_ended["y"] + arrow).tolist()),
            "mode": "markers",
            "marker": {"symbol": "triangle-up", "size": 9, "color": style["color"]},
            "hovertext": open_ended["hover"].tolist(),
            "hoverinfo": "text",
            "customdata": open_ended["figure_id"].tolist(),
            "showlegend": False,
            "legendgroup": source,
            "name": name,
        },
    ]


def source_traces(main: pd.DataFrame, vocab: Vocabularies, arrow: float) -> list[dict]:
    """Each source's claims in the main panel, in the registry's order."""
    data: list[dict] = []
    if main.empty:
        return data
    for source in sorted(main["source"].unique(), key=lambda s: source_index(vocab, s)):
        mine = main[main["source"] == source]
        style = source_style(vocab, source)
        name = mine["source_label"].iloc[0]
        data.append(_source_trace(mine, source, name, style))
        open_ended = mine[mine["open_ended"]]
        if not open_ended.empty:
            data += _arrow_traces(open_ended, source, name, style, arrow)
    return data


def bar_traces(panels: Panels, vocab: Vocabularies, lang: str) -> list[dict]:
    """One-day counts as bars in the panel below, a pattern per source."""
    bars = panels.bars
    data: list[dict] = []
    for source in sorted(bars["source"].unique(), key=lambda s: source_index(vocab, s)):
        mine = bars[bars["source"] == source].sort_values("x")
        style = source_style(vocab, source)
        data.append(
            {
                "type": "bar",
                **panels.bar_axes,
                "x": _dates(mine["x"].tolist()),
                "y": _numbers(mine["y"].tolist()),
                "width": [DAY_MS * 0.6] * len(mine),
                "offsetgroup": source,
                "name": f"{mine['source_label'].iloc[0]} · {t('daily_panel', lang)}",
                "legendgroup": source,
                "marker": {
                    "color": style["color"],
                    "pattern": {
                        "shape": style["pattern"],
                        "fillmode": "overlay",
                        "fgcolor": "rgba(255, 255, 255, 0.8)",
                        "size": 7,
                        "solidity": 0.25,
                    },
                },
                "error_y": {
                    "type": "data",
                    "symmetric": False,
                    "array": _numbers(mine["err_plus"].tolist()),
                    "arrayminus": _numbers(mine["err_minus"].tolist()),
                    "color": "#333",
                    "thickness": 1,
                    "width": 3,
                },
                "hovertext": mine["hover"].tolist(),
                "hoverinfo": "text",
                "customdata": mine["figure_id"].tolist(),
            }
        )
    return data


def ring_traces(
    frame: pd.DataFrame, panels: Panels, name: str, colour: str, size: int, width: float
) -> list[dict]:
    """Open circles around the given claims, in whichever panel each is drawn."""
    parts = (
        (
            (MAIN_AXES, frame[frame["kind"] != "daily"]),
            (panels.bar_axes, frame[frame["kind"] == "daily"]),
        )
        if panels.two
        else ((MAIN_AXES, frame),)
    )
    data: list[dict] = []
    for axes, part in parts:
        if part.empty:
            continue
        data.append(
            {
                "type": "scatter",
                **axes,
                "x": _dates(part["x"].tolist()),
                "y": _numbers(part["y"].tolist()),
                "mode": "markers",
                "name": name,
                "marker": {
                    "symbol": "circle-open",
                    "size": size,
                    "color": colour,
                    "line": {"width": width, "color": colour},
                },
                "hovertext": part["hover"].tolist(),
                "hoverinfo": "text",
                "customdata": part["figure_id"].tolist(),
                "legendgroup": name,
                "showlegend": not data,
            }
        )
    return data


#: Under this many days between the first and the last date, a tick a day at most.
FEW_DAYS = 8


def date_ticks(lang: str, days: float | None = None) -> dict:
    """The date axis's ticks: plotly picks them for the width of the window (``nticks``
    caps them so labels never touch on a phone), each labelled in the format of its spacing
    (day, month, year: ``tick_day``, ``tick_month``, ``tick_year`` of words.csv); a span of a
    few days gets one tick a day, never hours labelled with the same date."""
    stops = [
        {"dtickrange": [None, "M1"], "value": t("tick_day", lang)},
        {"dtickrange": ["M1", "M12"], "value": t("tick_month", lang)},
        {"dtickrange": ["M12", None], "value": t("tick_year", lang)},
    ]
    ticks: dict = {"tickformatstops": stops, "nticks": 8, "ticklabeloverflow": "hide past div"}
    if days is not None and days < FEW_DAYS:
        ticks.update({"dtick": DAY_MS, "tick0": "2000-01-01"})
    return ticks


def _span_days(data: list[dict]) -> float | None:
    """Days between the first and the last date the traces draw."""
    dates = pd.to_datetime(
        pd.Series([x for trace in data for x in (trace.get("x") or [])], dtype=object),
        errors="coerce",
    ).dropna()
    return (dates.max() - dates.min()) / pd.Timedelta(days=1) if len(dates) else None


def chart_layout(lang: str, y_max: float, two_panels: bool, days: float | None = None) -> dict:
    """Axes, legend and fonts; Arabic puts the count axis and the legend on the right."""
    ar = lang == "ar"
    axis = {
        "showgrid": True,
        "gridcolor": "#eee",
        "linecolor": "#999",
        "automargin": True,
        "zeroline": False,
    }
    x_axis = {
        **axis,
        "type": "date",
        **date_ticks(lang, days),
        "hoverformat": "%Y-%m-%d",
    }
    y_axis = {**axis, "rangemode": "tozero", "tickformat": ",d", "side": "right" if ar else "left"}
    layout = {
        "height": 520 if two_panels else 440,
        # room above the plot for the toolbar, so it covers no axis label (issue #12)
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"family": FONT, "size": 13, "color": "#222"},
        "hovermode": "closest",
        "hoverlabel": {"align": "right" if ar else "left", "font": {"family": FONT}},
        "dragmode": False,
        "barmode": "group",
        "showlegend": True,
        "legend": {
            "orientation": "h",
            "yanchor": "top",
            "y": -0.08,
            "x": 1 if ar else 0,
            "xanchor": "right" if ar else "left",
            "font": {"size": 12},
        },
        "xaxis": {
            **x_axis,
            "anchor": "y",
            "domain": [0, 1],
            **({"showticklabels": False} if two_panels else {}),
        },
        "yaxis": {
            **y_axis,
            "anchor": "x",
            "domain": [0.36, 1] if two_panels else [0, 1],
            "range": [0, y_max],
            "title": {"text": t("axis_count", lang)},
        },
    }
    if two_panels:
        layout["xaxis2"] = {**x_axis, "anchor": "y2", "domain": [0, 1], "matches": "x"}
        layout["yaxis2"] = {
            **y_axis,
            "anchor": "x2",
            "domain": [0, 0.28],
            "title": {"text": t("daily_panel", lang)},
        }
    return layout


def build_figure(
    view: TrendView, vocab: Vocabularies, lang: str, daily_as_bars: bool = True
) -> dict:
    """The chart of one series: the band behind, each source's claims, the daily bars below,
    then the rings of flagged claims and of the followed flag's."""
    panels = _panels(view.points, daily_as_bars)
    top = _top(view)
    y_max = top * 1.18
    data = band_traces(view, lang, y_max)
    data += source_traces(panels.main, vocab, top * 0.10)
    if not panels.bars.empty:
        data += bar_traces(panels, vocab, lang)
    points = view.points
    if not points.empty:
        flagged, followed = points[points["flagged"]], points[points["highlighted"]]
        data += ring_traces(flagged, panels, t("in_flag", lang), FLAG_RING, 20, 2.5)
        data += ring_traces(followed, panels, t("followed_flag", lang), FOLLOWED_RING, 28, 3)
    return {"data": data, "layout": chart_layout(lang, y_max, panels.two, _span_days(data))}
