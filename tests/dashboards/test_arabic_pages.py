"""An Arabic reader sees Arabic from the first byte: the page the server sends (title,
loading words, <html lang dir>), the Data page's column descriptions, the map's credit line,
the skip link; and no English word of the pages' own words on any Arabic page."""

from __future__ import annotations

import re

import pytest
from dash import dcc, html

from dashboards.i18n import strings, t
from dashboards.pages import (
    data,
    discrepancies,
    figures,
    map,
    methodology,
    overview,
    sources,
    trends,
)
from tests.dashboards.test_pages import text, walk

PAGES = {
    "/": overview.layout,
    "/trends": trends.layout,
    "/discrepancies": discrepancies.layout,
    "/figures": figures.layout,
    "/sources": sources.layout,
    "/data": data.layout,
    "/map": map.layout,
    "/methodology": methodology.layout,
}


@pytest.fixture(scope="module")
def client(dash_store):
    from dashboards.app import create_app

    return create_app(dash_store).server.test_client()


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/", "ما هو معروف، حسب المؤشر · المتتبّع"),
        ("/data", "تنزيل البيانات · المتتبّع"),
        ("/map", "أين، وكم · المتتبّع"),
        ("/methodology", "كيف يعمل المتتبّع · المتتبّع"),
    ],
)
def test_the_page_before_it_renders_speaks_arabic(client, path, title):
    page = client.get(path + "?lang=ar").text
    assert '<html lang="ar" dir="rtl">' in page
    assert f"<title>{title}</title>" in page
    loading = re.search(r'class="_dash-loading">\s*(.*?)\s*</div>', page, re.S)
    assert loading and loading.group(1) == "جارٍ التحميل…"
    assert "Loading..." not in page and "<title>Tracker" not in page


def test_the_english_page_before_it_renders_says_its_own_title(client):
    page = client.get("/data").text
    assert '<html lang="en" dir="ltr">' in page
    assert "<title>Data downloads · Tracker</title>" in page and "Loading…" in page


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", list(PAGES))
def test_every_tab_and_link_preview_is_titled_with_the_page_heading(client, dash_store, path, lang):
    """The tab's title and the titles a link preview shows (Open Graph, Twitter) are the
    heading the page itself shows, in the reader's language, then the app's name."""
    shown = PAGES[path](dash_store, lang=lang)
    h1 = next(c for c in walk(shown) if isinstance(c, html.H1)).children
    wanted = f"{h1} · {t('app_name', lang)}"
    page = client.get(f"{path}?lang={lang}").text
    assert f"<title>{wanted}</title>" in page
    for meta in ("og:title", "twitter:title"):
        assert f'<meta content="{wanted}" property="{meta}">' in page or (
            f'<meta property="{meta}" content="{wanted}">' in page
        ), re.findall(rf"<meta[^>]*{meta}[^>]*>", page)


def test_the_map_credit_line_is_in_arabic(dash_store):
    for lang, words in (("ar", "الحدود:"), ("en", "Boundaries:")):
        page = map.layout(dash_store, lang=lang, metric="killed")
        graph = next(c for c in walk(page) if isinstance(c, dcc.Graph))
        credit = graph.figure["layout"]["annotations"][0]["text"]
        assert credit.lstrip("\u200f").startswith(words), credit  # after a right-to-left mark
        assert "COD-AB" in credit  # the dataset's name stays as published


def _english_words() -> set[str]:
    """The English of every word the pages show whose Arabic differs (whole words only,
    without placeholders), long enough not to be a code such as "CSV"; not the app's name,
    which the Arabic citation gives beside its Arabic one ("المتتبِّع (Tracker)")."""
    out = set()
    for entry in strings().values():
        english = entry.get("en")
        values = english.values() if isinstance(english, dict) else [english]
        for value in values:
            if value and "{" not in value and len(value) > 6 and re.search(r"[a-z]{4}", value):
                out.add(value)
    return out - {t("app_name", "en")}


@pytest.mark.parametrize("path", list(PAGES))
def test_no_english_word_of_the_pages_on_an_arabic_page(dash_store, path):
    words = text(PAGES[path](dash_store, lang="ar"))
    found = sorted(w for w in _english_words() if w in words)
    assert not found, found
    assert t("skip_to_content", "ar") in words and "Skip to content" not in words
