"""The dashboard's own words in English and Arabic, and the one reader of every file of words.

Vocabulary labels (metrics, populations, sources, places, rules, severities) come from
the vocabularies in data/; the interface's strings are files of words (key, en, ar):
``data/dashboard/words.csv`` for the public pages, ``data/workspace/*words.csv`` for the
workspace (``data/README.md``). ``t(key, lang)`` falls back to English, then to the key, so a
missing translation shows, never breaks a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from tracker.ingest.reference import DATA_DIR, read_table
from tracker.views.plural import plural_category

Words = str | dict[str, str]

#: CLDR's plural categories. In a file of words (key, en, ar) the row ``key.<category>`` is one
#: plural form of ``key``: English fills ``one`` and ``other``, Arabic all six.
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
LANGUAGES = ("en", "ar")


#: The public pages' words.
DASHBOARD_WORDS = DATA_DIR / "dashboard" / "words.csv"


#: The Arabic description of every column of every download (key ``file.column``, ar).
DOWNLOAD_COLUMNS = DATA_DIR / "dashboard" / "download_columns.csv"


@cache
def column_descriptions() -> dict[tuple[str, str], str]:
    """The downloads' columns described in Arabic, by (file, column), read once (the English
    descriptions are the files' own, in datapackage.json)."""
    rows = read_table(DOWNLOAD_COLUMNS).fillna("")
    out: dict[tuple[str, str], str] = {}
    for row in rows.to_dict("records"):
        file, _, column = str(row["key"]).partition(".")
        out[(file, column)] = str(row["ar"])
    return out


def strings() -> dict[str, dict[str, Words]]:
    """The public pages' words (``data/dashboard/words.csv``), read once."""
    return read_words(DASHBOARD_WORDS)


def t(key: str, lang: str = "en", **values: object) -> str:
    """The interface string ``key`` in ``lang`` (English when missing), values filled in."""
    return translate(strings(), key, lang, **values)


def translate(table: Mapping[str, object], key: str, lang: str = "en", **values: object) -> str:
    """``key`` of a table of words (the public pages', the workspace's) in ``lang``.

    A string that depends on a count holds one text per CLDR plural category; the count
    ``n`` chooses (:func:`tracker.views.plural.plural_category`).
    """
    entry: dict[str, Words] = table.get(key) or {}  # type: ignore[assignment]
    text = entry.get(lang) or entry.get("en") or key
    if isinstance(text, dict):
        category = plural_category(values.get("n"), lang if lang in entry else "en")
        text = text.get(category) or text["other"]
    return text.format(**values) if values else text


def words_table(rows: Iterable[Mapping[str, str]]) -> dict[str, dict[str, Words]]:
    """The table :func:`translate` reads, from the rows of a file of words (key, en, ar).

    A plain row is one word; the rows ``key.one``, ``key.other``, … (:data:`PLURAL_FORMS`) are
    the forms of ``key`` a count chooses, a language's cell empty for a form it lacks. A key
    given twice is refused, naming the row (the header is row 1).
    """
    table: dict[str, dict[str, Words]] = {}
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        key = row["key"]
        if key in seen:
            raise ValueError(f"row {number}, column key: {key!r} is given twice")
        seen.add(key)
        base, _, form = key.rpartition(".")
        if base and form in PLURAL_FORMS:
            entry = table.setdefault(base, {})
            for lang in LANGUAGES:
                if row[lang]:
                    forms = entry.setdefault(lang, {})
                    forms[form] = row[lang]  # type: ignore[index]
        else:
            table[key] = {lang: row[lang] for lang in LANGUAGES}
    return table


@cache
def read_words(path: Path) -> dict[str, dict[str, Words]]:
    """A file of words (key, en, ar) as the table :func:`translate` reads, read once; a bad
    row is refused with the file's name (:func:`words_table`)."""
    rows = read_table(path).fillna("").to_dict("records")
    try:
        return words_table(rows)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from exc


#: The hints a refusal may end with, in this order: the closest valid value, the valid ones
#: (or the files there are).
PROBLEM_HINTS = ("guess", "valid", "files")


def say_problem(problem: str, details: Mapping[str, str], lang: str = "en") -> str:
    """A refusal's sentence in ``lang``: the words ``problem_<problem>`` filled with its
    details, then "did you mean …?" and "(valid: …)" when the details hold them.

    The command line prints the English sentence its exception was made with; the words'
    English gives the same sentence (a test checks every refusal), so the two cannot drift
    apart unnoticed.
    """
    text = t(f"problem_{problem}", lang, **details)
    for hint in PROBLEM_HINTS:
        if details.get(hint):
            text += t(f"problem_hint_{hint}", lang, **details)
    return text


def say_refusal(error: Exception, lang: str = "en") -> str:
    """An exception's sentence in ``lang`` when it names its problem (FilterError, Busy,
    SheetTooLong do), else its own English message."""
    problem = getattr(error, "problem", "")
    if not problem:
        return str(error)
    return say_problem(problem, getattr(error, "details", {}), lang)
