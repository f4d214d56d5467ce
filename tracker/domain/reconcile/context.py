"""Everything the reconciliation engine needs besides the figures, as plain values.

The engine (:mod:`tracker.domain.reconcile`) is pure: it reads no file and asks no database. The
caller fills a :class:`ReconcileContext` from the vocabularies (usually in one call to
:meth:`ReconcileContext.from_frames`, with DataFrames shaped like the CSVs in ``data/``)
and hands it to :func:`tracker.domain.reconcile.compute` with the figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import Any

import pandas as pd

#: Built-in words for the qualifiers (DESIGN §1), used when no vocabulary is given.
DEFAULT_QUALIFIER_WORDS_EN: dict[str, str] = {
    "exact": "{value}",
    "approx": "about {value}",
    "nearly": "nearly {value}",
    "at_least": "at least {value}",
    "more_than": "more than {value}",
    "at_most": "up to {value}",
    "less_than": "fewer than {value}",
    "range": "{value}–{value_high}",
    "magnitude": "{value_words}",
}
DEFAULT_QUALIFIER_WORDS_AR: dict[str, str] = {
    "exact": "{value}",
    "approx": "نحو {value}",
    "nearly": "ما يقرب من {value}",
    "at_least": "{value} على الأقل",
    "more_than": "أكثر من {value}",
    "at_most": "ما يصل إلى {value}",
    "less_than": "أقل من {value}",
    "range": "بين {value} و{value_high}",
    "magnitude": "{value_words}",
}
DEFAULT_MAGNITUDE_WORDS_EN: dict[int, str] = {
    10: "tens",
    12: "dozens",
    100: "hundreds",
    1000: "thousands",
    10000: "tens of thousands",
    100000: "hundreds of thousands",
    1000000: "millions",
}
DEFAULT_MAGNITUDE_WORDS_AR: dict[int, str] = {
    10: "عشرات",
    12: "عشرات",
    100: "مئات",
    1000: "آلاف",
    10000: "عشرات الآلاف",
    100000: "مئات الآلاف",
    1000000: "ملايين",
}
RELIABILITY_RANK: dict[str, int] = {"low": 1, "medium": 2, "high": 3}


@dataclass(frozen=True)
class RuleSettings:
    """The tunable parameters of the seven rules (DESIGN §2), with their defaults.

    tau: half-width of an "about" claim, used only when intervals are computed here.
    divergence_start_days: flows with the same period_end whose starts differ by at most this
        many days count "nearly the same window".
    divergence_min_overlap: ...and the shorter window covers at least this share of the longer
        one (so a 6-day count is never compared with a 12-day count as "the same window").
    divergence_moderate_ratio / divergence_major_ratio: divergence severity by
        ratio = low(larger) / high(smaller): below the first minor, below the second moderate,
        else major.
    stock_days: stocks dated at most this many days apart are compared (divergence).
    staleness_days: a source's newest stock figure is stale when the series' newest figure is
        more than this many days later.
    echo_days: the same value reported within this many days under different sources' names is
        an echo.
    echo_min_value: values below this are not treated as echoes (small counts coincide by chance).
    """

    tau: float = 0.10
    divergence_start_days: int = 7
    divergence_min_overlap: float = 2 / 3
    divergence_moderate_ratio: float = 1.5
    divergence_major_ratio: float = 3.0
    stock_days: int = 3
    staleness_days: int = 14
    echo_days: int = 2
    echo_min_value: int = 100

    @classmethod
    def from_object(cls, settings: Any = None, **overrides: Any) -> RuleSettings:
        """Copy the fields this class knows from any settings object (domain.settings)."""
        values: dict[str, Any] = {}
        if settings is not None:
            for f in fields(cls):
                if isinstance(settings, Mapping) and f.name in settings:
                    values[f.name] = settings[f.name]
                elif hasattr(settings, f.name):
                    values[f.name] = getattr(settings, f.name)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass(frozen=True)
class ReconcileContext:
    """Look-ups the rules and the sentences need, as plain dicts.

    parent / level / location_en / location_ar: the gazetteer (P-code → parent P-code, level,
    names). subset_of: population → the population it is part of (civilians → all).
    episode_start: episode id → its start (the assumed start of a flow without period_start).
    """

    parent: dict[str, str | None] = field(default_factory=dict)
    level: dict[str, int] = field(default_factory=dict)
    location_en: dict[str, str] = field(default_factory=dict)
    location_ar: dict[str, str] = field(default_factory=dict)
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
    qualifier_words_en: dict[str, str] = field(
        default_factory=lambda: dict(DEFAULT_QUALIFIER_WORDS_EN)
    )
    qualifier_words_ar: dict[str, str] = field(
        default_factory=lambda: dict(DEFAULT_QUALIFIER_WORDS_AR)
    )
    magnitude_en: dict[int, str] = field(default_factory=lambda: dict(DEFAULT_MAGNITUDE_WORDS_EN))
    magnitude_ar: dict[int, str] = field(default_factory=lambda: dict(DEFAULT_MAGNITUDE_WORDS_AR))
    settings: RuleSettings = field(default_factory=RuleSettings)

    # -- derived look-ups -------------------------------------------------------------------

    @cached_property
    def ancestors(self) -> dict[str, tuple[str, ...]]:
        """P-code → its ancestors, nearest first (the country last)."""
        out: dict[str, tuple[str, ...]] = {}
        for code in self.parent:
            chain: list[str] = []
            seen = {code}
            current = self.parent.get(code)
            while current and current not in seen:
                chain.append(current)
                seen.add(current)
                current = self.parent.get(current)
            out[code] = tuple(chain)
        return out

    def root(self, pcode: str) -> str:
        """The country a place lies in (the place itself when it has no parent)."""
        chain = self.ancestors.get(pcode)
        return chain[-1] if chain else pcode

    @cached_property
    def population_supersets(self) -> dict[str, tuple[str, ...]]:
        """Population → every population it belongs to, nearest first (children → civilians…)."""
        out: dict[str, tuple[str, ...]] = {}
        for pop in self.subset_of:
            chain: list[str] = []
            seen = {pop}
            current = self.subset_of.get(pop)
            while current and current not in seen:
                chain.append(current)
                seen.add(current)
                current = self.subset_of.get(current)
            out[pop] = tuple(chain)
        return out

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
        qualifier_phrases: pd.DataFrame | None = None,
        settings: Any = None,
        **setting_overrides: Any,
    ) -> ReconcileContext:
        """Build a context from DataFrames shaped like the CSVs in ``data/``.

        gazetteer: pcode, level, name_en, name_ar, parent. populations: id, label_en, label_ar,
        subset_of. episodes: id, name_en, name_ar, start. sources: id, short_en, short_ar
        (name_en / name_ar when no short name), reliability. metrics: id, label_en, label_ar.
        qualifiers: id, words_en, words_ar. qualifier_phrases: qualifier, lang, phrase, magnitude
        (the first phrase per magnitude names it). Any frame may be omitted.
        """
        kw: dict[str, Any] = {}
        if gazetteer is not None:
            g = _with_column(gazetteer, "pcode")
            kw["parent"] = _mapping(g, "pcode", "parent")
            kw["level"] = {k: int(v) for k, v in _mapping(g, "pcode", "level").items()}
            kw["location_en"] = _mapping(g, "pcode", "name_en")
            kw["location_ar"] = _mapping(g, "pcode", "name_ar")
        if populations is not None:
            p = _with_column(populations, "id")
            kw["subset_of"] = _mapping(p, "id", "subset_of", keep_missing=True)
            kw["population_en"] = _mapping(p, "id", "label_en")
            kw["population_ar"] = _mapping(p, "id", "label_ar")
        if episodes is not None:
            e = _with_column(episodes, "id")
            starts = _mapping(e, "id", "start")
            kw["episode_start"] = {k: pd.Timestamp(v) for k, v in starts.items()}
            kw["episode_en"] = _mapping(e, "id", "name_en")
            kw["episode_ar"] = _mapping(e, "id", "name_ar")
        if sources is not None:
            kw.update(_source_names(_with_column(sources, "id")))
        if metrics is not None:
            m = _with_column(metrics, "id")
            kw["metric_en"] = _mapping(m, "id", "label_en")
            kw["metric_ar"] = _mapping(m, "id", "label_ar")
        if qualifiers is not None:
            q = _with_column(qualifiers, "id")
            kw["qualifier_words_en"] = {
                **DEFAULT_QUALIFIER_WORDS_EN,
                **_mapping(q, "id", "words_en"),
            }
            kw["qualifier_words_ar"] = {
                **DEFAULT_QUALIFIER_WORDS_AR,
                **_mapping(q, "id", "words_ar"),
            }
        if qualifier_phrases is not None:
            kw.update(_magnitude_words(qualifier_phrases))
        kw["settings"] = RuleSettings.from_object(settings, **setting_overrides)
        return cls(**kw)

    @classmethod
    def from_vocabularies(cls, vocab: Any, settings: Any = None) -> ReconcileContext:
        """Build from an object with the frames as attributes (e.g. tracker.domain.vocabularies)."""
        return cls.from_frames(
            gazetteer=getattr(vocab, "gazetteer", None),
            populations=getattr(vocab, "populations", None),
            episodes=getattr(vocab, "episodes", None),
            sources=getattr(vocab, "sources", None),
            metrics=getattr(vocab, "metrics", None),
            qualifiers=getattr(vocab, "qualifiers", None),
            qualifier_phrases=getattr(vocab, "qualifier_phrases", None),
            settings=settings,
        )


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
    for k, v in zip(frame[key].astype(str), frame[value], strict=True):
        missing = v is None or (not isinstance(v, str) and pd.isna(v)) or v == ""
        if missing and not keep_missing:
            continue
        out[k] = None if missing else (v if not isinstance(v, str) else v.strip())
    return out


def _source_names(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Short names (falling back to full names) and reliability ranks of the sources."""
    out: dict[str, dict[str, Any]] = {}
    for lang in ("en", "ar"):
        names = _mapping(frame, "id", f"name_{lang}")
        names.update(_mapping(frame, "id", f"short_{lang}"))
        out[f"source_{lang}"] = names
    reliability = _mapping(frame, "id", "reliability")
    out["source_reliability"] = {k: RELIABILITY_RANK.get(str(v), 0) for k, v in reliability.items()}
    return out


def _magnitude_words(phrases: pd.DataFrame) -> dict[str, dict[int, str]]:
    """The first phrase per (language, magnitude) names that magnitude in sentences."""
    out = {
        "magnitude_en": dict(DEFAULT_MAGNITUDE_WORDS_EN),
        "magnitude_ar": dict(DEFAULT_MAGNITUDE_WORDS_AR),
    }
    if "magnitude" not in phrases.columns:
        return out
    rows = phrases[pd.to_numeric(phrases["magnitude"], errors="coerce").notna()]
    seen: set[tuple[str, int]] = set()
    for lang, phrase, mag in zip(rows["lang"], rows["phrase"], rows["magnitude"], strict=True):
        key = (str(lang), int(float(mag)))
        if key in seen or key[0] not in ("en", "ar"):
            continue
        seen.add(key)
        out[f"magnitude_{key[0]}"][key[1]] = str(phrase)
    return out
