"""The dashboard in a real browser (Debian's Chromium through Playwright).

Loads every page in English and Arabic at 1280 and 375 px and saves a screenshot of each
(tests/artifacts/), changes a filter, follows a flag to its trend, switches language,
clicks a claim on a chart, and measures what each page sends the browser.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

# bypass_csp: Playwright's wait_for_function evaluates strings, which the app's CSP
# refuses; test_browser_csp.py checks the pages under the policy itself.

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PAGES = {  # path → what must be on it once it has rendered
    "/": ".card",
    "/trends": ".js-plotly-plot .scatterlayer",
    "/discrepancies": "article.flag",
    "/figures": "#figures-table",
    "/sources": "#sources-table",
    "/data": ".download-card",
}
TITLES = {
    "en": {
        "/": "What is known, by metric",
        "/trends": "Trend by source",
        "/discrepancies": "Where sources disagree",
        "/figures": "Figures and their provenance",
        "/sources": "Sources",
        "/data": "Data downloads",
    },
    "ar": {
        "/": "ما هو معروف، حسب المؤشر",
        "/trends": "الاتجاه حسب المصدر",
        "/discrepancies": "أين تختلف المصادر",
        "/figures": "الأرقام ومصادرها",
        "/sources": "المصادر",
        "/data": "تنزيل البيانات",
    },
}
BYTES_GOAL = 2_000_000
NAV = {
    "/": "overview",
    "/trends": "trends",
    "/discrepancies": "discrepancies",
    "/figures": "figures",
    "/sources": "sources",
    "/data": "data",
}


@pytest.fixture(scope="module")
def base_url(_session_app) -> Iterator[str]:
    """The app served on a free loopback port in a thread, for this module."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, _session_app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing (CI installs Debian's chromium)")
        pytest.skip("Debian's chromium is not installed")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _url(base: str, path: str, lang: str) -> str:
    return base + path + ("?lang=ar" if lang == "ar" else "")


def _open(page, url: str, ready: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("#page", timeout=20_000)
    page.wait_for_selector(ready, timeout=20_000)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_page_in_english_and_arabic(browser, base_url, lang):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: problems.append(f"dialog: {d.message}"))
    _open(page, _url(base_url, "/", lang), PAGES["/"])
    for path, ready in PAGES.items():
        name = path.strip("/") or "overview"
        page.set_viewport_size({"width": 1280, "height": 900})
        if path != "/":  # move through the site as a person does: by its navigation
            page.locator(f"#nav-{NAV[path]}").click()
            page.wait_for_selector(f"h1:text-is('{TITLES[lang][path]}')", timeout=20_000)
            page.wait_for_selector(ready, timeout=20_000)
        root = page.locator("#page")
        assert root.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        assert root.get_attribute("lang") == lang
        assert page.locator("h1").inner_text() == TITLES[lang][path]
        switch = page.locator("#lang-switch")
        assert switch.inner_text() == ("English" if lang == "ar" else "العربية")
        # every page says who it is for and how to get its data, in the page's language
        nav = page.locator("nav.nav").inner_text()
        assert ("الاتجاهات" if lang == "ar" else "Trends") in nav
        page.screenshot(path=str(ARTIFACTS / f"{name}-{lang}-1280.png"), full_page=True)
        page.set_viewport_size({"width": 375, "height": 800})
        page.wait_for_timeout(250)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 376, f"{path} ({lang}) scrolls sideways at 375 px: {overflow}px"
        page.screenshot(path=str(ARTIFACTS / f"{name}-{lang}-375.png"), full_page=True)
    assert not problems, problems
    context.close()


def test_what_a_person_sees_on_the_pages(browser, base_url):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(page, base_url + "/?location=SY12", ".card")
    killed = page.locator("#card-killed")
    assert "Killed" in killed.inner_text() and "Open flags" in killed.inner_text()
    assert (
        page.locator("#download-view").get_attribute("href")
        == "/download/figures.csv?location=SY12"
    )
    _open(
        page,
        base_url + "/trends?metric=killed&population=civilians&location=SY12",
        ".js-plotly-plot .scatterlayer",
    )
    assert page.locator("#series-title").inner_text().endswith("Killed · Civilians · Dar'a")
    legend = page.locator(".js-plotly-plot .legend").text_content()
    for name in ("SOHR", "SNHR", "Reconciled band", "In a flagged disagreement"):
        assert name in legend
    _open(page, base_url + "/figures?source=snhr", "#figures-table")
    table = page.locator("#figures-table").inner_text()
    assert "<img src=x onerror=alert(1)>" in table  # shown as text
    assert page.locator("img[src='x']").count() == 0  # never as HTML
    context.close()


def test_changing_a_filter_changes_the_address_and_the_view(browser, base_url):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(page, base_url + "/", ".card")
    assert page.locator(".card").count() > 1
    page.locator(".control-metric .dash-dropdown").click()
    page.get_by_role("option", name="Killed", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url("**/?metric=killed", timeout=10_000)
    # one metric: its card and, since #11, the civilians' card of it beside all people's
    page.wait_for_function("document.querySelectorAll('.card').length === 2", timeout=10_000)
    assert page.locator(".card h2").all_inner_texts() == ["Killed", "Killed"]
    assert page.locator("#card-killed-civilians").count() == 1
    assert "metric=killed" in page.locator("#download-view").get_attribute("href")
    # the address is the view: opening it again shows the same thing
    _open(page, page.url, ".card")
    assert page.locator(".card h2").all_inner_texts() == ["Killed", "Killed"]
    context.close()


def test_a_flag_leads_to_its_trend_and_a_claim_to_its_details(browser, base_url):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(page, base_url + "/discrepancies", "article.flag")
    flag = page.locator("#flag-T-div-killed")
    assert "SNHR: at least 214 civilians killed" in flag.inner_text()
    flag.locator(".trend-link").click()
    page.wait_for_selector("#followed-flag", timeout=15_000)
    assert "flag=T-div-killed" in page.url and "/trends" in page.url
    assert "1.5 times SOHR's highest" in page.locator("#followed-flag").inner_text()
    page.wait_for_selector(".js-plotly-plot .legend")
    assert "The flag you followed" in page.locator(".js-plotly-plot .legend").text_content()
    # click a claim on the chart: its details, publication and history link appear
    point = page.locator(".js-plotly-plot .scatterlayer .trace .points path").first
    point.click(force=True)
    page.wait_for_selector("#claim-details .claim-card", timeout=10_000)
    details = page.locator("#claim-details").inner_text()
    assert "Claim" in details and "History of this figure" in details
    # and the language switch keeps the view
    page.locator("#lang-switch").click()
    page.wait_for_selector("#page[dir='rtl']", timeout=10_000)
    assert "lang=ar" in page.url and "flag=T-div-killed" in page.url
    assert "ضعف" in page.locator("#followed-flag").inner_text()
    context.close()


def _page_bytes(browser, url: str, ready: str) -> dict[str, int]:
    """Bytes a fresh browser receives for one page: on the wire (as sent) and decoded."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    wire: dict[str, int] = {}
    decoded: dict[str, int] = {}

    def finished(event):
        wire[event["requestId"]] = event["encodedDataLength"]

    def received(event):
        decoded[event["requestId"]] = decoded.get(event["requestId"], 0) + event["dataLength"]

    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.dataReceived", received)
    _open(page, url, ready)
    page.wait_for_load_state("networkidle")
    context.close()
    return {"wire": sum(wire.values()), "decoded": sum(decoded.values()), "requests": len(wire)}


def test_no_page_sends_more_than_two_megabytes(browser, base_url):
    """What each page sends a browser with an empty cache (tests/artifacts/page-bytes.json)."""
    measured = {path: _page_bytes(browser, base_url + path, ready) for path, ready in PAGES.items()}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "page-bytes.json").write_text(json.dumps(measured, indent=2))
    for path, sizes in measured.items():
        assert sizes["wire"] < BYTES_GOAL, (path, sizes)
