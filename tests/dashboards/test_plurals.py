"""Every count shown with a noun takes its CLDR plural form (issue #12): "1 figure" and
"2 figures"; in Arabic six forms ("رقم واحد", "رقمان", "3 أرقام", "11 رقماً", "100 رقم")."""

from __future__ import annotations

import re

import pytest

from dashboards.i18n import strings, t
from dashboards.pages import figures
from dashboards.workspace import words
from dashboards.workspace.words import t as workspace_t
from tests.dashboards.test_pages import text

COUNTS = (0, 1, 2, 3, 11, 100)
#: What each Arabic form of a counted "figure" (رقم) says, by count.
FIGURE_AR = {0: "لا أرقام", 1: "رقم واحد", 2: "رقمان", 3: "3 أرقام", 11: "11 رقماً", 100: "100 رقم"}
FLAG_AR = {
    0: "لا تنبيهات",
    1: "تنبيه واحد",
    2: "تنبيهان",
    3: "3 تنبيهات",
    11: "11 تنبيهاً",
    100: "100 تنبيه",
}
COUNTED = re.compile(r"\{(n|total|rows|count)\}|\(s\)")


def _counted_keys(table: dict) -> list[str]:
    """Keys whose English text shows a count: each must hold plural forms."""
    out = []
    for key, entry in table.items():
        english = entry.get("en")
        texts = english.values() if isinstance(english, dict) else [english]
        if any(COUNTED.search(str(x)) for x in texts):
            out.append(key)
    return out


@pytest.mark.parametrize("table", [strings(), words.table()], ids=["public", "workspace"])
def test_every_counted_text_has_cldr_plural_forms_in_both_languages(table):
    keys = _counted_keys(table)
    assert keys
    for key in keys:
        entry = table[key]
        assert isinstance(entry["en"], dict) and set(entry["en"]) == {"one", "other"}, key
        assert isinstance(entry["ar"], dict), key
        assert set(entry["ar"]) == {"zero", "one", "two", "few", "many", "other"}, key
        assert "(s)" not in str(entry), key


@pytest.mark.parametrize("table", [strings(), words.table()], ids=["public", "workspace"])
def test_the_six_arabic_forms_read_differently_for_0_1_2_3_11_100(table):
    values = {"page": 1, "pages": 2, "file": "a.csv", "same": 0, "s": 2, "current": 3, "date": "x",
              "parameter": "lang", "waiting": 2}  # fmt: skip
    for key in _counted_keys(table):
        arabic = [_say(table, key, "ar", n, values) for n in COUNTS]
        assert len(set(arabic)) == len(COUNTS), (key, arabic)
        english = [_say(table, key, "en", n, values) for n in (1, 2)]
        assert english[0] != english[1], key


def _say(table, key, lang, n, values):
    say = t if table is strings() else workspace_t
    return say(key, lang, n=n, **values)


@pytest.mark.parametrize("n", COUNTS)
def test_figures_and_flags_are_counted_in_words(n):
    pager = t("page_of", "ar", page=1, pages=1, n=n)
    assert pager.endswith(FIGURE_AR[n]), pager
    assert t("flag_page_of", "ar", page=1, pages=1, n=n).endswith(FLAG_AR[n])
    assert t("page_of", "en", page=1, pages=1, n=n).endswith(
        "1 figure" if n == 1 else f"{n} figures"
    )
    assert (
        workspace_t("pending", "ar", n=n).split(" ب")[0]
        in {
            0: "لا مقترحات",
            1: "مقترح واحد",
            2: "مقترحان",
            3: "3 مقترحات",
            11: "11 مقترحاً",
            100: "100 مقترح",
        }[n]
    )


def test_the_figures_pager_counts_in_the_page_language(dash_store):
    arabic = text(figures.layout(dash_store, lang="ar"))
    english = text(figures.layout(dash_store))
    match = re.search(r"Page 1 of 3 · (\S+) figures", english)
    assert match, english
    total = int(match.group(1).replace(",", ""))
    assert total > 10
    form = "رقماً" if 11 <= total % 100 <= 99 else "رقم"
    assert f"{match.group(1)} {form}" in arabic.replace("\u2066", "").replace("\u2069", "")
