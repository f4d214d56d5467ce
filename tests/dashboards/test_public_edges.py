"""The public app's edges (#18 findings 8 and 9): nothing a user or a script sends answers
500, every answer carries the security headers, requests and callback answers are bounded."""

from __future__ import annotations

import json
import re

import pytest

from dashboards.components.callguard import MAX_VALUES
from dashboards.components.query import MAX_PAGE, page_number

PAGES_OUTPUT = ".._pages_content.children..._pages_store.data.."
SEARCH_OUTPUT = "_pages_location.search"
AREA_OUTPUT = '{"name":"location","type":"qp"}.options'
SECURITY = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
)
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
HOSTILE_PAGES = ("99999999999999999999999999", "-5", "abc", "1e400", "٣", "0", "9" * 1000)


def page_request(path: str, search: str) -> dict:
    """The callback Dash's router sends to draw ``path`` with the query ``search``."""
    return {
        "output": PAGES_OUTPUT,
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
    }


def area_request(typed: object) -> dict:
    area = {"name": "location", "type": "qp"}
    return {
        "output": AREA_OUTPUT,
        "outputs": {"id": area, "property": "options"},
        "inputs": [{"id": area, "property": "search_value", "value": typed}],
        "state": [
            {"id": area, "property": "value", "value": None},
            {"id": "_pages_location", "property": "search", "value": ""},
        ],
        "changedPropIds": ['{"name":"location","type":"qp"}.search_value'],
    }


def post(client, body) -> object:
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post("/_dash-update-component", data=data, content_type="application/json")


def assert_secure(response) -> None:
    missing = [h for h in SECURITY if h not in response.headers]
    assert not missing, (response.status_code, missing)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_page_number_is_bounded() -> None:
    assert page_number("7") == 7
    assert page_number("-5") == page_number("abc") == page_number("٣") == page_number("0") == 1
    assert page_number("9" * 5000) == page_number(str(MAX_PAGE + 1)) == MAX_PAGE


@pytest.mark.parametrize("path", ["/figures", "/discrepancies"])
@pytest.mark.parametrize("page", HOSTILE_PAGES)
def test_any_page_number_draws_a_page(client, path: str, page: str) -> None:
    """Finding 8: a huge page number answered 500 (an integer too large for the database)."""
    response = post(client, page_request(path, f"?page={page}"))
    assert response.status_code == 200, response.text[:300]
    assert_secure(response)


MALFORMED = [
    b"garbage",
    b"[]",
    b"{}",
    b"null",
    {"output": "x"},
    {"output": "no.such"},
    {"output": PAGES_OUTPUT, "inputs": "x"},
    {"output": PAGES_OUTPUT, "inputs": [1, 2]},
    {"output": PAGES_OUTPUT, "inputs": [{"id": "_pages_location"}]},
    {"output": PAGES_OUTPUT, "inputs": [{"id": 5, "property": "search", "value": ""}]},
    {**page_request("/figures", ""), "changedPropIds": "x"},
    {**page_request("/figures", ""), "outputs": 3},
    {**page_request("/figures", ""), "state": {"a": 1}},
]


@pytest.mark.parametrize("body", MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_callback_requests_answer_400(client, body) -> None:
    """Finding 8: Dash raised on malformed payloads and the server answered 500."""
    response = post(client, body)
    assert response.status_code == 400, response.text[:300]
    assert_secure(response)


WRONG_TYPES = [
    page_request("/figures", 123),  # type: ignore[arg-type]
    page_request(["/figures"], ""),  # type: ignore[arg-type]
    page_request({"a": 1}, {"b": 2}),  # type: ignore[arg-type]
    page_request("/figures", "x" * 10_000),
    area_request({"a": 1}),
    area_request(["a"] * (MAX_VALUES + 1)),
    {
        "output": SEARCH_OUTPUT,
        "outputs": {"id": "_pages_location", "property": "search"},
        "inputs": [
            [{"id": "zz", "property": "value", "value": {"x": 1}}],
            [],
            [],
            [],
        ],
        "state": [[], [], {"id": "_pages_location", "property": "search", "value": ""}],
        "changedPropIds": [],
    },
]


@pytest.mark.parametrize("body", WRONG_TYPES, ids=range(len(WRONG_TYPES)))
def test_callback_inputs_of_the_wrong_type_answer_400(client, body) -> None:
    response = post(client, body)
    assert response.status_code == 400, response.text[:300]


def test_filter_callback_with_odd_ids_does_not_fail(client) -> None:
    """Ids that are text, or lack a name, are skipped rather than raising."""
    body = {
        "output": SEARCH_OUTPUT,
        "outputs": {"id": "_pages_location", "property": "search"},
        "inputs": [
            [{"id": "a", "property": "value", "value": "x"}],
            [{"id": {"type": "qpcheck"}, "property": "value", "value": 3}],
            [{"id": {"type": "qpdates", "name": "d"}, "property": "start_date", "value": None}],
            [],
        ],
        "state": [
            [{"id": "a", "property": "id", "value": "a"}],
            [{"id": {"type": "qpcheck"}, "property": "id", "value": {"type": "qpcheck"}}],
            {"id": "_pages_location", "property": "search", "value": "?page=2"},
        ],
        "changedPropIds": [],
    }
    assert post(client, body).status_code < 500


@pytest.mark.parametrize(
    "click", [[1], {"points": "x"}, {"points": [1, None]}, {"points": [{"customdata": {}}]}]
)
@pytest.mark.parametrize("graph,output", [("trend-graph", "claim-details.children"),
                                          ("map-graph", "map-go.href")])  # fmt: skip
def test_chart_clicks_of_another_shape_are_ignored(client, click, graph, output) -> None:
    prop = output.split(".")[0]
    body = {
        "output": output,
        "outputs": {"id": prop, "property": output.split(".")[1]},
        "inputs": [{"id": graph, "property": "clickData", "value": click}],
        "state": [{"id": "_pages_location", "property": "search", "value": ""}],
        "changedPropIds": [f"{graph}.clickData"],
    }
    assert post(client, body).status_code in (200, 204)


def test_area_search_does_not_echo_long_text(client) -> None:
    """Finding 9: the typed text was echoed into every option (5 MB in, 150 MB out)."""
    response = post(client, area_request("a" * 4000))
    assert response.status_code in (200, 204)
    assert len(response.data) < 100_000
    assert "a" * 100 not in response.text


def test_large_requests_answer_413(client) -> None:
    """Finding 9: there was no request-size limit."""
    response = post(client, area_request("a" * 2_000_000))
    assert response.status_code == 413
    assert_secure(response)


def test_request_limit_is_configurable(client, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_MAX_REQUEST_BYTES", "1000")
    assert post(client, area_request("a" * 2000)).status_code == 413
    assert post(client, area_request("Aleppo")).status_code in (200, 204)


@pytest.mark.parametrize(
    "path",
    [
        "/nope",
        "/figures/../../etc/passwd",
        "/download/nope.csv",
        "/figures?page=1&page=2&page=x",
        "/trends?from=x&from=y&to=%00",
        "/?lang=ar&lang=en&unknown=1&" + "x=1&" * 200,
        "/download/figures.csv?from=notadate&metric=" + "z" * 3000,
        "/download/figures.csv?page=999999999999999999999",
    ],
)
def test_odd_addresses_answer_no_500(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code < 500, path
    assert_secure(response)


def test_unknown_path_answers_404_with_headers(client) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert_secure(response)


def _routes(app) -> list[str]:
    paths = []
    for rule in app.server.url_map.iter_rules():
        paths.append(re.sub(r"<(?:[^:>]+:)?[^>]+>", "x", rule.rule))
    return sorted(set(paths))


def test_every_method_on_every_route_answers_no_500(app, client) -> None:
    """Finding 8/9: every route, every method: no 500, the security headers on each answer."""
    failures = []
    for path in _routes(app):
        for method in METHODS:
            response = client.open(path, method=method, data=b"{}")
            if response.status_code >= 500 or any(h not in response.headers for h in SECURITY):
                failures.append((method, path, response.status_code))
    assert not failures


@pytest.mark.parametrize(
    "path", ["/", "/figures", "/download/figures.csv", "/_dash-layout", "/workspace/login"]
)
def test_security_headers_on_pages_and_downloads(client, path: str) -> None:
    """Finding 9: pages, downloads and errors had no CSP, frame-ancestors or nosniff."""
    response = client.get(path)
    assert_secure(response)
    csp = response.headers["Content-Security-Policy"]
    scripts = csp.split("script-src ", 1)[1] if "script-src " in csp else csp
    assert "unsafe-inline" not in scripts.split(";")[0]
