"""Why each field of a proposal got its value is said in Arabic on the Arabic article page,
from data/workspace/reason_words.csv (the extractor writes its reasons in English)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from dashboards.workspace.said import say_reason
from tracker.extract import extract
from tracker.ingest.extract_tables import read_extract_tables

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.mark.parametrize("name", ["article_ar.txt", "article_en.txt"])
def test_every_reason_of_an_article_is_said_in_arabic(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    frame = extract(text, read_extract_tables(), reported_on=date(2018, 7, 2))
    reasons = [r for cell in frame["reasons"] for r in str(cell).split("; ") if r]
    assert reasons
    for reason in reasons:
        said = say_reason(reason, "ar")
        assert said != reason, reason  # an English article's "at least ← at_least" has no Arabic
        assert not re.search(r"\b(?:named|after|before|from|the)\b", said), said
        assert say_reason(reason, "en") == reason


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("no population named → all", "لم تُذكر فئة ← all (جميع الأشخاص)"),
        (
            "'الأحد' → period_end 2018-07-01 (the الأحد before reported_on)",
            "'الأحد' ← period_end 2018-07-01 (يوم الأحد السابق لتاريخ النشر)",
        ),
        ("قتلوا → killed (right after the number)", "قتلوا ← killed (بعد الرقم مباشرة)"),
    ],
)
def test_a_reason_keeps_its_words_and_says_the_rest_in_arabic(reason: str, said: str) -> None:
    assert say_reason(reason, "ar") == said
