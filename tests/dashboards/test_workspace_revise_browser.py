"""Propose a revision from a figure's workspace page → another reviewer accepts → the public
Figures page shows it, in a real browser (Chromium through Playwright), English and Arabic."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dashboards.serving import served
from tests.dashboards.test_browser import browser  # noqa: F401 (fixture)
from tests.dashboards.test_workspace_browser import demo_with_accounts, log_in
from tracker.service.store import Store

pytestmark = pytest.mark.browser
CHANGE = {"en": "Revision of a published figure", "ar": "تعديل رقم منشور"}


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Store]]:
    store = demo_with_accounts(tmp_path / "tracker.db")
    with served(store) as address:
        yield address, store
    store.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_propose_a_revision_accept_public_page_shows_it(browser, site, lang):  # noqa: F811
    base, store = site
    alice = browser.new_context().new_page()
    bob = browser.new_context().new_page()
    log_in(alice, base, "alice", lang)
    alice.click("#nav-figures")
    alice.fill("#open-figure input[name=figure]", "R046")
    alice.click("#open-figure button")
    alice.wait_for_selector("#revise-form")
    assert alice.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert alice.locator("#f-value").input_value() == "126"  # prefilled
    assert alice.locator("#f-source").input_value() == "sohr"
    alice.fill("#f-value", "131")
    alice.fill("#revise-why", "SOHR corrected its toll")
    alice.click("#propose-revision")
    alice.wait_for_selector("#figure-open-proposal")
    current = store.figures()
    assert float(current.loc[current["figure_id"] == "R046", "value"].iloc[0]) == 126
    log_in(bob, base, "bob", lang)
    bob.goto(f"{base}/workspace/review?lang={lang}")
    assert CHANGE[lang] in bob.locator("#proposal-R046 .change").inner_text()
    bob.click("#proposal-R046 button.accept")
    bob.wait_for_load_state()
    bob.goto(f"{base}/figures?figure=R046&lang={lang}", wait_until="domcontentloaded")
    history = bob.wait_for_selector("#history h2", timeout=20_000)
    assert "R046" in history.inner_text()
    text = bob.locator("#history").inner_text()
    assert "SOHR corrected its toll" in text and "131" in text and "126" in text
