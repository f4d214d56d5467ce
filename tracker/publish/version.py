"""Which version of the data a download shows, cheaply, for ETag and Last-Modified.

Figures are append-only, so the newest figure row (max row_id, an index look-up) changes
with every import, revision and retraction. Flags are replaced when recomputed (their
count and newest computed_at change), analysts' notes are appended (max row_id), bands
are replaced with the flags (their count). The registry a process serves is fixed
when it starts reading it, so its fingerprint is taken once. A download's ETag is a
hash of all of this, the download's name, its options and the format version: the same
ETag always means the same bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from tracker.domain.vocabularies import Vocabularies
from tracker.storage import tables

# Bump when the way files are written changes, so that caches fetch them again.
FORMAT_VERSION = "downloads-1"
_REGISTRY_PRINTS: dict[int, tuple[Vocabularies, str]] = {}


@dataclass(frozen=True)
class DataVersion:
    """An opaque token that changes whenever the data changes, and when it last did."""

    token: str
    last_modified: datetime | None


def registry_fingerprint(vocab: Vocabularies) -> str:
    """A hash of the vocabularies and registry this process serves (computed once)."""
    known = _REGISTRY_PRINTS.get(id(vocab))
    if known is not None and known[0] is vocab:
        return known[1]
    digest = hashlib.sha256()
    for frame in (vocab.metrics, vocab.populations, vocab.units, vocab.sources,
                  vocab.source_types, vocab.reliability, vocab.episodes, vocab.gazetteer,
                  *vocab.extra.values()):  # fmt: skip
        digest.update(pd.util.hash_pandas_object(frame.astype(str), index=True).to_numpy())
    _REGISTRY_PRINTS[id(vocab)] = (vocab, digest.hexdigest()[:16])
    return _REGISTRY_PRINTS[id(vocab)][1]


def _newest(conn: Connection, table, stamp: str) -> tuple[object, object]:
    """(max row_id, its timestamp) of an append-only table, by its primary key."""
    row = conn.execute(
        select(table.c.row_id, table.c[stamp]).order_by(table.c.row_id.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, None)


def _utc(stamp: object) -> datetime | None:
    if stamp is None or pd.isna(stamp):
        return None
    value = pd.Timestamp(stamp)
    value = value.tz_localize(UTC) if value.tzinfo is None else value.tz_convert(UTC)
    return value.to_pydatetime().replace(microsecond=0)


def data_version(conn: Connection, vocab: Vocabularies) -> DataVersion:
    """The current data version: a handful of indexed or small aggregate queries."""
    figure_row, figure_time = _newest(conn, tables.figures, "entered_at")
    note_row, note_time = _newest(conn, tables.flag_notes, "entered_at")
    flag_count, flag_time = conn.execute(
        select(func.count(), func.max(tables.flags.c.computed_at)).select_from(tables.flags)
    ).one()
    band_count = conn.execute(select(func.count()).select_from(tables.bands)).scalar_one()
    parts = [FORMAT_VERSION, registry_fingerprint(vocab), figure_row, note_row, flag_count,
             _utc(flag_time), band_count]  # fmt: skip
    token = hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
    stamps = [s for s in map(_utc, (figure_time, note_time, flag_time)) if s is not None]
    return DataVersion(token, max(stamps) if stamps else None)


def etag(version: DataVersion, name: str, query_string: str) -> str:
    """The strong ETag of one download with given options (unquoted; HTTP quotes it)."""
    digest = hashlib.sha256(f"{version.token}|{name}|{query_string}".encode()).hexdigest()
    return digest[:32]
