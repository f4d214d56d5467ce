"""Reconciling sources: consistency flags, reconciled bands and their sentences (DESIGN §2).

Public API::

    from tracker.domain.reconcile import compute, component_key, ReconcileContext
    result = compute(figures, ReconcileContext.from_vocabularies(vocab, settings))
    result.flags, result.bands, result.excluded, result.series

Inside: :mod:`.series` turns figures into coded claims and series, :mod:`.sweep` holds the
sort-and-sweep primitives, :mod:`.rules` one module per consistency rule (named after it),
:mod:`.sentences` and :mod:`.text` the words of the flags, :mod:`.band` the reconciled bands,
:mod:`.engine` puts them together and :mod:`.scoped` recomputes part of the figures.
"""

from __future__ import annotations

from tracker.domain.reconcile.band import BAND_COLUMNS
from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.engine import (
    EXCLUDED_COLUMNS,
    FLAG_COLUMNS,
    SERIES_COLUMNS,
    Reconciliation,
    compute,
)
from tracker.domain.reconcile.ids import flag_id
from tracker.domain.reconcile.series import component_key

__all__ = [
    "BAND_COLUMNS",
    "EXCLUDED_COLUMNS",
    "FLAG_COLUMNS",
    "SERIES_COLUMNS",
    "ReconcileContext",
    "Reconciliation",
    "component_key",
    "compute",
    "flag_id",
]
