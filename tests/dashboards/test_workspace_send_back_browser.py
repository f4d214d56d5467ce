"""Send back → fix → resubmit → accept in a real browser (Chromium through Playwright), in
English and Arabic: the reviewer's comment reaches the author's page, the fixed value is the
one published."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dashboards.serving import served
from tests.dashboards.test_browser import browser  # noqa: F401 (fixture)
from tests.dashboards.test_workspace_browser import demo_with_accounts, log_in
from tests.storage.test_review import one_figure
from tracker.domain.roles import Actor, Role
from tracker.service.store import Store

pytestmark = pytest.mark.browser
FIGURE = {
    "figure_id": "SB1",
    "source": "sohr",
    "metric": "killed",
    "population": "civilians",
    "location": "SY12",
    "reported_on": "2018-07-02",
    "period_start": "2018-06-19",
    "qualifier": "approx",
    "value": "100",
}


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Store]]:
    store = demo_with_accounts(tmp_path / "tracker.db")
    store.import_file(one_figure(FIGURE), propose=True, actor=Actor("alice", Role.ANALYST))
    with served(store) as address:
        yield address, store
    store.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_send_back_fix_resubmit_accept(browser, site, lang):  # noqa: F811
    base, store = site
    bob = browser.new_context().new_page()
    alice = browser.new_context().new_page()
    log_in(bob, base, "bob", lang)
    bob.goto(f"{base}/workspace/review?lang={lang}")
    bob.fill("#proposal-SB1 form:has(button.send-back) input[name=comment]", "which page?")
    bob.click("#proposal-SB1 button.send-back")
    bob.wait_for_load_state()
    assert bob.locator("#proposal-SB1").count() == 0
    log_in(alice, base, "alice", lang)
    alice.goto(f"{base}/workspace/returned?lang={lang}")
    card = alice.locator("#returned-SB1")
    assert "which page?" in card.inner_text()
    assert alice.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert card.locator("input[name=value]").input_value() == "100"  # prefilled
    card.locator("input[name=value]").fill("120")
    card.locator("form:has(button.resubmit) input[name=why]").fill("the 2 July page")
    card.locator("button.resubmit").click()
    alice.wait_for_selector("#returned-empty")
    bob.goto(f"{base}/workspace/review?lang={lang}")
    bob.click("#proposal-SB1 button.accept")
    bob.wait_for_load_state()
    current = store.figures()
    assert float(current.loc[current["figure_id"] == "SB1", "value"].iloc[0]) == 120
