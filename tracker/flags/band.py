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

from tracker.flags.sweep import codes
from tracker.series import NO_DAY, Labels, from_days

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
    qual = np.select(
        [contested, exact, upto, unbounded], [None, "exact", "at_most", "at_least"], "approx"
    )
    value = np.select([contested, exact, upto, unbounded], [np.nan, low, high, low], mid)
    return pd.Series(value).astype("Float64"), pd.Series(qual, dtype="string")


def compute(rows: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Bands from the kept claims (and derived sums): one row per series and date."""
    if rows.empty:
        return pd.DataFrame(columns=BAND_COLUMNS)
    derived = rows["derived"].fillna(False).to_numpy(bool) if "derived" in rows else False
    s = codes(*(rows[c].to_numpy() for c in ("metric_c", "pop_c", "loc_c", "measure_c", "start_d")))
    cum = rows["flow"].to_numpy(bool) & (rows["start_d"].to_numpy() != NO_DAY)
    frame = pd.DataFrame({
        "s": s, "end_d": rows["end_d"].to_numpy(), "low": rows["low"].to_numpy(),
        "high": rows["high"].to_numpy(), "real": ~np.asarray(derived, dtype=bool),
        "assumed": rows["start_assumed"].to_numpy(bool), "cum": cum,
        "source_c": rows["source_c"].to_numpy(), "row": np.arange(len(rows)),
    })  # fmt: skip
    per = frame.groupby(["s", "end_d"], sort=True).agg(
        low=("low", "max"), high=("high", "min"), n_claims=("real", "sum"),
        assumed=("assumed", "min"), cum=("cum", "first"), row=("row", "first"),
    ).reset_index()  # fmt: skip
    sources = frame[frame["real"]].drop_duplicates(["s", "end_d", "source_c"])
    n_sources = sources.groupby(["s", "end_d"]).size()
    per["n_sources"] = n_sources.reindex(
        pd.MultiIndex.from_frame(per[["s", "end_d"]]), fill_value=0
    ).to_numpy()
    cum = per["cum"].to_numpy()
    run_low = per.groupby("s")["low"].cummax().to_numpy()
    run_high = per.iloc[::-1].groupby("s")["high"].cummin().iloc[::-1].to_numpy()
    per["low"] = np.where(cum, run_low, per["low"].to_numpy())
    per["high"] = np.where(cum, run_high, per["high"].to_numpy())
    per["assumed"] = per.groupby("s")["assumed"].transform("min").to_numpy() & cum
    per = per[per["n_claims"].to_numpy() > 0].reset_index(drop=True)
    first = rows.iloc[per["row"].to_numpy()]
    low, high = per["low"].to_numpy(), per["high"].to_numpy()
    head, qual = headline(low, high)
    out = pd.DataFrame({
        "metric": labels.names["metric"][first["metric_c"].to_numpy()],
        "population": labels.names["population"][first["pop_c"].to_numpy()],
        "location": labels.place[first["loc_c"].to_numpy()],
        "measure": labels.names["measure"][first["measure_c"].to_numpy()],
        "window_start": from_days(first["start_d"].to_numpy()),
        "window_start_assumed": per["assumed"].to_numpy(bool),
        "date": from_days(per["end_d"].to_numpy()),
        "low": low, "high": high, "headline": head.to_numpy(),
        "n_claims": per["n_claims"].to_numpy(np.int64),
        "n_sources": per["n_sources"].to_numpy(np.int64),
        "headline_qualifier": qual.to_numpy(), "contested": low > high,
    })  # fmt: skip
    for column in ("metric", "population", "location", "measure", "headline_qualifier"):
        out[column] = out[column].astype("string")
    out = out.sort_values(["metric", "population", "location", "measure", "window_start", "date"])
    return out.reset_index(drop=True)[BAND_COLUMNS]
