"""The methodology page's content, generated from the vocabularies and settings the engine uses.

Nothing here restates a rule by hand: the qualifiers and their interval rules in words come
from ``qualifiers.csv`` and ``interval_words.csv``; the seven rules from ``rules.csv``;
severities and reliability from their vocabularies; the prose from ``methodology.csv`` with
its numbers (τ, the headline's tightness, the divergence, staleness and echo windows) filled
in from :class:`Settings` and the band module, so a changed setting changes the page.
"""

from __future__ import annotations

from dataclasses import asdict

from tracker.domain.interval_words import interval_rule, percent
from tracker.domain.reconcile.band import TIGHT
from tracker.domain.settings import DEFAULT_SETTINGS, Settings
from tracker.domain.vocabularies import Vocabularies
from tracker.views.format import fmt_count, label

#: The page's sections in order: (anchor, prose keys in methodology.csv, table builder name).
SECTIONS = (
    ("claims", ("claims",), None),
    ("intervals", ("intervals",), "qualifiers"),
    ("band", ("band",), None),
    ("headline", ("headline",), None),
    ("independent", ("independent",), None),
    ("rules", ("rules", "divergence_settings"), "rules"),
    ("severities", ("severities",), "severities"),
    ("reliability", ("reliability",), "reliability"),
)


def numbers(settings: Settings) -> dict[str, str]:
    """The settings as the prose quotes them."""
    values = {k: str(v) for k, v in asdict(settings).items()}
    values.update(
        tau_pct=percent(settings.tau),
        tight=f"{TIGHT:g}",
        moderate_ratio=f"{settings.divergence_moderate_ratio:g}",
        major_ratio=f"{settings.divergence_major_ratio:g}",
        echo_min_value=fmt_count(settings.echo_min_value, plain=True),
    )
    return values


def words(vocab: Vocabularies, key: str, lang: str, settings: Settings = DEFAULT_SETTINGS) -> str:
    """One text of methodology.csv in ``lang``, its settings filled in."""
    table = vocab.extra["methodology"]
    text = str(table.at[key, "text_ar" if lang == "ar" else "text_en"])
    return text.format(**numbers(settings))


def _qualifiers(vocab: Vocabularies, lang: str, settings: Settings) -> list[list[str]]:
    return [
        [label(vocab.qualifiers, q, lang), interval_rule(vocab, q, lang, settings)]
        for q in vocab.qualifiers.index
    ]


def _rules(vocab: Vocabularies, lang: str, settings: Settings) -> list[list[str]]:
    rules = vocab.extra["rules"]
    return [
        [
            label(rules, r, lang),
            str(rules.at[r, f"description_{lang}"]),
            words(vocab, f"kind_{rules.at[r, 'kind']}", lang, settings),
        ]
        for r in rules.index
    ]


def _severities(vocab: Vocabularies, lang: str, settings: Settings) -> list[list[str]]:
    return [[label(vocab.extra["severities"], s, lang)] for s in vocab.extra["severities"].index]


def _reliability(vocab: Vocabularies, lang: str, settings: Settings) -> list[list[str]]:
    counts = vocab.sources["reliability"].value_counts()
    return [
        [label(vocab.reliability, r, lang), fmt_count(int(counts.get(r, 0)), lang)]
        for r in vocab.reliability.index
    ]


ROW_PREFIX = {
    "qualifiers": "qualifier",
    "rules": "rule",
    "severities": "severity",
    "reliability": "reliability",
}
TABLES = {
    "qualifiers": (("col_wording", "col_allows"), _qualifiers),
    "rules": (("col_rule", "col_meaning", "col_kind"), _rules),
    "severities": (("col_level",), _severities),
    "reliability": (("col_level", "col_sources"), _reliability),
}


def heading(vocab: Vocabularies, lang: str, settings: Settings = DEFAULT_SETTINGS) -> str:
    """The methodology page's heading in ``lang`` (its ``<h1>`` and the browser tab's title)."""
    return words(vocab, "title", lang, settings)


def methodology(vocab: Vocabularies, lang: str, settings: Settings = DEFAULT_SETTINGS) -> dict:
    """The page as plain data: title, intro and sections (anchor, title, paragraphs, table
    with header and rows, or None), each row's anchor the id it explains (``rule-echo``)."""
    sections = []
    for anchor, keys, table in SECTIONS:
        built = None
        if table is not None:
            header, rows = TABLES[table]
            ids = _row_ids(vocab, table)
            built = {
                "header": [words(vocab, h, lang, settings) for h in header],
                "rows": rows(vocab, lang, settings),
                "ids": [f"{ROW_PREFIX[table]}-{i}" for i in ids],
            }
        sections.append(
            {
                "anchor": anchor,
                "title": words(vocab, f"{anchor}_title", lang, settings),
                "paragraphs": [words(vocab, k, lang, settings) for k in keys],
                "table": built,
            }
        )
    return {
        "title": heading(vocab, lang, settings),
        "intro": words(vocab, "intro", lang, settings),
        "sections": sections,
    }


def _row_ids(vocab: Vocabularies, table: str) -> list[str]:
    frames = {
        "qualifiers": vocab.qualifiers,
        "rules": vocab.extra["rules"],
        "severities": vocab.extra["severities"],
        "reliability": vocab.reliability,
    }
    return [str(i) for i in frames[table].index]


def help_href(anchor: str, lang: str) -> str:
    """The methodology page's address for one section or row (the "?" beside a number)."""
    query = "?lang=ar" if lang == "ar" else ""
    return f"/methodology{query}#{anchor}"
