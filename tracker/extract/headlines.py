"""A text's headline lines and its lead: where a figure is only restated.

A title or first line repeats in vague words what the body states exactly ("Dozens killed
in air strikes on Idlib", "Death toll nears 1,000", "عشرات آلاف النازحين …"). A figure is
proposed once, where the body states it:

- a **title line** is one of the text's first lines (after a line that is only an address)
  that is short (at most 14 words) and no sentence (it does not end with a full stop, "!"
  or "?"), with body text after it;
- the **lead** is the first line of body text after the title lines.

:func:`tracker.extract.propose.extract` leaves out a vague magnitude ("dozens", "hundreds",
عشرات، مئات، آلاف) in a title line; any title figure whose metric a body figure states with a
number; and a vague magnitude in the lead whose metric a later figure states with a number.
"""

from __future__ import annotations

from dataclasses import dataclass

TITLE_LINES = 3  # how many of the first lines may be title lines
TITLE_WIDTH = 120  # characters: a longer line is body text
TITLE_WORDS = 14  # words: a headline is short; an excerpt cut mid-sentence is longer
SENTENCE_ENDS = (".", "!", "?", "؟", '."', ".”", "!”")


@dataclass(frozen=True)
class Layout:
    """The paragraphs (line numbers, as :attr:`Sentence.paragraph` counts them) that are
    title lines, and the lead's."""

    titles: frozenset[int]
    lead: int | None

    @classmethod
    def of(cls, text: str, url_line: bool) -> Layout:
        lines = text.split("\n")
        filled = [i for i, line in enumerate(lines) if line.strip()]
        if url_line and filled:
            filled = filled[1:]
        titles: set[int] = set()
        for i in filled[:TITLE_LINES]:
            line = lines[i].strip()
            long = len(line) > TITLE_WIDTH or len(line.split()) > TITLE_WORDS
            if long or line.endswith(SENTENCE_ENDS) or i == filled[-1]:
                break
            titles.add(i)
        body = [i for i in filled if i not in titles]
        return cls(frozenset(titles), body[0] if body and titles else None)
