"""The trend's date labels never crowd: on a phone (390 px) and a laptop (1280 px), in both
languages, no two x-axis labels overlap or repeat (a span of two days once showed "7 Jul"
eight times, hours labelled with their date)."""

from __future__ import annotations

import pytest

from tests.dashboards.test_browser import base_url, browser  # noqa: F401

pytestmark = pytest.mark.browser

SERIES = [
    "/trends?metric=returned&population=all&location=SY12",  # about two days
    "/trends?metric=displaced&population=all&location=SY",  # weeks
]
LABELS = """() => [...document.querySelectorAll(
    '.js-plotly-plot g.xtick text, .js-plotly-plot g.x2tick text')].map((e) => {
  const r = e.getBoundingClientRect();
  return {text: e.textContent, left: r.left, right: r.right, top: Math.round(r.top)}; })"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_date_labels_neither_overlap_nor_repeat(browser, base_url, lang, width):  # noqa: F811
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in SERIES:
        page.goto(base_url + path + ("&lang=ar" if lang == "ar" else ""))
        page.wait_for_selector(".js-plotly-plot .ytick", state="attached", timeout=20_000)
        page.wait_for_timeout(500)
        labels = sorted(page.evaluate(LABELS), key=lambda b: b["left"])
        texts = [b["text"] for b in labels]
        assert len(texts) >= 2 and len(set(texts)) == len(texts), (path, texts)
        for a, b in zip(labels, labels[1:], strict=False):
            assert a["top"] != b["top"] or a["right"] <= b["left"], (path, a, b)
    context.close()
