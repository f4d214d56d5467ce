"""The upload page and the registry pages in a real browser (Debian's Chromium through
Playwright), in English and Arabic: an upload of a file with bad rows names every bad line,
stores nothing and offers the rejects file; a source an admin adds is then offered by the
entry form."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.dashboards.test_browser import ARTIFACTS, browser  # noqa: F401 (fixture)
from tracker.domain.roles import Actor, Role
from tracker.service import accounts
from tracker.service.store import Store
from tracker.storage import tables

pytestmark = pytest.mark.browser

BAD = Path(__file__).parents[1] / "fixtures" / "bad_figures.csv"
ADMIN = Actor("operator", Role.ADMIN)
PASSWORDS = {"alice": "alice's long passphrase", "ada": "ada's long passphrase"}


@pytest.fixture(scope="module")
def served_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    from werkzeug.serving import make_server

    from dashboards.app import create_app

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('registry-browser') / 'tracker.db'}")
    store.upgrade()
    accounts.add_user(store, ADMIN, "alice", "analyst", PASSWORDS["alice"])
    accounts.add_user(store, ADMIN, "ada", "admin", PASSWORDS["ada"])
    server = make_server("127.0.0.1", 0, create_app(store).server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", store
    server.shutdown()
    thread.join(timeout=5)
    store.close()


def log_in(page, base: str, name: str, lang: str) -> None:
    page.goto(f"{base}/workspace/?lang={lang}")
    page.wait_for_selector("#password")
    page.fill("#name", name)
    page.fill("#password", PASSWORDS[name])
    page.click("#login")
    page.wait_for_selector("#pending")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")


def figures(store: Store) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(tables.figures)).scalar_one())


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_bad_upload_names_every_bad_line_and_offers_the_rejects(
    browser,  # noqa: F811
    served_store: tuple[str, Store],
    lang: str,
    tmp_path: Path,
) -> None:
    base, store = served_store
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    log_in(page, base, "alice", lang)
    page.click("#nav-upload")
    page.wait_for_selector("#format")
    assert page.locator("#format option").count() >= 2  # detect + every format of data/
    page.set_input_files("#file", str(BAD))
    before = figures(store)
    page.click("#upload")
    page.wait_for_selector("#upload-problems")
    problems = page.locator("#upload-problems li").all_inner_texts()
    for line in range(3, 16):  # B02…B14: every bad row, named by its line
        assert any(p.startswith(f"line {line},") for p in problems), (line, problems)
    assert not any(p.startswith(("line 2,", "line 16,")) for p in problems)  # valid rows
    assert "format canonical chosen by the header" in page.locator("#upload-notices").inner_text()
    assert figures(store) == before  # all or nothing: nothing stored
    page.screenshot(path=str(ARTIFACTS / f"workspace-upload-bad-{lang}.png"), full_page=True)
    with page.expect_download() as caught:
        page.click("#rejects")
    download = caught.value
    assert download.suggested_filename == "bad_figures.rejects.csv"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["figure_id"] for r in rows] == [f"B{i:02d}" for i in range(2, 15)]
    assert all(r["problems"] for r in rows)
    context.close()
    assert not errors, errors


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_source_an_admin_adds_is_offered_by_the_entry_form(
    browser,  # noqa: F811
    served_store: tuple[str, Store],
    lang: str,
) -> None:
    base, _ = served_store
    code = f"msf-{lang}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "ada", lang)
    page.click("#nav-entry")
    page.wait_for_selector("#f-source")
    assert page.locator(f"#f-source option[value='{code}']").count() == 0
    page.click("#nav-sources")
    page.wait_for_selector("#registry-form")
    page.fill("#r-id", code)
    page.fill("#r-name_en", "Médecins Sans Frontières")
    page.fill("#r-name_ar", "أطباء بلا حدود")
    page.select_option("#r-type", "ngo_monitor")
    page.select_option("#r-reliability", "high")
    page.fill("#r-url", "https://www.msf.org")
    page.click("#registry-submit")
    page.wait_for_selector(f"#row-{code}")
    assert "أطباء بلا حدود" in page.locator(f"#row-{code}").inner_text()
    page.screenshot(path=str(ARTIFACTS / f"workspace-sources-{lang}.png"), full_page=True)
    page.click("#nav-entry")
    page.wait_for_selector("#f-source")
    option = page.locator(f"#f-source option[value='{code}']")
    assert option.count() == 1
    assert "Médecins Sans Frontières — أطباء بلا حدود" in option.inner_text()
    label = page.locator("label[for='f-source']").inner_text()
    assert label.startswith("المصدر" if lang == "ar" else "Source")
    context.close()
