"""The entry form's place picker (/workspace/places): what an analyst types finds the place,
by the gazetteer's names or by the spellings of the shared alias table, in both languages;
a query that matches nothing offers nothing."""

from __future__ import annotations

import pytest

from dashboards.workspace.options import search_places
from tracker.domain.vocabularies import Vocabularies
from tracker.ingest.reference import read_reference


@pytest.fixture(scope="module")
def vocab() -> Vocabularies:
    return read_reference()


def codes(vocab: Vocabularies, query: str) -> list[str]:
    return [row["pcode"] for row in search_places(vocab, query)]


def test_a_query_without_a_match_offers_nothing(vocab: Vocabularies) -> None:
    assert search_places(vocab, "Qwxq") == []
    assert search_places(vocab, "كلمةلامكان") == []


def test_no_offered_place_is_nan(vocab: Vocabularies) -> None:
    for query in ("Daraa", "Qwxq", "SY12", "درعا", "ghouta"):
        for row in search_places(vocab, query):
            assert "nan" not in row["label"] and row["pcode"] != "nan", (query, row)


@pytest.mark.parametrize(
    ("query", "pcode"),
    [
        ("Daraa", "SY12"),
        ("Idlib", "SY07"),
        ("Busra al-Harir", "C6105"),
        ("بصر الحرير", "C6105"),
        ("درعا", "SY12"),
        ("إدلب", "SY07"),
    ],
)
def test_common_spellings_find_the_place(vocab: Vocabularies, query: str, pcode: str) -> None:
    assert pcode in codes(vocab, query)


def test_the_labels_name_the_place_in_both_languages(vocab: Vocabularies) -> None:
    (first, *_) = search_places(vocab, "Idlib")
    assert first["label"] == "Idleb — إدلب (SY07, governorate / محافظة)"
