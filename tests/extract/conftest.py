"""The extractor's tables, read once for the extraction tests."""

from __future__ import annotations

import pytest

from tracker.extract.tables import ExtractTables
from tracker.ingest.extract_tables import read_extract_tables


@pytest.fixture(scope="session")
def tables() -> ExtractTables:
    return read_extract_tables()
