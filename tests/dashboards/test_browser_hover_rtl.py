"""Chart hovers read from the right in a real browser (newcomer walk, finding 4): plotly draws
hover text as SVG lines laid out left to right, so in Arabic "19–29 حزيران 2018" read "29–19"
from the right, and the map's "46 · 28 حزيران 2018" backwards. Only a browser lays the text
out, so only a browser can tell: each line must start at the right with its first word, and a
range still read from its first number on the left."""

from __future__ import annotations

import pytest

from tests.dashboards.test_browser import _open, base_url, browser  # noqa: F401

pytestmark = pytest.mark.browser

#: The left x of each token's first occurrence in the hover label (null when absent).
TOKENS_X = """(tokens) => {
  const label = document.querySelector('.hovertext text'); if (!label) return null;
  const out = {}; const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) { const node = walker.currentNode;
    for (const tok of tokens) { const i = node.data.indexOf(tok); if (i < 0 || tok in out) continue;
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + tok.length);
      out[tok] = r.getBoundingClientRect().left; } }
  return out; }"""


def hover_until(page, wanted: str, tokens: list[str]) -> dict:
    """Hover every point of the chart until its label holds ``wanted``; the tokens' x."""
    points = page.locator(".js-plotly-plot .scatterlayer .point")
    for i in range(points.count()):
        points.nth(i).scroll_into_view_if_needed()
        box = points.nth(i).bounding_box()
        if not box:
            continue
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(200)
        found = page.evaluate(TOKENS_X, [wanted, *tokens])
        if found and wanted in found:
            return found
    raise AssertionError(f"no hover label holds {wanted!r}")


@pytest.fixture
def arabic_page(browser):  # noqa: F811
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_a_trend_hover_reads_from_the_right(arabic_page, base_url):  # noqa: F811
    path = "/trends?metric=killed&population=civilians&location=SY12&lang=ar"
    _open(arabic_page, base_url + path, ".js-plotly-plot .point")
    x = hover_until(arabic_page, "S07", ["19–29", "19", "29", "2018", "نحو", "90", "110"])
    assert x["19"] < x["29"] and x["90"] < x["110"], x  # ranges from their first number
    assert x["نحو"] > x["2018"], x  # "نحو 100 (19–29 حزيران 2018)" starts at the right


def test_a_map_hover_reads_from_the_right(arabic_page, base_url):  # noqa: F811
    _open(arabic_page, base_url + "/map?lang=ar", ".js-plotly-plot .point")
    x = hover_until(arabic_page, "27–28", ["27", "28", "2018", "قتلى", "46"])
    assert x["27"] < x["28"] and x["27"] > x["2018"], x  # "27–28 حزيران 2018" from the right
    assert x["قتلى"] > x["46"], x  # "قتلى · جميع الأشخاص: 46", the metric first
