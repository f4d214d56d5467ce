"""The extractor's word tables agree with the vocabularies and the registry.

Standard library only (like tests/test_data_files.py): these are data files first.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest

DATA = Path(__file__).parents[2] / "data"
ARABIC = re.compile(r"[\u0600-\u06FF]")

TABLES = {
    "extract/numbers.csv": ("lang,word,value,kind,note", "word"),
    "extract/calendar.csv": ("kind,lang,word,value,note", "word"),
    "extract/cues.csv": ("kind,lang,phrase,position,note", "phrase"),
    "extract/source_aliases.csv": ("source,lang,alias,note", "alias"),
    "extract/report_series.csv": ("source,lang,series,note", "series"),
    "extract/qualifier_after.csv": ("lang,phrase,note", "phrase"),
    "vocabularies/metric_phrases.csv": ("metric,lang,phrase,note", "phrase"),
    "vocabularies/population_phrases.csv": ("population,lang,phrase,not_for,note", "phrase"),
    "vocabularies/unit_phrases.csv": ("unit,lang,phrase,note", "phrase"),
}


@cache
def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def ids(name: str, column: str = "id") -> set[str]:
    return {row[column] for row in read(name)[1]}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_header_languages_and_no_repeats(name: str) -> None:
    header, body = read(name)
    expected, phrase = TABLES[name]
    assert ",".join(header) == expected
    assert body
    keys = [c for c in header if c not in ("note", "value", "not_for", "position")]
    seen = set()
    for row in body:
        assert row["lang"] in ("en", "ar"), row
        assert row[phrase] and row[phrase] == row[phrase].strip(), row
        assert bool(ARABIC.search(row[phrase])) == (row["lang"] == "ar"), row
        key = tuple(row[k] for k in keys)
        assert key not in seen, f"listed twice: {row}"
        seen.add(key)
    langs = {row["lang"] for row in body}
    assert langs == {"en", "ar"}, f"{name} needs both languages"


def test_phrases_name_known_ids() -> None:
    metrics = ids("vocabularies/metrics.csv")
    populations = ids("vocabularies/populations.csv")
    units = ids("vocabularies/units.csv")
    sources = ids("sources.csv")
    assert ids("vocabularies/metric_phrases.csv", "metric") <= metrics
    assert ids("vocabularies/population_phrases.csv", "population") <= populations
    assert ids("vocabularies/unit_phrases.csv", "unit") <= units
    assert ids("extract/source_aliases.csv", "source") <= sources
    assert ids("extract/report_series.csv", "source") <= sources
    for row in read("vocabularies/population_phrases.csv")[1]:
        assert set(filter(None, row["not_for"].split(";"))) <= metrics, row


def test_source_parts_name_registered_sources_once() -> None:
    header, body = read("extract/source_parts.csv")
    assert ",".join(header) == "source,part_of,note"
    sources = ids("sources.csv") - {"unattributed"}
    assert body and [r["source"] for r in body] == sorted({r["source"] for r in body})
    for row in body:
        assert {row["source"], row["part_of"]} <= sources and row["source"] != row["part_of"], row


def test_every_metric_and_registered_source_has_phrases_in_both_languages() -> None:
    for name, column, wanted in (
        ("vocabularies/metric_phrases.csv", "metric", ids("vocabularies/metrics.csv")),
        ("extract/source_aliases.csv", "source", ids("sources.csv") - {"unattributed"}),
    ):
        body = read(name)[1]
        for item in wanted:
            langs = {r["lang"] for r in body if r[column] == item}
            assert langs == {"en", "ar"}, (name, item, langs)


def test_number_words() -> None:
    kinds = {"add", "mul", "scale", "scale_dual", "compound", "dual", "suffix", "fraction"}
    for row in read("extract/numbers.csv")[1]:
        assert row["kind"] in kinds, row
        assert int(row["value"]) > 0, row
    words = {r["word"]: int(r["value"]) for r in read("extract/numbers.csv")[1]}
    assert words["ثماني"] == 8 and words["مئة"] == words["مائة"] == 100
    assert words["ألف"] == words["آلاف"] == 1000 and words["مليون"] == 1_000_000
    assert words["thousand"] == 1000 and words["twenty"] == 20


def test_calendar_words() -> None:
    kinds = {
        "month", "weekday", "relative_day", "duration", "since", "until", "as_of", "between",
        "during", "began", "start_of", "offensive", "past", "current", "part", "month_word",
        "year_word", "date_filler", "event", "struck", "day_word",
    }  # fmt: skip
    body = read("extract/calendar.csv")[1]
    for row in body:
        assert row["kind"] in kinds, row
        if row["kind"] == "month":
            assert 1 <= int(row["value"]) <= 12, row
        if row["kind"] == "weekday":
            assert 0 <= int(row["value"]) <= 6, row
        if row["kind"] == "day_word":
            assert 1 <= int(row["value"]) <= 31, row
        if row["kind"] in ("relative_day", "part"):
            first, last = (int(x) for x in row["value"].split(";"))
            assert first <= last, row
        if row["kind"] == "duration":
            assert float(row["value"]) > 0, row
    for lang, months in (("en", 12), ("ar", 12)):
        assert {int(r["value"]) for r in body if r["kind"] == "month" and r["lang"] == lang} == set(
            range(1, months + 1)
        )
    levantine = {"كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب"}
    egyptian = {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس"}
    assert levantine | egyptian <= {r["word"] for r in body if r["kind"] == "month"}


def test_cues_and_qualifier_positions() -> None:
    positions = {"before", "after", "any"}
    for row in read("extract/cues.csv")[1]:
        assert row["position"] in positions, row
    must_not = {r["kind"] for r in read("extract/cues.csv")[1]}
    assert {"money", "percent", "age", "members", "document", "projection"} <= must_not
    phrases = {(r["lang"], r["phrase"]) for r in read("vocabularies/qualifier_phrases.csv")[1]}
    for row in read("extract/qualifier_after.csv")[1]:
        assert (row["lang"], row["phrase"]) in phrases, f"not a qualifier phrase: {row}"
