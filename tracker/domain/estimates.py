"""Low, best and high estimates (UCDP GED and others) as a value and a qualifier.

The rule: an estimate whose low and high equal its best is ``exact`` (value = best). Otherwise
it is a ``range`` from low to high (value = low, value_high = high): the claim allows any
count between, and the best estimate is kept in the notes. A row where low ≤ best ≤ high does
not hold is broken: it is reported and never turned into a figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def broken_estimates(low: pd.Series, best: pd.Series, high: pd.Series) -> pd.Series:
    """Rows where low ≤ best ≤ high does not hold (or a number is missing)."""
    ok = (low <= best) & (best <= high)
    return ~ok.fillna(False).astype(bool)


def estimate_claims(low: pd.Series, best: pd.Series, high: pd.Series) -> pd.DataFrame:
    """qualifier, value, value_high (as text) per row of valid estimates."""
    exact = (low == best) & (best == high)
    as_int = {
        name: s.round().astype("int64").astype(str)
        for name, s in (("low", low), ("best", best), ("high", high))
    }
    return pd.DataFrame(
        {
            "qualifier": np.where(exact, "exact", "range"),
            "value": np.where(exact, as_int["best"], as_int["low"]),
            "value_high": pd.Series(np.where(exact, "", as_int["high"]), index=low.index).replace(
                "", pd.NA
            ),
            "best": as_int["best"],
        },
        index=low.index,
    )
