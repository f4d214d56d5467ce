"""Flag ids: stable across recomputation and input order.

An id is the rule plus a hash of the sorted figure ids it is about, e.g.
``FL-divergence-3f9a0c1b22de``. Recomputing over the same figures, in any order, gives the same
ids, so an analyst's "explained" note stays attached. 48 bits of SHA-1 keep collisions unlikely
(about one in 500 at a million flags).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def flag_id(rule: str, figure_ids: Iterable[str]) -> str:
    """``FL-<rule>-<12 hex digits>`` from the rule and the set of figure ids."""
    text = rule + "\n" + ";".join(sorted(set(figure_ids)))
    return f"FL-{rule}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:12]}"
