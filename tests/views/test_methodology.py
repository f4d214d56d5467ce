"""/methodology is generated from the engine's vocabularies and settings (issue #12)."""

from __future__ import annotations

from dataclasses import replace

from tracker.domain.interval_words import interval_rule
from tracker.domain.settings import DEFAULT_SETTINGS
from tracker.views.methodology import help_href, methodology


def test_every_rule_severity_qualifier_and_reliability_has_a_row(vocab):
    for lang in ("en", "ar"):
        page = methodology(vocab, lang)
        ids = {i for s in page["sections"] if s["table"] for i in s["table"]["ids"]}
        assert {f"rule-{r}" for r in vocab.extra["rules"].index} <= ids
        assert {f"severity-{s}" for s in vocab.extra["severities"].index} <= ids
        assert {f"qualifier-{q}" for q in vocab.qualifiers.index} <= ids
        assert {f"reliability-{r}" for r in vocab.reliability.index} <= ids
        anchors = [s["anchor"] for s in page["sections"]]
        assert {"headline", "band", "independent", "rules", "severities"} <= set(anchors)


def test_the_page_follows_the_settings(vocab):
    text = str(methodology(vocab, "en"))
    assert "10%" in text and "1.5 times" in text and "14 days" in text
    wider = str(methodology(vocab, "ar", replace(DEFAULT_SETTINGS, tau=0.2, staleness_days=30)))
    assert "20%" in wider and "30" in wider and "10%" not in wider


def test_interval_rules_are_words_not_maths(vocab):
    for q in vocab.qualifiers.index:
        for lang in ("en", "ar"):
            words = interval_rule(vocab, q, lang)
            assert "τ" not in words and "·" not in words and "[" not in words, words
    assert (
        interval_rule(vocab, "approx", "en") == "from 10% below the stated number to 10% above it"
    )
    assert "10%" in interval_rule(vocab, "nearly", "ar")


def test_help_links_keep_the_language():
    assert help_href("rule-echo", "ar") == "/methodology?lang=ar#rule-echo"
    assert help_href("headline", "en") == "/methodology#headline"


def test_the_severities_say_a_documented_stock_change_is_one_step_lower(vocab):
    """Issue #16: the severity of a stock divergence with flows reported between its dates is
    described on the page in both languages."""
    en = str(methodology(vocab, "en"))
    assert "is one step lower (major becomes moderate, moderate minor, minor info) when" in en
    assert "people returning home for a fall, newly displaced people for a rise" in en
    ar = str(methodology(vocab, "ar"))
    assert "درجة واحدة (الكبيرة تصبح متوسطة، والمتوسطة طفيفة، والطفيفة للعلم)" in ar
    assert "عودة الناس إلى ديارهم في حال الانخفاض، ونزوح جديد في حال الارتفاع" in ar
