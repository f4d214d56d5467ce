"""The workspace's security over real HTTP (the app on a loopback port, `requests` as the
browser): sessions, CSRF, roles, escaping, login rate limits, password hashes."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from argon2 import PasswordHasher
from sqlalchemy import func, select

from tests.dashboards.serving import logged_in, served, token
from tracker.domain.roles import Actor, Role
from tracker.ingest.readers import read_figure_file
from tracker.service import accounts, review
from tracker.service.store import Store
from tracker.storage import tables

DATA = Path(__file__).parents[2] / "data"
PASSWORDS = {n: f"{n}'s long passphrase" for n in ("alice", "bob", "carol")}
ADMIN = Actor("operator", Role.ADMIN)
FIGURE = {
    "source": "sohr",
    "metric": "killed",
    "population": "civilians",
    "location": "SY12",
    "reported_on": "2018-07-02",
    "period_start": "2018-06-19",
    "qualifier": "approx",
    "value": "150",
}
HOSTILE = "<script>alert('x')</script>"
PUBLISHED = itertools.count(1)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("workspace") / "tracker.db"
    s = Store(f"sqlite:///{path}")
    s.upgrade()
    s.import_file(read_figure_file(DATA / "seed" / "figures.csv"), actor=ADMIN)
    s.import_file(read_figure_file(DATA / "demo" / "daraa-2018.csv"), actor=ADMIN)
    accounts.add_user(s, ADMIN, "alice", "analyst", PASSWORDS["alice"])
    accounts.add_user(s, ADMIN, "bob", "reviewer", PASSWORDS["bob"])
    accounts.add_user(s, ADMIN, "carol", "reviewer", PASSWORDS["carol"])
    yield s
    s.close()


@pytest.fixture(scope="module")
def base(store: Store) -> Iterator[str]:
    with served(store) as address:
        yield address


def login(base: str, name: str, password: str | None = None) -> requests.Session:
    return logged_in(base, name, password or PASSWORDS[name])


def stored(store: Store) -> tuple[int, int, int]:
    """Figure rows, flag notes, accounts: what any write would change."""
    with store.connect() as conn:
        return tuple(
            int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in (tables.figures, tables.flag_notes, tables.users)
        )


def a_flag(store: Store) -> str:
    return str(store.flags()["flag_id"].iloc[0])


def propose(store: Store, by: str = "alice") -> str:
    from tests.storage.test_review import one_figure

    # a new publication each time: a figure with the same claim would be the stored one
    url = f"https://example.org/{next(PUBLISHED)}"
    result = store.import_file(
        one_figure({**FIGURE, "notes": HOSTILE, "url": url}),
        propose=True,
        actor=Actor(by, Role.ANALYST),
    )
    return str(result.plan.new["figure_id"].iloc[0])


def writes(store: Store) -> list[tuple[str, dict]]:
    """Every state-changing request of the workspace, with a form that would succeed."""
    figure = (
        propose(store) if review.pending(store).empty else review.pending(store)["figure_id"][0]
    )
    return [
        ("/workspace/entry", FIGURE),
        (f"/workspace/review/{figure}/accept", {"why": "ok"}),
        (f"/workspace/review/{figure}/reject", {"why": "no"}),
        (f"/workspace/flags/{a_flag(store)}/explain", {"note": "seen", "action": "explain"}),
        ("/workspace/logout", {}),
    ]


PAGES = [
    "/workspace",
    "/workspace/",
    "/workspace/entry",
    "/workspace/review",
    "/workspace/upload",
    "/workspace/flags",
    "/workspace/places?q=daraa",
    "/workspace/anything",
]


def test_every_page_without_a_session_goes_to_the_login(base: str) -> None:
    for path in PAGES:
        answer = requests.get(base + path, allow_redirects=True)
        assert answer.url.split("?")[0] == f"{base}/workspace/login", path
        assert 'name="password"' in answer.text, path


def test_every_write_without_a_session_is_refused_and_stores_nothing(
    base: str, store: Store
) -> None:
    anonymous = requests.Session()
    form = anonymous.get(f"{base}/workspace/login")  # a session with a token, no account
    requests_ = writes(store)
    before = stored(store)
    for path, data in requests_:
        answer = anonymous.post(
            base + path, data={**data, "csrf_token": token(form)}, allow_redirects=False
        )
        assert answer.status_code in (401, 403), path
    upload = anonymous.post(
        f"{base}/workspace/upload",
        data={"csrf_token": token(form)},
        files={"file": ("f.csv", b"reported_on,source\n")},
        allow_redirects=False,
    )
    assert upload.status_code == 403
    assert stored(store) == before


def test_a_write_without_the_csrf_token_is_refused_and_stores_nothing(
    base: str, store: Store
) -> None:
    session = login(base, "bob")
    requests_ = writes(store)
    before = stored(store)
    for path, data in requests_:
        for sent in ({}, {"csrf_token": "forged"}):
            answer = session.post(base + path, data={**data, **sent}, allow_redirects=False)
            assert answer.status_code == 400, (path, sent)
    upload = session.post(
        f"{base}/workspace/upload", files={"file": ("f.csv", b"x\n")}, allow_redirects=False
    )
    assert upload.status_code == 400
    assert stored(store) == before
    assert session.get(f"{base}/workspace/", allow_redirects=False).status_code == 200


def test_a_login_without_the_csrf_token_is_refused(base: str) -> None:
    answer = requests.post(
        f"{base}/workspace/login", data={"name": "bob", "password": PASSWORDS["bob"]}
    )
    assert answer.status_code == 400 and "tracker_session" not in answer.cookies


def test_an_analyst_calling_a_reviewer_action_gets_403(base: str, store: Store) -> None:
    figure = propose(store, by="carol")
    session = login(base, "alice")
    page = session.get(f"{base}/workspace/review")
    assert f"/workspace/review/{figure}/accept" not in page.text  # no button for an analyst
    before = stored(store)
    for action in ("accept", "reject"):
        answer = session.post(
            f"{base}/workspace/review/{figure}/{action}",
            data={"why": "mine now", "csrf_token": token(page)},
            allow_redirects=False,
        )
        assert answer.status_code == 403, action
    assert stored(store) == before and figure in set(review.pending(store)["figure_id"])


def test_a_reviewer_cannot_accept_their_own_proposal_through_the_page(
    base: str, store: Store
) -> None:
    session = login(base, "carol")
    page = session.get(f"{base}/workspace/entry")
    answer = session.post(
        f"{base}/workspace/entry", data={**FIGURE, "value": "151", "csrf_token": token(page)}
    )
    figure = re.search(r"Figure (\w+) is stored as a proposal", answer.text).group(1)
    queue = session.get(f"{base}/workspace/review")
    assert "another reviewer decides it" in queue.text
    refused = session.post(
        f"{base}/workspace/review/{figure}/accept",
        data={"why": "self", "csrf_token": token(queue)},
        allow_redirects=False,
    )
    assert refused.status_code == 403
    assert figure in set(review.pending(store)["figure_id"])


def test_user_text_renders_as_text(base: str, store: Store) -> None:
    propose(store)
    session = login(base, "bob")
    flags = session.get(f"{base}/workspace/flags")
    flag = a_flag(store)
    session.post(
        f"{base}/workspace/flags/{flag}/explain",
        data={"note": HOSTILE, "action": "explain", "csrf_token": token(flags)},
    )
    for path in ("/workspace/flags?status=explained", "/workspace/review"):
        page = session.get(base + path)
        assert HOSTILE not in page.text, path
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text, path
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_the_session_cookie_is_httponly_and_samesite(base: str) -> None:
    session = requests.Session()
    form = session.get(f"{base}/workspace/login")
    answer = session.post(
        f"{base}/workspace/login",
        data={"name": "bob", "password": PASSWORDS["bob"], "csrf_token": token(form)},
        allow_redirects=False,
    )
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "password" not in cookie.lower() and PASSWORDS["bob"] not in cookie


def test_ten_wrong_passwords_lock_the_account(base: str, store: Store) -> None:
    accounts.add_user(store, ADMIN, "dave", "analyst", "dave's long passphrase")
    session = requests.Session()
    form = token(session.get(f"{base}/workspace/login"))
    for _ in range(accounts.MAX_FAILURES):
        wrong = session.post(
            f"{base}/workspace/login",
            data={"name": "dave", "password": "guess", "csrf_token": form},
        )
        assert wrong.status_code == 401
    right = session.post(
        f"{base}/workspace/login",
        data={"name": "dave", "password": "dave's long passphrase", "csrf_token": form},
        allow_redirects=False,
    )
    assert right.status_code == 429 and "Too many failed logins" in right.text
    with store.transaction() as conn:  # the address is locked too: clear it for other tests
        conn.execute(tables.login_failures.delete())


def test_the_stored_hash_is_not_the_password(store: Store) -> None:
    with store.connect() as conn:
        rows = conn.execute(select(tables.users.c.name, tables.users.c.password_hash)).fetchall()
    for name, stored_hash in rows:
        if name in PASSWORDS:
            assert stored_hash.startswith("$argon2id$")
            assert PASSWORDS[name] not in stored_hash
            assert PasswordHasher().verify(stored_hash, PASSWORDS[name])


def test_an_upload_with_bad_rows_names_every_line_stores_nothing_and_offers_the_rejects(
    base: str, store: Store
) -> None:
    session = login(base, "alice")
    page = session.get(f"{base}/workspace/upload")
    before = stored(store)
    bad = (Path(__file__).parents[1] / "fixtures" / "bad_figures.csv").read_bytes()
    answer = session.post(
        f"{base}/workspace/upload",
        data={"mode": "all", "csrf_token": token(page)},
        files={"file": ("bad.csv", bad)},
    )
    assert answer.status_code == 422
    assert "nothing stored" in answer.text
    lines = set(re.findall(r"line (\d+), column", answer.text))
    assert len(lines) >= 2
    assert 'download="bad.rejects.csv"' in answer.text
    assert stored(store) == before
