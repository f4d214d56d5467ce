"""Citeable chart exports: the image carries its title, sources, period, "data as of",
licence and the page's address, as OWID's and HDX's charts do.

The page puts what a citation needs on the chart's wrapper (``data-cite``, JSON); the
browser script ``assets/cite_export.js`` draws it above and below a copy of the chart when a
reader asks for a PNG or an SVG (plotly.js renders it locally: nothing leaves the host), and
the "copy link" button copies the address of the view.
"""

from __future__ import annotations

import json

import pandas as pd
from dash import html

from dashboards.i18n import t
from tracker.domain.vocabularies import Vocabularies
from tracker.publish.citation import LICENCE
from tracker.views.format import fmt_date, source_name


def citation(
    points: pd.DataFrame, vocab: Vocabularies, lang: str, title: str, as_of: object
) -> dict[str, str]:
    """The lines an exported chart carries, in the page's language."""
    sources = sorted({source_name(vocab, s, lang) for s in points.get("source", [])})
    dates = pd.to_datetime(points.get("x", pd.Series(dtype=object)), errors="coerce").dropna()
    period = f"{fmt_date(dates.min(), lang)} – {fmt_date(dates.max(), lang)}" if len(dates) else ""
    sep = "، " if lang == "ar" else ", "
    return {
        "title": title,
        "sources": f"{t('cite_sources', lang)}: {sep.join(sources)}",
        "period": f"{t('cite_period', lang)}: {period}",
        "as_of": f"{t('cite_as_of', lang)}: {fmt_date(as_of, lang)}",
        "licence": f"{t('cite_licence', lang)}: {LICENCE['name']} ({LICENCE['path']})",
        "url_label": t("cite_url", lang),
    }


def cite_controls(meta: dict[str, str], lang: str) -> html.Div:
    """Buttons: image with citation (PNG, SVG) and copy the link to this view."""
    return html.Div(
        [
            html.Button(t("cite_png", lang), className="cite-export", **{"data-format": "png"}),
            html.Button(t("cite_svg", lang), className="cite-export", **{"data-format": "svg"}),
            html.Button(t("copy_link", lang), className="copy-link", id="copy-link"),
        ],
        className="cite-controls",
        **{"data-cite": json.dumps(meta, ensure_ascii=False)},
    )
