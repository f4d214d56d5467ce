"""The engine speaks the vocabularies' words: rules (rules.csv), severities (severities.csv),
reliability ranks (reliability.csv) and the claim words of qualifiers.csv and magnitudes.csv."""

from __future__ import annotations

import dataclasses

import pytest
from reconcile_helpers import fig, flags_of, make_ctx

from tracker.domain.reconcile import sentences
from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.rules import (
    containment,
    divergence,
    echo,
    hierarchy,
    regression,
    staleness,
    subgroup,
)
from tracker.domain.settings import DEFAULT_SETTINGS, Settings
from tracker.domain.wording import ClaimWords

RULE_MODULES = (containment, regression, hierarchy, subgroup, divergence, staleness, echo)


def test_one_module_and_one_sentence_writer_per_rule_of_the_vocabulary(vocab):
    assert tuple(m.RULE for m in RULE_MODULES) == vocab.rule_ids
    for module in RULE_MODULES:
        assert module.__name__.rsplit(".", 1)[1] == module.RULE
    assert set(sentences.WRITERS) == set(vocab.rule_ids)


def test_rule_kinds_come_from_the_data(vocab):
    assert vocab.contradiction_rules == (
        "containment",
        "regression",
        "hierarchy",
        "subgroup",
        "divergence",
    )
    assert {vocab.rule_kind[r] for r in ("staleness", "echo")} == {"info"}


def test_info_rules_give_info_flags(vocab):
    """A rule of kind info (rules.csv) raises only info flags; the others never do."""
    rows = [
        fig("F1", "a", 5000, metric="idps", population="all", end="2018-06-01"),
        fig("F2", "b", 5000, metric="idps", population="all", end="2018-06-02"),
        fig("F3", "c", 9000, metric="idps", population="all", end="2018-06-30"),
        fig("F4", "a", 300, start="2018-06-10", end="2018-06-20"),
        fig("F5", "b", 200, start="2018-06-01", end="2018-06-25"),
    ]
    flags = flags_of(rows)
    assert {"echo", "staleness", "containment"} <= set(flags["rule"])
    for rule, severity in zip(flags["rule"], flags["severity"], strict=True):
        assert (severity == "info") == (vocab.rule_kind[rule] == "info"), (rule, severity)


def test_severities_in_order_and_reliability_ranks_come_from_the_data(vocab):
    assert vocab.severity_order == ("info", "minor", "moderate", "major")
    assert vocab.severity_rank["major"] > vocab.severity_rank["moderate"]
    assert vocab.reliability_rank == {"low": 1, "medium": 2, "high": 3}
    ctx = ReconcileContext.from_vocabularies(vocab)
    for source, level in vocab.sources["reliability"].items():
        assert ctx.source_reliability[source] == vocab.reliability_rank[level]


def test_flags_carry_severities_of_the_vocabulary(vocab):
    rows = [
        fig("F1", "a", 300, start="2018-06-10", end="2018-06-20"),
        fig("F2", "b", 200, start="2018-06-01", end="2018-06-25"),
        fig("F3", "c", 900, start="2018-06-01", end="2018-06-25"),
    ]
    flags = flags_of(rows)
    assert len(flags) and set(flags["severity"]) <= set(vocab.severity_order)


def test_claim_words_are_the_vocabularys(vocab):
    words = vocab.claim_words("en")
    assert words.say("approx", 126, number=str) == "about 126"
    assert words.say("magnitude", 12, number=str) == "dozens"
    assert words.say("magnitude", 7, number=str) == "~7"
    assert words.say(None, 5, number=str) == "5"
    assert vocab.claim_words("ar").say("at_least", 214, number=str) == "214 على الأقل"
    assert ClaimWords().say("approx", 3, number=str) == "3"
    assert vocab.claim_words("fr").say("approx", 3, number=str) == "3"
    assert make_ctx().words_ar.magnitudes[12] == "عشرات"


def test_one_settings_holds_every_tunable():
    ctx = make_ctx(echo_days=5)
    assert isinstance(ctx.settings, Settings)
    assert ctx.settings == dataclasses.replace(DEFAULT_SETTINGS, echo_days=5)
    assert ctx.with_settings(tau=0.2).settings.tau == 0.2
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.settings.tau = 0.3  # type: ignore[misc]
