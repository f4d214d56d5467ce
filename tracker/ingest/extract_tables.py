"""Reading the extractor's word tables from ``data/`` (see data/README.md)."""

from __future__ import annotations

from pathlib import Path

from tracker.domain.vocabularies import Vocabularies
from tracker.extract.tables import ExtractTables
from tracker.ingest.reference import DATA_DIR, read_place_aliases, read_reference, read_table

EXTRACT_FILES: dict[str, str] = {
    "numbers": "extract/numbers.csv",
    "calendar": "extract/calendar.csv",
    "cues": "extract/cues.csv",
    "source_aliases": "extract/source_aliases.csv",
    "report_series": "extract/report_series.csv",
    "source_parts": "extract/source_parts.csv",
    "qualifier_after": "extract/qualifier_after.csv",
    "metric_precedence": "extract/metric_precedence.csv",
    "metric_phrases": "vocabularies/metric_phrases.csv",
    "population_phrases": "vocabularies/population_phrases.csv",
    "unit_phrases": "vocabularies/unit_phrases.csv",
}


def read_extract_tables(
    data_dir: Path = DATA_DIR,
    vocab: Vocabularies | None = None,
    aliases_file: Path | None = None,
) -> ExtractTables:
    """The extractor's tables: the word tables of ``data/extract`` and ``data/vocabularies``,
    the reference vocabularies (``vocab``, else read from ``data_dir``) and the place aliases
    (``data/gazetteer/aliases.csv``, or a user's file in the same columns)."""
    frames = {name: read_table(data_dir / rel) for name, rel in EXTRACT_FILES.items()}
    aliases = read_place_aliases(aliases_file or data_dir / "gazetteer" / "aliases.csv")
    return ExtractTables(vocab or read_reference(data_dir), frames, aliases)
