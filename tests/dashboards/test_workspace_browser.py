"""The workspace in a real browser (Debian's Chromium through Playwright), in English and
Arabic: an analyst enters a figure with the form and the public overview does not change; a
reviewer sees the flag it would raise and the headline it would move, accepts it; the public
overview and figures.csv then show it with both names."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.dashboards.test_browser import ARTIFACTS, browser  # noqa: F401 (fixture)
from tracker.domain.roles import Actor, Role
from tracker.ingest.readers import read_figure_file
from tracker.service import accounts
from tracker.service.store import Store

pytestmark = pytest.mark.browser

DATA = Path(__file__).parents[2] / "data"
ADMIN = Actor("operator", Role.ADMIN)
PASSWORDS = {"alice": "alice's long passphrase", "bob": "bob's long passphrase"}
VALUES = {"en": "100", "ar": "95"}  # SOHR's own count falling from about 126: a flag
#: The schema's "not a number" and the rule's name, in the page's language (the words tables).
NOT_A_NUMBER = {"en": "not a number", "ar": "ليس رقماً"}
REGRESSION = {"en": "Same-source regression", "ar": "تراجع في أرقام المصدر نفسه"}


def demo_with_accounts(path: Path) -> Store:
    """A store at ``path`` with the demo figures, analyst alice and reviewer bob."""
    store = Store(f"sqlite:///{path}")
    store.upgrade()
    store.import_file(read_figure_file(DATA / "demo" / "daraa-2018.csv"), actor=ADMIN)
    accounts.add_user(store, ADMIN, "alice", "analyst", PASSWORDS["alice"])
    accounts.add_user(store, ADMIN, "bob", "reviewer", PASSWORDS["bob"])
    return store


@pytest.fixture
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from werkzeug.serving import make_server

    from dashboards.app import create_app

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('workspace-browser') / 'tracker.db'}")
    store.upgrade()
    store.import_file(read_figure_file(DATA / "seed" / "figures.csv"), actor=ADMIN)
    store.import_file(read_figure_file(DATA / "demo" / "daraa-2018.csv"), actor=ADMIN)
    accounts.add_user(store, ADMIN, "alice", "analyst", PASSWORDS["alice"])
    accounts.add_user(store, ADMIN, "bob", "reviewer", PASSWORDS["bob"])
    server = make_server("127.0.0.1", 0, create_app(store).server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    store.close()


def log_in(page, base: str, name: str, lang: str) -> None:
    page.goto(f"{base}/workspace/?lang={lang}")
    page.wait_for_selector("#password")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    page.fill("#name", name)
    page.fill("#password", PASSWORDS[name])
    page.click("#login")
    page.wait_for_selector("#pending")


def overview_text(page, base: str, lang: str) -> str:
    page.goto(f"{base}/?metric=killed&location=SY12&lang={lang}", wait_until="domcontentloaded")
    page.wait_for_selector("#card-killed", timeout=20_000)
    return page.locator("#card-killed").inner_text()


def figures_csv(base: str) -> list[dict[str, str]]:
    text = requests.get(f"{base}/download/figures.csv?metric=killed").text
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_analyst_proposes_and_a_reviewer_publishes(browser, base, lang):  # noqa: F811
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    analyst = browser.new_context(viewport={"width": 1280, "height": 900})
    page = analyst.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    before = overview_text(page, base, lang)
    rows_before = figures_csv(base)

    log_in(page, base, "alice", lang)
    page.click("#nav-entry")
    page.wait_for_selector("#entry-form")
    page.select_option("#f-source", "sohr")
    page.select_option("#f-metric", "killed")
    page.select_option("#f-population", "civilians")
    page.select_option("#f-qualifier", "approx")
    page.fill("#f-location", "درعا")  # the picker searches Arabic names
    page.wait_for_selector("#places option", state="attached")
    assert "SY12" in page.locator("#places option").first.get_attribute("value")
    page.fill("#f-location", "SY12")
    page.fill("#f-reported_on", "2018-07-01")
    page.fill("#f-period_start", "2018-06-19")
    page.fill("#f-period_end", "2018-06-30")
    page.fill("#f-value", "12x")  # a bad value: the schema's words beside the field
    page.click("#propose")
    page.wait_for_selector("#error-value")
    assert NOT_A_NUMBER[lang] in page.locator("#error-value").inner_text()
    page.fill("#f-value", VALUES[lang])
    page.click("#propose")
    page.wait_for_selector(".notice")
    notice = page.locator(".notice").inner_text()
    figure_id = next(w.strip(".،") for w in notice.split() if w.startswith("F") and len(w) > 8)
    page.screenshot(path=str(ARTIFACTS / f"workspace-entry-{lang}.png"), full_page=True)
    assert overview_text(page, base, lang) == before  # a proposal is not public
    assert figures_csv(base) == rows_before
    analyst.close()

    reviewer = browser.new_context(viewport={"width": 1280, "height": 900})
    page = reviewer.new_page()
    page.on("pageerror", lambda e: problems.append(str(e)))
    log_in(page, base, "bob", lang)
    page.click("#nav-review")
    proposal = page.locator(f"#proposal-{figure_id}")
    proposal.wait_for()
    text = proposal.inner_text()
    assert REGRESSION[lang] in text  # the flag it would raise, named in the reader's language
    assert "→" in proposal.locator(".move").first.inner_text()  # the headline it would move
    page.screenshot(path=str(ARTIFACTS / f"workspace-review-{lang}.png"), full_page=True)
    proposal.locator("input[name=why]").first.fill("checked on SOHR's site")
    proposal.locator("button.accept").click()
    page.wait_for_selector(".notice")
    assert page.locator(f"#proposal-{figure_id}").count() == 0

    assert overview_text(page, base, lang) != before
    row = next(r for r in figures_csv(base) if r["figure_id"] == figure_id)
    assert (row["entered_by"], row["reviewed_by"], row["review_status"]) == (
        "alice",
        "bob",
        "accepted",
    )
    assert row["value"] == VALUES[lang]
    reviewer.close()
    assert not problems, problems
