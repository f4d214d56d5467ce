"""Figures as the source said them (issue #12, item 6): a count of households shows its
conversion to people; vague words stay words; flags are named by rule and severity in words;
a retracted or revised figure says so at the top of its page; a phone can sort."""

from __future__ import annotations

import shutil

import pytest
from dash import dcc

from dashboards.pages import figures
from tests.dashboards.test_pages import text, walk
from tracker.service.store import Store


def _row_text(layout, figure_id: str) -> str:
    table = next(c for c in walk(layout) if getattr(c, "id", None) == "figures-table")
    for row in table.children[1].children:
        if figure_id in text(row.children[0]):
            return text(row)
    raise AssertionError(f"{figure_id} is not on the page")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "converted: 400 households × 5 people per household ≈ 2,000 people"),
        ("ar", "محوَّل: 400 أسر × 5 (متوسط حجم الأسرة) ≈ 2,000 من الأفراد"),
    ],
)
def test_a_count_of_households_shows_its_conversion(dash_store, lang, words):
    page = figures.layout(dash_store, lang=lang, sort="reported_on", desc="1")
    row = _row_text(page, "R089").replace("\u2066", "").replace("\u2067", "").replace("\u2069", "")
    assert words in row


def test_a_vague_figure_stays_a_word_and_its_interval_says_why(dash_store):
    page = figures.layout(dash_store, metric="idps", population="palestinian_refugees")
    row = _row_text(page, "S03")
    assert "thousands" in row and "2,000–9,999" in row
    cells = [c for c in walk(page) if getattr(c, "className", "") == "interval"]
    assert any("two of that unit up to just under ten" in (c.title or "") for c in cells)


def test_flags_are_named_by_rule_and_severity_in_words(dash_store):
    page = figures.layout(dash_store, metric="killed", population="civilians", location="SY12")
    badges = [c for c in walk(page) if isinstance(c, dcc.Link) and "badge" in (c.className or "")]
    assert badges
    for badge in badges:
        assert not badge.children.startswith(("FL-", "T-")), badge.children
        assert " · " in badge.children and badge.title.startswith(("FL-", "T-"))
    arabic = figures.layout(dash_store, lang="ar", metric="killed", location="SY12")
    assert any("·" in c.children for c in walk(arabic) if isinstance(c, dcc.Link)
               and "badge" in (c.className or ""))  # fmt: skip


def test_a_revised_figure_says_so_at_the_top(dash_store):
    page = figures.layout(dash_store, figure="R046")
    banner = next(c for c in walk(page) if getattr(c, "id", None) == "figure-state")
    assert "1 earlier revision is superseded; shown is revision 2" in text(banner)
    arabic = figures.layout(dash_store, figure="R046", lang="ar")
    banner = next(c for c in walk(arabic) if getattr(c, "id", None) == "figure-state")
    assert "مراجعة سابقة واحدة" in text(banner)
    never_revised = walk(figures.layout(dash_store, figure="R089"))
    assert not [c for c in never_revised if getattr(c, "id", None) == "figure-state"]


@pytest.fixture
def own_store(dash_url: str, tmp_path) -> Store:
    """A copy of the fixture database this test may change."""
    path = dash_url.removeprefix("sqlite:///")
    copy = tmp_path / "copy.db"
    shutil.copy(path, copy)
    store = Store(f"sqlite:///{copy}")
    yield store
    store.close()


def test_a_retracted_figure_says_so_at_the_top(own_store: Store, monkeypatch):
    monkeypatch.setenv("TRACKER_USER", "editor")
    own_store.retract("R089", "counted twice: the same families as R041")
    for lang, words in (
        ("en", "Retracted on"),
        ("ar", "سُحب هذا الرقم"),
    ):
        page = figures.layout(own_store, figure="R089", lang=lang)
        banner = next(c for c in walk(page) if getattr(c, "id", None) == "figure-state")
        assert words in text(banner) and "counted twice" in text(banner)
        assert banner.role == "alert"


def test_a_phone_can_sort_the_figures(dash_store):
    page = figures.layout(dash_store, sort="value", desc="1", metric="killed")
    sorter = next(c for c in walk(page) if getattr(c, "id", None) == "phone-sort")
    links = [c for c in walk(sorter) if isinstance(c, dcc.Link)]
    hrefs = {c.href for c in links}
    assert any("sort=reported_on" in h and "metric=killed" in h for h in hrefs), hrefs
    assert any("sort=value" in h and "desc=0" in h for h in hrefs), hrefs  # the same key turns


def _hovers(page) -> list[str]:
    out = []
    for c in walk(page):
        if isinstance(c, dcc.Graph):
            for trace in c.figure["data"]:
                out += [h for h in (trace.get("hovertext") or []) if h]
    return out


def test_the_trend_says_a_conversion_and_names_flags_in_words(dash_store):
    from dashboards.pages import trends

    displaced = trends.layout(dash_store, metric="displaced", population="all", location="SY12")
    hovers = _hovers(displaced)
    converted = [h for h in hovers if "R041" in h]
    assert converted and "≈ 3,455–4,225 people (about 768 households × 5)" in converted[0]
    page = trends.layout(dash_store, metric="killed", population="civilians", location="SY12")
    killed = _hovers(page)
    flagged = [h for h in killed if "In flag: " in h]
    assert flagged and all("FL-" not in h.split("In flag: ")[1] for h in flagged)
    assert any("Divergence between sources · Moderate" in h for h in flagged)


def test_places_whose_names_repeat_are_named_with_their_level(dash_store):
    from tracker.views.format import distinct_place_name

    vocab = dash_store.vocab
    assert distinct_place_name(vocab, "SY12") == "Dar'a (governorate)"
    assert distinct_place_name(vocab, "C5993") == "Dar'a (community)"
    assert distinct_place_name(vocab, "SY12", "ar") == "درعا (محافظة)"
    assert distinct_place_name(vocab, "SY") == "Syrian Arab Republic"
    page = figures.layout(dash_store, location="SY12", metric="killed")
    assert "Dar'a (governorate)" in text(page)


def test_a_flag_whose_figure_is_no_longer_current_links_its_history(dash_store):
    import pandas as pd

    from dashboards.pages import discrepancies
    from tests.dashboards.test_pages import links
    from tracker.views.tables import flag_card

    flag = {"flag_id": "FL-x", "rule": "echo", "severity": "info", "figure_ids": "R999"}
    card = flag_card(flag, pd.DataFrame(columns=["figure_id"]), dash_store.vocab, "ar")
    view = discrepancies.flag_view(card, "ar")
    assert "/figures?figure=R999&lang=ar" in links(view)
    assert "الرقم R999 لم يعد سارياً." in text(view)
