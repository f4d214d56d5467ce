"""Control characters in text: which a cell may hold, and how to name the first bad one.

A text cell may hold tab and line breaks (LF, or CR LF as Windows writes them); every other
C0 control character (U+0000–U+001F, NUL included, and a lone CR) and DEL (U+007F) is
refused: they are invisible, PostgreSQL cannot store NUL in text at all, and terminals and
spreadsheets act on them.
"""

from __future__ import annotations

import re

import pandas as pd

CONTROL_RE = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)"
_CONTROL = re.compile(CONTROL_RE)
#: The same rule for Arrow's regular expressions (RE2: no look-ahead, ``$`` is the end of
#: the text only): a lone CR is one followed by anything but LF, or by nothing.
ARROW_CONTROL_RE = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?:[^\n]|$)"


#: Up to this many cells are searched one by one (a column's string machinery costs more).
FEW_CELLS = 64


def has_control(series: pd.Series) -> pd.Series:
    """Whether each cell holds a refused control character (missing cells: False).

    A few cells are searched one by one; a column in one vectorised pass of Arrow's
    regular-expression kernel (pandas would call Python's ``re`` once per cell for a pattern
    with a look-ahead)."""
    if len(series) <= FEW_CELLS:
        found = [isinstance(v, str) and _CONTROL.search(v) is not None for v in series.tolist()]
        return pd.Series(found, index=series.index, dtype=bool)
    import pyarrow as pa  # deferred: pandas loads it anyway, its compute kernels cost more
    import pyarrow.compute as pc

    text = pa.array(series.astype("string[pyarrow]").array)
    arrow_found = pc.match_substring_regex(text, ARROW_CONTROL_RE).fill_null(False)
    return pd.Series(arrow_found.to_numpy(zero_copy_only=False), index=series.index, dtype=bool)


def first_control(text: str) -> str | None:
    """Words naming the first refused control character in ``text``, or None."""
    match = _CONTROL.search(text)
    if match is None:
        return None
    char = match.group()[0]
    return f"U+{ord(char):04X} at character {match.start() + 1}"


def control_message(text: str) -> str:
    """The sentence for a cell holding a control character."""
    where = first_control(text) or "a control character"
    return (
        f"contains a control character ({where}); a text cell may hold tab and line breaks, "
        "but no other control character (NUL and the rest of U+0000–U+001F, DEL)"
    )
