"""The id of a figure given without one: named by what it says, so a second import is no new figure.

Domain rule. DESIGN.md §4 makes a given figure_id the key of an idempotent re-import and
defines no identity for a row without one; §6 calls a figure row one publication of a claim.
A row without a figure_id is therefore named by its **claim and publication**: every
canonical column except figure_id and the free text (quote, quote_lang, notes), as stored,
defaults applied (an empty population and ``all`` are the same claim). The same row imported
again — a file, or ``tracker extract``'s proposals, imported twice — names the figure already
stored and counts as already stored; a row that differs in any of those columns is another
figure; one that differs only in its free text is the stored figure given with other values
(refused with a pointer to ``tracker revise``, like any stored figure given so).

Rows of one file that say the same are told apart by their order (the second is another
figure, as it always was), so importing that file again still stores nothing new.
"""

from __future__ import annotations

from hashlib import blake2b

import pandas as pd

from tracker.domain.compare import COMPARED, as_text

#: Columns of a figure that are words about it, not what it claims.
FREE_TEXT = ("quote", "quote_lang", "notes")
#: What names a figure given without an id: its claim and the publication that carried it.
IDENTITY = [c for c in COMPARED if c not in FREE_TEXT]
_FIELD = "\x1f"  # between columns: a character no validated cell holds (control characters)
_NTH = "\x1e"  # before the order of a repeated row within its file


def content_ids(figures: pd.DataFrame) -> pd.Series:
    """The figure_id of each figure, derived from its :data:`IDENTITY` columns (typed and
    defaulted, as :func:`tracker.domain.normalise.normalise` makes them): ``F`` and 16
    hexadecimal digits of a BLAKE2b digest, the same on every machine and database."""
    if figures.empty:
        return pd.Series([], index=figures.index, dtype="string")
    text = as_text(figures)
    keys = text[IDENTITY[0]].str.cat([text[c] for c in IDENTITY[1:]], sep=_FIELD)
    nth = keys.groupby(keys, sort=False).cumcount()
    keys = keys.where(nth.eq(0), keys + _NTH + nth.astype("string"))
    ids = ["F" + blake2b(k.encode(), digest_size=8).hexdigest().upper() for k in keys]
    return pd.Series(ids, index=figures.index, dtype="string")
