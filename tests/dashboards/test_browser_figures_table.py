"""The figures table fits a laptop's page in both languages (newcomer walk, finding 7): at 1280
wide the Arabic table's flag badge was cut off at its left edge, and the range "113–139" broke
over two lines after its dash. Every badge lies inside the table's box, the table needs no
sideways scrolling, and every interval is one line."""

from __future__ import annotations

import pytest

from tests.dashboards.test_browser import _open, base_url, browser  # noqa: F401

pytestmark = pytest.mark.browser

MEASURE = """() => { const wrap = document.querySelector('.table-wrap');
  const box = wrap.getBoundingClientRect();
  const lines = (s) => new Set([...s.getClientRects()].map((r) => Math.round(r.top))).size;
  const out = (r) => r.left < box.left - 0.5 || r.right > box.right + 0.5;
  return {scroll: wrap.scrollWidth, width: wrap.clientWidth,
          badges: [...wrap.querySelectorAll('.badge')].length,
          cut: [...wrap.querySelectorAll('.badge')].filter((b) => out(b.getBoundingClientRect()))
                 .map((b) => b.textContent),
          broken: [...wrap.querySelectorAll('.interval-value')]
                 .filter((s) => lines(s) > 1).map((s) => s.textContent)}; }"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_figures_table_fits_at_1280(browser, base_url, lang):  # noqa: F811
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(page, base_url + "/figures" + ("?lang=ar" if lang == "ar" else ""), "#figures-table")
    found = page.evaluate(MEASURE)
    assert found["badges"] > 0, found
    assert found["cut"] == [] and found["broken"] == [], found
    assert found["scroll"] <= found["width"], found
    context.close()
