"""What the entry form offers: each vocabulary as choices labelled in both languages, the
qualifiers with their phrases in English and Arabic, the places a search finds."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tracker.domain.vocabularies import Vocabularies
from tracker.views.data import search_places as find_places

MAX_PHRASES = 4
MAX_PLACES = 20
LEVELS_EN = {0: "country", 1: "governorate", 2: "district", 3: "sub-district", 4: "community"}
LEVELS_AR = {0: "بلد", 1: "محافظة", 2: "منطقة", 3: "ناحية", 4: "تجمع سكاني"}
#: The level said for a named area (DESIGN §6), which has none; it sorts after governorates.
AREA_RANK = -1


@dataclass(frozen=True)
class Choice:
    value: str
    text: str


def _labelled(frame: pd.DataFrame, en: str = "label_en", ar: str = "label_ar") -> list[Choice]:
    return [Choice(str(i), f"{r[en]} — {r[ar]} ({i})") for i, r in frame.iterrows()]


def _phrases(vocab: Vocabularies, qualifier: str, lang: str) -> str:
    table = vocab.qualifier_phrases
    rows = table[(table["qualifier"] == qualifier) & (table["lang"] == lang)]
    return (
        "، ".join(rows["phrase"].head(MAX_PHRASES))
        if lang == "ar"
        else ", ".join(rows["phrase"].head(MAX_PHRASES))
    )


def qualifier_choices(vocab: Vocabularies) -> list[Choice]:
    """Each qualifier with the phrases that mean it ("approx: about, around / نحو، حوالي")."""
    out = []
    for qualifier, row in vocab.qualifiers.iterrows():
        en, ar = _phrases(vocab, str(qualifier), "en"), _phrases(vocab, str(qualifier), "ar")
        words = " / ".join(p for p in (en, ar) if p)
        text = f"{row['label_en']} — {row['label_ar']}" + (f": {words}" if words else "")
        out.append(Choice(str(qualifier), text))
    return out


def form_choices(vocab: Vocabularies) -> dict[str, list[Choice]]:
    """The dropdowns of the entry form, by canonical column."""
    return {
        "source": _labelled(vocab.sources, "name_en", "name_ar"),
        "metric": _labelled(vocab.metrics),
        "population": _labelled(vocab.populations),
        "measure": _labelled(vocab.measures),
        "qualifier": qualifier_choices(vocab),
        "unit": _labelled(vocab.units),
        "episode": _labelled(vocab.episodes, "name_en", "name_ar"),
    }


def episode_starts(vocab: Vocabularies) -> str:
    """The episodes' start dates, offered as a window start ("Dar'a offensive 2018: 2018-06-19")."""
    return "; ".join(
        f"{r['name_en']} / {r['name_ar']}: {pd.Timestamp(r['start']).date()}"
        for _, r in vocab.episodes.iterrows()
    )


def place_label(row: dict) -> str:
    level = int(row["level"])
    if level == AREA_RANK:  # a named area (DESIGN §6): its id says it, no admin level
        return f"{row['name_en']} — {row['name_ar']} ({row['pcode']})"
    return (
        f"{row['name_en']} — {row['name_ar']} ({row['pcode']}, "
        f"{LEVELS_EN.get(level, level)} / {LEVELS_AR.get(level, level)})"
    )


def search_places(vocab: Vocabularies, query: str, limit: int = MAX_PLACES) -> list[dict]:
    """Places whose code, English or Arabic name or other spelling (the alias table the
    extractor and importer use) contains the query, found by the one place search of the
    public pages: places whose name starts so first, then higher levels; nothing found is
    an empty list."""
    query = query.strip()
    if len(query) < 2:
        return []
    codes = find_places(vocab, query, limit=limit)
    found = vocab.places.loc[codes]
    found = found.assign(level=found["level"].astype("Float64").fillna(AREA_RANK).astype(int))
    return [
        {"pcode": str(r["pcode"]), "level": int(r["level"]), "label": place_label(r)}
        for r in found.to_dict("records")
    ]
