"""Every page and download says when the data last changed and the newest report (#11)."""

from __future__ import annotations

from dashboards.components.asof import stamped
from dashboards.pages import overview, sources
from tests.dashboards.test_pages import text, walk


def test_every_page_has_a_data_as_of_line_under_its_title(dash_store):
    for layout in (overview.layout, sources.layout):
        for lang, words in (("en", "Data as of"), ("ar", "البيانات حتى")):
            page = stamped(layout(dash_store, lang=lang), dash_store, lang)
            line = next(c for c in walk(page) if getattr(c, "id", None) == "data-as-of")
            assert words in text(line)
            main = next(c for c in walk(page) if getattr(c, "id", None) == "main")
            assert main.children[1] is line  # right under the H1


def test_the_datapackage_says_when_the_data_changed_and_the_newest_report(client):
    response = client.get("/download/datapackage.json")
    assert response.status_code == 200 and response.last_modified is not None
    as_of = response.get_json()["data_as_of"]
    assert as_of["changed"][:10] == response.last_modified.date().isoformat()
    assert as_of["newest_report"] >= "2018-07-01"
