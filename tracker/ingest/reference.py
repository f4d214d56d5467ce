"""Reading the reference data (vocabularies, registry, gazetteer) from ``data/``."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from tracker.domain.vocabularies import Vocabularies

DATA_DIR = Path(os.environ.get("TRACKER_DATA", Path(__file__).resolve().parents[2] / "data"))

VOCABULARY_FILES: dict[str, str] = {
    "metrics": "vocabularies/metrics.csv",
    "populations": "vocabularies/populations.csv",
    "qualifiers": "vocabularies/qualifiers.csv",
    "units": "vocabularies/units.csv",
    "measures": "vocabularies/measures.csv",
    "source_types": "vocabularies/source_types.csv",
    "reliability": "vocabularies/reliability.csv",
    "sources": "sources.csv",
    "episodes": "episodes.csv",
}
EXTRA_FILES: dict[str, str] = {
    "severities": "vocabularies/severities.csv",
    "rules": "vocabularies/rules.csv",
    "levels": "vocabularies/levels.csv",
    "magnitudes": "vocabularies/magnitudes.csv",
    "interval_words": "vocabularies/interval_words.csv",
    "stock_flows": "vocabularies/stock_flows.csv",
    "sentence_words": "vocabularies/sentence_words.csv",
    "methodology": "methodology.csv",
    "columns": "columns.csv",
    "source_terms": "source_terms.csv",
    # other spellings of places ("Daraa", "Idlib"): the extractor's, importer's and searches'
    "place_aliases": "gazetteer/aliases.csv",
    # the words people use for ids: the importer's "did you mean" (and the extractor's tables)
    "unit_phrases": "vocabularies/unit_phrases.csv",
    "measure_phrases": "vocabularies/measure_phrases.csv",
    "metric_phrases": "vocabularies/metric_phrases.csv",
    "population_phrases": "vocabularies/population_phrases.csv",
}


def read_table(path: Path) -> pd.DataFrame:
    """A reference CSV as text, empty cells as missing."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


def read_gazetteer(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Every country file in data/gazetteer (named by its ISO code, e.g. SY.csv), by P-code."""
    frames = [read_table(p) for p in sorted((data_dir / "gazetteer").glob("[A-Z][A-Z].csv"))]
    gaz = pd.concat(frames, ignore_index=True)
    gaz["level"] = gaz["level"].astype(int)
    for column in ("latitude", "longitude"):
        gaz[column] = pd.to_numeric(gaz[column], errors="coerce")
    return gaz.set_index("pcode", drop=False)


def read_household_sizes(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Persons per household by country, with the plausible low and high and the source."""
    sizes = read_table(data_dir / "household_sizes.csv")
    point = pd.to_numeric(sizes["persons_per_household"])
    for bound in ("low", "high"):
        sizes[bound] = pd.to_numeric(sizes[bound]) if bound in sizes else point
        sizes[bound] = sizes[bound].fillna(point)
    sizes["persons_per_household"] = point
    return sizes.set_index("country", drop=False)


def read_reference(data_dir: Path = DATA_DIR) -> Vocabularies:
    """All vocabularies from the project's data/ folder."""
    frames = {
        name: read_table(data_dir / rel).set_index("id", drop=False)
        for name, rel in VOCABULARY_FILES.items()
    }
    phrases = read_table(data_dir / "vocabularies/qualifier_phrases.csv")
    extra = {
        name: _by_first_column(read_table(data_dir / rel))
        for name, rel in EXTRA_FILES.items()
        if (data_dir / rel).exists()
    }
    areas = data_dir / "areas.csv"
    if areas.exists():
        frames["areas"] = read_table(areas).set_index("id", drop=False)
    return Vocabularies(
        qualifier_phrases=phrases,
        gazetteer=read_gazetteer(data_dir),
        household_sizes=read_household_sizes(data_dir),
        extra=extra,
        **frames,
    )


def _by_first_column(table: pd.DataFrame) -> pd.DataFrame:
    """The table indexed by its first column (kept as a column too)."""
    return table.set_index(table.columns[0], drop=False)


def read_figures_file(path: Path) -> pd.DataFrame:
    """A canonical figures CSV shipped in data/ (seed or demo), as text."""
    return read_table(path)


def read_place_aliases(path: Path | None = None) -> pd.DataFrame:
    """Place aliases (alias, lang, pcode, note): ``data/gazetteer/aliases.csv``, or a user's file
    in the same columns."""
    aliases = read_table(path or DATA_DIR / "gazetteer" / "aliases.csv")
    missing = {"alias", "pcode"} - set(aliases.columns)
    if missing:
        raise ValueError(f"{path}: an alias file needs the columns alias and pcode")
    return aliases
