"""Right-to-left override and embedding characters in user text stay inside that text.

A note, a source name or a quote may carry Unicode's bidirectional controls (U+202A–202E
embeddings and overrides, U+2066–2069 isolates): shown raw, an unclosed RIGHT-TO-LEFT
OVERRIDE reverses what follows it on the page (a figure's id, the next cell's words), and a
stray POP DIRECTIONAL ISOLATE closes the page's own isolates. For display, a text holding any
of them is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, with every embedding or
isolate it opens closed inside, and closers that match nothing opened in it left out; so the
text shows as its writer set it and nothing around it changes. Text without these characters
is returned unchanged. Stored text is never changed: this is for display only.
"""

from __future__ import annotations

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
EMBEDDINGS = frozenset({LRE, RLE, LRO, RLO})
ISOLATES = frozenset({LRI, RLI, FSI})
CONTROLS = EMBEDDINGS | ISOLATES | {PDF, PDI}


def has_bidi_controls(text: str) -> bool:
    """True when ``text`` holds an embedding, override or isolate character."""
    return any(ch in CONTROLS for ch in text)


def _balanced(text: str) -> str:
    """``text`` with every opened embedding/isolate closed and unmatched closers left out."""
    out: list[str] = []
    open_: list[str] = []  # the closer each opened control needs, innermost last
    for ch in text:
        if ch in EMBEDDINGS or ch in ISOLATES:
            open_.append(PDF if ch in EMBEDDINGS else PDI)
        elif ch == PDF:
            if not open_ or open_[-1] != PDF:
                continue  # closes nothing opened here (an isolate's PDF is ignored too)
            open_.pop()
        elif ch == PDI:
            if PDI not in open_:
                continue  # would close an isolate of the page around the text
            while (closer := open_.pop()) != PDI:  # close the embeddings inside the isolate
                out.append(closer)
        out.append(ch)
    return "".join(out) + "".join(reversed(open_))


def isolate_bidi(text: str) -> str:
    """``text`` for display: isolated and balanced when it holds bidi controls."""
    if not text or not has_bidi_controls(text):
        return text
    return f"{FSI}{_balanced(text)}{PDI}"


__all__ = ["CONTROLS", "has_bidi_controls", "isolate_bidi"]
