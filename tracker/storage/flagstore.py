"""Stored flags and bands, recomputed for the affected components after every change."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.engine import Connection

from tracker.settings import Settings
from tracker.vocabularies import Vocabularies


def recompute_for(conn: Connection, vocab: Vocabularies, settings: Settings, changed: pd.DataFrame) -> None:
    return None
