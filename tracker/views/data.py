"""The downloads a page offers and the places a person can pick, without I/O.

The downloads themselves are listed once, by the publishing layer
(``tracker.publish.catalogue()`` and ``tracker.publish.PARAMETERS``); the dashboard hands
that list in and these functions turn it into what the Data page shows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol
from urllib.parse import urlencode

import pandas as pd

from tracker.domain.filters import FILTER_NAMES, Filters
from tracker.domain.vocabularies import Vocabularies

#: The view filters a download may take (DESIGN.md §4).
FILTERED_PARAMS = FILTER_NAMES
#: Accepted by every download (DESIGN.md §4): the HXL row, Excel's BOM, Arabic name columns.
GENERAL_PARAMS = ("hxl", "excel", "lang")


class PublishedDownload(Protocol):
    """One download as the publishing layer lists it (``tracker.publish.CatalogueEntry``)."""

    @property
    def path(self) -> str: ...
    @property
    def title_en(self) -> str: ...
    @property
    def title_ar(self) -> str: ...
    @property
    def description_en(self) -> str: ...
    @property
    def description_ar(self) -> str: ...


class Parameter(Protocol):
    """A query parameter as the publishing layer lists it (``tracker.publish.PARAMETERS``)."""

    @property
    def name(self) -> str: ...
    @property
    def example(self) -> str: ...


def download_catalogue(published: Iterable[PublishedDownload]) -> list[dict]:
    """What can be downloaded, as plain dicts: path, filtered (takes the view filters),
    parameters, titles, descriptions, examples, columns and a citation."""
    out = []
    for e in published:
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
    return out


def download_url(
    path: str, filters: Filters | None = None, lang: str = "en", base: str = "", **extra: str
) -> str:
    """A download address carrying exactly the filters of a view (``extra``: a page's own
    selections, e.g. the flags' rule); in Arabic also lang=ar and excel=1, because the
    spreadsheet most readers open it in shows Arabic only after the byte-order mark."""
    params = dict(filters.as_params()) if filters is not None else {}
    params.update({k: v for k, v in extra.items() if v})
    if lang == "ar":
        params["lang"] = "ar"
        params["excel"] = "1"
    query = urlencode(params, safe=",")
    return f"{base.rstrip('/')}{path}" + (f"?{query}" if query else "")


def spreadsheet_url(csv_url: str) -> str:
    """The XLSX of the table a CSV download address holds, with the same filters
    (``excel=1`` dropped: a workbook needs no byte-order mark)."""
    path, _, query = csv_url.partition("?")
    kept = [p for p in query.split("&") if p and p != "excel=1"]
    return path.removesuffix(".csv") + ".xlsx" + ("?" + "&".join(kept) if kept else "")


def served_columns(
    entry: dict, lang: str, described: Mapping[tuple[str, str], str] | None = None
) -> list[dict]:
    """The columns of the file an entry's address serves in the page language, each described
    in that language: the English page's address serves the English file (without the
    ``lang=ar`` name columns), the Arabic page's the Arabic one (with them). ``described``:
    the Arabic descriptions by (file, column), ``data/dashboard/download_columns.csv``."""
    arabic = lang == "ar" and "lang" in _accepted(entry)
    file = entry["path"].rsplit("/", 1)[-1].removesuffix(".csv")
    out = []
    for column in entry.get("columns", ()):
        if column["arabic_only"] and not arabic:
            continue
        said = (described or {}).get((file, column["name"])) if lang == "ar" else None
        out.append({**column, "description": said or column["description"]})
    return out


def _accepted(entry: dict) -> set[str]:
    """The query parameters a download answers to (an unknown one would answer 400)."""
    return set(entry.get("parameters") or ()) | set(GENERAL_PARAMS)


def catalogue_entries(
    filters: Filters,
    lang: str,
    published: Iterable[PublishedDownload],
    base: str = "",
    described: Mapping[tuple[str, str], str] | None = None,
) -> list[dict]:
    """The catalogue with each entry's address for the current view, in the page language,
    and the columns of the file that address serves (:func:`served_columns`).

    An entry only gets the parameters it accepts (an unknown one would answer 400).
    """
    out = []
    for entry in download_catalogue(published):
        accepted = _accepted(entry)
        params = {k: v for k, v in filters.as_params().items() if k in accepted}
        if lang == "ar" and "lang" in accepted:
            params["lang"] = "ar"
            params["excel"] = "1"
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
                "columns": served_columns(entry, lang, described),
                "citation": entry.get(f"citation_{lang}") or entry.get("citation_en") or "",
            }
        )
    return out


def parameters_help(lang: str, parameters: Sequence[Parameter]) -> list[dict]:
    """The query parameters the downloads accept, in the page language."""
    return [
        {"name": p.name, "description": getattr(p, f"description_{lang}"), "example": p.example}
        for p in parameters
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
    """P-codes (and area ids) whose code or English or Arabic name contains ``text``; wider
    places first, an area beside the governorates.

    Without text: the countries the gazetteer details (a country row alone, kept for
    imports, waits to be searched), their governorates, the named areas and the
    ``prefer``red places (those with figures), so the list starts short and useful.
    """
    gaz = vocab.places
    text = (text or "").strip()
    if not text:
        top = _start_list(gaz)
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
            "level": gaz.loc[hits.index, "level"].fillna(1).astype(int).to_numpy(),
        }
    )
    ranked["starts"] = (
        ~hits.str.split("|").map(lambda parts: any(p.startswith(needle) for p in parts)).to_numpy()
    )
    ranked = ranked.sort_values(["starts", "level", "pcode"], kind="mergesort")
    return ranked["pcode"].head(limit).tolist()


_START_CACHE: list[tuple[pd.DataFrame, list[str]]] = []


def _start_list(gaz: pd.DataFrame) -> list[str]:
    """The countries the gazetteer details and their governorates (and the areas), in the
    gazetteer's order: the same for every request while the gazetteer is the same frame, so
    it is worked out once (``isin`` over thousands of places cost ~25 ms a page)."""
    if _START_CACHE and _START_CACHE[0][0] is gaz:
        return _START_CACHE[0][1]
    level = gaz["level"].fillna(1).astype(int)
    detailed = (level == 1) | ((level == 0) & gaz.index.isin(gaz["parent"].dropna()))
    top = gaz.index[detailed].tolist()
    _START_CACHE[:] = [(gaz, top)]
    return top


_INDEX_CACHE: dict[int, pd.Series] = {}


def _search_index(vocab: Vocabularies) -> pd.Series:
    """Each place's searchable text: its code, its names and the other spellings the alias
    table gives it (data/gazetteer/aliases.csv: "Daraa", "Idlib", "Busra al-Harir"), folded."""
    key = id(vocab.places)
    if key not in _INDEX_CACHE:
        gaz = vocab.places
        _INDEX_CACHE.clear()
        _INDEX_CACHE[key] = (
            gaz["pcode"].astype(str).str.lower()
            + "|"
            + gaz["name_en"].fillna("").map(_fold)
            + "|"
            + gaz["name_ar"].fillna("").map(_fold)
            + _alias_text(vocab, gaz.index)
        )
    return _INDEX_CACHE[key]


def _alias_text(vocab: Vocabularies, codes: pd.Index) -> pd.Series:
    """ "|alias|alias" per place code from the alias table ("" for a place without one)."""
    aliases = vocab.extra.get("place_aliases")
    if aliases is None or aliases.empty:
        return pd.Series("", index=codes)
    folded = aliases["alias"].astype(str).map(_fold)
    by_code = folded.groupby(aliases["pcode"].astype(str).to_numpy())
    joined = by_code.agg(lambda names: "|" + "|".join(names))
    return pd.Series(joined.reindex(codes).fillna("").to_numpy(), index=codes)
