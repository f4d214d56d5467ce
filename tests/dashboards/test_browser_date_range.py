"""The period filter fits its box once both dates are set (newcomer walk, finding 6): at 1280
wide the end date, × and ⌄ were drawn outside it, and in Arabic past the panel to the page's
edge. In both languages, on a laptop and a phone, nothing of the picker leaves its control."""

from __future__ import annotations

import pytest

from tests.dashboards.test_browser import _open, base_url, browser  # noqa: F401

pytestmark = pytest.mark.browser

#: What of the period control is drawn outside its box (tag, class, left, right).
OUTSIDE = """() => { const c = document.querySelector('.control-dates').getBoundingClientRect();
  return [...document.querySelectorAll('.control-dates *')]
    .map((e) => [e, e.getBoundingClientRect()])
    .filter(([e, r]) => r.width > 0 && (r.left < c.left - 0.5 || r.right > c.right + 0.5))
    .map(([e, r]) => [e.tagName, String(e.className.baseVal ?? e.className), r.left, r.right]); }"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", ["/figures", "/discrepancies"])
def test_both_dates_fit_the_period_control(browser, base_url, path, lang, width):  # noqa: F811
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    url = f"{base_url}{path}?from=2018-06-19&to=2018-06-30" + ("&lang=ar" if lang == "ar" else "")
    _open(page, url, ".control-dates input")
    page.wait_for_timeout(300)
    assert page.input_value("#filter-to") == "2018-06-30"
    assert page.evaluate(OUTSIDE) == []
    context.close()
