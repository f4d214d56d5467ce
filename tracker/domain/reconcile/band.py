"""The reconciled band and headline per series and date (DESIGN §2).

For a cumulative flow series (same window start) the count can only grow, so at each date the
band is [running max of lows up to that date, running min of highs from that date on]. Stocks,
and flows with no known start, get per date [max low, min high] of the claims dated that day.

A stock is a count at a moment, so its band exists only at the dates its claims give (their
period end): there is no row between two dates, since nobody said anything about the days
between. Its floor at a date is the highest lower bound any claim dated there gives; an "up to"
claim gives none (its low is 0), so it never lowers a floor another claim holds up, and the
floor is 0 only where no claim at that date gives one.
Claims that contradict (containment, regression), echoes and stale figures are left out first.
A source's daily counts summed over a window (a derived claim) narrow the band of that window's
series but are not counted in n_claims or n_sources: they are not a separate statement.

Headline (what an NGO briefing would quote), per row; the series' headline is its newest row's.
It keeps a source's words and never a derived bound (DESIGN §6): it is the stated value and
qualifier of the claim that sets the band's floor (for a cumulative flow, the claim with the
highest low up to that date; ties: the narrowest, then the lowest claim number), so "more than
270,000" stays "more than 270,000", never "at least 270,001". When no claim gives a floor above
zero ("up to 184,000"), it is the claim that sets the ceiling (the lowest high, for a cumulative
flow from that date on). Daily sums (derived claims) narrow the band but never give the headline.
A claim counted in households is quoted in persons, as "about" the midpoint of its converted
interval (a conversion, said as approximate).
``headline_sources`` names (';'-joined ids, sorted) every source stating that same claim at the
headline claim's date. A contested row (low > high: the claims left still cannot all be true)
has no headline.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.reconcile.series import Labels
from tracker.domain.reconcile.sweep import (
    codes,
    last_marked,
    next_marked,
    order_by,
    run_ids,
    running_max,
    running_min_after,
)
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
    "headline_sources",
]
TIGHT = 1.5
#: The coded columns that name a band row's series and date, in the order rows are sorted.
#: Up to this many claims, the sources of a headline are grouped in plain Python.
FEW_CLAIMS = 2_000
SERIES_CODES = ("metric_c", "pop_c", "loc_c", "measure_c", "start_d", "end_d")


def _bound_claims(rows: pd.DataFrame, gid: np.ndarray, real: np.ndarray, n: int) -> pd.DataFrame:
    """Per (series, date) group: the real claim setting the floor (highest low; ties the
    narrowest, then the first) and the one setting the ceiling (lowest high; ties the highest
    low, then the first), as row positions (-1: none) with their bounds."""
    pos = np.flatnonzero(real)
    g = gid[pos]
    low = rows["low"].to_numpy("float64")[pos]
    high = rows["high"].to_numpy("float64")[pos]
    floor = _first_per_group(g, np.lexsort((pos, high, -low, g)))
    ceil = _first_per_group(g, np.lexsort((pos, -low, high, g)))
    out = {
        "floor_pos": np.full(n, -1, dtype=np.int64),
        "floor_low": np.full(n, -np.inf),
        "ceil_pos": np.full(n, -1, dtype=np.int64),
        "ceil_high": np.full(n, np.inf),
    }
    out["floor_pos"][g[floor]], out["floor_low"][g[floor]] = pos[floor], low[floor]
    out["ceil_pos"][g[ceil]], out["ceil_high"][g[ceil]] = pos[ceil], high[ceil]
    return pd.DataFrame(out)


def _first_per_group(g: np.ndarray, order: np.ndarray) -> np.ndarray:
    """The first of ``order`` (rows sorted by group first) in each group."""
    ordered = g[order]
    return order[np.r_[True, ordered[1:] != ordered[:-1]]] if len(order) else order


def _running(per: pd.DataFrame, run: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The floor and ceiling claims of each row, running along a cumulative series (floor
    from the left, ceiling from the right) and per date otherwise. ``run`` numbers the
    series (their rows are consecutive)."""
    cum = per["cum"].to_numpy(bool)
    floor_low = per["floor_low"].to_numpy("float64")
    floor_pos = per["floor_pos"].to_numpy(np.int64)
    best = running_max(floor_low, run)
    run_floor = last_marked(floor_pos, (floor_low == best) & (floor_pos >= 0), run)
    ceil_high = per["ceil_high"].to_numpy("float64")
    ceil_pos = per["ceil_pos"].to_numpy(np.int64)
    least = running_min_after(ceil_high, run)
    run_ceil = next_marked(ceil_pos, (ceil_high == least) & (ceil_pos >= 0), run)
    floor = np.where(cum, run_floor, floor_pos)
    ceil = np.where(cum, run_ceil, ceil_pos)
    return floor, ceil


def headline_claims(rows: pd.DataFrame, floor: np.ndarray, ceil: np.ndarray) -> np.ndarray:
    """The claim each row's headline quotes (row positions, -1: none): the floor's claim when it
    allows more than zero (or there is no ceiling), else the ceiling's."""
    low = rows["low"].to_numpy("float64")
    high = rows["high"].to_numpy("float64")
    floor_low = np.where(floor >= 0, low[np.maximum(floor, 0)], -np.inf)
    ceil_high = np.where(ceil >= 0, high[np.maximum(ceil, 0)], np.inf)
    use_floor = (floor >= 0) & ((floor_low > 0) | (ceil < 0) | np.isinf(ceil_high))
    return np.where(use_floor, floor, ceil)


def _same_claim_sources(rows: pd.DataFrame, labels: Labels, at: np.ndarray) -> np.ndarray:
    """Per position in ``at``: the sources (sorted ids, ';'-joined) stating the same qualifier
    and value in the same series at the same date as that claim (real claims only)."""
    vh = rows["value_high"].astype("float64").fillna(-1).to_numpy()
    key = codes(
        codes(*(rows[c].to_numpy() for c in ("metric_c", "pop_c", "loc_c", "measure_c"))),
        rows["start_d"].to_numpy(), rows["end_d"].to_numpy(), rows["qualifier_c"].to_numpy(),
        rows["value"].to_numpy(np.int64), vh.astype(np.int64),
    )  # fmt: skip
    real = ~rows["derived"].fillna(False).to_numpy(bool) if "derived" in rows else True
    wanted = np.isin(key, key[at]) & real
    keys = key[wanted]
    names = labels.names["source"][rows["source_c"].to_numpy()[wanted]].astype(str)
    if len(keys) <= FEW_CLAIMS:  # a small scope: grouped in a dict, not by a frame
        by_key: dict[int, set[str]] = {}
        for k, name in zip(keys.tolist(), names.tolist(), strict=True):
            by_key.setdefault(k, set()).add(name)
        spelt = {k: ";".join(sorted(v)) for k, v in by_key.items()}
        return np.array([spelt.get(k) for k in key[at].tolist()], dtype=object)
    pairs = pd.DataFrame({"key": keys, "name": names}).drop_duplicates()
    joined = pairs.sort_values(["key", "name"]).groupby("key")["name"].agg(";".join)
    out: np.ndarray = joined.reindex(key[at]).to_numpy(object)
    return out


def quoted(
    rows: pd.DataFrame, labels: Labels, chosen: np.ndarray, contested: np.ndarray
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Headline value, qualifier and sources of each row from the chosen claims."""
    ok = (chosen >= 0) & ~contested
    at = np.maximum(chosen, 0)
    value = np.where(ok, rows["value"].to_numpy("float64")[at], np.nan)
    qual = np.where(ok, labels.names["qualifier"][rows["qualifier_c"].to_numpy()[at]], None)
    # a claim in households is quoted in persons: the midpoint of its converted interval, "about"
    low, high = rows["low"].to_numpy("float64")[at], rows["high"].to_numpy("float64")[at]
    in_hh = ok & (labels.names["unit"][rows["unit_c"].to_numpy()[at]] == "households")
    in_hh &= np.isfinite(high)
    value = np.where(in_hh, np.floor((low + high) / 2 + 0.5), value)
    said = np.where(in_hh, "approx", qual)
    sources = np.where(ok, _same_claim_sources(rows, labels, at), np.array(None, dtype=object))
    return (
        pd.Series(value).astype("Float64"),
        pd.Series(said, dtype="string"),
        pd.Series(sources, dtype="string"),
    )


def _per_date(
    rows: pd.DataFrame, derived: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
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
    bounds = _bound_claims(rows, gid, real, len(starts))
    return pd.concat([per, bounds], axis=1), order[starts], gid


def compute(rows: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Bands from the kept claims (and derived sums): one row per series and date."""
    if rows.empty:
        return pd.DataFrame(columns=BAND_COLUMNS)
    derived = rows["derived"].fillna(False).to_numpy(bool) if "derived" in rows else None
    per, first, _ = _per_date(rows, np.zeros(len(rows), bool) if derived is None else derived)
    run = run_ids(per["s"].to_numpy())
    floor, ceil = _running(per, run)
    cum = per["cum"].to_numpy()
    low = np.where(cum, running_max(per["low"].to_numpy(), run), per["low"].to_numpy())
    high = np.where(cum, running_min_after(per["high"].to_numpy(), run), per["high"].to_numpy())
    assumed = per["assumed"].to_numpy(bool)
    assumed = np.minimum.reduceat(assumed, np.flatnonzero(np.r_[True, np.diff(run) != 0]))[run]
    assumed &= cum
    keep = per["n_claims"].to_numpy() > 0
    chosen = headline_claims(rows, floor, ceil)[keep]
    first, low, high, assumed, per = first[keep], low[keep], high[keep], assumed[keep], per[keep]
    # the labels of each row, from its first claim (only these columns: taking every column of
    # the claims' rows cost more than the rest of the bands of a small scope)
    info = {c: rows[c].to_numpy()[first] for c in SERIES_CODES}
    order = order_by(*info.values())
    info = {c: v[order] for c, v in info.items()}
    per = per.iloc[order]
    low, high, assumed, chosen = low[order], high[order], assumed[order], chosen[order]
    head, qual, head_sources = quoted(rows, labels, chosen, low > high)

    def text(names: np.ndarray, column: str) -> pd.Categorical:
        return pd.Categorical.from_codes(info[column], names)

    out = pd.DataFrame({
        "metric": text(labels.names["metric"], "metric_c"),
        "population": text(labels.names["population"], "pop_c"),
        "location": text(labels.location, "loc_c"),
        "measure": text(labels.names["measure"], "measure_c"),
        "window_start": from_days(info["start_d"]),
        "window_start_assumed": assumed,
        "date": from_days(info["end_d"]),
        "low": low, "high": high, "headline": head.to_numpy(),
        "n_claims": per["n_claims"].to_numpy(np.int64),
        "n_sources": per["n_sources"].to_numpy(np.int64),
        "headline_qualifier": qual.to_numpy(), "contested": low > high,
        "headline_sources": head_sources.to_numpy(),
    })  # fmt: skip
    return out[BAND_COLUMNS]
