"""The overview: one card per metric for the selected area and period.

Each card names the series it speaks for (population and place, see
:func:`tracker.views.series.choose_series`) and gives its reconciled headline (from the
stored band; until a band is stored, the newest claim, said as such), the range of the
sources' newest claims, the number of independent sources, the newest report and the
open flags of the metric in the area. Pure: :func:`overview_cards` makes them from what the
overview's loader read (:mod:`tracker.service.pages.overview`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import numpy as np
import pandas as pd

from tracker.domain.filters import Filters
from tracker.domain.vocabularies import Vocabularies
from tracker.views.format import as_date, label, place_name
from tracker.views.headline import headline_windows
from tracker.views.series import (
    annotate_figures,
    choose_series,
    choose_series_per_metric,
    independent_groups,
)


@dataclass
class Card:
    metric: str
    population: str
    location: str
    measure: str
    n_claims: int  # claims of the metric in scope
    n_series: int
    series_figures: int
    headline: float | None = None
    headline_low: float | None = None
    headline_high: float | None = None
    headline_date: date | None = None
    headline_from_band: bool = False
    headline_qualifier: str | None = None  # how exact the band's headline is (at_least, approx…)
    contested: bool = False  # the band's claims contradict each other at that date
    headline_sources: list[str] = field(default_factory=list)  # who stated the headline
    headline_value_high: float | None = None  # the top of a "between X and Y" headline
    latest: dict | None = None  # the newest claim when no band is stored
    window_start: str | None = None  # 'YYYY-MM-DD', 'open' or 'stock'
    range: dict | None = None
    n_sources: int = 0
    n_independent: int = 0
    echoed: list[list[str]] = field(default_factory=list)  # sources one echoed claim joins
    newest_report: date | None = None
    open_flags: int = 0
    open_by_severity: dict[str, int] = field(default_factory=dict)
    trend_params: dict[str, str] = field(default_factory=dict)
    divergences: list[dict] = field(default_factory=list)  # flag_id, severity, sentence_en/_ar
    source_figures: list[dict] = field(default_factory=list)  # each source's newest, in its words
    extra: bool = False  # a second card of the metric (civilians next to all people)


def metric_order(vocab: Vocabularies) -> dict[str, int]:
    """Each metric's place in the vocabulary (the order of the cards)."""
    return {m: i for i, m in enumerate(vocab.metrics.index)}


def pick_band_row(bands: pd.DataFrame, window_start: str | None = None) -> pd.Series | None:
    """Of a series' band rows at its newest date, the one of the card's window start, else
    the one backed by most claims."""
    if bands is None or bands.empty:
        return None
    starts = pd.to_datetime(bands["window_start"]).dt.strftime("%Y-%m-%d").fillna("open")
    ordered = bands.assign(
        _assumed=bands["window_start_assumed"].astype(bool),
        _mine=(starts == window_start) | (bands["measure"].astype(str) == "stock"),
    ).sort_values(
        ["_mine", "n_claims", "_assumed"], ascending=[False, False, True], kind="mergesort"
    )
    return ordered.iloc[0]


def build_cards(
    summary: pd.DataFrame,
    claims: pd.DataFrame,
    bands: pd.DataFrame,
    echoes: pd.DataFrame,
    flag_counts: pd.DataFrame,
    filters: Filters,
    vocab: Vocabularies,
) -> list[Card]:
    """Every metric's card at once (a fixed number of grouped operations, whatever the
    number of metrics): ``summary`` from series_summary, ``claims`` of the main series
    (with their metric), ``bands`` their newest band rows, ``echoes`` the echo flags of
    those claims (metric, population, location, figure_ids and sources ';'-joined and aligned;
    see ``_echo_groups``), ``flag_counts`` by metric, severity and status."""
    mains = choose_series_per_metric(summary, filters, vocab)
    if mains.empty:
        return []
    totals = summary.groupby("metric").agg(
        n_claims=("n_claims", "sum"), n_series=("n_claims", "size"), newest=("newest_report", "max")
    )
    a = annotate_figures(claims, vocab)
    if not a.empty:
        # only the main series' claims count (the query may bring a little more)
        key = (
            a["metric"].astype(str)
            + "|"
            + a["population"].astype(str)
            + "|"
            + a["location"].astype(str)
        )
        main_key = (
            mains.index.astype(str)
            + "|"
            + mains["population"].astype(str)
            + "|"
            + mains["location"].astype(str)
        )
        a = a[key.isin(set(main_key))]
    by_metric: dict[str, dict] = {m: {} for m in mains.index}
    windows = pd.DataFrame(columns=["metric", "figure_id"])
    if not a.empty:
        not_daily = a["kind"] != "daily"
        comparable = a[not_daily | ~not_daily.groupby(a["metric"]).transform("any")]
        best_key = headline_windows(comparable, vocab)
        window = comparable[comparable["wkey"] == comparable["metric"].map(best_key)]
        windows = window
        latest = window.sort_values(["period_end", "reported_on", "figure_id"], kind="mergesort")
        latest = latest.groupby("metric").tail(1).set_index("metric")
        newest_end = window.groupby(["metric", "source"])["period_end"].transform("max")
        newest = window[window["period_end"] == newest_end]
        lows = newest.groupby("metric")["stated_low"].min()
        highs = newest.groupby("metric")["stated_top"].max()
        top_rows = newest.loc[newest.groupby("metric")["stated_top"].idxmax()].set_index("metric")
        n_newest = newest.groupby("metric")["source"].nunique()
        sources = window.groupby("metric")["source"].unique()  # the headline series' own
        reported = window.groupby("metric")["reported_on"].max()
        said = source_figures(comparable, best_key)
        range_tops = _range_tops(comparable)
        for metric in by_metric:
            if metric not in latest.index:
                continue
            row = latest.loc[metric]
            by_metric[metric] = {
                "latest": {
                    k: row[k]
                    for k in (
                        "figure_id",
                        "source",
                        "qualifier",
                        "value",
                        "value_high",
                        "unit",
                        "period_start",
                        "period_end",
                        "reported_on",
                        "measure",
                    )
                },
                "window_start": str(best_key[metric]),
                "range": {
                    "low": float(lows[metric]),
                    "high": float(highs[metric]),
                    "open_ended": str(top_rows.at[metric, "qualifier"])
                    in ("at_least", "more_than"),
                    "n_sources": int(n_newest[metric]),
                },
                "sources": list(sources[metric]),
                "source_figures": said.get(metric, []),
                "newest_report": reported[metric],
                "range_tops": range_tops.get(str(metric), {}),
            }
    echo_groups = _echo_groups(echoes, mains, windows)
    band_row = _band_rows(bands, mains, {m: d.get("window_start") for m, d in by_metric.items()})
    open_flags: dict[str, dict[str, int]] = {}
    if flag_counts is not None and not flag_counts.empty:
        opened = flag_counts[flag_counts["status"] == "open"]
        for rec in opened.groupby(["metric", "severity"], as_index=False)["n"].sum().itertuples():
            open_flags.setdefault(str(rec.metric), {})[str(rec.severity)] = int(rec.n)
    order = metric_order(vocab)
    cards = []
    for metric in sorted(mains.index, key=lambda m: order.get(m, 999)):
        main = mains.loc[metric]
        info = by_metric.get(metric, {})
        card = Card(
            metric=str(metric),
            population=str(main["population"]),
            location=str(main["location"]),
            measure=str(main["measure"]),
            n_claims=int(totals.at[metric, "n_claims"]),
            n_series=int(totals.at[metric, "n_series"]),
            series_figures=int(main["n_claims"]),
            newest_report=as_date(info.get("newest_report", totals.at[metric, "newest"])),
            latest=info.get("latest"),
            window_start=info.get("window_start"),
            range=info.get("range"),
            source_figures=info.get("source_figures", []),
        )
        present = info.get("sources", [])
        card.n_sources = len(present)
        groups = independent_groups(present, echo_groups.get(metric, []))
        card.n_independent = len(groups)
        card.echoed = [g for g in groups if len(g) > 1]
        row = band_row.get(metric)
        if row is not None:
            _apply_band(card, row)
            if card.headline_qualifier == "range" and card.headline is not None:
                card.headline_value_high = info.get("range_tops", {}).get(card.headline)
        card.open_by_severity = open_flags.get(str(metric), {})
        card.open_flags = sum(card.open_by_severity.values())
        params = {"metric": str(metric), "population": card.population, "location": card.location}
        if filters.source:
            params["source"] = ",".join(filters.source)
        if filters.date_from:  # the trend keeps the card's dates (an episode's included)
            params["from"] = filters.date_from.isoformat()
        if filters.date_to:
            params["to"] = filters.date_to.isoformat()
        card.trend_params = params
        cards.append(card)
    return cards


SOURCE_FIGURE_FIELDS = (
    "figure_id",
    "source",
    "qualifier",
    "value",
    "value_high",
    "unit",
    "period_start",
    "period_end",
    "reported_on",
)


def source_figures(comparable: pd.DataFrame, best_key: dict[str, str]) -> dict[str, list[dict]]:
    """Per metric, each source's newest claim in the card's series, as the source said it:
    from the headline's window when the source counted that window, else from the source's
    own window (``same_window`` False, its start in ``window_start``), so that two sources
    counting from different days stand side by side. The highest number said comes first
    (the top of a range), then the highest bound ("more than 320,000" before "320,000")."""
    if comparable.empty:
        return {}
    c = comparable.assign(_mine=comparable["wkey"] == comparable["metric"].map(best_key))
    c = c.sort_values(
        ["metric", "source", "_mine", "period_end", "reported_on", "figure_id"], kind="mergesort"
    )
    newest = c.groupby(["metric", "source"], sort=False).tail(1)
    newest = newest.sort_values(
        ["metric", "stated_top", "stated_low", "source"],
        ascending=[True, False, False, True],
        kind="mergesort",
    )
    out: dict[str, list[dict]] = {}
    for rec in newest.to_dict("records"):
        out.setdefault(str(rec["metric"]), []).append(
            {k: rec[k] for k in SOURCE_FIGURE_FIELDS}
            | {"window_start": str(rec["wkey"]), "same_window": bool(rec["_mine"])}
        )
    return out


def _echo_groups(
    echoes: pd.DataFrame | None, mains: pd.DataFrame, windows: pd.DataFrame
) -> dict[str, list[list[str]]]:
    """Per metric, the sources each echo flag joins on the card: a flag that holds a figure the
    card counts (one of the headline window's) joins all its sources, wherever the flag is
    anchored. Unattributed's "more than 270,000" for Syria, flagged as an echo of UNHCR's
    270,000 for Dar'a, is UNHCR's claim carried again: on the Syria card, where UNHCR also
    reports, the two count once. A flag none of whose figures the card counts joins nothing
    here. Flags given by sources alone (no figure ids) join the sources of the flags of the
    main series' own place and population."""
    out: dict[str, list[list[str]]] = {}
    if echoes is None or echoes.empty:
        return out
    counted: dict[str, set[str]] = {}
    for metric, fid in zip(windows["metric"], windows["figure_id"], strict=True):
        counted.setdefault(str(metric), set()).add(str(fid))
    for rec in echoes.to_dict("records"):
        metric = str(rec["metric"])
        if metric in mains.index and _echo_on_card(rec, mains.loc[metric], counted.get(metric)):
            sources = [x for x in str(rec["sources"]).split(";") if x]
            out.setdefault(metric, []).append(sources)
    return out


def _echo_on_card(flag: dict, main: pd.Series, counted: set[str] | None) -> bool:
    """Whether an echo flag speaks of the card: it holds a figure the card counts (by figure
    ids, when the flag gives them), else it is anchored at the card's place and population."""
    ids = flag.get("figure_ids")
    if isinstance(ids, str) and ids:
        return not (counted or set()).isdisjoint(ids.split(";"))
    anchor = (str(flag["population"]), str(flag["location"]))
    return anchor == (str(main["population"]), str(main["location"]))


def _range_tops(claims: pd.DataFrame) -> dict[str, dict[float, float]]:
    """Per metric, the stated top of each "between X and Y" claim, by its X (to say a range
    headline; of claims with the same X, the later one's top)."""
    ranges = claims[claims["qualifier"] == "range"]
    out: dict[str, dict[float, float]] = {}
    for metric, v, h in zip(ranges["metric"], ranges["value"], ranges["value_high"], strict=True):
        if not pd.isna(h):
            out.setdefault(str(metric), {})[float(v)] = float(h)
    return out


def _band_rows(bands: pd.DataFrame, mains: pd.DataFrame, starts: dict) -> dict[str, pd.Series]:
    """Per metric, the band row its card shows (see pick_band_row), in one pass."""
    if bands is None or bands.empty:
        return {}
    b = bands.merge(
        mains[["population", "location"]].reset_index(),
        on=["metric", "population", "location"],
        how="inner",
    )
    if b.empty:
        return {}
    key = pd.to_datetime(b["window_start"]).dt.strftime("%Y-%m-%d").fillna("open")
    b = b.assign(
        _assumed=b["window_start_assumed"].astype(bool),
        _mine=(key == b["metric"].map(starts)) | (b["measure"].astype(str) == "stock"),
    ).sort_values(
        ["metric", "_mine", "n_claims", "_assumed"],
        ascending=[True, False, False, True],
        kind="mergesort",
    )
    return {m: row for m, row in b.drop_duplicates("metric").set_index("metric").iterrows()}


def _apply_band(card: Card, row: pd.Series) -> None:
    headline, low, high = row["headline"], row["low"], row["high"]
    card.headline = None if pd.isna(headline) else float(headline)
    card.headline_low = None if pd.isna(low) else float(low)
    card.headline_high = np.inf if pd.isna(high) else float(high)
    card.headline_date = as_date(row["date"])
    card.headline_from_band = True
    qualifier = row.get("headline_qualifier")
    card.headline_qualifier = None if qualifier is None or pd.isna(qualifier) else str(qualifier)
    said_by = row.get("headline_sources")
    card.headline_sources = [] if said_by is None or pd.isna(said_by) else str(said_by).split(";")
    contested = row.get("contested")
    card.contested = bool(contested) if contested is not None and not pd.isna(contested) else False


def build_card(
    metric: str,
    summary: pd.DataFrame,
    claims: pd.DataFrame,
    band_rows: pd.DataFrame,
    echo_groups: list[list[str]],
    flag_counts: pd.DataFrame,
    filters: Filters,
    vocab: Vocabularies,
) -> Card | None:
    """One metric's card (see build_cards): its main series' claims and band rows."""
    mine = summary[summary["metric"] == metric]
    main = choose_series(mine, filters, vocab)
    if main is None:
        return None
    claims = (
        claims.assign(
            metric=metric, population=str(main["population"]), location=str(main["location"])
        )
        if "metric" not in claims
        else claims
    )
    bands = (
        band_rows.assign(
            metric=metric, population=str(main["population"]), location=str(main["location"])
        )
        if not band_rows.empty
        else band_rows
    )
    echoes = pd.DataFrame(
        {
            "metric": metric,
            "population": str(main["population"]),
            "location": str(main["location"]),
            "sources": [";".join(g) for g in echo_groups],
        }
    )
    cards = build_cards(mine, claims, bands, echoes, flag_counts, filters, vocab)
    return cards[0] if cards else None


class OverviewData(Protocol):
    """What the overview reads (``tracker.service.pages.overview.OverviewData``)."""

    @property
    def summary(self) -> pd.DataFrame: ...
    @property
    def claims(self) -> pd.DataFrame: ...
    @property
    def bands(self) -> pd.DataFrame: ...
    @property
    def echoes(self) -> pd.DataFrame: ...
    @property
    def flag_counts(self) -> pd.DataFrame: ...


def overview_cards(data: OverviewData, filters: Filters, vocab: Vocabularies) -> list[Card]:
    """Cards for every metric with figures in scope, in the vocabulary's order, each with
    the divergence flags of its own series (where sources counting the same disagree)."""
    if data.summary.empty:
        return []
    cards = build_cards(
        data.summary, data.claims, data.bands, data.echoes, data.flag_counts, filters, vocab
    )
    divergences = getattr(data, "divergences", None)
    if divergences is not None and not divergences.empty:
        for card in cards:
            mine = divergences[
                (divergences["metric"] == card.metric)
                & (divergences["population"] == card.population)
                & (divergences["location"] == card.location)
            ]
            card.divergences = mine[["flag_id", "severity", "sentence_en", "sentence_ar"]].to_dict(
                "records"
            )
    return cards


def area_label(vocab: Vocabularies, filters: Filters, lang: str) -> str:
    """The area the view covers, in words."""
    if not filters.location:
        return "كل المناطق" if lang == "ar" else "All areas"
    sep = "، " if lang == "ar" else ", "
    return sep.join(place_name(vocab, p, lang) for p in filters.location)


def metric_label(vocab: Vocabularies, metric: str, lang: str) -> str:
    """A metric's name in the page language."""
    return label(vocab.metrics, metric, lang)


__all__ = ["Card", "OverviewData", "build_card", "overview_cards"]
