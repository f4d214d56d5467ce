"""Rows for the figures, discrepancies and sources pages, and a figure's history, in words.

Pure: each function takes what the page's loader read (:mod:`tracker.service.pages`) as
DataFrames and plain values, and gives back dicts the dashboard lays out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Protocol

import pandas as pd

from tracker.domain.bidi import isolate_bidi
from tracker.domain.filters import Filters
from tracker.domain.interval_words import interval_rule
from tracker.domain.vocabularies import CANONICAL_COLUMNS, Vocabularies
from tracker.views.format import (
    claim_words,
    conversion,
    distinct_place_name,
    fmt_count,
    fmt_date,
    fmt_window,
    interval_words,
    iso,
    isolate_ranges,
    label,
    missing,
    place_label,
    safe_url,
    source_name,
)

FIGURES_PER_PAGE = 25
FLAGS_PER_PAGE = 20


def severity_order(vocab: Vocabularies) -> list[str]:
    """The severities, most severe first (by their rank in the vocabulary)."""
    ranks = vocab.extra["severities"]["rank"].astype(int)
    return ranks.sort_values(ascending=False, kind="stable").index.astype(str).tolist()


def pages(total: int, per_page: int) -> int:
    """How many pages ``total`` rows fill (at least one)."""
    return max(1, math.ceil(total / per_page))


# -- figures --------------------------------------------------------------------------------


def figure_row(
    row: pd.Series, vocab: Vocabularies, lang: str, flags: list[dict] | None = None
) -> dict:
    """One figure with its provenance, as the figures table and the flag cards show it."""
    return {
        "figure_id": str(row["figure_id"]),
        "revision": int(row["revision"])
        if "revision" in row and not missing(row["revision"])
        else 1,
        "reported_on": fmt_date(row["reported_on"], lang),
        "reported_iso": iso(row["reported_on"]),
        "source": str(row["source"]),
        "source_label": source_name(vocab, row["source"], lang),
        "source_full": source_name(vocab, row["source"], lang, short=False),
        "publisher": "" if missing(row.get("publisher")) else isolate_bidi(str(row["publisher"])),
        "url": safe_url(row.get("url")),
        "metric": label(vocab.metrics, row["metric"], lang),
        "population": label(vocab.populations, row["population"], lang),
        "location": distinct_place_name(vocab, row["location"], lang),
        "location_full": place_label(vocab, row["location"], lang),
        "pcode": str(row["location"]),
        "window": fmt_window(row["period_start"], row["period_end"], row["measure"], lang),
        "claim": claim_words(
            vocab,
            row["qualifier"],
            row["value"],
            row.get("value_high"),
            lang,
            row.get("unit"),
            row["metric"],
        ),
        "qualifier": label(vocab.qualifiers, row["qualifier"], lang),
        "interval": interval_words(row["low"], row["high"], lang),
        "rule": "" if missing(row.get("interval_rule")) else str(row["interval_rule"]),
        "rule_words": interval_rule(vocab, str(row["qualifier"]), lang),
        "conversion": conversion(row, vocab, lang),
        "notes": "" if missing(row.get("notes")) else isolate_bidi(str(row["notes"])),
        "flags": flags or [],
    }


def _flag_words(rec: dict, vocab: Vocabularies, lang: str) -> dict:
    """A flag a figure is in, with its rule and severity in words (the id stays its link)."""
    rules = vocab.extra.get("rules")
    severities = vocab.extra.get("severities")
    return {
        "flag_id": rec["flag_id"],
        "rule": rec["rule"],
        "severity": rec["severity"],
        "status": rec["status"],
        "rule_label": label(rules, rec["rule"], lang) if rules is not None else str(rec["rule"]),
        "severity_label": label(severities, rec["severity"], lang)
        if severities is not None
        else str(rec["severity"]),
    }


def figure_rows(
    page: pd.DataFrame, figure_flags: pd.DataFrame | None, vocab: Vocabularies, lang: str
) -> list[dict]:
    """The page's figures (see figure_row), each with the flags it is in."""
    by_figure: dict[str, list[dict]] = {}
    if figure_flags is not None and not figure_flags.empty:
        for rec in figure_flags.to_dict("records"):
            by_figure.setdefault(str(rec["figure_id"]), []).append(_flag_words(rec, vocab, lang))
    return [
        figure_row(row, vocab, lang, by_figure.get(str(row["figure_id"])))
        for _, row in page.iterrows()
    ]


class FiguresPageData(Protocol):
    """What the figures page reads (``tracker.service.pages.figures.FiguresPage``)."""

    @property
    def figures(self) -> pd.DataFrame: ...
    @property
    def flags(self) -> pd.DataFrame | None: ...
    @property
    def total(self) -> int: ...
    @property
    def page(self) -> int: ...
    @property
    def per_page(self) -> int: ...
    @property
    def sort(self) -> str: ...
    @property
    def descending(self) -> bool: ...


def figures_table(data: FiguresPageData, vocab: Vocabularies, lang: str) -> dict:
    """One page of figures (sorted and filtered by the database) with the pager's numbers."""
    return {
        "rows": figure_rows(data.figures, data.flags, vocab, lang),
        "total": data.total,
        "page": data.page,
        "pages": pages(data.total, data.per_page),
        "per_page": data.per_page,
        "sort": data.sort,
        "descending": data.descending,
    }


HISTORY_COLUMNS = tuple(c for c in CANONICAL_COLUMNS if c not in ("figure_id", "quote")) + (
    "status",
)


def _cell(value) -> str:
    if missing(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _public(row: pd.Series) -> bool:
    """A revision the public pages show: accepted (reviewed or published without review)."""
    status = row.get("review_status")
    return missing(status) or status == "accepted"


def history_rows(revisions: pd.DataFrame) -> list[dict]:
    """Every public revision of a figure, oldest first, from all its revisions: who entered it
    and, when a reviewer accepted it, who accepted it; the reason each gave (the author's is
    the ``why`` of the proposal the acceptance copied, the reviewer's the accepted revision's);
    and what changed since the public revision before it. Proposals, send-backs and
    rejections are never shown; only the reason of the proposal that was accepted is."""
    out: list[dict] = []
    previous = None
    before = None  # the revision just before this one, public or not
    for _, row in revisions.sort_values("revision").iterrows():
        if not _public(row):
            before = row
            continue
        reviewer = _cell(row.get("reviewed_by"))
        proposed = before is not None and before.get("review_status") == "proposed"
        author = before if reviewer and proposed else (None if reviewer else row)
        entered = row.get("entered_at")
        out.append(
            {
                "revision": int(row["revision"]),
                "entered_at": ""
                if missing(entered)
                else pd.Timestamp(entered).strftime("%Y-%m-%d %H:%M"),
                "entered_by": _cell(row.get("entered_by")),
                "accepted_by": reviewer,
                "why": "" if author is None else _cell(author.get("why")),
                "why_accepted": _cell(row.get("why")) if reviewer else "",
                "status": _cell(row.get("status")),
                "current": bool(row.get("current")),
                "changes": _changes(previous, row),
            }
        )
        previous = before = row
    return out


def _changes(previous: pd.Series | None, row: pd.Series) -> list[dict[str, str]]:
    """The columns whose value differs from the previous public revision (none for the first)."""
    if previous is None:
        return []
    return [
        {"column": column, "old": _cell(previous.get(column)), "new": _cell(row.get(column))}
        for column in HISTORY_COLUMNS
        if column in row and _cell(previous.get(column)) != _cell(row.get(column))
    ]


# -- discrepancies --------------------------------------------------------------------------


def figures_by_id(figures: pd.DataFrame) -> dict[str, pd.Series]:
    """Each figure's row by its id, for the flag cards of a page to share (selecting each
    card's few figures from the frame again cost ~8 ms a card)."""
    if figures.empty:
        return {}
    return {str(row["figure_id"]): row for _, row in figures.iterrows()}


def flag_card(
    flag: dict,
    figures: pd.DataFrame | Mapping[str, pd.Series],
    vocab: Vocabularies,
    lang: str,
) -> dict:
    """A flag as a person reads it: severity, rule, its sentence, the figures side by side
    (``figures``: a frame, or its rows by id from :func:`figures_by_id`)."""
    sentence = flag.get(f"sentence_{lang}") or flag.get("sentence_en") or ""
    ids = [i for i in str(flag.get("figure_ids") or "").split(";") if i]
    rows = figures_by_id(figures) if isinstance(figures, pd.DataFrame) else figures
    order = {fid: i for i, fid in enumerate(ids)}  # a repeated id stands where it last does
    mine = [rows[i] for i in sorted(order, key=order.__getitem__) if i in rows]
    rules = vocab.extra.get("rules")
    severities = vocab.extra.get("severities")
    trend = {
        k: str(flag[k])
        for k in ("metric", "population", "location")
        if not missing(flag.get(k)) and str(flag.get(k))
    }
    trend["flag"] = str(flag["flag_id"])
    ratio = flag.get("ratio")
    return {
        "flag_id": str(flag["flag_id"]),
        "rule": str(flag["rule"]),
        "rule_label": label(rules, flag["rule"], lang) if rules is not None else str(flag["rule"]),
        "rule_description": label(rules, flag["rule"], lang, "description")
        if rules is not None
        else "",
        "severity": str(flag["severity"]),
        "severity_label": label(severities, flag["severity"], lang)
        if severities is not None
        else str(flag["severity"]),
        "status": str(flag.get("status") or "open"),
        "note": "" if missing(flag.get("note")) else isolate_bidi(str(flag.get("note"))),
        "sentence": isolate_ranges(str(sentence), lang),
        "ratio": None if ratio is None or missing(ratio) else float(ratio),
        "metric": label(vocab.metrics, flag.get("metric"), lang),
        "population": label(vocab.populations, flag.get("population"), lang),
        "location": distinct_place_name(vocab, flag.get("location"), lang),
        "figures": [figure_row(r, vocab, lang) for r in mine],
        "missing_figures": [i for i in ids if i not in rows],
        "trend_params": trend,
    }


class FlagsPageData(Protocol):
    """What the discrepancies page reads (``tracker.service.pages.discrepancies.FlagsPage``)."""

    @property
    def flags(self) -> pd.DataFrame: ...
    @property
    def total(self) -> int: ...
    @property
    def page(self) -> int: ...
    @property
    def per_page(self) -> int: ...
    @property
    def counts(self) -> pd.DataFrame: ...
    @property
    def figures(self) -> pd.DataFrame: ...


def discrepancies(data: FlagsPageData, vocab: Vocabularies, lang: str) -> dict:
    """One page of flags, most severe first, with their figures; and counts by severity."""
    rows = figures_by_id(data.figures)
    cards = [flag_card(rec, rows, vocab, lang) for rec in data.flags.to_dict("records")]
    counts = data.counts
    by_severity = counts.groupby("severity")["n"].sum().to_dict() if not counts.empty else {}
    open_by_severity = (
        counts[counts["status"] == "open"].groupby("severity")["n"].sum().to_dict()
        if not counts.empty
        else {}
    )
    return {
        "cards": cards,
        "total": data.total,
        "page": data.page,
        "pages": pages(data.total, data.per_page),
        "by_severity": {str(k): int(v) for k, v in by_severity.items()},
        "open_by_severity": {str(k): int(v) for k, v in open_by_severity.items()},
    }


# -- sources --------------------------------------------------------------------------------


def source_rows(stats: pd.DataFrame, vocab: Vocabularies, lang: str) -> list[dict]:
    """The registry with each source's figures in scope, newest report and share in flags.

    Sources with figures come first (most figures first), then the rest of the registry.
    """
    registry = vocab.sources
    stats = (
        stats.set_index("source")
        if not stats.empty
        else pd.DataFrame(columns=["n_figures", "newest_report", "n_flagged", "n_contradicted"])
    )
    rows: list[dict[str, Any]] = []
    for source_id, src in registry.iterrows():
        has = source_id in stats.index
        n = int(stats.at[source_id, "n_figures"]) if has else 0
        flagged = int(stats.at[source_id, "n_flagged"]) if has else 0
        contradicted = int(stats.at[source_id, "n_contradicted"]) if has else 0
        rows.append(
            {
                "source": str(source_id),
                "short": source_name(vocab, source_id, lang),
                "name": source_name(vocab, source_id, lang, short=False),
                "type": label(vocab.source_types, src["type"], lang),
                "reliability": label(vocab.reliability, src["reliability"], lang),
                "url": safe_url(src.get("url")),
                "n_figures": n,
                "n_figures_text": fmt_count(n, lang),
                "newest_report": fmt_date(stats.at[source_id, "newest_report"], lang)
                if has
                else "—",
                "n_flagged": flagged,
                "share_flagged": flagged / n if n else None,
                "share_contradicted": contradicted / n if n else None,
            }
        )
    rows.sort(key=lambda r: (-r["n_figures"], r["short"].lower()))
    return rows


def sources_table(
    stats: pd.DataFrame, filters: Filters, vocab: Vocabularies, lang: str
) -> list[dict]:
    """The sources page's rows: the registry (only the sources asked for, when a source
    filter is given) with their counts in scope (see source_rows)."""
    # The registry is what the page lists: the source filter narrows the counts only.
    rows = source_rows(stats, vocab, lang)
    if filters.source:
        rows = [r for r in rows if r["source"] in filters.source]
    return rows


def pct(share: float | None, lang: str) -> str:
    """A share as a whole percentage ("—" when there is none)."""
    if share is None:
        return "—"
    text = f"{share * 100:.0f}%"
    return f"\u2066{text}\u2069" if lang == "ar" else text


__all__ = ["discrepancies", "figures_table", "history_rows", "sources_table"]
