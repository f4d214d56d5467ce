"""The synthetic sources: a registry of made-up originators, so synthetic figures never pass
for real ones.

They live in ``data/synthetic_sources.csv`` (same columns as ``data/sources.csv``), apart from
the real registry: ``tracker init`` does not load them. ``tracker synth`` adds them to the
registry of the database it is pointed at, so that its files import there; every name says
"(not real)" / "(غير حقيقي)".
"""

from __future__ import annotations

import pandas as pd

from tracker.ingest.reference import DATA_DIR, read_table
from tracker.service.store import Store

SYNTHETIC_SOURCES_FILE = DATA_DIR / "synthetic_sources.csv"


def synthetic_sources() -> pd.DataFrame:
    """The synthetic source registry, indexed by id."""
    return read_table(SYNTHETIC_SOURCES_FILE).set_index("id", drop=False)


def register_synthetic_sources(store: Store) -> int:
    """Add the synthetic sources missing from a database's registry; returns how many."""
    return store.add_sources(synthetic_sources())
