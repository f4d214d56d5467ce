"""A flag as the rules find it, before it gets an id and its sentences, and the severities the
rules give (ids of ``data/vocabularies/severities.csv``)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class RawFlag:
    """What a rule found.

    members: the claims involved, in the order the sentence names them.
    id_members: the claims the flag id is computed from (default: members).
    anchor: the claim whose metric, population and location the flag is filed under.
    exclude: claims left out of the band because of this flag, with ``reason``.
    detail: rule-specific numbers the sentence needs (sums, day gaps, derived windows).
    mentions: claims the sentence names that are not among the flag's figures (the flows
    reported between a stock divergence's dates: they explain, they are not contradicted).
    """

    rule: str
    severity: str
    members: tuple[int, ...]
    anchor: int
    ratio: float = math.nan
    id_members: tuple[int, ...] | None = None
    exclude: tuple[int, ...] = ()
    reason: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    mentions: tuple[int, ...] = ()


def ratio_of(low_larger: float, high_smaller: float) -> float:
    """low(larger) / high(smaller); inf when the smaller claim allows nothing above zero."""
    if high_smaller <= 0:
        return math.inf
    return float(low_larger) / float(high_smaller)


def divergence_severity(ratio: float, moderate: float, major: float) -> str:
    """Severity of a soft disagreement grows with the ratio between the two claims."""
    if ratio >= major:
        return "major"
    if ratio >= moderate:
        return "moderate"
    return "minor"


def hard_severity(assumed: bool) -> str:
    """A logical contradiction is major; moderate when it rests on an assumed window start."""
    return "moderate" if assumed else "major"


def as_int_tuple(values: np.ndarray | list[int]) -> tuple[int, ...]:
    """Plain Python ints (for hashing and dict keys)."""
    return tuple(int(v) for v in values)
