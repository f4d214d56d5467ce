"""Proposed figures from an article's text, in Arabic and English (issue #15).

Pure: the word tables are handed in as an :class:`~tracker.extract.tables.ExtractTables`
(read from ``data/`` by :mod:`tracker.ingest.extract_tables`); nothing here reads a file or
stores a figure.
"""

from tracker.extract.propose import OUTPUT_COLUMNS, extract
from tracker.extract.tables import ExtractTables

__all__ = ["OUTPUT_COLUMNS", "ExtractTables", "extract"]
