"""A typo in a page's address is said, never silently ignored (newcomer walk, finding 1 and 2):
``/figures?sorce=sohr`` showed every figure with no notice, ``/discrepancies?rule=divergance``
showed every flag while its summary read "Filters: divergance"; the Arabic summary showed the
codes ``moderate · open``."""

from __future__ import annotations

import pytest
from dash import html

from dashboards.pages import discrepancies, figures, trends
from tests.dashboards.test_pages import text, walk
from tracker.views.format import label


def notices(page) -> list[str]:
    paragraphs = [c for c in walk(page) if isinstance(c, html.P)]
    return [text(c) for c in paragraphs if "error" in getattr(c, "className", "")]


def summary(page) -> str:
    return next(text(c) for c in walk(page) if getattr(c, "className", "") == "filters-active")


def test_an_unknown_parameter_is_said_with_the_downloads_did_you_mean(dash_store):
    page = figures.layout(dash_store, sorce="sohr")
    [notice] = notices(page)
    assert "unknown parameter 'sorce'; did you mean 'source'?" in notice
    arabic = notices(figures.layout(dash_store, sorce="sohr", lang="ar"))
    assert len(arabic) == 1 and "معامل غير معروف" in arabic[0] and "هل تقصد" in arabic[0]
    assert "unknown" not in arabic[0]


@pytest.mark.parametrize(
    ("name", "typo", "meant"),
    [("rule", "divergance", "divergence"), ("severity", "hgih", None), ("status", "opne", "open")],
)
def test_an_unknown_flag_selector_is_said_and_never_claimed(dash_store, name, typo, meant):
    page = discrepancies.layout(dash_store, **{name: typo})
    [notice] = notices(page)
    assert f"unknown {name} '{typo}'" in notice
    if meant:  # the guess a download gives
        assert f"did you mean '{meant}'" in notice
    else:  # no close one: the valid ones are named
        assert "(valid: info, minor, moderate, major)" in notice
    assert typo not in summary(page)
    every = [c.id for c in walk(discrepancies.layout(dash_store)) if isinstance(c, html.Article)]
    assert [c.id for c in walk(page) if isinstance(c, html.Article)] == every


def test_a_known_selector_beside_a_typo_still_applies(dash_store):
    page = discrepancies.layout(dash_store, rule="echo,divergance")
    ids = [c.id for c in walk(page) if isinstance(c, html.Article)]
    assert ids and all("echo" in i for i in ids)
    assert len(notices(page)) == 1


def test_the_arabic_summary_names_rules_severities_and_statuses_in_arabic(dash_store, vocab):
    page = discrepancies.layout(
        dash_store, lang="ar", rule="divergence", severity="moderate", status="open"
    )
    words = summary(page)
    for code in ("divergence", "moderate", "open"):
        assert code not in words
    assert label(vocab.extra["rules"], "divergence", "ar") in words
    assert label(vocab.extra["severities"], "moderate", "ar") in words
    assert "مفتوح" in words or "مفتوحة" in words
    english = summary(discrepancies.layout(dash_store, rule="divergence", status="open"))
    assert label(vocab.extra["rules"], "divergence", "en") in english


def test_flag_selectors_are_not_claimed_on_pages_that_do_not_apply_them(dash_store):
    assert "echo" not in summary(figures.layout(dash_store, rule="echo")).lower()


def test_the_parameters_the_app_adds_are_accepted(dash_store):
    assert not notices(figures.layout(dash_store, sort="value", desc="0", page="2", lang="ar"))
    assert not notices(figures.layout(dash_store, figure="R046"))
    assert not notices(trends.layout(dash_store, flag="T-div-killed", daily="0"))
    assert not notices(discrepancies.layout(dash_store, page="1", rule="echo", status="open"))


def test_a_trend_asked_for_two_metrics_says_which_one_it_draws(dash_store):
    page = trends.layout(dash_store, metric="killed,displaced", location="SY12")
    notice = next(c for c in walk(page) if getattr(c, "id", None) == "one-metric-only")
    words = text(notice)
    assert "shows Killed, not Newly displaced" in words
    arabic = trends.layout(dash_store, metric="killed,displaced", location="SY12", lang="ar")
    said = text(next(c for c in walk(arabic) if getattr(c, "id", None) == "one-metric-only"))
    assert "قتلى" in said and "Killed" not in said
    one = trends.layout(dash_store, metric="killed", location="SY12")
    assert not [c for c in walk(one) if getattr(c, "id", None) == "one-metric-only"]


def test_what_a_shared_link_carries_from_elsewhere_is_dropped_quietly(dash_store):
    """utm_source, fbclid and the like come with links from mail and social sites: they are
    not the reader's typos, so no notice (and no did-you-mean 'source')."""
    page = figures.layout(dash_store, source="sohr", utm_source="newsletter", fbclid="IwAR0")
    assert notices(page) == []
    assert notices(figures.layout(dash_store, utm_sorce="x", sorce="sohr"))  # a real typo still is
