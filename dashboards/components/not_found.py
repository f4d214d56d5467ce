"""Unknown paths answer 404 (DESIGN.md §6), with a page in the reader's language.

Dash's router answers every path with its page shell and 200, drawing "404" only in the
browser. Here a request whose path falls to Dash's catch-all route and names no registered
page gets a real 404: a small HTML page (no script) in English or, with ``lang=ar``, in
Arabic, linking back to the pages that exist. Routes other blueprints add (downloads, the
workspace) match before the catch-all and are left alone.
"""

from __future__ import annotations

from html import escape

import dash
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from dashboards.i18n import t

CATCH_ALL = "/<path:path>"


def page_paths() -> set[str]:
    """The paths of the registered pages (``/``, ``/trends``, …)."""
    return {str(p["path"]).rstrip("/") or "/" for p in dash.page_registry.values()}


def is_unknown(server: Flask, path: str) -> bool:
    """True when only Dash's catch-all would answer ``path`` and no page has it."""
    try:
        rule, _ = server.url_map.bind("").match(path, method="GET", return_rule=True)
    except RequestRedirect:  # a route answers it with a redirect (e.g. /workspace → /workspace/)
        return False
    except HTTPException:
        return True
    if rule.rule != CATCH_ALL:
        return False
    return (path.rstrip("/") or "/") not in page_paths()


def not_found_page(lang: str) -> str:
    """The 404 page's HTML: title, one sentence, links to the pages (text escaped)."""
    ar = lang == "ar"
    query = "?lang=ar" if ar else ""
    pages = [("overview", "/"), ("trends", "/trends"), ("discrepancies", "/discrepancies"),
             ("figures", "/figures"), ("methodology", "/methodology")]  # fmt: skip
    links = "".join(
        f'<li><a href="{path}{query}">{escape(t(f"nav_{name}", lang))}</a></li>'
        for name, path in pages
    )
    title = escape(t("not_found_title", lang))
    return (
        f'<!DOCTYPE html><html lang="{lang}" dir="{"rtl" if ar else "ltr"}"><head>'
        f'<meta charset="utf-8"><meta name="viewport" content="width=device-width, '
        f'initial-scale=1"><title>{title} · {escape(t("app_name", lang))}</title>'
        f'<link rel="stylesheet" href="/assets/style.css"></head><body>'
        f'<main id="main" class="not-found"><h1>{title}</h1>'
        f"<p>{escape(t('not_found_text', lang))}</p><ul>{links}</ul></main></body></html>"
    )


def install_not_found(server: Flask) -> None:
    """Answer unknown paths with 404 before Dash's router sees them."""

    @server.before_request
    def _not_found() -> Response | None:
        if request.method != "GET" or not is_unknown(server, request.path):
            return None
        lang = "ar" if request.args.get("lang") == "ar" else "en"
        return Response(not_found_page(lang), status=404, mimetype="text/html")
