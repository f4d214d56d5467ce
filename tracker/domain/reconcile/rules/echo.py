"""Rule 7, echo (info): the same value for the same metric and population, reported within
``echo_days`` of each other under different sources' names, is probably one claim carried more
than once (the UN's 160,000 quoted as UNHCR's by one outlet and as OCHA's by another).

The places must be the same or one must contain the other (the UN's figure for Syria quoted for
Dar'a): equal values in two unrelated villages are a coincidence, not an echo. Claims are chained
by report date per (metric, population, value, value_high, place), each claim listed under its
own place and every place above it; a gap of more than ``echo_days`` starts a new chain. A chain
naming two or more sources, with a claim made at that place itself, is one flag (a chain inside a
larger one is not repeated). Its
*original* is the claim of the most reliable source, then the earliest reported; claims of other
sources in the chain are echoes. An echo is left out of a band only when its original is in that
band's series (DESIGN §6); in any other series (the UN's Syria-wide 320,000 echoed for Dar'a) the
echoes stand as one claim: the first of them by the same order is kept, the others are left out,
so an echo never corroborates and a series never loses the number.
Within one source identical claims are already one claim (see
:mod:`tracker.domain.reconcile.series`).
Values below ``echo_min_value`` are left alone: small counts coincide by chance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.raw import RawFlag
from tracker.domain.reconcile.series import Labels
from tracker.domain.reconcile.sweep import codes, order_by

RULE = "echo"


def _chains(frame: pd.DataFrame, days: int) -> np.ndarray:
    """Chain number per claim (frame sorted by group, report day)."""
    g, d = frame["g"].to_numpy(), frame["reported_d"].to_numpy()
    new = np.ones(len(frame), dtype=bool)
    new[1:] = (g[1:] != g[:-1]) | (d[1:] - d[:-1] > days)
    return np.cumsum(new)


def _expanded(base: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Each claim under its own place (own=True) and under every ancestor place."""
    loc = base["loc_c"].to_numpy()
    claim = base.index.to_numpy()
    parts = [(claim, loc, np.ones(len(loc), bool))]
    for depth in range(labels.ancestors.shape[1]):
        up = labels.ancestors[loc, depth]
        hit = up >= 0
        parts.append((claim[hit], up[hit], np.zeros(int(hit.sum()), bool)))
    c, p, o = (np.concatenate(x) for x in zip(*parts, strict=True))
    rows = base.loc[c, ["metric_c", "pop_c", "value", "value_high", "reported_d", "source_c"]]
    return rows.reset_index(names="claim").assign(location=p, own=o)


def _chains_frame(base: pd.DataFrame, labels: Labels, days: int) -> pd.DataFrame:
    """Chains of equal values at one place (with the places below it), naming 2+ sources and
    holding at least one claim made at that place."""
    frame = _expanded(base, labels)
    high = frame["value_high"].fillna(-1).astype("int64").to_numpy()
    frame["g"] = codes(
        frame["metric_c"].to_numpy(),
        frame["pop_c"].to_numpy(),
        frame["value"].to_numpy(),
        high,
        frame["location"].to_numpy(),
    )
    frame = frame.iloc[
        order_by(frame["g"].to_numpy(), frame["reported_d"].to_numpy(), frame["claim"].to_numpy())
    ]
    frame["chain"] = _chains(frame, days)
    stats = frame.groupby("chain").agg(own=("own", "max"), n=("claim", "size"))
    sources = frame.drop_duplicates(["chain", "source_c"])["chain"].value_counts()
    ok = stats.index[stats["own"] & (stats["n"] >= 2)]
    ok = ok[sources.reindex(ok).to_numpy() >= 2]
    return frame[frame["chain"].isin(ok)]


def _shared_values(base: pd.DataFrame) -> pd.DataFrame:
    """Only claims whose value some other source also gave in the same country and count (a
    cheap first cut: most values are given by one source only)."""
    if base.empty:
        return base
    high = base["value_high"].fillna(-1).astype("int64").to_numpy()
    g = codes(
        base["metric_c"].to_numpy(),
        base["pop_c"].to_numpy(),
        base["value"].to_numpy(),
        high,
        base["country_c"].to_numpy(),
    )
    pairs = pd.DataFrame({"g": g, "s": base["source_c"].to_numpy()}).drop_duplicates()
    many = pairs["g"].value_counts()
    return base[np.isin(g, many.index[many.to_numpy() >= 2].to_numpy())]


def _maximal(groups: list[np.ndarray]) -> list[int]:
    """Indexes of the member sets not contained in a larger (or earlier equal) one."""
    kept: list[int] = []
    holders: dict[int, set[int]] = {}
    for i in sorted(range(len(groups)), key=lambda k: (-len(groups[k]), k)):
        members = groups[i].tolist()
        common = set.intersection(*(holders.get(m, set()) for m in members))
        if common:
            continue
        kept.append(i)
        for m in members:
            holders.setdefault(m, set()).add(i)
    return sorted(kept)


def _left_out(
    members: np.ndarray,
    srcs: np.ndarray,
    best: int,
    series: pd.Series,
    reliability: np.ndarray,
    reported: np.ndarray,
) -> tuple[int, ...]:
    """The chain's claims to leave out of bands: in each series, every claim but those of the
    source standing for the chain there (the original's source in the original's series, else
    the most reliable, then earliest reported, echo in that series)."""
    where = series.loc[members].to_numpy()
    out: list[int] = []
    for s in np.unique(where):
        here = np.flatnonzero(where == s)
        if where[best] == s:
            keep = srcs[best]
        else:
            first = min(
                here, key=lambda i: (-reliability[srcs[i]], reported[members[i]], members[i])
            )
            keep = srcs[first]
        out += [int(members[i]) for i in here if srcs[i] != keep]
    return tuple(sorted(out))


def find(claims: pd.DataFrame, labels: Labels, ctx: ReconcileContext) -> list[RawFlag]:
    """One info flag per chain of equal values under two or more sources' names, at places of
    which one contains (or is) the other."""
    st = ctx.settings
    cols = ["metric_c", "pop_c", "loc_c", "value", "value_high", "reported_d", "source_c"]
    base = claims.loc[claims["value"] >= st.echo_min_value, cols + ["country_c"]]
    base = _shared_values(base)
    if base.empty:
        return []
    frame = _chains_frame(base, labels, st.echo_days)
    if frame.empty:
        return []
    chain = frame["chain"].to_numpy()
    starts = np.flatnonzero(np.r_[True, chain[1:] != chain[:-1]])
    groups = np.split(frame["claim"].to_numpy(), starts[1:])
    reported = frame["reported_d"].to_numpy()
    span = np.maximum.reduceat(reported, starts) - np.minimum.reduceat(reported, starts)
    sources = np.split(frame["source_c"].to_numpy(), starts[1:])
    reliability = np.array([ctx.source_reliability.get(str(s), 0) for s in labels.names["source"]])
    rep = claims["reported_d"].to_numpy()
    series = codes(*(claims[c].to_numpy() for c in ("loc_c", "measure_c", "start_d")))
    series = pd.Series(series, index=claims.index)
    out = []
    for k in _maximal(groups):
        members, srcs = groups[k], sources[k]
        best = min(
            range(len(members)), key=lambda i: (-reliability[srcs[i]], rep[members[i]], members[i])
        )
        original = int(members[best])
        out.append(
            RawFlag(
                rule=RULE,
                severity="info",
                members=tuple(members.tolist()),
                anchor=original,
                exclude=_left_out(members, srcs, best, series, reliability, rep),
                reason="echo",
                detail={
                    "original": original,
                    "span_days": int(span[k]),
                    "n_sources": len(set(srcs.tolist())),
                },
            )
        )
    return out
