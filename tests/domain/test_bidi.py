"""Bidi controls in user text are isolated for display (#18 finding 10)."""

from __future__ import annotations

import unicodedata

import pytest

from tracker.domain.bidi import FSI, PDF, PDI, RLE, RLI, RLO, isolate_bidi


def balanced(text: str) -> bool:
    """Every embedding/isolate opened in ``text`` is closed in it, innermost first."""
    stack = []
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("LRE", "RLE", "LRO", "RLO"):
            stack.append(PDF)
        elif kind in ("LRI", "RLI", "FSI"):
            stack.append(PDI)
        elif ch in (PDF, PDI):
            if not stack or stack[-1] != ch:
                return False
            stack.pop()
    return not stack


def test_plain_text_is_unchanged() -> None:
    assert isolate_bidi("ceasefire talks, حلب") == "ceasefire talks, حلب"
    assert isolate_bidi("") == ""


@pytest.mark.parametrize(
    "text",
    [
        f"see {RLO}fdp.exe",  # an override left open reversed the rest of the line
        f"{PDI}{PDI} leaks out",  # stray closers closed the page's own isolates
        f"{RLE}a{RLI}b{PDF}c",  # a PDF inside an isolate closes nothing
        f"{RLI}{RLO}x{PDI}y{PDF}",
    ],
)
def test_controls_are_isolated_and_balanced(text: str) -> None:
    shown = isolate_bidi(text)
    assert shown.startswith(FSI) and shown.endswith(PDI)
    assert balanced(shown), [hex(ord(c)) for c in shown]
    letters = [c for c in text if c.isalnum() or c in " .,"]
    assert [c for c in shown if c.isalnum() or c in " .,"] == letters  # no word lost
