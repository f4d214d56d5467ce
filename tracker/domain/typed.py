"""What a person types (a form field, a command-line option, a ``--set`` change) read as the
value it means, before the one schema checks it.

People type numbers as they write them: Arabic-Indic (``٤٥``) or Eastern Arabic (``۴۵``)
digits, and thousands separated by a comma or the Arabic ``٬`` (``1,200``, ``١٬٢٠٠``). A count
typed so is read as its digits (45, 1200); dates typed in those digits are read as 0–9. Only
a well-formed grouping is a separator (``1,200``, ``12,000,000``, never ``1,20``), so anything
else reaches the schema as typed and is reported there. Files are not typed input: the
canonical CSV keeps its contract (DESIGN §4: a value is an integer written with digits only).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tracker.domain.normalise import DATE_COLUMNS

#: Arabic-Indic (U+0660–0669) and Eastern Arabic (U+06F0–06F9) digits as 0–9.
DIGITS = str.maketrans(
    {**{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)}}
)
#: Thousands separators a person types between groups of three digits.
THOUSANDS = ",٬"
COUNT_COLUMNS = ("value", "value_high")
_GROUPED = re.compile(rf"\d{{1,3}}(?:[{THOUSANDS}]\d{{3}})+")


def typed_count(text: str) -> str:
    """A count as typed, in 0–9 digits without its thousands separators ("١٬٢٠٠" → "1200");
    text that is no well-formed count comes back as typed (digits translated)."""
    digits = text.strip().translate(DIGITS)
    if _GROUPED.fullmatch(digits):
        return re.sub(f"[{THOUSANDS}]", "", digits)
    return digits


def typed_row(row: Mapping[str, str]) -> dict[str, str]:
    """A typed row (or a revision's changes) with its counts and dates read as above; every
    other column as typed."""
    out = dict(row)
    for column in COUNT_COLUMNS:
        if out.get(column):
            out[column] = typed_count(out[column])
    for column in DATE_COLUMNS:
        if out.get(column):
            out[column] = out[column].strip().translate(DIGITS)
    return out
