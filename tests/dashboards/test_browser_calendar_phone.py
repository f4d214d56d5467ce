"""Issue #12 in a real browser: the date picker speaks the page's language and opens on the
data's month; no page scrolls sideways on a 375 px phone, in English or Arabic."""

from __future__ import annotations

import re

import pytest

from tests.dashboards.test_browser import ARTIFACTS, _open, base_url, browser  # noqa: F401

pytestmark = pytest.mark.browser


def _open_picker(page) -> None:
    page.evaluate("document.querySelector('details.filters-details').open = true")
    page.locator("#filter-from").click()
    page.wait_for_selector(".dash-datepicker-calendar-wrapper", timeout=10_000)


@pytest.mark.parametrize(
    ("lang", "month", "weekdays"),
    [("ar", "حزيران", ["س", "ح", "ن", "ث", "ر", "خ", "ج"]), ("en", "June", ["Mo", "Tu", "We"])],
)
def test_the_date_picker_speaks_the_page_language_and_opens_on_the_data(
    browser,  # noqa: F811
    base_url,  # noqa: F811
    lang,
    month,
    weekdays,
):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    _open(page, f"{base_url}/figures?lang={lang}", "#figures-table")
    _open_picker(page)
    shown = page.locator(".dash-datepicker-controls .dash-dropdown-value").inner_text()
    year = page.locator(".dash-datepicker-controls input[type=number]").input_value()
    # the demo's newest episode starts on 2018-06-19: the picker opens there, not today
    assert (shown, year) == (month, "2018")
    titles = page.eval_on_selector_all(
        ".dash-datepicker-calendar-wrapper thead th span", "els => els.map(e => e.textContent)"
    )
    assert titles[: len(weekdays)] == weekdays, titles
    options = page.eval_on_selector_all(
        ".dash-datepicker-month-sizer", "els => els.map(e => e.textContent)"
    )
    buttons = page.eval_on_selector_all(
        ".dash-datepicker-content [aria-label]", "els => els.map(e => e.getAttribute('aria-label'))"
    )
    if lang == "ar":
        assert options[:3] == ["كانون الثاني", "شباط", "آذار"], options
        assert "الشهر السابق" in buttons and "الشهر التالي" in buttons, buttons
        assert not any(c.isascii() and c.isalpha() for c in "".join(options + titles + buttons))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "date-picker-ar.png"))
    context.close()


def test_the_filter_dropdowns_speak_arabic(browser, base_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(page, f"{base_url}/figures?lang=ar", "#figures-table")
    page.evaluate("document.querySelector('details.filters-details').open = true")
    page.locator(".control-source .dash-dropdown").click()
    search = page.wait_for_selector(".dash-dropdown-content input, [role=listbox] input")
    assert search.get_attribute("placeholder") == "بحث"
    words = page.locator(".dash-dropdown-content").inner_text()
    assert "تحديد الكل" in words and "Select" not in words and "Search" not in words, words
    context.close()


def test_a_chosen_date_opens_the_picker_on_its_month(browser, base_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(page, f"{base_url}/figures?lang=ar&from=2018-02-20", "#figures-table")
    _open_picker(page)
    shown = page.locator(".dash-datepicker-controls .dash-dropdown-value").inner_text()
    assert shown == "شباط"
    context.close()


PHONE_PAGES = {  # path → what must be on it once it has rendered
    "/": ".card",
    "/?episode=daraa-2018": ".card",
    "/trends?metric=killed&population=civilians&location=SY12": ".js-plotly-plot .scatterlayer",
    "/discrepancies": "article.flag",
    "/figures": "#figures-table",
    "/figures?figure=R046": "#figure-state",
    "/figures?metric=killed&from=2018-06-19&to=2018-07-01": "#phone-sort",  # filters unfolded
    "/sources": "#sources-table",
    "/data": ".download-card",
    "/map?metric=killed": ".js-plotly-plot .scatterlayer",
    "/methodology": "#rule-echo",
}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_page_scrolls_sideways_on_a_375_px_phone(browser, base_url, lang):  # noqa: F811
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    wide: dict[str, int] = {}
    for path, ready in PHONE_PAGES.items():
        url = base_url + path + ("&" if "?" in path else "?") + f"lang={lang}"
        _open(page, url, ready)
        page.wait_for_timeout(300)  # let the chart settle to its width
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            wide[path] = width
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^a-z0-9]+", "-", path.strip("/").lower()).strip("-") or "overview"
        page.screenshot(path=str(ARTIFACTS / f"phone-{name}-{lang}.png"), full_page=True)
    assert not wide, f"pages wider than 375 px ({lang}): {wide}"
    # the measure sees an overflow when there is one (a 600 px block makes the page wider)
    page.evaluate(
        "() => { const d = document.createElement('div'); d.style.width = '600px';"
        " d.style.height = '1px'; document.body.append(d); }"
    )
    assert page.evaluate("document.documentElement.scrollWidth") > 375
    context.close()
