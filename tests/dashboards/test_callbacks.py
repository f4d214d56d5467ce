"""Every callback is a plain function: called here directly, without a browser."""

from __future__ import annotations

from dash import no_update

from dashboards.components.callbacks import controls_to_search, place_search
from dashboards.components.query import parse_search
from dashboards.pages.trends import figure_details

QP = lambda name: {"type": "qp", "name": name}  # noqa: E731
CHECK = lambda name: {"type": "qpcheck", "name": name}  # noqa: E731
FILTER_IDS = [QP("location"), QP("metric"), QP("population"), QP("source")]


def test_filters_become_the_address():
    search = controls_to_search(
        ["SY12", ["killed"], ["civilians"], []],
        [],
        ["2018-06-19"],
        ["2018-07-31T00:00:00"],
        FILTER_IDS,
        [],
        "?lang=ar",
    )
    assert (
        search == "?metric=killed&population=civilians&location=SY12&from=2018-06-19"
        "&to=2018-07-31&lang=ar"
    )


def test_unchanged_controls_do_not_navigate():
    search = "?metric=killed&location=SY12"
    assert (
        controls_to_search(["SY12", ["killed"], [], []], [], [None], [None], FILTER_IDS, [], search)
        is no_update
    )


def test_several_values_are_joined_with_commas_and_cleared_values_dropped():
    search = controls_to_search(
        [None, ["killed", "injured"], [], ["sohr", "snhr"]],
        [],
        [],
        [],
        FILTER_IDS,
        [],
        "?location=SY12",
    )
    assert parse_search(search) == {"metric": "killed,injured", "source": "sohr,snhr"}


def test_a_new_filter_leaves_the_page_figure_and_flag_of_the_old_view():
    search = controls_to_search(
        ["SY12", [], [], []], [], [], [], FILTER_IDS, [], "?page=3&figure=R001&flag=F1&sort=value"
    )
    assert parse_search(search) == {"location": "SY12", "sort": "value"}


def test_single_metric_and_daily_checkbox():
    ids = [QP("metric")]
    assert (
        controls_to_search(["killed"], [[]], [], [], ids, [CHECK("daily")], "?metric=killed")
        == "?metric=killed&daily=0"
    )
    assert (
        controls_to_search(
            ["killed"], [["1"]], [], [], ids, [CHECK("daily")], "?metric=killed&daily=0"
        )
        == "?metric=killed"
    )


def test_page_filters_travel_too():
    ids = [QP("rule"), QP("status")]
    assert parse_search(
        controls_to_search([["divergence"], ["open"]], [], [], [], ids, [], "?lang=ar")
    ) == {"rule": "divergence", "status": "open", "lang": "ar"}


def test_place_search_finds_places_in_either_language(dash_store):
    vocab = dash_store.vocab
    options = place_search(vocab, "daraa", None, "")
    values = [o["value"] for o in options]
    assert values[0] == "SY12"
    assert all("daraa" in o["search"] for o in options)  # the browser keeps what we found
    arabic = place_search(vocab, "درعا", None, "?lang=ar")
    assert arabic[0]["value"] == "SY12" and arabic[0]["label"].startswith("درعا")
    # the selected place stays among the options
    assert "C6044" in [o["value"] for o in place_search(vocab, "daraa", "C6044", "")]
    assert place_search(vocab, "", None, "") is no_update


def test_claim_details_show_the_clicked_claim(dash_store):
    store = dash_store
    children = figure_details(store, {"points": [{"customdata": "R120"}]}, "")
    text = str(children)
    assert "Syrian Network for Human Rights" in text
    assert "at least 214" in text
    assert "https://islampos.com" in text
    assert "T-div-killed" not in text  # sentences are shown, not ids
    assert "1.5 times" in text
    arabic = str(figure_details(store, {"points": [{"customdata": "R120"}]}, "?lang=ar"))
    assert "الشبكة السورية لحقوق الإنسان" in arabic
    assert figure_details(store, None, "") is no_update
    assert figure_details(store, {"points": [{}]}, "") is no_update
    assert "R999" in str(figure_details(store, {"points": [{"customdata": "R999"}]}, ""))


def test_callbacks_only_read(app):
    """The public dashboard registers no callback that writes: outputs are the address, the
    area's options and the claim panel; the page router is Dash's own."""
    app.server.test_client().get("/")  # Dash adds its page router on the first request
    outputs = set()
    for key in app.callback_map:
        outputs.update(part.strip(".") for part in key.split("..") if part)
    allowed = {
        "_pages_location.search",
        '{"name":"location","type":"qp"}.options',
        "claim-details.children",
        "_pages_content.children",
        "_pages_store.data",
        "_pages_dummy.children",
        "map-go.href",  # the map's click opens a trend: an address, not a write (issue #12)
        "overview-map-go.href",  # the same on an episode's overview map
    }
    assert outputs <= allowed, outputs - allowed
    assert {"_pages_location.search", "claim-details.children"} <= outputs
