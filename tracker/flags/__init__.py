"""Reconciling sources: consistency flags, reconciled bands and their sentences (DESIGN §2).

Public API::

    from tracker.flags import compute, component_key, Reconciliation
    result = compute(figures, ctx)   # ctx: tracker.reconcile_context.ReconcileContext
    result.flags, result.bands, result.excluded, result.series

Names are loaded on first use, so :mod:`tracker.series` can use the sweep primitives of this
package without an import cycle.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "compute": "tracker.flags.engine",
    "Reconciliation": "tracker.flags.engine",
    "FLAG_COLUMNS": "tracker.flags.engine",
    "EXCLUDED_COLUMNS": "tracker.flags.engine",
    "SERIES_COLUMNS": "tracker.flags.engine",
    "BAND_COLUMNS": "tracker.flags.band",
    "flag_id": "tracker.flags.ids",
    "RULES": "tracker.flags.raw",
    "SEVERITIES": "tracker.flags.raw",
    "ReconcileContext": "tracker.reconcile_context",
    "RuleSettings": "tracker.reconcile_context",
    "component_key": "tracker.series",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'tracker.flags' has no attribute {name!r}")
