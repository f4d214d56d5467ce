"""Send back → fix → resubmit → accept over real HTTP (the app on a loopback port, `requests`
as the browser): sessions, CSRF and roles checked; nothing stored when refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from tests.dashboards.serving import served, token
from tests.dashboards.test_workspace_security import login, propose, stored
from tests.dashboards.test_workspace_security import store as store  # noqa: F401 (fixture)
from tracker.service import review
from tracker.service.store import Store


@pytest.fixture(scope="module")
def base(store: Store) -> Iterator[str]:  # noqa: F811
    with served(store) as address:
        yield address


def post(session: requests.Session, url: str, page: str, **data: str) -> requests.Response:
    form = session.get(page)
    return session.post(url, data={**data, "csrf_token": token(form)}, allow_redirects=False)


def test_send_back_fix_resubmit_accept(store: Store, base: str) -> None:  # noqa: F811
    figure = propose(store)
    queue, mine = f"{base}/workspace/review", f"{base}/workspace/returned"
    alice, bob = login(base, "alice"), login(base, "bob")
    refused = post(alice, f"{queue}/{figure}/send-back", queue, comment="no")
    assert refused.status_code == 403  # an analyst sends nothing back
    answer = post(bob, f"{queue}/{figure}/send-back", queue, comment="which page?")
    assert answer.status_code == 302
    page = alice.get(mine).text
    assert f"returned-{figure}" in page and "which page?" in page
    assert f"returned-{figure}" not in bob.get(mine).text  # only the author's
    arabic = alice.get(f"{mine}?lang=ar").text
    assert "أعاده bob: which page?" in arabic
    before = stored(store)
    refused = post(bob, f"{mine}/{figure}/resubmit", mine, value="151", why="fixed")
    assert refused.status_code == 403 and stored(store) == before
    answer = post(alice, f"{mine}/{figure}/resubmit", mine, value="151", why="the page says 151")
    assert answer.status_code == 302
    assert list(review.pending(store)["figure_id"]) == [figure]
    assert post(bob, f"{queue}/{figure}/accept", queue, why="ok").status_code == 302
    current = store.figures()
    assert float(current.loc[current["figure_id"] == figure, "value"].iloc[0]) == 151


def test_no_session_no_csrf_stores_nothing(store: Store, base: str) -> None:  # noqa: F811
    figure = propose(store)
    before = stored(store)
    anonymous = requests.post(
        f"{base}/workspace/review/{figure}/send-back",
        data={"comment": "x"},
        allow_redirects=False,
    )
    assert anonymous.status_code in (302, 400, 401, 403)
    bob = login(base, "bob")
    no_token = bob.post(
        f"{base}/workspace/review/{figure}/send-back",
        data={"comment": "x"},
        allow_redirects=False,
    )
    assert no_token.status_code in (400, 403)
    assert stored(store) == before and list(review.pending(store)["figure_id"]) == [figure]
