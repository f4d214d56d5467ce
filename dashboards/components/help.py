"""The "?" beside a card, band or flag: a link to the part of /methodology that explains it."""

from __future__ import annotations

from dash import html

from dashboards.i18n import t
from tracker.views.methodology import help_href


def help_link(anchor: str, lang: str) -> html.A:
    """A small "?" opening the methodology at ``anchor`` (``headline``, ``rule-echo``, …)."""
    return html.A(
        "?",
        href=help_href(anchor, lang),
        className="help-link",
        title=t("help_link", lang),
        **{"aria-label": t("help_link", lang)},
    )
