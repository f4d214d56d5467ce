"""The workspace's words in English and Arabic are data files in ``data/workspace/`` (key, en,
ar; ``data/README.md``): ``words.csv`` holds the words every workspace page shares, and a page
with words of its own reads its file beside it (``figure_words.csv``, ``sendback_words.csv``,
``article_words.csv``), whose word of a key wins over the shared one. Each file is read once."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from dashboards.i18n import Words, translate, words_table
from tracker.ingest.reference import DATA_DIR, read_table

WORDS_DIR = DATA_DIR / "workspace"
#: The pages with a file of words of their own: ``data/workspace/<page>_words.csv``.
PAGES = ("figure", "sendback", "article")


@cache
def _file(name: str) -> dict[str, dict[str, Words]]:
    path = WORDS_DIR / f"{name}.csv"
    rows = read_table(path).fillna("").to_dict("records")
    try:
        return words_table(rows)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from exc


@cache
def table(page: str | None = None) -> dict[str, dict[str, Words]]:
    """The words a page reads: the shared ones, with the page's own (if any) over them."""
    if page is None:
        return _file("words")
    if page not in PAGES:
        raise ValueError(f"no words file for the page {page!r}; pages with one: {PAGES}")
    return {**_file("words"), **_file(f"{page}_words")}


def t(key: str, lang: str, **values: object) -> str:
    """A shared word of the workspace in the page language (``?lang=ar``), {placeholders}
    filled; a count ``n`` chooses its plural form (:func:`dashboards.i18n.translate`)."""
    return translate(table(), key, lang, **values)


def page_words(page: str) -> Callable[..., str]:
    """``t`` of a page with words of its own: its word of a key, else the shared one."""

    def page_t(key: str, lang: str, **values: object) -> str:
        return translate(table(page), key, lang, **values)

    return page_t
