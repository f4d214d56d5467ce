"""Reconciling sources: consistency flags, reconciled bands and their sentences (DESIGN §2).

Public API::

    from tracker.domain.reconcile import compute, component_key, Reconciliation
    result = compute(figures, ctx)   # ctx: tracker.domain.reconcile.context.ReconcileContext
    result.flags, result.bands, result.excluded, result.series

Names are loaded on first use, so :mod:`tracker.domain.series` can use the sweep primitives of this
package without an import cycle.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "compute": "tracker.domain.reconcile.engine",
    "Reconciliation": "tracker.domain.reconcile.engine",
    "FLAG_COLUMNS": "tracker.domain.reconcile.engine",
    "EXCLUDED_COLUMNS": "tracker.domain.reconcile.engine",
    "SERIES_COLUMNS": "tracker.domain.reconcile.engine",
    "BAND_COLUMNS": "tracker.domain.reconcile.band",
    "flag_id": "tracker.domain.reconcile.ids",
    "RULES": "tracker.domain.reconcile.raw",
    "SEVERITIES": "tracker.domain.reconcile.raw",
    "ReconcileContext": "tracker.domain.reconcile.context",
    "RuleSettings": "tracker.domain.reconcile.context",
    "component_key": "tracker.domain.series",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'tracker.domain.reconcile' has no attribute {name!r}")
