"""data/columns.csv: every canonical column has a label and a help in English and Arabic."""

from __future__ import annotations

from tracker.domain.vocabularies import CANONICAL_COLUMNS
from tracker.ingest.reference import DATA_DIR, read_reference, read_table


def test_every_canonical_column_has_both_labels_and_helps() -> None:
    words = read_table(DATA_DIR / "columns.csv").set_index("column")
    assert list(words.index) == list(CANONICAL_COLUMNS)
    for column in ("label_en", "label_ar", "help_en", "help_ar"):
        empty = words.index[words[column].isna()].tolist()
        assert not empty, f"columns.csv: {column} is empty for {empty}"
    arabic = words["label_ar"].str.contains("[\u0600-\u06ff]", regex=True)
    assert arabic.all(), words.index[~arabic].tolist()


def test_the_vocabularies_give_a_columns_words_by_language() -> None:
    vocab = read_reference()
    assert vocab.column_words("source", "ar")[0] == "المصدر"
    assert vocab.column_words("period_end", "en")[0] == "Window end"
    assert vocab.column_words("not_a_column", "ar") == ("not_a_column", "")
