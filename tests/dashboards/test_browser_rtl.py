"""Right to left in a real browser: in Arabic the pager's arrows point the way the page
reads (previous on the right pointing right, next on the left pointing left) and a range of
days reads "19–30", its first number on the left, as numbers do in Arabic text."""

from __future__ import annotations

import pytest

from tests.dashboards.test_browser import _open, base_url, browser  # noqa: F401

pytestmark = pytest.mark.browser

#: For an element: its text, the x of the arrow in it and the x of the first letter beside.
ARROW_AND_WORD = """(sel) => {
  const e = document.querySelector(sel); const node = e.firstChild; const text = node.textContent;
  const at = (i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                      return r.getBoundingClientRect().x; };
  const arrow = [...text].findIndex((c) => c === '→' || c === '←');
  const letter = [...text].findIndex((c) => /\\p{L}/u.test(c));
  return {text, arrow: text[arrow], arrowX: at(arrow), letterX: at(letter),
          box: e.getBoundingClientRect().x};
}"""

#: The x of the first and last digit of the first range of days ("19–30 حزيران") on the page.
DAY_RANGE = """() => {
  const walker = document.createTreeWalker(document.querySelector('#main'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const m = /(?<![\\d,])(\\d{1,2})–(\\d{1,2})\\u2069? (?=\\D)/.exec(node.textContent);
    if (!m) continue;
    const x = (i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                       return r.getBoundingClientRect().x; };
    const first = m.index; const last = first + m[1].length + 1 + m[2].length - 1;
    return {range: m[1] + '–' + m[2], firstX: x(first), lastX: x(last)};
  }
  return null;
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_pager_arrows_point_the_way_the_page_reads(browser, base_url, lang):  # noqa: F811
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(page, f"{base_url}/figures?page=2{'&lang=ar' if lang == 'ar' else ''}", "#pager-next")
    prev = page.evaluate(ARROW_AND_WORD, "#pager-prev")
    nxt = page.evaluate(ARROW_AND_WORD, "#pager-next")
    if lang == "ar":  # reading right to left: previous is on the right, next on the left
        assert prev["box"] > nxt["box"], (prev, nxt)
        assert prev["arrow"] == "→" and prev["arrowX"] > prev["letterX"], prev  # outer edge
        assert nxt["arrow"] == "←" and nxt["arrowX"] < nxt["letterX"], nxt
    else:
        assert prev["box"] < nxt["box"], (prev, nxt)
        assert prev["arrow"] == "←" and prev["arrowX"] < prev["letterX"], prev
        assert nxt["arrow"] == "→" and nxt["arrowX"] > nxt["letterX"], nxt
    context.close()


def test_a_range_of_days_reads_from_its_first_day_in_arabic(browser, base_url):  # noqa: F811
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(page, f"{base_url}/figures?lang=ar", "#figures-table")
    found = page.evaluate(DAY_RANGE)
    assert found, "no range of days on the Arabic figures page"
    assert found["firstX"] < found["lastX"], found  # "19–30", not "30–19"
    context.close()
