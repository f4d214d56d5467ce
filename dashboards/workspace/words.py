"""Words of the workspace pages kept as a data file, ``data/workspace/words.csv`` (key, en, ar):
the registry pages and the upload page's format picker."""

from __future__ import annotations

from functools import cache

from dashboards.i18n import translate
from tracker.ingest.reference import DATA_DIR, read_table


@cache
def _words() -> dict[str, dict[str, str]]:
    table = read_table(DATA_DIR / "workspace" / "words.csv").fillna("")
    return {r["key"]: {"en": r["en"], "ar": r["ar"]} for r in table.to_dict("records")}


def rt(key: str, lang: str, **values: object) -> str:
    """A word of data/workspace/words.csv in the page language."""
    return translate(_words(), key, lang, **values)
