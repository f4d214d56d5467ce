"""How every chart's toolbar behaves: in the page's language, nothing that leaves the tracker.

plotly.js's Arabic words (toolbar tooltips, its messages, month and day names) ship with the
app in ``assets/vendor/plotly-locale-ar.json`` and are handed to each chart through its
``locales`` option, so no script is fetched from a CDN. The "Share chart…" / "Edit in Chart
Studio" buttons, which upload the chart to an outside service, are switched off everywhere.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LOCALE_FILE = Path(__file__).resolve().parents[1] / "assets" / "vendor" / "plotly-locale-ar.json"
#: Buttons that send data out, or that this read-only chart has no use for.
REMOVED = ["select2d", "lasso2d", "autoScale2d", "sendDataToCloud", "editInChartStudio"]


@cache
def arabic_locale() -> dict:
    """plotly.js's locale module for Arabic (dictionary and date/number format)."""
    return json.loads(LOCALE_FILE.read_text(encoding="utf-8"))


def graph_config(lang: str, filename: str = "tracker-chart") -> dict:
    """The ``config`` of a dcc.Graph: locale, no outside-service button, image export name."""
    config: dict = {
        "displaylogo": False,
        "responsive": True,
        "scrollZoom": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "showLink": False,
        "modeBarButtonsToRemove": list(REMOVED),
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }
    if lang == "ar":
        locale = arabic_locale()
        config["locale"] = "ar"
        config["locales"] = {"ar": {"dictionary": locale["dictionary"], "format": locale["format"]}}
    return config
