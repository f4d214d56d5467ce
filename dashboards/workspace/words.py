"""The workspace's words in English and Arabic are data files in ``data/workspace/`` (key, en,
ar; ``data/README.md``): ``words.csv`` holds the words every workspace page shares, and a page
with words of its own reads its file beside it (``figure_words.csv``, ``sendback_words.csv``,
``article_words.csv``), whose word of a key wins over the shared one. Each file is read once,
by the one reader of words, :func:`dashboards.i18n.read_words`."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from dashboards.i18n import Words, read_words, translate
from tracker.ingest.reference import DATA_DIR

WORDS_DIR = DATA_DIR / "workspace"
#: The pages with a file of words of their own: ``data/workspace/<page>_words.csv``.
PAGES = ("figure", "sendback", "article")


@cache
def table(page: str | None = None) -> dict[str, dict[str, Words]]:
    """The words a page reads: the shared ones, with the page's own (if any) over them."""
    if page is None:
        return read_words(WORDS_DIR / "words.csv")
    if page not in PAGES:
        raise ValueError(f"no words file for the page {page!r}; pages with one: {PAGES}")
    return {**read_words(WORDS_DIR / "words.csv"), **read_words(WORDS_DIR / f"{page}_words.csv")}


def t(key: str, lang: str, **values: object) -> str:
    """A shared word of the workspace in the page language (``?lang=ar``), {placeholders}
    filled; a count ``n`` chooses its plural form (:func:`dashboards.i18n.translate`)."""
    return translate(table(), key, lang, **values)


def page_words(page: str) -> Callable[..., str]:
    """``t`` of a page with words of its own: its word of a key, else the shared one."""

    def page_t(key: str, lang: str, **values: object) -> str:
        return translate(table(page), key, lang, **values)

    return page_t
