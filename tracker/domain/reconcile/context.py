"""Everything the reconciliation engine needs besides the figures, as plain values.

The engine (:mod:`tracker.domain.reconcile`) is pure: it reads no file and asks no database. The
caller fills a :class:`ReconcileContext` from the vocabularies (usually in one call to
:meth:`ReconcileContext.from_vocabularies`, or :meth:`ReconcileContext.from_frames` with
DataFrames shaped like the CSVs in ``data/``) and hands it to
:func:`tracker.domain.reconcile.compute` with the figures. Words, ranks and dates come from
those frames only; the tunable parameters are the one :class:`tracker.domain.settings.Settings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import pandas as pd

from tracker.domain.areas import with_areas
from tracker.domain.place_names import repeated_names
from tracker.domain.settings import Settings
from tracker.domain.vocabularies import Vocabularies, ranks
from tracker.domain.windows import episode_starts
from tracker.domain.wording import ClaimWords


@dataclass(frozen=True)
class ReconcileContext:
    """Look-ups the rules and the sentences need, as plain dicts.

    parent / level / location_en / location_ar: the gazetteer (P-code → parent P-code, level,
    names; the areas' names too). area_members: area id → its member P-codes (DESIGN §6).
    level_en / level_ar: level → its word (levels.csv), said after a repeated name
    (:mod:`tracker.domain.place_names`). subset_of: population → the population it is part of
    (civilians → all).
    episode_start: episode id → its start (the assumed start of a flow without period_start).
    source_reliability: source id → the rank of its reliability (reliability.csv; 0 unknown).
    words_en / words_ar: how a claim's number is said (qualifiers.csv, magnitudes.csv).
    stock_flows: stock metric → the flow metrics that change it, each with its direction
    (``in`` adds to the stock, ``out`` takes from it; stock_flows.csv).
    sentence_en / sentence_ar: the words of sentences kept as data (sentence_words.csv).
    """

    parent: dict[str, str | None] = field(default_factory=dict)
    level: dict[str, int] = field(default_factory=dict)
    location_en: dict[str, str] = field(default_factory=dict)
    location_ar: dict[str, str] = field(default_factory=dict)
    area_members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    level_en: dict[int, str] = field(default_factory=dict)
    level_ar: dict[int, str] = field(default_factory=dict)
    subset_of: dict[str, str | None] = field(default_factory=dict)
    episode_start: dict[str, pd.Timestamp] = field(default_factory=dict)
    episode_en: dict[str, str] = field(default_factory=dict)
    episode_ar: dict[str, str] = field(default_factory=dict)
    source_en: dict[str, str] = field(default_factory=dict)
    source_ar: dict[str, str] = field(default_factory=dict)
    source_reliability: dict[str, int] = field(default_factory=dict)
    metric_en: dict[str, str] = field(default_factory=dict)
    metric_ar: dict[str, str] = field(default_factory=dict)
    population_en: dict[str, str] = field(default_factory=dict)
    population_ar: dict[str, str] = field(default_factory=dict)
    words_en: ClaimWords = field(default_factory=ClaimWords)
    words_ar: ClaimWords = field(default_factory=ClaimWords)
    stock_flows: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    sentence_en: dict[str, str] = field(default_factory=dict)
    sentence_ar: dict[str, str] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)

    # -- derived look-ups -------------------------------------------------------------------

    @cached_property
    def ancestors(self) -> dict[str, tuple[str, ...]]:
        """P-code (or area id) → every place and area holding it, nearest first (the country
        last): the gazetteer's parents, with the areas (:mod:`tracker.domain.areas`)."""
        return with_areas(_chains(self.parent), self.area_members)

    def root(self, pcode: str) -> str:
        """The country a place lies in (the place itself when it has no parent)."""
        chain = self.ancestors.get(pcode)
        return chain[-1] if chain else pcode

    @cached_property
    def repeated_en(self) -> frozenset[str]:
        """English place names more than one place carries (named with their level)."""
        return repeated_names(self.location_en)

    @cached_property
    def repeated_ar(self) -> frozenset[str]:
        """Arabic place names more than one place carries (named with their level)."""
        return repeated_names(self.location_ar)

    @cached_property
    def population_supersets(self) -> dict[str, tuple[str, ...]]:
        """Population → every population it belongs to, nearest first (children → civilians…)."""
        return _chains(self.subset_of)

    def with_settings(self, **overrides: Any) -> ReconcileContext:
        """The same context with some settings changed."""
        return replace(self, settings=replace(self.settings, **overrides))

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def from_frames(
        cls,
        gazetteer: pd.DataFrame | None = None,
        populations: pd.DataFrame | None = None,
        episodes: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
        metrics: pd.DataFrame | None = None,
        qualifiers: pd.DataFrame | None = None,
        magnitudes: pd.DataFrame | None = None,
        reliability: pd.DataFrame | None = None,
        settings: Settings | None = None,
        levels: pd.DataFrame | None = None,
        areas: pd.DataFrame | None = None,
        stock_flows: pd.DataFrame | None = None,
        sentence_words: pd.DataFrame | None = None,
        **setting_overrides: Any,
    ) -> ReconcileContext:
        """Build a context from DataFrames shaped like the CSVs in ``data/``.

        gazetteer: pcode, level, name_en, name_ar, parent. populations: id, label_en, label_ar,
        subset_of. episodes: id, name_en, name_ar, start. sources: id, short_en, short_ar
        (name_en / name_ar when no short name), reliability. metrics: id, label_en, label_ar.
        qualifiers: id, words_en, words_ar. magnitudes: id (the unit value), words_en, words_ar.
        reliability: id, rank. levels: level, label_en, label_ar. areas: id, name_en, name_ar,
        members (P-codes separated by spaces). stock_flows: stock, flow, direction.
        sentence_words: id, text_en, text_ar. Any frame may be omitted (its
        look-ups are then empty); ``setting_overrides`` change single settings.
        """
        kw: dict[str, Any] = {}
        if gazetteer is not None:
            g = _with_column(gazetteer, "pcode")
            kw["parent"] = _mapping(g, "pcode", "parent")
            kw["level"] = {k: int(v) for k, v in _mapping(g, "pcode", "level").items()}
            kw["location_en"] = _mapping(g, "pcode", "name_en")
            kw["location_ar"] = _mapping(g, "pcode", "name_ar")
        if areas is not None and not areas.empty:
            a = _with_column(areas, "id")
            kw["area_members"] = {
                k: tuple(str(v).split()) for k, v in _mapping(a, "id", "members").items()
            }
            for lang in ("en", "ar"):
                kw[f"location_{lang}"] = {
                    **kw.get(f"location_{lang}", {}),
                    **_mapping(a, "id", f"name_{lang}"),
                }
        if levels is not None:
            lv = _with_column(levels, "level")
            for lang in ("en", "ar"):
                words = _mapping(lv, "level", f"label_{lang}")
                kw[f"level_{lang}"] = {
                    int(k): (str(v).lower() if lang == "en" else str(v)) for k, v in words.items()
                }
        if populations is not None:
            p = _with_column(populations, "id")
            kw["subset_of"] = _mapping(p, "id", "subset_of", keep_missing=True)
            kw["population_en"] = _mapping(p, "id", "label_en")
            kw["population_ar"] = _mapping(p, "id", "label_ar")
        if episodes is not None:
            e = _with_column(episodes, "id")
            kw["episode_start"] = episode_starts(e)
            kw["episode_en"] = _mapping(e, "id", "name_en")
            kw["episode_ar"] = _mapping(e, "id", "name_ar")
        if sources is not None:
            rank = ranks(_with_column(reliability, "id")) if reliability is not None else {}
            kw.update(_source_names(_with_column(sources, "id"), rank))
        if metrics is not None:
            m = _with_column(metrics, "id")
            kw["metric_en"] = _mapping(m, "id", "label_en")
            kw["metric_ar"] = _mapping(m, "id", "label_ar")
        if stock_flows is not None:
            kw["stock_flows"] = _stock_flows(stock_flows)
        if sentence_words is not None:
            w = _with_column(sentence_words, "id")
            kw["sentence_en"] = _mapping(w, "id", "text_en")
            kw["sentence_ar"] = _mapping(w, "id", "text_ar")
        kw["words_en"] = ClaimWords.from_frames(qualifiers, magnitudes, "en")
        kw["words_ar"] = ClaimWords.from_frames(qualifiers, magnitudes, "ar")
        kw["settings"] = replace(settings or Settings(), **setting_overrides)
        return cls(**kw)

    @classmethod
    def from_vocabularies(
        cls, vocab: Vocabularies, settings: Settings | None = None
    ) -> ReconcileContext:
        """Build from the vocabularies (:class:`tracker.domain.vocabularies.Vocabularies`)."""
        return cls.from_frames(
            gazetteer=vocab.gazetteer,
            populations=vocab.populations,
            episodes=vocab.episodes,
            sources=vocab.sources,
            metrics=vocab.metrics,
            qualifiers=vocab.qualifiers,
            magnitudes=vocab.magnitudes,
            reliability=vocab.reliability,
            settings=settings,
            levels=vocab.extra.get("levels"),
            areas=vocab.areas,
            stock_flows=vocab.extra.get("stock_flows"),
            sentence_words=vocab.extra.get("sentence_words"),
        )


def _chains(up: dict[str, str | None]) -> dict[str, tuple[str, ...]]:
    """key → every key above it, nearest first, following ``up`` (cycles cut)."""
    out: dict[str, tuple[str, ...]] = {}
    for key in up:
        chain: list[str] = []
        seen = {key}
        current = up.get(key)
        while current and current not in seen:
            chain.append(current)
            seen.add(current)
            current = up.get(current)
        out[key] = tuple(chain)
    return out


def _stock_flows(frame: pd.DataFrame) -> dict[str, tuple[tuple[str, str], ...]]:
    """stock → ((flow, direction), …) in file order."""
    out: dict[str, list[tuple[str, str]]] = {}
    for stock, flow, direction in zip(
        frame["stock"].astype(str),
        frame["flow"].astype(str),
        frame["direction"].astype(str),
        strict=True,
    ):
        out.setdefault(stock.strip(), []).append((flow.strip(), direction.strip()))
    return {k: tuple(v) for k, v in out.items()}


def _with_column(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The frame with ``column`` as a plain column (it may arrive as the index)."""
    if column in frame.columns:
        return frame.reset_index(drop=True)
    return frame.rename_axis(column).reset_index()


def _mapping(
    frame: pd.DataFrame, key: str, value: str, keep_missing: bool = False
) -> dict[str, Any]:
    """key → value as a plain dict, skipping missing values unless asked to keep them."""
    if value not in frame.columns:
        return {}
    out: dict[str, Any] = {}
    # Plain lists: walking a text column element by element is ten times slower.
    for k, v in zip(frame[key].astype(str).tolist(), frame[value].tolist(), strict=True):
        missing = v is None or (not isinstance(v, str) and pd.isna(v)) or v == ""
        if missing and not keep_missing:
            continue
        out[k] = None if missing else (v if not isinstance(v, str) else v.strip())
    return out


def _source_names(frame: pd.DataFrame, rank: dict[str, int]) -> dict[str, dict[str, Any]]:
    """Short names (falling back to full names) and reliability ranks of the sources."""
    out: dict[str, dict[str, Any]] = {}
    for lang in ("en", "ar"):
        names = _mapping(frame, "id", f"name_{lang}")
        names.update(_mapping(frame, "id", f"short_{lang}"))
        out[f"source_{lang}"] = names
    reliability = _mapping(frame, "id", "reliability")
    out["source_reliability"] = {k: rank.get(str(v), 0) for k, v in reliability.items()}
    return out
