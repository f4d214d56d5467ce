"""A short column looked up cell by cell gives what pandas' map gives a long one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tracker.domain.lookup import FEW_CELLS, lookup

UNITS = {"killed": "persons", "displaced": "persons", "shelled": "localities"}
CELLS = ["killed", None, "shelled", "unknown", "displaced"]


def _column(n: int) -> pd.Series:
    cells = (CELLS * (n // len(CELLS) + 1))[:n]
    return pd.Series(cells, index=pd.RangeIndex(100, 100 + n), dtype="string")


@pytest.mark.parametrize("mapping", [UNITS, pd.Series(UNITS)])
def test_short_and_long_columns_get_the_same_values(mapping):
    short = lookup(_column(len(CELLS)), mapping, "string")
    long = lookup(_column(FEW_CELLS + len(CELLS)), mapping, "string")
    assert short.tolist() == long.iloc[: len(CELLS)].tolist()
    assert short.tolist() == ["persons", pd.NA, "localities", pd.NA, "persons"]
    assert short.dtype == long.dtype == "string"
    assert short.index.equals(_column(len(CELLS)).index)


def test_numbers_missing_where_the_key_is_not_known():
    bound = {"persons": 10**10, "localities": 10**7}
    units = pd.Series(["persons", "households", None], dtype="string")
    short = lookup(units, bound, "float64")
    assert short.dtype == np.float64
    assert short.iloc[0] == 10**10
    assert short.iloc[1:].isna().all()
    long = lookup(pd.concat([units] * FEW_CELLS, ignore_index=True), bound, "float64")
    assert long.dtype == np.float64
    assert long.iloc[0] == 10**10
    assert long.iloc[1:3].isna().all()
