"""Looking a column's cells up in a table of values, cheaply when the column is short.

``Series.map(mapping)`` costs about 0.4 ms of fixed pandas work on a string column, whatever
its length: a dozen such look-ups were a tenth of what checking and typing the one row of
``tracker add`` cost. A short column is looked up cell by cell in a dict instead; a long one
still goes through ``map``. Both give each cell the mapping's value for it, missing where the
cell is missing or not a key, so callers see the same values either way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

#: Columns up to this many cells are looked up one cell at a time.
FEW_CELLS = 64


def lookup(
    keys: pd.Series, mapping: Mapping[Any, Any] | pd.Series, dtype: str | None = None
) -> pd.Series:
    """Each cell's value in ``mapping`` (a dict or a Series indexed by key), missing where
    the cell is missing or not a key, as ``dtype`` when given."""
    if len(keys) > FEW_CELLS:
        found = keys.map(mapping)
        return found if dtype is None else found.astype(dtype)
    get = mapping.get
    values = [None if k is None or k is pd.NA or k != k else get(k) for k in keys.tolist()]
    values = [None if v is None or v is pd.NA or v != v else v for v in values]
    if dtype is None:
        return pd.Series(values, index=keys.index, dtype=object)
    return pd.Series(values, index=keys.index, dtype=object).astype(dtype)
