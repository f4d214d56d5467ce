"""The HXL hashtag row: a second header row whose filled cells are all ``#tag+attribute…``.

HXL-tagged files (IDMC, HDX, UCDP on HDX, Tracker's own ``--format hxl`` exports) carry
their tags on the line under the header. The tag row is not data: it is read off the
table (so that line numbers still count it) and handed back as column → tag.
"""

from __future__ import annotations

import re

import pandas as pd

TAG_RE = re.compile(r"#[A-Za-z][A-Za-z0-9_]*(\s*[+][A-Za-z][A-Za-z0-9_]*)*")


def is_tag_row(cells: pd.Series) -> bool:
    """A row is a tag row when at least one cell is filled and every filled cell is a tag."""
    filled = [str(c).strip() for c in cells if isinstance(c, str) and c.strip()]
    return bool(filled) and all(TAG_RE.fullmatch(c) for c in filled)


def split_tag_row(table: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The table without its tag row (the first row, when it is one) and the tags by column.

    The remaining rows keep their index, so line numbers stay those a spreadsheet shows.
    """
    if table.empty or not is_tag_row(table.iloc[0]):
        return table, {}
    first = table.iloc[0]
    tags = {
        str(column): normal_tag(str(tag))
        for column, tag in first.items()
        if isinstance(tag, str) and tag.strip()
    }
    return table.iloc[1:], tags


def normal_tag(tag: str) -> str:
    """A tag as HXL compares them: lower case, no spaces."""
    return re.sub(r"\s+", "", tag).lower()


def tag_parts(tag: str) -> tuple[str, frozenset[str]]:
    """``#affected+idps+ind`` → ("#affected", {"idps", "ind"})."""
    hashtag, *attributes = normal_tag(tag).split("+")
    return hashtag, frozenset(attributes)
