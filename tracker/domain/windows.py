"""The window a figure counts (DESIGN §1: period, measure, episode), written once.

A flow counts events inside its window [period_start, period_end]. A flow whose stated window is
one day is a *daily* count (a source's daily counts summed over a window are a derived claim for
it, DESIGN §2 rule 1); the others count over a longer or open window. When the source gave no
period_start, the flow takes its episode's start as an *assumed* start, but only when the
episode started on or before the flow's period_end: an episode that began after the count was
closed cannot be where it starts. A flow with neither has no known start; a stock describes one
date (its period_end) and has no window start at all.

The engine (:mod:`tracker.domain.reconcile.series`), the storage's recomputation scope
(:mod:`tracker.storage.flagscope`) and the dashboard's series keys (:mod:`tracker.views.series`)
all take a window start from :func:`window_start`.

Dates are coded as int64 days since 1970-01-01 so that rules stay vectorised; a missing date is
``NO_DAY``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

Days = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]

#: A missing date, in days: far before any date a figure can carry.
NO_DAY = np.int64(-(10**9))
_EPOCH = date(1970, 1, 1).toordinal()


def to_days(values: pd.Series | pd.Index | np.ndarray | Sequence[Any]) -> Days:
    """Dates as int64 days since 1970-01-01; missing (or unreadable) dates as NO_DAY."""
    days = pd.to_datetime(pd.Series(values), errors="coerce").to_numpy(dtype="datetime64[D]")
    out: Days = np.asarray(days.astype(np.int64), dtype=np.int64)
    out[np.isnat(days)] = NO_DAY
    return out


def from_days(days: npt.ArrayLike) -> npt.NDArray[np.datetime64]:
    """int64 days back to datetime64[ns] (NaT for NO_DAY)."""
    arr = np.asarray(days, dtype=np.int64)
    out = arr.astype("datetime64[D]").astype("datetime64[ns]")
    out[arr == NO_DAY] = np.datetime64("NaT")
    return out


def episode_starts(episodes: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """Episode id → its start, from a frame shaped like ``data/episodes.csv`` (id as a column
    or as the index); episodes without a readable start are left out."""
    if "start" not in episodes.columns:
        return {}
    ids = episodes["id"] if "id" in episodes.columns else pd.Series(episodes.index)
    starts = pd.to_datetime(episodes["start"].astype("string").str.strip(), errors="coerce")
    return {
        str(e): pd.Timestamp(s)
        for e, s in zip(ids.to_numpy(), starts.to_numpy(), strict=True)
        if not pd.isna(e) and not pd.isna(s)
    }


def episode_days(
    episodes: Sequence[Any] | np.ndarray | pd.Series, starts: Mapping[str, Any]
) -> Days:
    """The start day of each row's episode (NO_DAY when it has none, or an unknown one)."""
    known = {str(e): s for e, s in starts.items()}
    return to_days(pd.Series(episodes, dtype="string").map(known))


def window_start(start: Days, end: Days, flow: Flags, episode_start: Days) -> tuple[Days, Flags]:
    """Each figure's window start in days, and whether it was assumed from the episode.

    ``start``/``end`` are period_start/period_end, ``flow`` whether the figure is a flow and
    ``episode_start`` its episode's start (all per figure, NO_DAY for missing). A flow keeps its
    period_start, else takes its episode's start when that is not after its period_end; a
    stock, or a flow with neither, gets NO_DAY.
    """
    start = np.asarray(start, dtype=np.int64)
    end = np.asarray(end, dtype=np.int64)
    flow = np.asarray(flow, dtype=bool)
    episode_start = np.asarray(episode_start, dtype=np.int64)
    assumed = flow & (start == NO_DAY) & (episode_start != NO_DAY) & (episode_start <= end)
    chosen = np.where(assumed, episode_start, start)
    return np.where(flow, chosen, NO_DAY).astype(np.int64), assumed


def one_day(start: Days, end: Days, assumed: Flags | None = None) -> Flags:
    """Whether each window is one stated day: a daily count (an assumed start never makes
    one). ``start``/``end`` in days, NO_DAY for missing."""
    start = np.asarray(start, dtype=np.int64)
    daily: Flags = (start != NO_DAY) & (start == np.asarray(end, dtype=np.int64))
    return daily if assumed is None else daily & ~np.asarray(assumed, dtype=bool)


def count_kinds(figures: pd.DataFrame) -> pd.Series:
    """What each figure counts, from its measure, period_start and period_end: 'stock' (a state
    at a date), 'daily' (a flow over one stated day) or 'window' (a flow over a longer or open
    window: cumulative totals)."""
    stock = (figures["measure"].astype("string") == "stock").fillna(False).to_numpy(bool)
    daily = one_day(to_days(figures["period_start"]), to_days(figures["period_end"]))
    kinds = np.where(stock, "stock", np.where(daily, "daily", "window"))
    return pd.Series(kinds, index=figures.index)


def window_starts(figures: pd.DataFrame, starts: Mapping[str, Any]) -> tuple[Days, Flags]:
    """:func:`window_start` over figure columns period_start, period_end, measure and episode
    (episode may be absent), with ``starts`` the episodes' starts (id → date)."""
    episodes = figures["episode"] if "episode" in figures else pd.Series(None, index=figures.index)
    return window_start(
        to_days(figures["period_start"]),
        to_days(figures["period_end"]),
        (figures["measure"].astype("string") == "flow").fillna(False).to_numpy(bool),
        episode_days(episodes.to_numpy(dtype=object), starts),
    )


def day_of(value: date | None) -> int:
    """One date (or datetime) as days since 1970-01-01 (NO_DAY for None)."""
    if value is None:
        return int(NO_DAY)
    return value.toordinal() - _EPOCH


def date_of(day: int | np.integer[Any]) -> date | None:
    """Days back to a date (None for NO_DAY)."""
    if day == NO_DAY:
        return None
    return date.fromordinal(_EPOCH + int(day))
