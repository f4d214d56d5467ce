"""The vectorised control-character check says what the per-cell rule says, cell for cell."""

from __future__ import annotations

import pandas as pd

from tracker.domain.control import first_control, has_control

CELLS = [
    "about 100 killed",
    "line one\r\nline two",  # Windows line break: allowed
    "line one\nline two\ttab",
    "trailing CR LF\r\n",
    "lone CR\rinside",
    "lone CR at the end\r",
    "NUL\x00inside",
    "DEL\x7f",
    "bell\x07",
    "CR LF then lone CR\r\nx\r",
    "",
    "نحو 100 قتيل",
]


def test_each_cell_is_judged_as_the_per_cell_rule_judges_it() -> None:
    series = pd.Series([*CELLS, None], index=range(10, 10 + len(CELLS) + 1), dtype=object)
    found = has_control(series)
    assert found.index.equals(series.index)
    assert found.tolist() == [first_control(c) is not None for c in CELLS] + [False]
    assert found.tolist()[:10] == [False, False, False, False, True, True, True, True, True, True]


def test_an_empty_or_wholly_missing_column_holds_no_control_character() -> None:
    assert has_control(pd.Series([], dtype="string")).tolist() == []
    assert has_control(pd.Series([None, None], dtype=object)).tolist() == [False, False]
