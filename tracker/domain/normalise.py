"""From validated text cells to typed figures, with defaults applied visibly.

Defaults (DESIGN.md §4): population all, period_end = reported_on, measure and unit
from the metric, qualifier exact. Each figure records which of its columns were
filled by a default in ``defaults_applied`` so nothing looks stated that was not.
A figure without a figure_id is named by its claim (:mod:`tracker.domain.identity`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.identity import content_ids
from tracker.domain.intervals import interval_columns
from tracker.domain.lookup import lookup
from tracker.domain.settings import DEFAULT_SETTINGS
from tracker.domain.vocabularies import CANONICAL_COLUMNS, Vocabularies

DATE_COLUMNS = ("reported_on", "period_start", "period_end")
TEXT_COLUMNS = tuple(
    c for c in CANONICAL_COLUMNS if c not in DATE_COLUMNS and c not in ("value", "value_high")
)


def normalise(
    table: pd.DataFrame, vocab: Vocabularies, tau: float = DEFAULT_SETTINGS.tau
) -> pd.DataFrame:
    """Typed figures from a table that passed :func:`tracker.domain.validation.validate_figures`."""
    given = {
        c: table[c] if c in table else pd.Series(pd.NA, index=table.index)
        for c in CANONICAL_COLUMNS
    }
    typed = _trimmed_columns([given[c] for c in TEXT_COLUMNS], table.index)
    for column in DATE_COLUMNS:
        typed[column] = pd.to_datetime(given[column], format="%Y-%m-%d", errors="coerce")
    typed["value"] = pd.to_numeric(given["value"]).astype("int64")
    typed["value_high"] = pd.to_numeric(given["value_high"], errors="coerce").astype("Int64")
    # One frame built at once, defaults, places and intervals included (a column added at a
    # time cost more than typing it, per figure), from the columns themselves, not copies:
    # copy-on-write copies one only if it is changed.
    columns: dict[str, pd.Series] = {c: typed[c] for c in CANONICAL_COLUMNS}
    _apply_defaults(columns, vocab)
    _add_places(columns, vocab)
    columns |= interval_columns(columns, tau, _household_sizes(columns, vocab))
    df = pd.DataFrame(columns, index=table.index, copy=False)
    missing_id = df["figure_id"].isna()
    if missing_id.any():  # named by what it says: importing it again is no new figure
        df.loc[missing_id, "figure_id"] = content_ids(df[missing_id])
    return df


#: Tables up to this many rows have their text columns trimmed in one pass over all of them
#: (a column at a time costs ~0.3 ms of fixed pandas work each: 4 of the ~15 ms a one-figure
#: ``tracker add`` spent normalising); larger ones a column at a time, so that memory never
#: holds a second copy of every text column of a large import.
STACKED_ROWS = 1_000


def _trimmed_columns(columns: list[pd.Series], index: pd.Index) -> dict[str, pd.Series]:
    """TEXT_COLUMNS trimmed by :func:`_trimmed`, by name; the columns of a small table are
    stacked end to end, trimmed together and cut apart again (the same rule, one pass)."""
    n = len(index)
    if n > STACKED_ROWS:
        return {name: _trimmed(c) for name, c in zip(TEXT_COLUMNS, columns, strict=True)}
    stacked = _trimmed(pd.concat(columns, ignore_index=True)).array
    return {
        name: pd.Series(stacked[i * n : (i + 1) * n], index=index, copy=False)
        for i, name in enumerate(TEXT_COLUMNS)
    }


def _trimmed(column: pd.Series) -> pd.Series:
    """Text without surrounding blanks, missing where blank; the column itself when it already
    is so (as the file readers give it), so that the figures share its cells with the file."""
    text = column.astype("string")
    trimmed = text.str.strip().replace("", pd.NA)
    return text if trimmed.equals(text) else trimmed


def _apply_defaults(columns: dict[str, pd.Series], vocab: Vocabularies) -> None:
    """Fill the defaults of DESIGN.md §4 into the typed columns and add ``defaults_applied``."""
    metrics = vocab.metrics
    index = columns["metric"].index
    defaults = {
        "population": pd.Series("all", index=index, dtype="string"),
        "period_end": columns["reported_on"],
        "measure": lookup(columns["metric"], metrics["measure"], "string"),
        "qualifier": pd.Series("exact", index=index, dtype="string"),
        "unit": lookup(columns["metric"], metrics["unit"], "string"),
    }
    filled: dict[str, np.ndarray] = {}
    for column, default in defaults.items():
        missing = columns[column].isna().to_numpy(dtype=bool)
        if missing.any():  # a column given in full is kept as it is
            columns[column] = columns[column].where(~missing, default)
        filled[column] = missing
    columns["defaults_applied"] = _defaults_applied(filled, index)


def _defaults_applied(filled: dict[str, np.ndarray], index: pd.Index) -> pd.Series:
    """Per figure, the columns a default filled, ';'-joined in the order of ``filled``
    (missing when none): each of the few combinations is spelt once."""
    names = list(filled)
    combination = np.zeros(len(index), dtype=np.int64)
    for bit, column in enumerate(names):
        combination |= filled[column].astype(np.int64) << bit
    codes, seen = pd.factorize(combination)
    spelt = [";".join(n for bit, n in enumerate(names) if c >> bit & 1) or None for c in seen]
    return pd.Series(pd.array(np.array(spelt, dtype=object)[codes], dtype="string"), index=index)


def _add_places(columns: dict[str, pd.Series], vocab: Vocabularies) -> None:
    """adm0–adm3 of each figure's location, looked up once per distinct location (in the
    vocabulary's table of them, :attr:`Vocabularies.admin_codes`)."""
    location = columns["location"]
    codes, places = pd.factorize(location)
    unknown = (pd.NA,) * 4
    known = vocab.admin_codes
    rows = [known.get(p, unknown) for p in places.tolist()]
    for level in range(4):
        column = np.array([row[level] for row in rows] + [pd.NA], dtype=object)
        columns[f"adm{level}"] = pd.Series(column[codes], index=location.index)


def _household_sizes(columns: dict[str, pd.Series], vocab: Vocabularies) -> pd.Series | None:
    in_hh = columns["unit"] == "households"
    if not in_hh.any():
        return None
    sizes = vocab.household_sizes
    by_country = {
        country: (float(row["low"]), float(row["high"])) for country, row in sizes.iterrows()
    }
    return columns["adm0"][in_hh].map(by_country)
