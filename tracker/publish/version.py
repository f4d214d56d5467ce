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

from tracker.domain.vocabularies import Vocabularies
from tracker.service.store import Store

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
                  vocab.areas, *vocab.extra.values()):  # fmt: skip
        digest.update(pd.util.hash_pandas_object(frame.astype(str), index=True).to_numpy())
    _REGISTRY_PRINTS[id(vocab)] = (vocab, digest.hexdigest()[:16])
    return _REGISTRY_PRINTS[id(vocab)][1]


def _utc(stamp: object) -> datetime | None:
    if stamp is None or pd.isna(stamp):
        return None
    value = pd.Timestamp(stamp)
    value = value.tz_localize(UTC) if value.tzinfo is None else value.tz_convert(UTC)
    return value.to_pydatetime().replace(microsecond=0)


def data_version(store: Store) -> DataVersion:
    """The current data version: a handful of indexed or small aggregate queries."""
    stamps = store.change_stamps()
    parts = [FORMAT_VERSION, registry_fingerprint(store.vocab), stamps.figure_row,
             stamps.note_row, stamps.flag_count, _utc(stamps.flag_time),
             stamps.band_count]  # fmt: skip
    token = hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
    times = (stamps.figure_time, stamps.note_time, stamps.flag_time)
    utc = [s for s in map(_utc, times) if s is not None]
    return DataVersion(token, max(utc) if utc else None)


def etag(version: DataVersion, name: str, query_string: str) -> str:
    """The strong ETag of one download with given options (unquoted; HTTP quotes it)."""
    digest = hashlib.sha256(f"{version.token}|{name}|{query_string}".encode()).hexdigest()
    return digest[:32]
