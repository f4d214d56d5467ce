"""The reconciled band and headline per series and date (DESIGN §2).

For a cumulative flow series (same window start) the count can only grow, so at each date the
band is [running max of lows up to that date, running min of highs from that date on]. Stocks,
and flows with no known start, get per date [max low, min high] of the claims dated that day.
Claims that contradict (containment, regression), echoes and stale figures are left out first.
A source's daily counts summed over a window (a derived claim) narrow the band of that window's
series but are not counted in n_claims or n_sources: they are not a separate statement.

Headline (what an NGO briefing would quote), per row; the series' headline is its newest row's:
exact when low = high; "at least low" when the band is unbounded above or wider than 1.5×;
"up to high" when low is 0; otherwise "about" the midpoint. A contested row (low > high: the
claims left still cannot all be true) has no headline.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.reconcile.series import Labels
from tracker.domain.reconcile.sweep import codes, order_by
from tracker.domain.windows import NO_DAY, from_days

BAND_COLUMNS = [
    "metric",
    "population",
    "location",
    "measure",
    "window_start",
    "window_start_assumed",
    "date",
    "low",
    "high",
    "headline",
    "n_claims",
    "n_sources",
    "headline_qualifier",
    "contested",
]
TIGHT = 1.5


def headline(low: np.ndarray, high: np.ndarray) -> tuple[pd.Series, pd.Series]:
    """The headline figure and the qualifier to say it with."""
    contested = low > high
    exact = low == high
    unbounded = np.isinf(high) | (high > TIGHT * low) & (low > 0)
    upto = (low <= 0) & ~np.isinf(high)
    mid = np.floor((low + np.where(np.isinf(high), low, high)) / 2 + 0.5)
    words = np.array([None, "exact", "at_most", "at_least"], dtype=object)
    qual = np.select([contested, exact, upto, unbounded], list(words), "approx")
    value = np.select([contested, exact, upto, unbounded], [np.nan, low, high, low], mid)
    return pd.Series(value).astype("Float64"), pd.Series(qual, dtype="string")


def _per_date(rows: pd.DataFrame, derived: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Claims reduced to one row per (series, date): max low, min high, counts; and the row of
    the first claim of each, for the labels."""
    s = codes(*(rows[c].to_numpy() for c in ("metric_c", "pop_c", "loc_c", "measure_c", "start_d")))
    end = rows["end_d"].to_numpy()
    order = order_by(s, end)
    s_o, end_o = s[order], end[order]
    starts = np.flatnonzero(np.r_[True, (s_o[1:] != s_o[:-1]) | (end_o[1:] != end_o[:-1])])
    gid = np.empty(len(rows), dtype=np.int64)
    gid[order] = np.cumsum(np.r_[True, (s_o[1:] != s_o[:-1]) | (end_o[1:] != end_o[:-1])]) - 1
    real = ~derived
    src = rows["source_c"].to_numpy()
    by_src = np.flatnonzero(real)[order_by(gid[real], src[real])]
    g2, s2 = gid[by_src], src[by_src]
    first_of_pair = np.r_[True, (g2[1:] != g2[:-1]) | (s2[1:] != s2[:-1])]
    cum = rows["flow"].to_numpy(bool) & (rows["start_d"].to_numpy() != NO_DAY)
    per = pd.DataFrame({
        "s": s_o[starts], "end_d": end_o[starts],
        "low": np.maximum.reduceat(rows["low"].to_numpy()[order], starts),
        "high": np.minimum.reduceat(rows["high"].to_numpy()[order], starts),
        "n_claims": np.add.reduceat(real[order].astype(np.int64), starts),
        "n_sources": np.bincount(g2[first_of_pair], minlength=len(starts)),
        "assumed": np.minimum.reduceat(rows["start_assumed"].to_numpy(bool)[order], starts),
        "cum": cum[order][starts],
    })  # fmt: skip
    return per, order[starts]


def compute(rows: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Bands from the kept claims (and derived sums): one row per series and date."""
    if rows.empty:
        return pd.DataFrame(columns=BAND_COLUMNS)
    derived = rows["derived"].fillna(False).to_numpy(bool) if "derived" in rows else None
    per, first = _per_date(rows, np.zeros(len(rows), bool) if derived is None else derived)
    cum = per["cum"].to_numpy()
    run_low = per.groupby("s", sort=False)["low"].cummax().to_numpy()
    run_high = per.iloc[::-1].groupby("s", sort=False)["high"].cummin().iloc[::-1].to_numpy()
    low = np.where(cum, run_low, per["low"].to_numpy())
    high = np.where(cum, run_high, per["high"].to_numpy())
    assumed = per.groupby("s", sort=False)["assumed"].transform("min").to_numpy(bool) & cum
    keep = per["n_claims"].to_numpy() > 0
    first, low, high, assumed, per = first[keep], low[keep], high[keep], assumed[keep], per[keep]
    info = rows.iloc[first]
    order = order_by(
        *(
            info[c].to_numpy()
            for c in ("metric_c", "pop_c", "loc_c", "measure_c", "start_d", "end_d")
        )
    )
    info, per = info.iloc[order], per.iloc[order]
    low, high, assumed = low[order], high[order], assumed[order]
    head, qual = headline(low, high)

    def text(names: np.ndarray, column: str) -> pd.Categorical:
        return pd.Categorical.from_codes(info[column].to_numpy(), names)

    out = pd.DataFrame({
        "metric": text(labels.names["metric"], "metric_c"),
        "population": text(labels.names["population"], "pop_c"),
        "location": text(labels.location, "loc_c"),
        "measure": text(labels.names["measure"], "measure_c"),
        "window_start": from_days(info["start_d"].to_numpy()),
        "window_start_assumed": assumed,
        "date": from_days(info["end_d"].to_numpy()),
        "low": low, "high": high, "headline": head.to_numpy(),
        "n_claims": per["n_claims"].to_numpy(np.int64),
        "n_sources": per["n_sources"].to_numpy(np.int64),
        "headline_qualifier": qual.to_numpy(), "contested": low > high,
    })  # fmt: skip
    return out[BAND_COLUMNS]
