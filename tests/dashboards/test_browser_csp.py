"""Under the Content-Security-Policy (#18 finding 9) the pages and charts still work in a
real browser, and the console reports no violation of the policy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.dashboards.serving import served
from tests.dashboards.test_browser import ARGS, CHROMIUM, PAGES

pytestmark = pytest.mark.browser
CHARTS = {"/trends": ".js-plotly-plot .scatterlayer", "/map": ".js-plotly-plot"}


@pytest.fixture(scope="module")
def browser():
    from pathlib import Path

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def base_url(dash_store) -> Iterator[str]:
    with served(dash_store) as url:
        yield url


def test_pages_and_charts_work_under_the_policy(browser, base_url) -> None:
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    page.on("pageerror", lambda e: messages.append(str(e)))
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    for path, ready in {**PAGES, **CHARTS}.items():
        response = page.goto(base_url + path, wait_until="domcontentloaded")
        assert response is not None
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        page.wait_for_selector("#page", timeout=20_000)
        page.wait_for_selector(ready, timeout=20_000)
    page.goto(base_url + "/figures?page=99999999999999999999", wait_until="domcontentloaded")
    page.wait_for_selector("#figures-table", timeout=20_000)
    page.close()
    assert not violations, violations
    assert not [m for m in messages if "Refused to" in m], messages
