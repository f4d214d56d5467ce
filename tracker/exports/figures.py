"""Rows of figures.csv: the current figures with their derived columns, chunk by chunk.

Figures come from the store in figure_id order, a chunk at a time, so the file never
sits whole in memory. The flags each figure is involved in are fetched per chunk with
one range query on flag_figures (the chunk's first to last id, in the database's own
order), never as one mapping of the whole table.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
from sqlalchemy import and_, select
from sqlalchemy.engine import Connection

from tracker.filters import Filters
from tracker.storage import tables
from tracker.storage.store import Store
from tracker.vocabularies import Vocabularies

LINKS = tables.flag_figures
CHUNK_ROWS = 10_000  # bounds memory (about 100 MB in flight) whatever the file size


def flag_links(conn: Connection, first: str, last: str) -> dict[str, str]:
    """figure_id → its flags' ids, sorted and ';'-joined, for ids from first to last."""
    rows = conn.execute(
        select(LINKS.c.figure_id, LINKS.c.flag_id).where(
            and_(LINKS.c.figure_id >= first, LINKS.c.figure_id <= last)
        )
    ).fetchall()
    grouped: dict[str, set[str]] = {}
    for figure_id, flag_id in rows:
        grouped.setdefault(figure_id, set()).add(flag_id)
    return {figure_id: ";".join(sorted(ids)) for figure_id, ids in grouped.items()}


def derive(figures: pd.DataFrame, vocab: Vocabularies, links: dict[str, str]) -> pd.DataFrame:
    """Add the derived export columns (names from the registry and gazetteer, flag ids)."""
    out = figures.copy()
    ids = out["figure_id"].astype(object)
    source = out["source"].astype(object)
    location = out["location"].astype(object)
    places = vocab.gazetteer
    out["source_name"] = source.map(vocab.sources["name_en"])
    out["source_name_ar"] = source.map(vocab.sources["name_ar"])
    out["location_name"] = location.map(places["name_en"])
    out["location_name_ar"] = location.map(places["name_ar"])
    out["location_level"] = location.map(places["level"])
    out["adm1_pcode"] = out.get("adm1", pd.NA)
    out["flag_ids"] = ids.map(links)
    return out


def figure_frames(
    store: Store, filters: Filters, chunk_rows: int = CHUNK_ROWS
) -> Iterator[pd.DataFrame]:
    """Current, active figures matching the filters, derived columns added, in id order."""
    vocab = store.vocab
    with store.engine.connect() as conn:
        for chunk in store.iter_figures(filters, chunk_rows=chunk_rows):
            if chunk.empty:
                continue
            ids = chunk["figure_id"]
            yield derive(chunk, vocab, flag_links(conn, str(ids.iloc[0]), str(ids.iloc[-1])))
