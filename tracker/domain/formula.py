"""What makes a spreadsheet read a text cell as a formula (shared by exports and readers)."""

from __future__ import annotations

# Characters that start a formula: = + - @ and every character NFKC folds to one of them
# (full-width ＝＋－＠, small ﹦﹢﹣﹫, super/subscript ⁼⁺₌₊, ⩵ ⩶ ﬩), then tab, CR, LF.
# Written out (not computed) so that the bytes never change with the Unicode version.
FORMULA_STARTS: tuple[str, ...] = (
    "=", "+", "-", "@",
    "\uff1d", "\uff0b", "\uff0d", "\uff20",
    "\ufe66", "\ufe62", "\ufe63", "\ufe6b",
    "\u207c", "\u207a", "\u208c", "\u208a",
    "\u2a75", "\u2a76", "\ufb29",
    "\t", "\r", "\n",
)  # fmt: skip

APOSTROPHE = "'"


def guard(text: str) -> str:
    """A text cell that would start a formula, prefixed with an apostrophe (OWASP CSV
    injection); Tracker's readers take the apostrophe off again."""
    if text and text.startswith(FORMULA_STARTS):
        return APOSTROPHE + text
    return text
