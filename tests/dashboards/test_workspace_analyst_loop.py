"""The workspace as an Arabic-speaking analyst meets it, over real HTTP: layla (analyst)
proposes, omar (reviewer) accepts; what she types is read as she meant it, and what the pages
say is in her language and names the right people."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
import requests

from tests.dashboards.serving import logged_in, served, token
from tracker.domain.roles import Actor, Role
from tracker.ingest.readers import read_figure_file
from tracker.service import accounts
from tracker.service.store import Store

DATA = Path(__file__).parents[2] / "data"
ADMIN = Actor("operator", Role.ADMIN)
PASSWORDS = {"layla": "layla's long passphrase", "omar": "omar's long passphrase"}
FIGURE = {
    "source": "sohr",
    "metric": "killed",
    "population": "civilians",
    "location": "SY12",
    "reported_on": "2018-07-03",
    "period_start": "2018-06-19",
    "qualifier": "approx",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path_factory.mktemp('analyst') / 'tracker.db'}")
    s.upgrade()
    s.import_file(read_figure_file(DATA / "seed" / "figures.csv"), actor=ADMIN)
    accounts.add_user(s, ADMIN, "layla", "analyst", PASSWORDS["layla"])
    accounts.add_user(s, ADMIN, "omar", "reviewer", PASSWORDS["omar"])
    yield s
    s.close()


@pytest.fixture(scope="module")
def base(store: Store) -> Iterator[str]:
    with served(store) as address:
        yield address


def login(base: str, name: str) -> requests.Session:
    return logged_in(base, name, PASSWORDS[name])


def text(page: requests.Response) -> str:
    """The page's words as a person reads them (tags dropped, entities decoded)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page.text)).split())


def enter(session: requests.Session, base: str, lang: str = "ar", **values: str):
    form = session.get(f"{base}/workspace/entry?lang={lang}")
    data = {**FIGURE, **values, "csrf_token": token(form), "lang": lang}
    return session.post(f"{base}/workspace/entry?lang={lang}", data=data)


def proposed_id(page: requests.Response) -> str:
    found = re.search(r"(?:Figure|الرقم) (\S+?) (?:is stored|مقترحاً)", text(page))
    assert found, text(page)[:800]
    return found.group(1)


@pytest.mark.parametrize(("typed", "stored"), [("٤٥", 45), ("١٬٢٠٠", 1200), ("1,300", 1300)])
def test_the_entry_form_reads_arabic_indic_digits_and_thousands(
    base: str, store: Store, typed: str, stored: int
) -> None:
    page = enter(login(base, "layla"), base, value=typed, url=f"https://example.org/{stored}")
    assert page.status_code == 200, text(page)[:800]
    figure = proposed_id(page)
    (value,) = store.history(figure)["value"].tolist()
    assert int(value) == stored


def test_the_queue_shows_no_nan_for_a_proposal_without_notes(base: str) -> None:
    layla = login(base, "layla")
    enter(layla, base, value="76", url="https://example.org/76", notes="checked by phone")
    proposed_id(enter(layla, base, value="77", url="https://example.org/77"))
    for lang in ("en", "ar"):
        queue = login(base, "omar").get(f"{base}/workspace/review?lang={lang}")
        assert queue.ok and "checked by phone" in text(queue)
        assert not re.search(r"\bnan\b", text(queue), re.IGNORECASE), lang


def test_the_article_box_says_its_limit_and_never_cuts_a_long_text(base: str) -> None:
    layla = login(base, "layla")
    for lang, limit in (("en", "At most 60,000 characters"), ("ar", "حرف على الأكثر")):
        form = layla.get(f"{base}/workspace/article?lang={lang}")
        assert limit in text(form)
        assert "maxlength" not in form.text  # the browser would cut a paste silently
    long = ("SOHR: 45 civilians were killed in Daraa on Monday. " * 1425)[:72_625]
    form = layla.get(f"{base}/workspace/article?lang=ar")
    data = {"text": long, "csrf_token": token(form), "lang": "ar"}
    answer = layla.post(f"{base}/workspace/article?lang=ar", data=data)
    assert answer.status_code == 413
    said = text(answer)
    assert "72,625" in said and "60,000" in said and "لم يُقتطع شيء" in said
    assert long in unescape(answer.text)  # given back whole, to split


def test_arabic_workspace_pages_say_role_page_and_lists_in_arabic(base: str) -> None:
    layla = login(base, "layla")
    home = text(layla.get(f"{base}/workspace/entry?lang=ar"))
    assert "دخلت باسم layla (محلل)" in home and "(analyst)" not in home
    missing = layla.get(f"{base}/workspace/queue?lang=ar")
    assert missing.status_code == 404
    assert "لا توجد صفحة باسم queue في مساحة العمل" in text(missing)
    assert "no workspace page" not in text(missing)
    proposed_id(enter(layla, base, value="78", url="https://example.org/78"))
    queue = text(login(base, "omar").get(f"{base}/workspace/review?lang=ar"))
    assert "قتلى، مدنيون" in queue
    assert not re.search(r"[\u0600-\u06ff], [\u0600-\u06ff]", queue)  # no Latin comma


def test_field_problems_on_an_arabic_page_are_in_arabic(base: str) -> None:
    layla = login(base, "layla")
    page = enter(layla, base, value="abc", period_start="2018-07-05", period_end="2018-07-01")
    assert page.status_code == 422
    said = text(page)
    assert "ليس رقماً" in said and "بداية الفترة (period_start) بعد نهايتها" in said
    assert "not a number" not in said and "is after period_end" not in said


def test_the_arabic_article_page_gives_its_reasons_in_arabic(base: str) -> None:
    layla = login(base, "layla")
    form = layla.get(f"{base}/workspace/article?lang=ar")
    article = (Path(__file__).parents[1] / "fixtures" / "article_ar.txt").read_text("utf-8")
    data = {"text": article, "reported_on": "2018-07-02", "csrf_token": token(form), "lang": "ar"}
    page = layla.post(f"{base}/workspace/article?lang=ar", data=data)
    assert page.ok
    said = text(page)
    assert "بعد الرقم مباشرة" in said and "right after the number" not in said
