"""The page as the server sends it, before Dash renders anything: in the reader's language.

Dash's index page is one English string for every request: ``<html>`` without a language,
``<title>Tracker</title>`` and "Loading..." until the scripts run (and for good, without
them). A reader of ``?lang=ar`` gets ``<html lang="ar" dir="rtl">``, the page's heading and
the app's name in Arabic as the title (what ``assets/page_title.js`` sets once the page has
rendered) and the loading words in Arabic; the words are the pages' own (words.csv), as text.
"""

from __future__ import annotations

from html import escape

from dash import Dash
from flask import has_request_context, request

from dashboards.i18n import t
from tracker.views.format import lang_of

#: The words of each page's heading (its ``page_shell`` title), by path.
HEADINGS = {
    "/": "overview_title",
    "/trends": "trends_title",
    "/discrepancies": "disc_title",
    "/figures": "figures_title",
    "/sources": "sources_title",
    "/data": "data_title",
    "/map": "map_title",
}
#: What Dash shows until the page has rendered (its ``_app_entry``).
DASH_LOADING = "Loading..."


def page_title(path: str, lang: str) -> str:
    """The browser tab's title: "<the page's heading> · <app name>", or the app's name."""
    key = HEADINGS.get("/" + path.strip("/"))
    name = t("app_name", lang)
    return f"{t(key, lang)} · {name}" if key else name


def localise_index(index: str, lang: str) -> str:
    """The ``<html>`` tag of an index page with the page's language and direction."""
    direction = "rtl" if lang == "ar" else "ltr"
    return index.replace("<html>", f'<html lang="{lang}" dir="{direction}">', 1)


class TrackerDash(Dash):
    """Dash whose index page speaks the request's language (``?lang=ar``)."""

    def interpolate_index(self, **kwargs: str) -> str:
        lang = lang_of(request.args.get("lang")) if has_request_context() else "en"
        path = request.path if has_request_context() else "/"
        kwargs["title"] = escape(page_title(path, lang))
        kwargs["app_entry"] = kwargs.get("app_entry", "").replace(
            DASH_LOADING, escape(t("loading", lang))
        )
        return localise_index(super().interpolate_index(**kwargs), lang)
