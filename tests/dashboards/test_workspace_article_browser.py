"""The article page in a real browser (Debian's Chromium through Playwright), in Arabic: an
analyst pastes a small article, sees its figures highlighted in the right-to-left text,
corrects one, keeps two and sends them; a reviewer then finds both in the review queue."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dashboards.test_browser import ARTIFACTS, browser  # noqa: F401 (fixture)
from tracker.domain.roles import Actor, Role
from tracker.ingest.readers import read_figure_file
from tracker.service import accounts
from tracker.service.store import Store

pytestmark = pytest.mark.browser

DATA = Path(__file__).parents[2] / "data"
ARTICLE = Path(__file__).parents[1] / "fixtures" / "article_ar.txt"
ADMIN = Actor("operator", Role.ADMIN)
PASSWORDS = {"alice": "alice's long passphrase", "bob": "bob's long passphrase"}


@pytest.fixture
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from werkzeug.serving import make_server

    from dashboards.app import create_app

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('article-browser') / 'tracker.db'}")
    store.upgrade()
    store.import_file(read_figure_file(DATA / "seed" / "figures.csv"), actor=ADMIN)
    accounts.add_user(store, ADMIN, "alice", "analyst", PASSWORDS["alice"])
    accounts.add_user(store, ADMIN, "bob", "reviewer", PASSWORDS["bob"])
    server = make_server("127.0.0.1", 0, create_app(store).server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    store.close()


def log_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/workspace/?lang=ar")
    page.wait_for_selector("#password")
    page.fill("#name", name)
    page.fill("#password", PASSWORDS[name])
    page.click("#login")
    page.wait_for_selector("#pending")


def test_paste_an_arabic_article_and_send_two_figures_to_review(browser, base):  # noqa: F811
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    analyst = browser.new_context(viewport={"width": 1280, "height": 900})
    page = analyst.new_page()
    page.on("pageerror", lambda e: problems.append(str(e)))
    log_in(page, base, "alice")
    page.click("#nav-article")
    page.wait_for_selector("#article-form")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#a-text", ARTICLE.read_text(encoding="utf-8"))
    page.fill("#a-reported_on", "2018-06-27")
    page.click("#read-article")
    page.wait_for_selector("#article .figure-mark")

    article = page.locator("#article")
    assert article.get_attribute("dir") == "rtl"
    marks = page.locator("#article .figure-mark .phrase").all_inner_texts()
    assert marks == ["نحو 40", "25", "أكثر من 60 ألف"]
    assert page.locator("#p1-source").input_value() == "sohr"
    assert page.locator("#p3-metric").input_value() == "displaced"

    page.click("#mark-2")  # the highlight leads to its proposal
    assert page.evaluate("location.hash") == "#proposal-2"
    page.fill("#p2-value", "26")  # the analyst corrects the count
    page.check("#keep-1")
    page.check("#keep-2")
    assert "kept" in (page.locator("#mark-1").get_attribute("class") or "")
    assert "kept" not in (page.locator("#mark-3").get_attribute("class") or "")
    page.screenshot(path=str(ARTIFACTS / "workspace-article-ar.png"), full_page=True)
    page.click("#send")
    page.wait_for_selector("#to-review")
    notice = page.locator(".notice").inner_text()
    ids = [w.strip(".،:") for w in notice.replace(",", " ").split() if w.startswith("F")]
    assert len(ids) == 2, notice
    analyst.close()

    reviewer = browser.new_context(viewport={"width": 1280, "height": 900})
    page = reviewer.new_page()
    page.on("pageerror", lambda e: problems.append(str(e)))
    log_in(page, base, "bob")
    page.click("#nav-review")
    for figure_id in ids:
        page.locator(f"#proposal-{figure_id}").wait_for()
    queue = page.locator("main").inner_text()
    assert "26" in queue and "40" in queue
    reviewer.close()
    assert not problems, problems
