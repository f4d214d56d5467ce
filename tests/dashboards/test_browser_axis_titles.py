"""The trend's axis titles have their own room (newcomer walk, finding 5): in Arabic "العدد" was
drawn on the tick "30" and the lower panel's "أعداد اليوم الواحد" on "10", because plotly
measured the labels right to left under ``<html dir="rtl">``. In both languages, on a laptop and
a phone, no y-axis title overlaps a tick label of its axis."""

from __future__ import annotations

import pytest

from tests.dashboards.test_browser import _open, base_url, browser  # noqa: F401

pytestmark = pytest.mark.browser

PATH = "/trends?metric=killed&population=civilians&location=SY12"
#: Per y axis (y, y2): its title's box and its tick labels' boxes.
AXES = """() => ['y', 'y2'].map((a) => {
  const box = (e) => { const r = e.getBoundingClientRect();
                       return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const title = document.querySelector(`.g-${a}title text`);
  const ticks = [...document.querySelectorAll(`g.${a}tick text`)].map(box);
  return {axis: a, title: title ? box(title) : null, ticks}; })"""


def overlaps(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and (b["top"] < a["bottom"])
    )


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_axis_title_sits_on_a_tick_label(browser, base_url, lang, width):  # noqa: F811
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    _open(page, base_url + PATH + ("&lang=ar" if lang == "ar" else ""), ".js-plotly-plot .ytick")
    page.wait_for_timeout(500)
    axes = page.evaluate(AXES)
    assert [a["axis"] for a in axes if a["title"] and a["ticks"]] == ["y", "y2"], axes
    for axis in axes:
        hit = [tick for tick in axis["ticks"] if overlaps(axis["title"], tick)]
        assert not hit, (axis["axis"], axis["title"], hit)
    context.close()
