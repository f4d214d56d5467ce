"""The schema's problems are said in Arabic beside the fields of an Arabic workspace page, from
data/workspace/problem_words.csv; the templates are checked against the messages the one
schema really writes, so the two cannot drift apart."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from dashboards.workspace.said import say_problem
from tracker.domain.validation import validate_figures
from tracker.domain.vocabularies import Vocabularies
from tracker.ingest.reference import read_reference

ARABIC = re.compile(r"[\u0600-\u06ff]")
GOOD = {
    "reported_on": "2018-07-02",
    "source": "sohr",
    "metric": "killed",
    "location": "SY12",
    "value": "45",
}
BAD = [
    {"value": "abc"},
    {"value": ""},
    {"reported_on": "2018-07-32"},
    {"reported_on": "02/07/2018"},
    {"reported_on": "2099-01-01"},
    {"value": "-3"},
    {"value": "1.5"},
    {"value": "999999999999"},
    {"url": "ftp://x"},
    {"quote_lang": "arabic"},
    {"period_start": "2018-07-05", "period_end": "2018-07-01"},
    {"period_end": "2018-07-05"},
    {"qualifier": "range"},
    {"value_high": "50"},
    {"qualifier": "range", "value_high": "40"},
    {"qualifier": "magnitude", "value": "7"},
    {"qualifier": "less_than", "value": "0"},
    {"metric": "kiled"},
    {"location": "Atlantis"},
]


@pytest.fixture(scope="module")
def vocab() -> Vocabularies:
    return read_reference()


@pytest.mark.parametrize("bad", BAD, ids=lambda b: ",".join(f"{k}={v}" for k, v in b.items()))
def test_each_problem_the_schema_writes_is_said_in_arabic(vocab: Vocabularies, bad) -> None:
    row = {**GOOD, **bad}
    table = pd.DataFrame([row]).astype("string").replace("", pd.NA)
    problems = validate_figures(table, vocab, date(2026, 1, 1), first_line=1).problems
    assert problems, row
    for problem in problems:
        said = say_problem(problem.message, "ar")
        assert ARABIC.search(said), problem.message
        assert say_problem(problem.message, "en") == problem.message


def test_the_parts_that_vary_are_carried_over() -> None:
    said = say_problem("is in the future (today is 2026-01-01)", "ar")
    assert said == "تاريخ في المستقبل (اليوم 2026-01-01)"


def test_a_message_no_template_fits_stays_as_written() -> None:
    assert say_problem("something new", "ar") == "something new"


def test_each_template_has_the_same_parts_in_both_languages() -> None:
    import string

    from dashboards.i18n import read_words
    from dashboards.workspace.said import PROBLEM_WORDS

    def parts(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, words in read_words(PROBLEM_WORDS).items():
        assert parts(str(words["en"])) == parts(str(words["ar"])), key
