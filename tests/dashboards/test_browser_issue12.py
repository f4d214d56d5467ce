"""Issue #12 in a real browser: nothing leaves 127.0.0.1, /methodology renders in both
languages, the Arabic chart toolbar speaks Arabic and offers no outside service, page
titles follow the page's language, an unknown path is a real 404."""

from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# bypass_csp: Playwright's wait_for_function evaluates strings, which the app's CSP
# refuses; test_browser_csp.py checks the pages under the policy itself.
from tests.dashboards.test_browser import ARTIFACTS, _open, base_url, browser  # noqa: F401

pytestmark = pytest.mark.browser

PAGES = {
    "/": ".card",
    "/trends?metric=killed&population=civilians&location=SY12": ".js-plotly-plot .scatterlayer",
    "/discrepancies": "article.flag",
    "/figures": "#figures-table",
    "/sources": "#sources-table",
    "/data": ".download-card",
    "/methodology": "#rule-echo",
}


def _with_lang(path: str, lang: str) -> str:
    if lang != "ar":
        return path
    return path + ("&" if "?" in path else "?") + "lang=ar"


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_request_leaves_the_host_while_every_page_loads(browser, base_url, lang, width):  # noqa: F811
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path, ready in PAGES.items():
        _open(page, base_url + _with_lang(path, lang), ready)
    # export the chart as a PNG through the toolbar: still nothing leaves the host
    _open(
        page,
        base_url + _with_lang("/trends?metric=killed&population=civilians&location=SY12", lang),
        ".modebar",
    )
    page.hover(".js-plotly-plot")
    with page.expect_download(timeout=20_000) as download:
        page.locator(".modebar-btn[data-title]").first.click()
    assert download.value.suggested_filename.endswith(".png")
    hosts = {urlsplit(u).hostname for u in requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, sorted(u for u in requests if "127.0.0.1" not in u)
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_methodology_renders_and_is_screenshotted(browser, base_url, lang):  # noqa: F811
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(page, base_url + _with_lang("/methodology", lang), "#rule-echo")
    heading = page.locator("h1").inner_text()
    assert heading == ("كيف يعمل المتتبّع" if lang == "ar" else "How the tracker works")
    assert page.locator("tr[id^='rule-']").count() == 7
    assert page.locator("#severity-major").count() == 1
    page.wait_for_function(f"document.title.startsWith({heading!r})", timeout=5_000)
    page.screenshot(path=str(ARTIFACTS / f"methodology-{lang}-1280.png"), full_page=True)
    context.close()


def test_arabic_toolbar_tooltips_are_arabic_and_nothing_is_shared_out(browser, base_url):  # noqa: F811
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(
        page,
        base_url + "/trends?metric=killed&population=civilians&location=SY12&lang=ar",
        ".modebar",
    )
    titles = page.eval_on_selector_all(
        ".modebar-btn", "els => els.map(e => e.getAttribute('data-title'))"
    )
    assert titles and "تنزيل الرسم صورةً" in titles, titles
    assert not [t for t in titles if t and any(c.isascii() and c.isalpha() for c in t)], titles
    assert page.locator("[data-title*='Share'], [data-title*='Chart Studio']").count() == 0
    page.screenshot(path=str(ARTIFACTS / "trends-toolbar-ar.png"))
    context.close()


def test_an_unknown_path_is_a_404_page_in_arabic(browser, base_url):  # noqa: F811
    context = browser.new_context(
        bypass_csp=True,
    )
    page = context.new_page()
    response = page.goto(base_url + "/no-such-page?lang=ar")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "الصفحة غير موجودة"
    assert page.title().startswith("الصفحة غير موجودة")
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_map_renders_symbols_and_a_click_opens_the_trend(browser, base_url, lang, width):  # noqa: F811
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    query = "?metric=killed&population=civilians" + ("&lang=ar" if lang == "ar" else "")
    _open(page, base_url + "/map" + query, ".js-plotly-plot .scatterlayer .trace .points path")
    symbols = page.locator(".js-plotly-plot .scatterlayer .trace .points path")
    assert symbols.count() >= 2
    credit = page.locator(".js-plotly-plot .annotation").first.text_content()
    words = credit.lstrip("\u200f")  # an Arabic chart line starts with a right-to-left mark
    assert "COD-AB" in credit and words.startswith("الحدود:" if lang == "ar" else "Boundaries:")
    page.screenshot(path=str(ARTIFACTS / f"map-{lang}-{width}.png"), full_page=True)
    symbols.first.click(force=True)
    page.wait_for_url("**/trends?*", timeout=15_000)
    assert "location=" in page.url and "metric=killed" in page.url
    assert ("lang=ar" in page.url) == (lang == "ar")
    hosts = {urlsplit(u).hostname for u in requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_chart_exports_with_its_citation(browser, base_url, lang, tmp_path):  # noqa: F811
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    path = "/trends?metric=killed&population=civilians&location=SY12"
    _open(page, base_url + _with_lang(path, lang), ".js-plotly-plot .scatterlayer")
    title = page.locator("#series-title").inner_text().split(":", 1)[-1].strip()
    with page.expect_download(timeout=20_000) as svg_download:
        page.locator(".cite-export[data-format='svg']").click()
    svg = Path(svg_download.value.path()).read_text(encoding="utf-8")
    assert title in svg and "CC-BY-4.0" in svg and "127.0.0.1" in svg
    assert ("SOHR" in svg) or ("المرصد" in svg)
    with page.expect_download(timeout=20_000) as png_download:
        page.locator(".cite-export[data-format='png']").click()
    png = Path(png_download.value.path()).read_bytes()
    width, height = struct.unpack(">II", png[16:24])
    plot = page.locator(".js-plotly-plot .main-svg").first.bounding_box()
    assert plot and height > plot["height"] and width >= plot["width"] - 1
    (ARTIFACTS / f"chart-export-{lang}.png").write_bytes(png)
    hosts = {urlsplit(u).hostname for u in requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_episode_overview_has_a_map_whose_click_opens_the_trend(browser, base_url, lang):  # noqa: F811
    """Build item 1: a map on the episode overview, below the brief, for the lead card's
    metric; a click on a symbol opens that place's trend in the episode."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    query = "?episode=daraa-2018" + ("&lang=ar" if lang == "ar" else "")
    symbols_css = "#episode-map .js-plotly-plot .scatterlayer .trace .points path"
    _open(page, base_url + "/" + query, symbols_css)
    assert page.locator(symbols_css).count() >= 1
    heading = page.locator("#episode-map h2").inner_text()
    assert heading.startswith("أين، وكم" if lang == "ar" else "Where, and how many")
    full_map = page.locator("#episode-map a", has_text="الخريطة" if lang == "ar" else "full map")
    assert "episode=daraa-2018" in (full_map.get_attribute("href") or "")
    page.locator("#episode-map").screenshot(path=str(ARTIFACTS / f"episode-map-{lang}.png"))
    page.locator(symbols_css).first.click(force=True)
    page.wait_for_url("**/trends?*", timeout=15_000)
    assert "location=" in page.url and "episode=daraa-2018" in page.url
    assert ("lang=ar" in page.url) == (lang == "ar")
    hosts = {urlsplit(u).hostname for u in requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}
    context.close()
