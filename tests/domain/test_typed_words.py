"""The words people type for a qualifier, a unit or a measure get the id they mean in the
"did you mean" (from data/vocabularies/*_phrases.csv, not from code)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tracker.domain.validation import validate_figures

TODAY = date(2026, 11, 25)
ROW = {
    "reported_on": "2018-06-30",
    "source": "sohr",
    "metric": "killed",
    "location": "SY12",
    "value": "126",
}


@pytest.mark.parametrize(
    ("column", "typed", "meant"),
    [
        ("qualifier", "about", "approx"),
        ("qualifier", "About", "approx"),
        ("qualifier", "around", "approx"),
        ("qualifier", "roughly", "approx"),
        ("qualifier", "~", "approx"),
        ("qualifier", "نحو", "approx"),
        ("qualifier", "almost", "nearly"),
        ("qualifier", "minimum", "at_least"),
        ("qualifier", "over", "more_than"),
        ("qualifier", "above", "more_than"),
        ("qualifier", "up to", "at_most"),
        ("qualifier", "max", "at_most"),
        ("qualifier", "under", "less_than"),
        ("qualifier", "between", "range"),
        ("qualifier", "thousands", "magnitude"),
        ("qualifier", "precisely", "exact"),
        ("unit", "people", "persons"),
        ("unit", "families", "households"),
        ("unit", "hh", "households"),
        ("unit", "attacks", "events"),
        ("unit", "incidents", "events"),
        ("unit", "villages", "localities"),
        ("unit", "hospitals", "facilities"),
        ("measure", "cumulative", "flow"),
        ("measure", "daily", "flow"),
        ("measure", "current", "stock"),
        ("measure", "as of", "stock"),
        ("measure", "قائم", "stock"),
    ],
)
def test_a_common_word_gets_the_id_it_means(vocab, column: str, typed: str, meant: str) -> None:
    table = pd.DataFrame([{**ROW, column: typed}]).astype("string")
    [problem] = validate_figures(table, vocab, TODAY).problems
    assert (problem.column, problem.value) == (column, typed)
    assert problem.message.endswith(f" — did you mean {meant!r}?"), problem.message


def test_a_word_of_no_table_still_gets_the_closest_spelling(vocab) -> None:
    table = pd.DataFrame([{**ROW, "qualifier": "aprox"}]).astype("string")
    [problem] = validate_figures(table, vocab, TODAY).problems
    assert problem.message.endswith(" — did you mean 'approx'?")
