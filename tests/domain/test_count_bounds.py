"""#18 findings 1 and 3: a documented maximum for counts, refused with row, column and value.

Counts at the bound validate and come out exact; one past it is refused by the schema (never
stored negative, never a traceback), in ``value`` and ``value_high``, per unit, and through a
revision as through an import.
"""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from tracker.domain.intervals import interval_bounds
from tracker.domain.revisions import RevisionError, revised_figure
from tracker.domain.schema import COUNT_MAXIMUM, MAX_COUNT
from tracker.domain.validation import validate_figures

TODAY = date(2026, 1, 1)


def table(**cells: str) -> pd.DataFrame:
    row = {
        "reported_on": "2018-07-02",
        "source": "sohr",
        "metric": "killed",
        "location": "SY12",
        "value": "40",
    }
    row.update(cells)
    return pd.DataFrame([row]).astype("string")


def problems(vocab, **cells: str) -> list[str]:
    return [str(p) for p in validate_figures(table(**cells), vocab, TODAY).problems]


def test_the_maximum_is_ten_billion_persons() -> None:
    assert MAX_COUNT == 10**10 == COUNT_MAXIMUM["persons"]
    assert max(COUNT_MAXIMUM.values()) == MAX_COUNT
    assert set(COUNT_MAXIMUM) == {"persons", "households", "events", "localities", "facilities"}


UNIT_METRIC = {
    "persons": "killed",
    "households": "displaced",
    "events": "airstrikes",
    "localities": "localities_struck",
    "facilities": "health_facilities_out_of_service",
}


@pytest.mark.parametrize("unit", sorted(UNIT_METRIC))
def test_at_the_bound_valid_one_past_refused(vocab, unit: str) -> None:
    bound = COUNT_MAXIMUM[unit]
    cells = {"metric": UNIT_METRIC[unit], "unit": unit}
    assert problems(vocab, value=str(bound), **cells) == []
    found = problems(vocab, value=str(bound + 1), **cells)
    assert len(found) == 1, found
    assert found[0].startswith(f"line 2, column value, value '{bound + 1}': ")
    assert f"{bound:,}" in found[0] and unit in found[0]


def test_the_default_unit_of_the_metric_sets_the_bound(vocab) -> None:
    bound = COUNT_MAXIMUM["events"]
    assert problems(vocab, metric="airstrikes", value=str(bound)) == []
    assert len(problems(vocab, metric="airstrikes", value=str(bound + 1))) == 1


@pytest.mark.parametrize(
    "value",
    [
        "9223372036854775807",  # 2^63 − 1: was "all valid", then crashed the import
        "9223372036854775808",  # 2^63
        "18446744073709551615",  # 2^64 − 1: was stored as −1
        "18446744073709551616",  # 2^64: crashed validate
        "1" + "0" * 400,
    ],
)
def test_huge_counts_are_refused_in_words(vocab, value: str) -> None:
    found = problems(vocab, value=value)
    assert len(found) == 1, found
    assert found[0].startswith(f"line 2, column value, value '{value}': ")
    assert "10,000,000,000" in found[0]


def test_value_high_has_the_same_bound(vocab) -> None:
    at = {"qualifier": "range", "value": "5"}
    assert problems(vocab, value_high=str(MAX_COUNT), **at) == []
    found = problems(vocab, value_high=str(2**64 - 1), **at)
    assert len(found) == 1 and "column value_high" in found[0], found


def test_a_revision_past_the_bound_is_refused(vocab) -> None:
    from tracker.domain.normalise import normalise

    current = normalise(table(figure_id="R1"), vocab)
    current["revision"], current["status"] = 1, "active"
    with pytest.raises(RevisionError, match="10,000,000,000"):
        revised_figure(current, {"value": str(2**64 - 1)}, vocab, TODAY, 0.10)
    revised = revised_figure(current, {"value": str(MAX_COUNT)}, vocab, TODAY, 0.10)
    assert int(revised["value"].iloc[0]) == MAX_COUNT


def exact(q: str, v: int, tau: Fraction) -> tuple[int, int]:
    if q == "approx":
        return int((v * (1 - tau)).__floor__()), int((v * (1 + tau)).__ceil__())
    return int((v * (1 - tau)).__floor__()), v


@pytest.mark.parametrize("tau", ["0.10", "0.07", "0.3"])
@pytest.mark.parametrize("qualifier", ["approx", "nearly"])
def test_intervals_are_exact_up_to_the_bound(qualifier: str, tau: str) -> None:
    """Float multiplication rounds (10^10-scale values times 0.9 landed one below the floor);
    the bounds are computed in whole numbers."""
    rng = np.random.default_rng(18)
    values = [MAX_COUNT - k for k in range(500)] + [126, 10, 7, 3, 1, 0]
    values += rng.integers(0, MAX_COUNT, 3000).tolist()
    s = pd.Series(values, dtype="int64")
    low, high = interval_bounds(
        pd.Series([qualifier] * len(s)), s, pd.Series([pd.NA] * len(s)), float(tau)
    )
    want = [exact(qualifier, v, Fraction(tau)) for v in values]
    got = list(zip(low.astype("int64").tolist(), high.astype("int64").tolist(), strict=True))
    assert got == want


def test_households_convert_exactly(vocab) -> None:
    from tracker.domain.normalise import normalise

    bound = COUNT_MAXIMUM["households"]
    figure = normalise(
        table(metric="displaced", unit="households", qualifier="approx", value=str(bound)), vocab
    )
    size = float(vocab.household_sizes.loc["SY", "high"])
    assert figure["high"].iloc[0] == math.ceil(Fraction(bound) * Fraction(11, 10) * Fraction(size))
