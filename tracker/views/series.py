"""Which series a view shows, and how many independent sources speak to it.

A metric in an area usually has several series: one per population and place. Cards and
charts show one of them, chosen by a rule a person can predict: the place the user chose
(or, failing that, the widest place with figures), the population the user chose (or
"all", or the one with most figures), then the series with most figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from tracker.domain.filters import Filters
from tracker.domain.vocabularies import Vocabularies
from tracker.domain.windows import count_kinds, from_days, window_starts


def rank_series(series: pd.DataFrame, filters: Filters, vocab: Vocabularies) -> pd.DataFrame:
    """``series`` sorted best first by the rule above (any number of metrics at once)."""
    frame = series.copy()
    levels = vocab.gazetteer["level"]
    frame["_level"] = frame["location"].map(levels).fillna(9).astype(int)
    chosen_places = set(filters.location)
    frame["_chosen_place"] = frame["location"].isin(chosen_places).astype(int)
    wanted = filters.population[0] if len(filters.population) == 1 else "all"
    frame["_population"] = (frame["population"] == wanted).astype(int)
    sort = ["_chosen_place", "_level", "_population", "n_claims"]
    ascending = [False, True, False, False]
    if "newest_report" in frame:
        sort.append("newest_report")
        ascending.append(False)
    sort += ["location", "population"]
    ascending += [True, True]
    frame = frame.sort_values(sort, ascending=ascending, kind="mergesort")
    return frame.drop(columns=["_level", "_chosen_place", "_population"])


def choose_series(series: pd.DataFrame, filters: Filters, vocab: Vocabularies) -> pd.Series | None:
    """The main series among ``series`` (columns population, location, n_claims, …)."""
    if series is None or series.empty:
        return None
    return rank_series(series, filters, vocab).iloc[0]


def choose_series_per_metric(
    summary: pd.DataFrame, filters: Filters, vocab: Vocabularies
) -> pd.DataFrame:
    """The main series of every metric in ``summary``, indexed by metric."""
    if summary is None or summary.empty:
        return pd.DataFrame(columns=["population", "location", "measure", "n_claims"])
    ranked = rank_series(summary, filters, vocab)
    return ranked.drop_duplicates("metric", keep="first").set_index("metric")


def annotate_figures(figures: pd.DataFrame, vocab: Vocabularies) -> pd.DataFrame:
    """Figures with what views compare them by, computed once for any number of series:
    kind (daily/window/stock), wkey (the start they count from), stated_low and stated_top
    (what they state, in persons)."""
    out = figures.copy()
    if out.empty:
        for column in ("kind", "wkey", "stated_low", "stated_top"):
            out[column] = pd.Series(dtype="object")
        return out
    out["kind"] = count_kinds(out)
    out["wkey"] = window_key(out, vocab)
    out["stated_low"], out["stated_top"] = stated_bounds(out)
    return out


def independent_sources(sources: Iterable[str], echo_groups: Sequence[Sequence[str]]) -> int:
    """Distinct sources, counting sources joined by an echo flag as one (see
    :func:`independent_groups`)."""
    return len(independent_groups(sources, echo_groups))


def independent_groups(
    sources: Iterable[str], echo_groups: Sequence[Sequence[str]]
) -> list[list[str]]:
    """The sources as independent originators: one group per originator, sources joined by
    an echo flag in one group (sorted, groups in order of their first source).

    A source's figure carried by several publishers is already one source; an echo flag
    says that two sources' identical figure is one claim carried twice, so they count once.
    Give it the echo flags of the figures being counted only: a source joined to another
    by an echo elsewhere is still independent here.
    """
    present = sorted({str(s) for s in sources if s is not None and str(s) != ""})
    parent = {s: s for s in present}

    def find(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    for group in echo_groups:
        members = [s for s in group if s in parent]
        for other in members[1:]:
            a, b = find(members[0]), find(other)
            if a != b:
                parent[b] = a
    groups: dict[str, list[str]] = {}
    for s in present:
        groups.setdefault(find(s), []).append(s)
    return list(groups.values())


def newest_per_source(figures: pd.DataFrame) -> pd.DataFrame:
    """Each source's newest figures: all those at its latest period end."""
    if figures.empty:
        return figures
    latest = figures.groupby("source")["period_end"].transform("max")
    newest = figures[figures["period_end"] == latest]
    return newest.sort_values(["source", "figure_id"], kind="mergesort").reset_index(drop=True)


def comparable_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures a headline or a range may compare: one-day counts are left out when the
    series also has totals over longer windows or stocks (they count something smaller)."""
    if figures.empty:
        return figures
    kind = count_kinds(figures)
    if (kind != "daily").any():
        return figures[kind != "daily"]
    return figures


def window_key(figures: pd.DataFrame, vocab: Vocabularies) -> pd.Series:
    """The start each figure counts from, by the domain's one rule
    (:func:`tracker.domain.windows.window_start`, as the engine assumes it): its own, else its
    episode's when that is not after its period_end, as YYYY-MM-DD; 'open' for a flow with
    neither; 'stock' for stocks, which have no window."""
    start, _ = window_starts(figures, vocab.episode_start)
    key = pd.Series(from_days(start), index=figures.index).dt.strftime("%Y-%m-%d")
    key = key.fillna("open")
    return key.where(figures["measure"].astype(str) != "stock", "stock")


def main_window(figures: pd.DataFrame, vocab: Vocabularies) -> pd.DataFrame:
    """The comparable figures that count from the most used start (ties: the latest end)."""
    comparable = comparable_figures(figures)
    if comparable.empty:
        return comparable
    key = window_key(comparable, vocab)
    stats = (
        comparable.assign(_key=key)
        .groupby("_key")
        .agg(n=("figure_id", "size"), end=("period_end", "max"))
    )
    best = stats.sort_values(["n", "end"], ascending=[False, False]).index[0]
    return comparable[key == best]


def stated_bounds(figures: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """What each figure states, in persons when counted in households: the value (the low
    end of a range; the smallest count an order of magnitude means) and the top it names."""
    from tracker.views.format import household_factor

    factor = (
        figures["household_size"].map(household_factor)
        if "household_size" in figures
        else pd.Series(1.0, index=figures.index)
    )
    value = figures["value"].astype("float64") * factor
    high = figures["value_high"].astype("Float64").astype("float64") * factor
    magnitude = figures["qualifier"] == "magnitude"
    value = value.where(~magnitude, figures["low"].astype("float64"))
    top = high.where(figures["qualifier"] == "range", value)
    return value, top


def range_across_sources(figures: pd.DataFrame) -> dict | None:
    """The lowest and highest figure the sources' newest figures state.

    Give it comparable figures (see :func:`main_window`). ``open_ended`` when the highest
    is an "at least"/"more than" claim (so "320,000+").
    """
    newest = newest_per_source(figures)
    if newest.empty:
        return None
    low, top = stated_bounds(newest)
    best = top.idxmax()
    return {
        "low": float(low.min()),
        "high": float(top.max()),
        "open_ended": str(newest.at[best, "qualifier"]) in ("at_least", "more_than"),
        "n_sources": int(newest["source"].nunique()),
    }
