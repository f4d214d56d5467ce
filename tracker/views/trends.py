"""A series over time: each source's claims as points with their intervals, the band behind.

Pure: :func:`trend_points` turns one series' stored claims (and the flags they are in)
into the points a chart draws, with hover text in the page's language; :func:`band_lines`
turns stored bands into shaded areas; :func:`trend_view` makes the whole chart's view-model
from what the trends page's loader read (:mod:`tracker.service.pages.trends`).
"""

from __future__ import annotations

import html
import itertools
import math
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import pandas as pd

from tracker.domain import windows
from tracker.domain.filters import Filters
from tracker.domain.vocabularies import Vocabularies
from tracker.views.format import (
    chart_text,
    claim_words,
    conversion,
    fmt_date,
    fmt_window,
    household_factor,
    interval_words,
    label,
    missing,
    place_name,
    safe_url,
    source_name,
)

POINT_COLUMNS = (
    "figure_id",
    "source",
    "source_label",
    "kind",
    "group",
    "x",
    "y",
    "low",
    "high",
    "open_ended",
    "err_minus",
    "err_plus",
    "claim",
    "window",
    "publisher",
    "url",
    "hover",
    "flagged",
    "flag_ids",
    "highlighted",
)


def figure_kind(claims: pd.DataFrame) -> pd.Series:
    """'stock', 'daily' or 'window': the domain's :func:`tracker.domain.windows.count_kinds`."""
    return windows.count_kinds(claims)


def point_estimate(claims: pd.DataFrame) -> pd.Series:
    """Where a claim's marker sits: the stated value (in persons when counted in households),
    the middle of a stated range or order of magnitude; always inside its interval."""
    value = claims["value"].astype("float64")
    factor = claims["household_size"].map(household_factor) if "household_size" in claims else 1.0
    y = value * factor
    low = claims["low"].astype("float64")
    high = claims["high"].astype("float64")
    middle = (low + high) / 2
    ranged = claims["qualifier"].isin(["range", "magnitude"]) & np.isfinite(high)
    y = y.where(~ranged, middle)
    return y.clip(lower=low, upper=high.where(np.isfinite(high)))


def _esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def flag_words(flags: pd.DataFrame, vocab: Vocabularies, lang: str) -> dict[str, str]:
    """Per figure, the flags it is in by rule and severity in words ("Divergence ·
    moderate"), never their ids alone."""
    if flags.empty or "rule" not in flags or "severity" not in flags:
        return {}
    rules = vocab.extra.get("rules")
    severities = vocab.extra.get("severities")
    out: dict[str, set[str]] = {}
    for rec in flags.to_dict("records"):
        rule = label(rules, rec["rule"], lang) if rules is not None else str(rec["rule"])
        severity = (
            label(severities, rec["severity"], lang)
            if severities is not None
            else str(rec["severity"])
        )
        out.setdefault(str(rec["figure_id"]), set()).add(f"{rule} · {severity}")
    return {fid: "; ".join(sorted(words)) for fid, words in out.items()}


def _short_url(url: str, width: int = 60) -> str:
    return url if len(url) <= width else url[: width - 1] + "…"


def trend_points(
    claims: pd.DataFrame,
    vocab: Vocabularies,
    lang: str = "en",
    figure_flags: pd.DataFrame | None = None,
    highlight: set[str] | frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """The points of one series' chart, one per claim (see POINT_COLUMNS)."""
    if claims is None or claims.empty:
        return pd.DataFrame(columns=list(POINT_COLUMNS))
    c = claims.reset_index(drop=True)
    out = pd.DataFrame(index=c.index)
    out["figure_id"] = c["figure_id"].astype(str)
    out["source"] = c["source"].astype(str)
    short_names = {s: source_name(vocab, s, lang) for s in out["source"].unique()}
    out["source_label"] = out["source"].map(short_names)
    out["kind"] = figure_kind(c)
    start = c["period_start"].dt.strftime("%Y-%m-%d").fillna("open")
    out["group"] = out["source"] + "|" + out["kind"] + "|" + start
    out["x"] = c["period_end"]
    out["y"] = point_estimate(c)
    out["low"] = c["low"].astype("float64")
    out["high"] = c["high"].astype("float64")
    out["open_ended"] = ~np.isfinite(out["high"])
    out["err_minus"] = (out["y"] - out["low"]).clip(lower=0)
    out["err_plus"] = (out["high"] - out["y"]).where(~out["open_ended"], 0.0).clip(lower=0)
    ar = lang == "ar"
    flags = figure_flags if figure_flags is not None else pd.DataFrame(columns=["figure_id"])
    contradiction = (
        flags[flags["rule"].isin(vocab.contradiction_rules)] if not flags.empty else flags
    )
    flagged_ids = set(contradiction["figure_id"].astype(str)) if not flags.empty else set()
    ids_by_figure = (
        flags.groupby("figure_id")["flag_id"].apply(lambda s: ";".join(sorted(set(s)))).to_dict()
        if not flags.empty
        else {}
    )
    out["flagged"] = out["figure_id"].isin(flagged_ids)
    out["flag_ids"] = out["figure_id"].map(lambda f: ids_by_figure.get(f, ""))
    out["highlighted"] = out["figure_id"].isin(set(highlight))
    words_by_figure = flag_words(flags, vocab, lang)
    claims_text, windows, hovers, urls, publishers = [], [], [], [], []
    full_names = {s: source_name(vocab, s, lang, short=False) for s in out["source"].unique()}
    lows, highs, flag_ids = out["low"].tolist(), out["high"].tolist(), out["flag_ids"].tolist()
    via, qual_word, allows_word = (
        ("عبر ", "الصيغة: ", "يتيح: ") if ar else ("via ", "Qualifier: ", "allows ")
    )
    reported_word, flag_word = ("نُشر في ", "في تنبيه: ") if ar else ("Reported ", "In flag: ")
    for i, row in enumerate(c.itertuples(index=False)):
        words = claim_words(
            vocab, row.qualifier, row.value, row.value_high, lang, row.unit, row.metric
        )
        window = fmt_window(row.period_start, row.period_end, row.measure, lang)
        url = safe_url(row.url)
        publisher = "" if missing(row.publisher) else str(row.publisher)
        qual = label(vocab.qualifiers, row.qualifier, lang)
        allows = interval_words(lows[i], highs[i], lang)
        converted = (
            conversion(pd.Series(row._asdict()), vocab, lang)
            if str(row.unit) == "households"
            else None
        )
        if converted:  # a count of households: say that, and what it became
            allows = (
                f"≈ {converted['people']} من الأفراد ({converted['said']} × {converted['size']})"
                if ar
                else f"≈ {converted['people']} people ({converted['said']} × {converted['size']})"
            )
        lines = [
            f"<b>{_esc(full_names[str(row.source)])}</b>",
            via + _esc(publisher) if publisher else None,
            f"{_esc(words)}  ({_esc(window)})",
            f"{qual_word}{_esc(qual)} · {allows_word}{_esc(allows)}",
            f"{reported_word}{fmt_date(row.reported_on, lang)} · {_esc(row.figure_id)}",
            _esc(_short_url(url)) if url else None,
        ]
        if flag_ids[i]:
            lines.append(flag_word + _esc(words_by_figure.get(str(row.figure_id), flag_ids[i])))
        claims_text.append(words)
        windows.append(window)
        hovers.append(chart_text("<br>".join(line for line in lines if line), lang))
        urls.append(url or "")
        publishers.append(publisher)
    out["claim"] = claims_text
    out["window"] = windows
    out["publisher"] = publishers
    out["url"] = urls
    out["hover"] = hovers
    return out[list(POINT_COLUMNS)]


def primary_band(bands: list[dict]) -> list[dict]:
    """The band a chart shades: the window start backed by most claims (ties: most dates,
    then a stated start over an assumed one). A series counted from several starts has a
    band per start; drawing them all on one chart would only confuse."""
    if len(bands) <= 1:
        return bands
    best = max(bands, key=lambda b: (b["n_claims"], len(b["date"]), not b["assumed"]))
    return [best]


def band_lines(bands: pd.DataFrame) -> list[dict]:
    """Each stored band of a series (one per measure and window start) as lines to shade.

    Typed and sorted once, then cut at each (measure, start) boundary: a synthetic series can
    hold thousands of window starts, and per-group pandas work cost most of a page's time.
    """
    if bands is None or bands.empty:
        return []
    never = pd.Timestamp(0)
    frame = bands.assign(
        _start=pd.to_datetime(bands["window_start"]).fillna(never),
        low=bands["low"].astype("float64"),
        high=bands["high"].astype("float64").fillna(math.inf),
        headline=bands["headline"].astype("float64"),
        window_start_assumed=bands["window_start_assumed"].astype(bool),
    ).sort_values(["measure", "_start", "date"], kind="stable")
    measure = frame["measure"].astype(str).to_numpy()
    starts = frame["_start"].to_numpy()
    change = np.r_[True, (measure[1:] != measure[:-1]) | (starts[1:] != starts[:-1])]
    cuts = [*np.flatnonzero(change).tolist(), len(frame)]
    dates, lows = frame["date"].tolist(), frame["low"].tolist()
    highs, headlines = frame["high"].tolist(), frame["headline"].tolist()
    assumed = frame["window_start_assumed"].to_numpy()
    claims = frame["n_claims"].astype("int64").to_numpy()
    out = []
    for a, b in itertools.pairwise(cuts):
        start = pd.Timestamp(starts[a])
        out.append(
            {
                "measure": measure[a],
                "window_start": None if start == never else start,
                "assumed": bool(assumed[a:b].any()),
                "date": dates[a:b],
                "low": lows[a:b],
                "high": highs[a:b],
                "headline": headlines[a:b],
                "n_claims": int(claims[a:b].max()),
                "n_dates": b - a,
            }
        )
    return out


@dataclass
class TrendView:
    metric: str | None
    population: str | None
    location: str | None
    points: pd.DataFrame = field(default_factory=pd.DataFrame)
    bands: list[dict] = field(default_factory=list)  # the band drawn (see primary_band)
    other_bands: int = 0  # bands of other window starts, not drawn
    series: pd.DataFrame = field(default_factory=pd.DataFrame)  # other series of the metric
    flag: dict | None = None  # the flag being followed, when one is
    truncated: bool = False
    filters: Filters = field(default_factory=Filters)
    # what the page drew from this view, kept with it (the view itself is cached)
    rendered: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def empty(self) -> bool:
        return self.points is None or self.points.empty


class TrendData(Protocol):
    """What the trends page reads (``tracker.service.pages.trends.TrendData``)."""

    @property
    def filters(self) -> Filters: ...
    @property
    def metric(self) -> str | None: ...
    @property
    def population(self) -> str | None: ...
    @property
    def location(self) -> str | None: ...
    @property
    def flag(self) -> dict | None: ...
    @property
    def series(self) -> pd.DataFrame: ...
    @property
    def claims(self) -> pd.DataFrame: ...
    @property
    def figure_flags(self) -> pd.DataFrame | None: ...
    @property
    def bands(self) -> pd.DataFrame: ...
    @property
    def truncated(self) -> bool: ...


def trend_view(data: TrendData, vocab: Vocabularies, lang: str = "en") -> TrendView:
    """What the trends page draws: one series of one metric in the area, the followed flag's
    figures highlighted."""
    flag = data.flag
    if data.metric is None:
        return TrendView(None, None, None, filters=data.filters, flag=flag)
    if data.population is None or data.location is None:
        return TrendView(
            data.metric, None, None, series=data.series, filters=data.filters, flag=flag
        )
    highlight = set(str(flag["figure_ids"]).split(";")) if flag else set()
    points = trend_points(data.claims, vocab, lang, data.figure_flags, highlight)
    all_bands = band_lines(data.bands)
    drawn = primary_band(all_bands)
    return TrendView(
        metric=data.metric,
        population=data.population,
        location=data.location,
        points=points,
        bands=drawn,
        other_bands=len(all_bands) - len(drawn),
        series=data.series,
        flag=flag,
        truncated=data.truncated,
        filters=data.filters,
    )


def series_title(vocab: Vocabularies, view: TrendView, lang: str) -> str:
    """Killed · Civilians · Dar'a."""
    if not view.metric:
        return ""
    parts = [label(vocab.metrics, view.metric, lang)]
    if view.population:
        parts.append(label(vocab.populations, view.population, lang))
    if view.location:
        parts.append(place_name(vocab, view.location, lang))
    return " · ".join(parts)
