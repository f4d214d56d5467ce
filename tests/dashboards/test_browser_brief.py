"""The episode brief in a real browser, on the demo data (#11): `/?episode=daraa-2018` shows
its cards in one 1280×900 screen, in English and Arabic, each headline in a source's words
and naming who said it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dashboards.serving import served
from tests.dashboards.test_browser import ARTIFACTS, browser  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

#: card id → (English, Arabic) texts the card must show (headline words, who said it)
CARDS = {
    "card-displaced": (
        ["more than 320,000", "Said by UN", "UNHCR · more than 270,000", "OCHA · nearly 6,000"],
        ["أكثر من", "320,000", "الأمم المتحدة", "270,000", "6,000"],
    ),
    "card-killed-civilians": (
        ["Civilians", "about 126", "Said by SOHR", "SNHR · at least 214", "SOHR · about 126"],
        ["مدنيون", "نحو", "126", "214", "الشبكة السورية"],
    ),
    "card-at_border": (["Displaced at the border", "150–200", "Said by UN"], ["بين", "150", "200"]),
    "card-refugees": (["Palestine refugees", "about 40,000"], ["لاجئون فلسطينيون", "40,000"]),
}
NEVER = ("270,001", "320,001", "28,001")  # derived bounds the cards showed before #11


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo database (tracker init --demo) served on a free loopback port."""
    from tracker.cli import main
    from tracker.service.store import Store

    db = Path(tmp_path_factory.mktemp("brief")) / "demo.db"
    url = f"sqlite:///{db}"
    assert main(["--db", url, "init", "--demo"]) == 0
    store = Store(url)
    with served(store) as address:
        yield address
    store.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_episode_brief_fits_one_screen_in_both_languages(browser, demo_url, lang):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(demo_url + "/?episode=daraa-2018" + ("&lang=ar" if lang == "ar" else ""))
    page.wait_for_selector("#brief .card", timeout=30_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"episode-brief-{lang}.png"))
    for card_id, (english, arabic) in CARDS.items():
        card = page.locator(f"#{card_id}")
        box = card.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 900, f"{card_id} below the fold"
        words = card.inner_text()
        for expected in english if lang == "en" else arabic:
            assert expected in words, f"{card_id}: {expected!r} not in {words!r}"
    # SNHR's "at least 214" beside SOHR's "about 126" (above), their flag one click away
    civilians = page.locator("#card-killed-civilians")
    civilians.locator("details.disagreements summary").click()
    fold = civilians.locator("details.disagreements").inner_text()
    assert "214" in fold and "126" in fold and ("SNHR" in fold if lang == "en" else True)
    link = civilians.locator("details.disagreements a").get_attribute("href")
    assert link.startswith("/discrepancies?") and "rule=divergence" in link
    brief = page.locator("#brief").inner_text()
    assert not any(bad in brief for bad in NEVER)
    as_of = page.locator("#data-as-of").inner_text()
    assert (
        "newest report 2 Dec 2018" if lang == "en" else "أحدث تقرير 2 كانون الأول 2018"
    ) in as_of
    context.close()
