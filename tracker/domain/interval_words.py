"""Interval rules in words, in English and Arabic (the maths of DESIGN §1 said for people).

"approx: [v·(1−τ), v·(1+τ)], τ=0.10" reads as maths and scrambles in right-to-left text;
the methodology page, tooltips and flags say it instead as "from 10% below the stated number
to 10% above it". The words are data (``data/vocabularies/interval_words.csv``, handed in
as ``vocab.extra["interval_words"]``); τ comes from the one :class:`Settings`.
"""

from __future__ import annotations

from tracker.domain.settings import DEFAULT_SETTINGS, Settings
from tracker.domain.vocabularies import Vocabularies


def percent(share: float) -> str:
    """0.1 → "10%" (no decimals unless the setting has them)."""
    value = share * 100
    return f"{value:.0f}%" if value == int(value) else f"{value:.1f}%"


def interval_rule(
    vocab: Vocabularies, qualifier: str, lang: str, settings: Settings = DEFAULT_SETTINGS
) -> str:
    """What a claim with this qualifier allows the true count to be, in words."""
    table = vocab.extra.get("interval_words")
    if table is None or qualifier not in table.index:
        return str(vocab.qualifiers["interval"].get(qualifier, qualifier))
    column = "rule_ar" if lang == "ar" else "rule_en"
    return str(table.at[qualifier, column]).format(tau_pct=percent(settings.tau))
