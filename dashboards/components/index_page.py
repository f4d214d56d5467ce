"""The page as the server sends it, before Dash renders anything: in the reader's language.

Dash's index page is one English string for every request: ``<html>`` without a language,
``<title>Tracker</title>`` and "Loading..." until the scripts run (and for good, without
them). A reader of ``?lang=ar`` gets ``<html lang="ar" dir="rtl">``, the page's heading and
the app's name in Arabic as the title (what ``assets/page_title.js`` sets once the page has
rendered) and the loading words in Arabic; the words are the pages' own (words.csv), as text.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import dash
from dash import Dash
from flask import has_request_context, request

from dashboards.i18n import t
from tracker.views.format import lang_of

#: What Dash shows until the page has rendered (its ``_app_entry``).
DASH_LOADING = "Loading..."


def heading_of(key: str) -> Callable[[str], str]:
    """A page's heading in a language, from its words key (registered with the page)."""
    return lambda lang: t(key, lang)


def registered_page(path: str) -> dict | None:
    """The page Dash has registered at ``path`` (``/`` for the overview), if any."""
    wanted = "/" + path.strip("/")
    return next((p for p in dash.page_registry.values() if p["path"] == wanted), None)


def page_title(path: str, lang: str) -> str:
    """The browser tab's title: "<the page's heading> · <app name>", or the app's name alone
    where no page with a heading is registered. The heading is the one the page shows."""
    page = registered_page(path) or {}
    heading = page.get("heading")
    name = t("app_name", lang)
    return f"{heading(lang)} · {name}" if heading else name


def request_lang() -> str:
    """The language the request asks for (``?lang=``), English outside a request."""
    return lang_of(request.args.get("lang")) if has_request_context() else "en"


def title_of(path: str) -> Callable[[], str]:
    """Dash's title of the page at ``path`` (its ``<title>`` and the Open Graph and Twitter
    titles of the page the server sends) in the request's language. Dash's router calls it
    without the page's query; the page then sets the tab's title itself (page_title.js)."""
    return lambda: page_title(path, request_lang())


def localise_index(index: str, lang: str) -> str:
    """The ``<html>`` tag of an index page with the page's language and direction."""
    direction = "rtl" if lang == "ar" else "ltr"
    return index.replace("<html>", f'<html lang="{lang}" dir="{direction}">', 1)


class TrackerDash(Dash):
    """Dash whose index page speaks the request's language (``?lang=ar``)."""

    def interpolate_index(self, **kwargs: str) -> str:
        lang = request_lang()
        path = request.path if has_request_context() else "/"
        kwargs["title"] = escape(page_title(path, lang))
        kwargs["app_entry"] = kwargs.get("app_entry", "").replace(
            DASH_LOADING, escape(t("loading", lang))
        )
        return localise_index(super().interpolate_index(**kwargs), lang)
