"""Kept for older imports: the downloads now live in :mod:`tracker.exports`.

New code calls :func:`tracker.exports.download_pieces` (the one code path of
``tracker export`` and ``/download/...``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pandas as pd

from tracker.exports.cells import FORMULA_STARTS, neutralise
from tracker.exports.fields import figure_fields
from tracker.exports.figures import derive
from tracker.exports.stream import csv_pieces
from tracker.vocabularies import CANONICAL_COLUMNS, DERIVED_COLUMNS, Vocabularies

FIGURE_EXPORT_COLUMNS: tuple[str, ...] = CANONICAL_COLUMNS + DERIVED_COLUMNS


def figures_csv_chunks(
    chunks: Iterable[pd.DataFrame], vocab: Vocabularies, flag_ids: dict[str, str] | None = None
) -> Iterator[str]:
    """figures.csv as text pieces from chunks of stored figures (as ``tracker export``)."""
    frames = (derive(chunk, vocab, flag_ids or {}) for chunk in chunks)
    for piece in csv_pieces(frames, figure_fields(vocab), None, excel=False):
        yield piece.decode("utf-8")


__all__ = [
    "FIGURE_EXPORT_COLUMNS",
    "FORMULA_STARTS",
    "figures_csv_chunks",
    "neutralise",
]
