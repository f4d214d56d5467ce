"""The "data as of" line every page carries under its title: when the data last changed and
the newest report they hold (the downloads say the same in Last-Modified and datapackage.json)."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from dashboards.i18n import t
from tracker.publish.asof import data_as_of
from tracker.service.store import Store
from tracker.views.format import fmt_date


def as_of_line(store: Store, lang: str) -> html.P:
    """One line, as text, in the page's language."""
    now = data_as_of(store)
    changed = fmt_date(now.changed.date(), lang) if now.changed else "—"
    newest = fmt_date(now.newest_report, lang) if now.newest_report else "—"
    return html.P(
        t("data_as_of", lang, changed=changed, newest=newest),
        className="as-of muted small",
        id="data-as-of",
    )


def stamped(page: Component, store: Store, lang: str) -> Component:
    """``page`` with the line under the H1 of its main part (pages without one unchanged)."""
    for part in page.children if isinstance(page.children, list) else []:
        if getattr(part, "id", None) == "main" and isinstance(part.children, list):
            part.children.insert(1, as_of_line(store, lang))
    return page
