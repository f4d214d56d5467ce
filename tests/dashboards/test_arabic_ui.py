"""The whole UI in Arabic (issue #12): toolbar locale, plurals, 404, nothing sent out."""

from __future__ import annotations

import pytest

from dashboards.components.graph_config import graph_config
from dashboards.i18n import t
from tracker.views.plural import plural_category


def test_the_arabic_chart_toolbar_carries_its_own_locale_and_no_outside_service():
    arabic = graph_config("ar")
    assert arabic["locale"] == "ar"
    words = arabic["locales"]["ar"]["dictionary"]
    assert words["Download plot as a PNG"] == "تنزيل الرسم صورةً" and words["Zoom in"] == "تكبير"
    assert arabic["locales"]["ar"]["format"]["months"][5] == "حزيران"
    for config in (arabic, graph_config("en")):
        assert config["showSendToCloud"] is False and config["showEditInChartStudio"] is False
        assert "sendDataToCloud" in config["modeBarButtonsToRemove"]
    assert "locale" not in graph_config("en")


@pytest.mark.parametrize(
    ("n", "arabic", "english"),
    [
        (1, "رقم واحد", "1 claim"),
        (2, "رقمان", "2 claims"),
        (7, "7 أرقام", "7 claims"),
        (11, "11 رقماً", "11 claims"),
        (100, "100 رقم", "100 claims"),
    ],
)
def test_counts_take_the_cldr_plural_form(n, arabic, english):
    assert t("claims_n", "ar", n=n) == arabic
    assert t("claims_n", "en", n=n) == english


def test_plural_categories_come_from_cldr():
    assert [plural_category(n, "ar") for n in (0, 1, 2, 5, 12, 100)] == [
        "zero", "one", "two", "few", "many", "other"
    ]  # fmt: skip
    assert plural_category("\u20661,234\u2069", "ar") == "many"
    assert plural_category(1, "en") == "one" and plural_category("—", "en") == "other"


@pytest.fixture(scope="module")
def client(dash_store):
    from dashboards.app import create_app

    return create_app(dash_store).server.test_client()


@pytest.mark.parametrize("path", ["/nope", "/trends/extra", "/methodologies"])
def test_unknown_paths_answer_404_in_the_readers_language(client, path):
    english = client.get(path)
    assert english.status_code == 404 and "Page not found" in english.text
    arabic = client.get(path + "?lang=ar")
    assert arabic.status_code == 404
    assert 'dir="rtl"' in arabic.text and "الصفحة غير موجودة" in arabic.text
    assert "<script" not in arabic.text


@pytest.mark.parametrize(
    "path", ["/", "/trends", "/methodology", "/discrepancies?lang=ar", "/healthz"]
)
def test_known_paths_still_answer(client, path):
    assert client.get(path).status_code == 200
