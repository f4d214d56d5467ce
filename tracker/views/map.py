"""The map as a plotly figure: governorate outlines for orientation and one proportional
symbol per place (the reconciled headline, sized by value, coloured by open flags).

Counts are never drawn as a choropleth: a filled area would say the count is spread over it.
No tiles and no geo projection (the small plotly bundle has none and nothing may be fetched):
longitude and latitude are plain axes, latitude stretched by 1/cos(latitude) so shapes keep
their proportions near Syria.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd

from tracker.domain.vocabularies import Vocabularies
from tracker.views.format import chart_text, fmt_window, label, missing, place_label
from tracker.views.headline import headline_words

MAX_DIAMETER = 46  # px of the largest symbol
MIN_DIAMETER = 7
CALM, FLAGGED = "#2b6cb0", "#c53030"
MID_LATITUDE = 35.0


def symbol_sizes(values: pd.Series) -> list[float]:
    """Diameters whose areas are proportional to the values (the largest MAX_DIAMETER)."""
    top = float(values.max()) if len(values) else 0.0
    if top <= 0:
        return [MIN_DIAMETER] * len(values)
    return [max(MIN_DIAMETER, MAX_DIAMETER * math.sqrt(float(v) / top)) for v in values]


def outline_trace(outlines: dict) -> dict:
    """Every governorate's rings as one grey line trace (None between rings)."""
    lon: list = []
    lat: list = []
    for feature in outlines.get("features", []):
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                lon += [p[0] for p in ring] + [None]
                lat += [p[1] for p in ring] + [None]
    return {
        "type": "scatter", "mode": "lines", "x": lon, "y": lat, "hoverinfo": "skip",
        "line": {"color": "#9aa5b1", "width": 1}, "showlegend": False, "name": "outlines",
    }  # fmt: skip


def _counted(vocab: Vocabularies, row, lang: str) -> str:
    """What a symbol counts, in words: "Killed · All people: 46"."""
    what = " · ".join(
        label(frame, getattr(row, column), lang)
        for frame, column in ((vocab.metrics, "metric"), (vocab.populations, "population"))
        if not missing(getattr(row, column, None))
    )
    value = headline_words(vocab, row.headline_qualifier, row.headline, None, lang)
    return f"{what}: {value}" if what else value


def _window(row, lang: str) -> str:
    """The period the symbol's figure covers: "27–28 Jun 2018", "as of 4 Jul 2018"."""
    measure = getattr(row, "measure", None)
    assumed = getattr(row, "window_start_assumed", False)
    return fmt_window(
        getattr(row, "window_start", None),
        row.date,
        "" if missing(measure) else str(measure),
        lang,
        assumed=bool(assumed) and not missing(assumed),
    )


def symbol_hover(vocab: Vocabularies, row, open_flags: int, lang: str, words: dict) -> str:
    """A symbol's label: the place, what is counted and how many, the period the figure
    covers, and its open flags; in Arabic each line reads from the right."""
    lines = [
        place_label(vocab, row.location, lang),
        _counted(vocab, row, lang),
        _window(row, lang),
        f"{words['open_flags']}: {open_flags}",
    ]
    return chart_text("<br>".join(lines), lang)


def symbol_trace(
    points: pd.DataFrame, open_flags: pd.Series, vocab: Vocabularies, lang: str, words: dict
) -> dict:
    """One symbol per place with coordinates; customdata holds its P-code (click → trend)."""
    places = vocab.gazetteer
    rows = points[points["location"].isin(places.index)].copy()
    rows["lon"] = rows["location"].map(places["longitude"])
    rows["lat"] = rows["location"].map(places["latitude"])
    rows = rows.dropna(subset=["lon", "lat"]).sort_values("headline", ascending=False)
    flags = [int(open_flags.get(p, 0)) for p in rows["location"]]
    text = [
        symbol_hover(vocab, r, n, lang, words)
        for r, n in zip(rows.itertuples(), flags, strict=True)
    ]
    return {
        "type": "scatter", "mode": "markers", "x": list(rows["lon"]), "y": list(rows["lat"]),
        "customdata": list(rows["location"]), "hovertext": text, "hoverinfo": "text",
        "marker": {
            "size": symbol_sizes(rows["headline"]),
            "color": [FLAGGED if n else CALM for n in flags],
            "opacity": 0.7, "line": {"color": "white", "width": 1},
        },
        "showlegend": False, "name": "places",
    }  # fmt: skip


def credit_line(outlines: dict, lang: str) -> str:
    """The boundaries' credit in the page's language (``attribution_ar`` beside
    ``attribution`` in the outlines file), the English one when it has no translation."""
    return str(outlines.get(f"attribution_{lang}") or outlines.get("attribution", ""))


def map_figure(data, vocab: Vocabularies, lang: str, words: dict) -> dict:
    """The figure: outlines behind, symbols in front, the attribution under the map."""
    ar = lang == "ar"
    hidden = {"visible": False, "fixedrange": True}
    return {
        "data": [
            outline_trace(data.outlines),
            symbol_trace(data.bands, data.open_flags, vocab, lang, words),
        ],
        "layout": {
            "height": 560,
            "margin": {"l": 5, "r": 5, "t": 40, "b": 60},
            "xaxis": hidden,
            "yaxis": {**hidden, "scaleanchor": "x",
                      "scaleratio": 1 / math.cos(math.radians(MID_LATITUDE))},
            "plot_bgcolor": "white", "paper_bgcolor": "white", "dragmode": False,
            "hoverlabel": {"align": "right" if ar else "left"},
            "annotations": [{
                "text": chart_text(
                    "<br>".join(textwrap.wrap(credit_line(data.outlines, lang), 60)), lang
                ),
                "showarrow": False,
                "xref": "paper", "yref": "paper", "x": 1 if ar else 0, "y": -0.02,
                "xanchor": "right" if ar else "left", "yanchor": "top",
                "font": {"size": 10, "color": "#666"}, "align": "right" if ar else "left",
            }],
        },
    }  # fmt: skip
