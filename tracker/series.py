"""Figures as series: window starts, series keys, components and claims (DESIGN §1–2).

A *series* is (metric, population, location, measure, window start): the claims that count
the same thing since the same day, at different dates. A flow without a period_start takes its
episode's start, marked ``start_assumed``; a stock has no window start (it describes one date).

A *claim* is what one source said: identical figures of one source (same window, qualifier and
value) carried by several publishers are one claim with several publications. The rules compare
claims, never publications, so a number is never corroborated by its own copies.

A *component* is (metric, country): every rule compares figures within one component only, so
recomputing the components touched by an import gives exactly the flags of a full run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.reconcile_context import ReconcileContext

NO_DAY = np.int64(-(10**9))
CLAIM_KEY = (
    "metric",
    "country",
    "population",
    "location",
    "measure",
    "start_d",
    "end_d",
    "source",
    "qualifier",
    "value",
    "value_high",
    "unit",
)
SERIES_KEY = ("metric", "population", "location", "measure", "window_start")


def to_days(values: pd.Series | pd.Index) -> np.ndarray:
    """Dates as int64 days since 1970-01-01; missing dates as NO_DAY."""
    dates = pd.to_datetime(pd.Series(values), errors="coerce")
    days = dates.to_numpy(dtype="datetime64[D]")
    out = days.astype(np.int64)
    out[np.isnat(days)] = NO_DAY
    return out


def from_days(days: np.ndarray) -> pd.Series:
    """int64 days back to dates (NaT for NO_DAY)."""
    arr = np.asarray(days, dtype=np.int64)
    out = arr.astype("datetime64[D]").astype("datetime64[ns]")
    out[arr == NO_DAY] = np.datetime64("NaT")
    return pd.Series(out)


def country_of(locations: pd.Series, ctx: ReconcileContext) -> pd.Series:
    """The root of each location in the gazetteer (the location itself if unknown)."""
    unique = pd.unique(locations.astype(str))
    roots = {code: ctx.root(code) for code in unique}
    return locations.astype(str).map(roots).astype("string")


def component_key(figures: pd.DataFrame, ctx: ReconcileContext) -> pd.Series:
    """(metric, country) per figure as ``"metric|country"``: the unit of recomputation."""
    country = country_of(figures["location"], ctx)
    return (figures["metric"].astype("string") + "|" + country).rename("component")


def _window_start(figures: pd.DataFrame, ctx: ReconcileContext) -> tuple[np.ndarray, np.ndarray]:
    """Effective start (days) of each flow and whether it was assumed from the episode.

    A flow's period_start, else its episode's start when that is not after period_end; a stock,
    or a flow with neither, gets NO_DAY.
    """
    start = to_days(figures["period_start"])
    end = to_days(figures["period_end"])
    flow = (figures["measure"].astype(str) == "flow").to_numpy()
    if "episode" in figures.columns:
        episode_days = {k: to_days(pd.Series([v]))[0] for k, v in ctx.episode_start.items()}
        episode = figures["episode"].astype("string").map(episode_days)
        ep = episode.astype("float64").fillna(float(NO_DAY)).to_numpy().astype(np.int64)
    else:
        ep = np.full(len(figures), NO_DAY, dtype=np.int64)
    assumed = flow & (start == NO_DAY) & (ep != NO_DAY) & (ep <= end)
    start = np.where(assumed, ep, start)
    start = np.where(flow, start, NO_DAY)
    return start, assumed


def annotate(figures: pd.DataFrame, ctx: ReconcileContext) -> pd.DataFrame:
    """The figures with their series and claim: component, country, window_start,
    start_assumed, date, series_key, claim (int), plus int-day columns start_d, end_d, rep_d.

    Rows keep the caller's order; ``claim`` numbers follow a sort on the claims' content, so
    they do not depend on the input order.
    """
    df = figures.copy()
    if "low" not in df.columns or "high" not in df.columns:
        from tracker.intervals import interval_bounds

        df["low"], df["high"] = interval_bounds(
            df["qualifier"], df["value"], df["value_high"], ctx.settings.tau
        )
    df["low"] = df["low"].astype("float64")
    df["high"] = df["high"].astype("float64")
    for column in ("publisher", "episode", "url", "value_high", "unit"):
        if column not in df.columns:
            df[column] = pd.NA
    df["figure_id"] = df["figure_id"].astype("string")
    df["country"] = country_of(df["location"], ctx)
    df["component"] = df["metric"].astype("string") + "|" + df["country"]
    start, assumed = _window_start(df, ctx)
    df["start_d"] = start
    df["end_d"] = to_days(df["period_end"])
    df["rep_d"] = to_days(df["reported_on"])
    df["start_assumed"] = assumed
    df["window_start"] = from_days(start).to_numpy()
    df["date"] = from_days(df["end_d"].to_numpy()).to_numpy()
    df["derived"] = False
    df["claim"] = _claim_numbers(df)
    return df


def _int_codes(column: pd.Series) -> np.ndarray:
    """Sorted-factorised codes of a column (missing values first), for lexsort."""
    if pd.api.types.is_integer_dtype(column) or pd.api.types.is_float_dtype(column):
        values = pd.to_numeric(column, errors="coerce").astype("float64")
        return values.fillna(-1.0).to_numpy()
    codes, _ = pd.factorize(column.astype("string"), sort=True, use_na_sentinel=True)
    return codes


def _claim_numbers(df: pd.DataFrame) -> np.ndarray:
    """Number identical claims of one source together, in an order fixed by their content."""
    keys = [
        _int_codes(df[c]) if c not in ("start_d", "end_d") else df[c].to_numpy() for c in CLAIM_KEY
    ]
    fid = _int_codes(df["figure_id"])
    order = np.lexsort([fid, *reversed(keys)])
    new = np.zeros(len(df), dtype=bool)
    if len(df):
        new[0] = True
    for key in keys:
        k = np.asarray(key)[order]
        new[1:] |= k[1:] != k[:-1]
    claim_sorted = np.cumsum(new) - 1
    claim = np.empty(len(df), dtype=np.int64)
    claim[order] = claim_sorted
    return claim


def claims_of(annotated: pd.DataFrame) -> pd.DataFrame:
    """One row per claim, indexed 0..m-1 by claim number: the publication with the smallest
    figure_id stands for it; ``reported_d`` is the first day it was reported, ``n_pub`` how many
    publications carry it, and ``start_known`` whether it has a window start."""
    order = np.lexsort([_int_codes(annotated["figure_id"]), annotated["claim"].to_numpy()])
    first = annotated.iloc[order].drop_duplicates("claim", keep="first")
    claims = first.set_index("claim").sort_index()
    grouped = annotated.groupby("claim", sort=True)
    claims["reported_d"] = grouped["rep_d"].min()
    claims["n_pub"] = grouped.size()
    claims["start_known"] = claims["start_d"].to_numpy() != NO_DAY
    claims.index.name = None
    return claims


def series_key(frame: pd.DataFrame) -> pd.Series:
    """Readable series key: metric|population|location|measure|window start (or '-')."""
    start = pd.Series(frame["window_start"]).dt.strftime("%Y-%m-%d").fillna("-")
    parts = [frame[c].astype("string") for c in ("metric", "population", "location", "measure")]
    key = parts[0]
    for part in parts[1:]:
        key = key + "|" + part
    return (key + "|" + start.to_numpy()).rename("series_key")
