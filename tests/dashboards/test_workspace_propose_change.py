"""Proposing a revision or a retraction from a figure's workspace page over real HTTP (the
app on a loopback port, `requests` as the browser): prefilled form, CSRF, roles, validation
beside the field; the public download changes only once another reviewer accepts."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
import requests

from tests.dashboards.serving import served, token
from tests.dashboards.test_workspace_security import HOSTILE, login, stored
from tests.dashboards.test_workspace_security import store as store  # noqa: F401 (fixture)
from tracker.service import review
from tracker.service.store import Store


@pytest.fixture(scope="module")
def base(store: Store) -> Iterator[str]:  # noqa: F811
    with served(store) as address:
        yield address


def public_values(base: str) -> dict[str, str]:
    """figure_id → value in the public figures.csv download."""
    text = requests.get(f"{base}/download/figures.csv", timeout=30).text
    return {r["figure_id"]: r["value"] for r in csv.DictReader(io.StringIO(text))}


def post(session: requests.Session, url: str, page: str, **data: str) -> requests.Response:
    form = session.get(page)
    return session.post(url, data={**data, "csrf_token": token(form)}, allow_redirects=False)


def test_an_analyst_proposes_a_revision_another_reviewer_accepts(
    store: Store,  # noqa: F811
    base: str,
) -> None:
    page = f"{base}/workspace/figures/S01"
    alice, bob = login(base, "alice"), login(base, "bob")
    form = alice.get(page).text
    assert 'name="value"' in form and 'value="160000"' in form  # prefilled
    assert 'value="2018-06-29"' in form
    arabic = alice.get(f"{page}?lang=ar").text
    assert "اقتراح تعديل" in arabic and "اقتراح سحب الرقم" in arabic
    answer = post(alice, f"{page}/revise", page, value="165000", why="UN update of 30 June")
    assert answer.status_code == 302
    assert public_values(base)["S01"] == "160000"  # nothing public moved
    queue = bob.get(f"{base}/workspace/review").text
    assert "Revision of a published figure" in queue and "proposal-S01" in queue
    assert "تعديل رقم منشور" in bob.get(f"{base}/workspace/review?lang=ar").text
    queue_url = f"{base}/workspace/review"
    assert post(alice, f"{queue_url}/S01/accept", queue_url).status_code == 403  # own
    assert post(bob, f"{queue_url}/S01/accept", queue_url, why="ok").status_code == 302
    assert public_values(base)["S01"] == "165000"
    history = store.history("S01", public=True)
    assert history["why"].iloc[-1] == "UN update of 30 June — ok"


def test_an_analyst_proposes_a_retraction_another_reviewer_accepts(
    store: Store,  # noqa: F811
    base: str,
) -> None:
    page = f"{base}/workspace/figures/S02"
    alice, carol = login(base, "alice"), login(base, "carol")
    answer = post(alice, f"{page}/retract", page, why=HOSTILE)
    assert answer.status_code == 302
    shown = alice.get(page).text
    assert "figure-open-proposal" in shown and "propose-retraction" not in shown
    assert "&lt;script&gt;" in shown and HOSTILE not in shown  # the reason as text
    assert "S02" in public_values(base)
    queue_url = f"{base}/workspace/review"
    assert "Retraction of a published figure" in carol.get(queue_url).text
    assert post(carol, f"{queue_url}/S02/accept", queue_url).status_code == 302
    assert "S02" not in public_values(base)
    assert list(store.history("S02", public=True)["status"]) == ["active", "retracted"]
    assert "figure-retracted" in alice.get(page).text


def test_a_bad_revision_is_named_beside_its_field_and_stores_nothing(
    store: Store,  # noqa: F811
    base: str,
) -> None:
    page = f"{base}/workspace/figures/S03"
    alice = login(base, "alice")
    before = stored(store)
    answer = post(alice, f"{page}/revise", page, value="-4", why="typo")
    assert answer.status_code == 422 and 'id="error-value"' in answer.text
    assert post(alice, f"{page}/revise", page, value="1200", why="").status_code == 400
    assert post(alice, f"{page}/retract", page, why=" ").status_code == 400
    assert alice.get(f"{base}/workspace/figures/NOPE").status_code == 404
    assert stored(store) == before and "S03" not in set(review.pending(store)["figure_id"])


def test_no_session_or_no_csrf_stores_nothing(store: Store, base: str) -> None:  # noqa: F811
    before = stored(store)
    for action in ("revise", "retract"):
        url = f"{base}/workspace/figures/S03/{action}"
        anonymous = requests.post(url, data={"value": "9", "why": "x"}, allow_redirects=False)
        assert anonymous.status_code in (302, 401, 403)
        alice = login(base, "alice")
        no_token = alice.post(url, data={"value": "9", "why": "x"}, allow_redirects=False)
        assert no_token.status_code in (400, 403)
    page = requests.get(f"{base}/workspace/figures/S03", allow_redirects=False)
    assert page.status_code == 302 and "/workspace/login" in page.headers["Location"]
    assert stored(store) == before


def test_a_bad_revision_on_an_arabic_page_is_said_in_arabic(
    store: Store,  # noqa: F811
    base: str,
) -> None:
    page = f"{base}/workspace/figures/S03?lang=ar"
    alice = login(base, "alice")
    answer = post(alice, f"{base}/workspace/figures/S03/revise?lang=ar", page, value="-4", why="x")
    assert answer.status_code == 422
    assert "لم يُحفظ شيء" in answer.text and "سالب" in answer.text
    assert "is not valid" not in answer.text and "is negative" not in answer.text
