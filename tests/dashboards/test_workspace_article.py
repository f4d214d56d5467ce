"""The article page of the workspace over real HTTP (the app on a loopback port, `requests`
as the browser): paste an article, see its figures highlighted as text, correct and keep
some, and find them in the review queue as proposals; never public before review."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
import requests

from tests.dashboards.serving import served, token
from tracker.domain.roles import Actor, Role
from tracker.ingest.readers import read_figure_file
from tracker.service import accounts, review
from tracker.service.store import Store

DATA = Path(__file__).parents[2] / "data"
FIXTURES = Path(__file__).parents[1] / "fixtures"
ADMIN = Actor("operator", Role.ADMIN)
PASSWORD = "alice's long passphrase"
HOSTILE = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path_factory.mktemp('article') / 'tracker.db'}")
    s.upgrade()
    s.import_file(read_figure_file(DATA / "seed" / "figures.csv"), actor=ADMIN)
    accounts.add_user(s, ADMIN, "alice", "analyst", PASSWORD)
    yield s
    s.close()


@pytest.fixture(scope="module")
def base(store: Store) -> Iterator[str]:
    with served(store) as address:
        yield address


@pytest.fixture
def alice(base: str) -> requests.Session:
    session = requests.Session()
    form = session.get(f"{base}/workspace/login")
    answer = session.post(
        f"{base}/workspace/login",
        data={"name": "alice", "password": PASSWORD, "csrf_token": token(form)},
    )
    assert answer.ok
    return session


def read(session: requests.Session, base: str, text: str, lang: str = "en", **more: str):
    form = session.get(f"{base}/workspace/article?lang={lang}")
    data = {"text": text, "reported_on": "2018-06-27", "csrf_token": token(form), "lang": lang}
    return session.post(f"{base}/workspace/article", data={**data, **more})


def fields(page: requests.Response) -> dict[str, str]:
    """The send form as the page fills it (inputs, the selected options, textareas)."""
    html = page.text[page.text.index('id="send-form"') :]
    out = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html):
        out[name] = unescape(value)
    for name, value in re.findall(r'<input id="[^"]+" name="([^"]+)"[^>]*value="([^"]*)"', html):
        out[name] = unescape(value)
    for name, body in re.findall(r'<select id="[^"]+" name="([^"]+)">(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        out[name] = chosen.group(1) if chosen else ""
    for name, value in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>\n?(.*?)</textarea>', html, re.S
    ):
        out[name] = unescape(value)
    return out


def marks(page: requests.Response) -> list[tuple[str, str]]:
    """(proposal number, highlighted text) of every highlight in the article."""
    return [
        (n, unescape(text))
        for n, text in re.findall(
            r'id="mark-(\d+)"[^>]*><span class="phrase">([^<]*)</span>', page.text
        )
    ]


def test_each_proposed_figure_is_highlighted_in_the_text(alice, base) -> None:
    text = (FIXTURES / "article_en.txt").read_text(encoding="utf-8")
    page = read(alice, base, text)
    assert page.status_code == 200
    assert marks(page) == [("1", "at least 27"), ("2", "About 12"), ("3", "more than 60,000")]
    assert "3 figures proposed" in page.text
    form = fields(page)
    assert (form["p1.source"], form["p1.metric"], form["p1.qualifier"]) == (
        "sohr",
        "killed",
        "at_least",
    )
    assert form["p3.source"] == "unhcr" and form["p3.value"] == "60000"
    # "About 12 of them": a part of the 27, its source and population, its own day
    assert "source of the figure it is part of" in form["p2.reasons"]
    assert form["p2.source"] == "sohr" and form["p2.period_start"] == "2018-06-26"


def test_an_article_uploaded_as_a_text_file_is_read_with_its_address(alice, base) -> None:
    form = alice.get(f"{base}/workspace/article")
    text = "https://example.org/deraa\nAt least 12 civilians were killed in Deraa on Tuesday."
    page = alice.post(
        f"{base}/workspace/article",
        data={"csrf_token": token(form), "reported_on": "2018-06-27"},
        files={"file": ("article.txt", text.encode("utf-8-sig"), "text/plain")},
    )
    assert marks(page) == [("1", "At least 12")]
    assert fields(page)["p1.url"] == "https://example.org/deraa"
    latin1 = alice.post(
        f"{base}/workspace/article",
        data={"csrf_token": token(form)},
        files={"file": ("old.txt", "Déraa: 12 tués".encode("latin-1"), "text/plain")},
    )
    assert latin1.status_code == 400 and "old.txt: not UTF-8 text" in latin1.text


def test_highlights_are_cut_at_the_spans_and_never_overlap() -> None:
    from dashboards.workspace.article import Segment, segments

    text = "about 40 killed, 25 strikes"
    assert segments(text, [(17, 19, 2), (0, 8, 1), (6, 12, 3), (20, 99, 4)]) == [
        Segment("about 40", 1),
        Segment(" killed, "),
        Segment("25", 2),
        Segment(" strikes"),
    ]


def test_the_article_is_shown_as_text_never_as_html(alice, base) -> None:
    page = read(alice, base, f"{HOSTILE} At least 12 civilians were killed in Deraa.")
    assert HOSTILE not in page.text
    assert "&lt;script&gt;" in page.text
    assert marks(page) == [("1", "At least 12")]


def test_kept_figures_go_to_the_review_queue_as_proposals(alice, base, store) -> None:
    before = set(review.pending(store)["figure_id"])
    page = read(alice, base, (FIXTURES / "article_en.txt").read_text(encoding="utf-8"))
    form = fields(page)
    form["p1.value"] = "28"  # the analyst corrects a field before keeping it
    sent = alice.post(f"{base}/workspace/article/send", data={**form, "keep": ["1", "3"]})
    assert sent.status_code == 200, sent.text[-800:]
    pending = review.pending(store)
    new = pending[~pending["figure_id"].isin(before)]
    assert sorted(new["value"].astype(int)) == [28, 60000]
    assert set(new["entered_by"]) == {"alice"}
    assert set(new["quote_lang"]) == {"en"}
    queue = alice.get(f"{base}/workspace/review")
    for figure_id in new["figure_id"]:
        assert f'id="proposal-{figure_id}"' in queue.text
        assert figure_id in sent.text


def test_nothing_kept_or_a_bad_field_stores_nothing_and_says_where(alice, base, store) -> None:
    page = read(alice, base, (FIXTURES / "article_en.txt").read_text(encoding="utf-8"))
    form = fields(page)
    count = len(review.pending(store))
    none = alice.post(f"{base}/workspace/article/send", data=form)
    assert none.status_code == 422 and "tick at least one" in none.text
    form["p2.value"] = "12x"
    bad = alice.post(f"{base}/workspace/article/send", data={**form, "keep": ["1", "2"]})
    assert bad.status_code == 422
    assert 'id="error-p2-value"' in bad.text and 'id="error-p1-value"' not in bad.text
    assert marks(bad) == marks(page)  # the highlights survive the round trip
    assert len(review.pending(store)) == count


def test_arabic_page_and_text_read_right_to_left(alice, base) -> None:
    text = (FIXTURES / "article_ar.txt").read_text(encoding="utf-8")
    page = read(alice, base, text, lang="ar")
    assert '<html lang="ar" dir="rtl">' in page.text
    assert 'id="article" class="article-text" dir="rtl"' in page.text
    assert [m for _, m in marks(page)] == ["نحو 40", "25", "أكثر من 60 ألف"]
    assert "اقتُرحت 3 أرقام" in page.text  # CLDR's "few" form


def test_without_a_session_or_a_token_nothing_is_read_or_stored(alice, base, store) -> None:
    count = len(review.pending(store))
    page = requests.get(f"{base}/workspace/article")
    assert page.url.split("?")[0] == f"{base}/workspace/login"
    for path in ("/workspace/article", "/workspace/article/send"):
        assert requests.post(base + path, data={"text": "12 killed"}).status_code == 403
        assert alice.post(base + path, data={"text": "12 killed", "keep": "1"}).status_code == 400
    assert len(review.pending(store)) == count
