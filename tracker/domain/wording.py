"""A claim's number in words (DESIGN §1 qualifiers), written once for flag sentences and pages.

"about 126", "at least 214", "62,000–66,000", "thousands": the qualifier's template
(``words_en`` / ``words_ar`` of ``data/vocabularies/qualifiers.csv``) filled with the value, the
upper end of a range, or the magnitude's unit word (``data/vocabularies/magnitudes.csv``).
The words come from those tables only; this module reads no file, callers hand it the frames.

How a single number is written (rounding, digits, Unicode isolates, a unit after it) belongs to
the caller: flag sentences and the dashboard write numbers differently and pass their way in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

#: The template of a qualifier the vocabulary does not know: the number as stated.
PLAIN = "{value}"
LANGS = ("en", "ar")


def _missing(value: Any) -> bool:
    """None, NA, NaN or NaT."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class ClaimWords:
    """How a claim's number is said in one language.

    templates: qualifier → template with ``{value}``, ``{value_high}`` (range) or
    ``{value_words}`` (magnitude). magnitudes: unit value (10, 12, 100, …) → its word.
    """

    templates: Mapping[str, str] = field(default_factory=dict)
    magnitudes: Mapping[int, str] = field(default_factory=dict)

    @classmethod
    def from_frames(
        cls, qualifiers: pd.DataFrame | None, magnitudes: pd.DataFrame | None, lang: str
    ) -> ClaimWords:
        """From frames shaped like qualifiers.csv (id, words_<lang>) and magnitudes.csv (id:
        the unit value, words_<lang>); id may be the index; either frame may be None."""
        return cls(
            _column(qualifiers, "id", f"words_{lang}"),
            {int(k): v for k, v in _column(magnitudes, "id", f"words_{lang}").items()},
        )

    def magnitude(self, value: Any, number: Callable[[Any], str]) -> str:
        """The unit word of a magnitude claim ("thousands"); "~" and the number when the value
        is no known unit word."""
        try:
            unit = int(value)
        except (TypeError, ValueError):
            return number(value)
        word = self.magnitudes.get(unit)
        return word if word is not None else "~" + number(value)

    def say(
        self,
        qualifier: Any,
        value: Any,
        value_high: Any = None,
        number: Callable[[Any], str] = str,
        suffix: str = "",
    ) -> str:
        """What the source said, in words: the qualifier's template with ``number(value)``
        (and ``number(value_high)``, the value when there is none) each followed by
        ``suffix``; a missing qualifier is ``exact``."""
        key = "exact" if _missing(qualifier) else str(qualifier)
        template = self.templates.get(key, PLAIN)
        high = value if _missing(value_high) else value_high
        return template.format(
            value=number(value) + suffix,
            value_high=number(high) + suffix,
            value_words=self.magnitude(value, number),
        )


def _column(frame: pd.DataFrame | None, key: str, column: str) -> dict[str, str]:
    """key → column as a dict of stripped text, missing cells left out (key may be the index)."""
    if frame is None or column not in frame.columns:
        return {}
    keys = frame[key] if key in frame.columns else pd.Series(frame.index, index=frame.index)
    return {
        str(k): str(v).strip()
        for k, v in zip(keys.to_numpy(), frame[column].to_numpy(), strict=True)
        if not _missing(v) and str(v).strip() != ""
    }
