"""The downloads a page offers and the places a person can pick, without I/O.

``download_catalogue`` reads the catalogue the downloads module publishes
(``tracker.publish.catalogue()``) when it exists, and otherwise the list of DESIGN.md §4
kept here, in one place.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlencode

import pandas as pd

from tracker.domain.filters import Filters
from tracker.domain.vocabularies import Vocabularies

#: The download URLs of DESIGN.md §4 (used until tracker.publish publishes its catalogue).
DOWNLOADS: tuple[dict, ...] = (
    {
        "path": "/download/figures.csv",
        "filtered": True,
        "title_en": "Figures",
        "title_ar": "الأرقام",
        "description_en": "Every current figure with its source, publisher, window, qualifier and "
        "interval (low, high), plus source and place names, revision and flag ids.",
        "description_ar": "كل رقم حالي مع مصدره والناشر والفترة وصيغة التقدير والنطاق (الحد "
        "الأدنى والأعلى)، وأسماء المصادر والأماكن، ورقم المراجعة ومعرّفات التنبيهات.",
    },
    {
        "path": "/download/series.csv",
        "filtered": True,
        "title_en": "Reconciled series",
        "title_ar": "السلاسل المُوفَّق بينها",
        "description_en": "The band all non-contradicting claims allow, per series and date, "
        "with the headline figure.",
        "description_ar": "النطاق الذي تسمح به كل الأرقام غير المتناقضة، لكل سلسلة وتاريخ، مع "
        "الرقم الرئيسي.",
    },
    {
        "path": "/download/flags.csv",
        "filtered": True,
        "title_en": "Flags",
        "title_ar": "التنبيهات",
        "description_en": "Where sources disagree or contradict each other: rule, severity, the "
        "figures involved and a sentence in English and Arabic.",
        "description_ar": "مواضع التباين أو التناقض بين المصادر: القاعدة ودرجة الخطورة والأرقام "
        "المعنية وجملة توضيحية بالعربية والإنجليزية.",
    },
    {
        "path": "/download/sources.csv",
        "filtered": False,
        "title_en": "Sources",
        "title_ar": "المصادر",
        "description_en": "The source registry: names in English and Arabic, type, reliability, "
        "web address.",
        "description_ar": "سجل المصادر: الأسماء بالعربية والإنجليزية، النوع، درجة الموثوقية، "
        "العنوان الإلكتروني.",
    },
    {
        "path": "/download/datapackage.json",
        "filtered": False,
        "title_en": "Data Package",
        "title_ar": "حزمة البيانات",
        "description_en": "A Frictionless Data Package describing every file and column.",
        "description_ar": "حزمة بيانات (Frictionless) تصف كل ملف وكل عمود.",
    },
)
FILTERED_PARAMS = ("metric", "population", "location", "source", "from", "to")
#: Accepted by every download (DESIGN.md §4): the HXL row, Excel's BOM, Arabic name columns.
GENERAL_PARAMS = ("hxl", "excel", "lang")


def _catalogue_from_exports(vocab: Vocabularies | None, base: str) -> list[dict] | None:
    """The downloads module's catalogue (``tracker.publish.catalogue``) as plain dicts."""
    try:
        from tracker.publish import catalogue
    except ImportError:
        return None
    if vocab is None:
        return None
    try:
        entries = list(catalogue(vocab, base_url=base))
    except Exception:  # a catalogue that cannot be read must not break the page
        return None
    out = []
    for e in entries:
        filters = tuple(getattr(e, "filters", ()) or ())
        out.append(
            {
                "path": e.path,
                "filtered": any(f in FILTERED_PARAMS for f in filters),
                "parameters": filters,
                "title_en": e.title_en,
                "title_ar": e.title_ar,
                "description_en": e.description_en,
                "description_ar": e.description_ar,
                "examples": tuple(getattr(e, "examples", ()) or ()),
                "columns": tuple(
                    {
                        "name": c.name,
                        "type": c.type,
                        "description": c.description,
                        "arabic_only": bool(c.arabic_only),
                    }
                    for c in getattr(e, "columns", ()) or ()
                ),
                "citation_en": getattr(e, "citation_en", ""),
                "citation_ar": getattr(e, "citation_ar", ""),
            }
        )
    return out or None


def download_catalogue(vocab: Vocabularies | None = None, base: str = "") -> list[dict]:
    """What can be downloaded: path, filtered (takes the view filters), titles, descriptions
    (and, from the downloads module, parameters, examples, columns and a citation)."""
    found = _catalogue_from_exports(vocab, base)
    if found:
        return found
    out = []
    for d in DOWNLOADS:
        entry = dict(d)
        entry.setdefault("parameters", FILTERED_PARAMS if d["filtered"] else ())
        entry.setdefault("examples", ())
        entry.setdefault("columns", ())
        entry.setdefault("citation_en", "")
        entry.setdefault("citation_ar", "")
        out.append(entry)
    return out


def download_url(
    path: str, filters: Filters | None = None, lang: str = "en", base: str = "", **extra: str
) -> str:
    """A download address carrying exactly the filters of a view (and lang=ar in Arabic)."""
    params = dict(filters.as_params()) if filters is not None else {}
    if lang == "ar":
        params["lang"] = "ar"
    params.update({k: v for k, v in extra.items() if v})
    query = urlencode(params, safe=",")
    return f"{base.rstrip('/')}{path}" + (f"?{query}" if query else "")


def catalogue_entries(
    filters: Filters, lang: str, base: str = "", vocab: Vocabularies | None = None
) -> list[dict]:
    """The catalogue with each entry's address for the current view, in the page language.

    An entry only gets the parameters it accepts (an unknown one would answer 400).
    """
    out = []
    for entry in download_catalogue(vocab, base):
        accepted = set(entry.get("parameters") or ()) | set(GENERAL_PARAMS)
        params = {k: v for k, v in filters.as_params().items() if k in accepted}
        if lang == "ar" and "lang" in accepted:
            params["lang"] = "ar"
        query = urlencode(params, safe=",")
        url = f"{base.rstrip('/')}{entry['path']}" + (f"?{query}" if query else "")
        hxl = None
        if "hxl" in accepted and entry["path"].endswith(".csv"):
            hxl = f"{url}{'&' if query else '?'}hxl=1"
        out.append(
            {
                "path": entry["path"],
                "title": entry[f"title_{lang}"],
                "description": entry[f"description_{lang}"],
                "url": url,
                "example_hxl": hxl,
                "examples": [x for x in entry.get("examples", ()) if x != url],
                "columns": list(entry.get("columns", ())),
                "citation": entry.get(f"citation_{lang}") or entry.get("citation_en") or "",
            }
        )
    return out


def parameters_help(lang: str) -> list[dict]:
    """The query parameters the downloads accept, from the downloads module when present."""
    try:
        from tracker.publish import PARAMETERS
    except ImportError:
        return []
    return [
        {"name": p.name, "description": getattr(p, f"description_{lang}"), "example": p.example}
        for p in PARAMETERS
    ]


def _fold(text: str) -> str:
    """Lower case, accents and Arabic diacritics removed, hamza forms of alef unified."""
    text = unicodedata.normalize("NFKD", str(text).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for a, b in (
        ("أ", "ا"),
        ("إ", "ا"),
        ("آ", "ا"),
        ("ى", "ي"),
        ("ة", "ه"),
        ("'", ""),
        ("’", ""),
        ("‘", ""),
        ("-", " "),
    ):
        text = text.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", text)  # Daraa, Dar'a and Dara meet


def search_places(
    vocab: Vocabularies,
    text: str,
    lang: str = "en",
    limit: int = 30,
    prefer: list[str] | tuple[str, ...] = (),
) -> list[str]:
    """P-codes whose code or English or Arabic name contains ``text``; wider places first.

    Without text: the country, its governorates and the ``prefer``red places (those with
    figures), so the list starts short and useful.
    """
    gaz = vocab.gazetteer
    text = (text or "").strip()
    if not text:
        top = gaz.index[gaz["level"].astype(int) <= 1].tolist()
        return list(dict.fromkeys([*top, *[p for p in prefer if p in gaz.index]]))[
            : limit + len(top)
        ]
    needle = _fold(text)
    names = _search_index(vocab)
    hits = names[names.str.contains(needle, regex=False)]
    if hits.empty:
        return []
    ranked = pd.DataFrame(
        {
            "pcode": hits.index.to_numpy(),
            "level": gaz.loc[hits.index, "level"].astype(int).to_numpy(),
        }
    )
    ranked["starts"] = (
        ~hits.str.split("|").map(lambda parts: any(p.startswith(needle) for p in parts)).to_numpy()
    )
    ranked = ranked.sort_values(["starts", "level", "pcode"], kind="mergesort")
    return ranked["pcode"].head(limit).tolist()


_INDEX_CACHE: dict[int, pd.Series] = {}


def _search_index(vocab: Vocabularies) -> pd.Series:
    key = id(vocab.gazetteer)
    if key not in _INDEX_CACHE:
        gaz = vocab.gazetteer
        _INDEX_CACHE.clear()
        _INDEX_CACHE[key] = (
            gaz["pcode"].astype(str).str.lower()
            + "|"
            + gaz["name_en"].fillna("").map(_fold)
            + "|"
            + gaz["name_ar"].fillna("").map(_fold)
        )
    return _INDEX_CACHE[key]
