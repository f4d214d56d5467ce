"""From a paragraph to proposed figures: every field, its reason, and the schema's word on it.

The paragraphs are written for these tests, in the shape of the reports the tracker reads.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest

from tracker.domain.validation import validate_figures
from tracker.domain.vocabularies import CANONICAL_COLUMNS
from tracker.extract import OUTPUT_COLUMNS, extract
from tracker.extract.tables import ExtractTables

R = date(2018, 7, 12)

ARABIC = (
    "وقال المرصد السوري لحقوق الإنسان إن 27 مدنياً على الأقل قتلوا منذ 3 تموز في غارات "
    "على مدينة نوى في محافظة درعا، بينهم 8 أطفال. "
    "وأضاف أن الطائرات الحربية شنت نحو 45 غارة أمس على بلدات ريف درعا الغربي. "
    "وقالت الأمم المتحدة إن أكثر من 60 ألف شخص نزحوا باتجاه الحدود مع الأردن."
)

ENGLISH = (
    "The Syrian Network for Human Rights said at least 214 civilians, including 37 children, "
    "were killed in Dar'a between 15 June and 30 June. "
    "Separately, the Horan Documentation Center said 19 people died in Jasim. "
    "About 2,000 families have returned to As-Sanamayn since Sunday, local councils said."
)


def rows(frame: pd.DataFrame) -> dict[str, dict]:
    return {r["value"]: r for r in frame.to_dict("records")}


@pytest.fixture(scope="module")
def arabic(tables) -> dict[str, dict]:
    return rows(extract(ARABIC, tables, reported_on=R))


@pytest.fixture(scope="module")
def english(tables) -> dict[str, dict]:
    return rows(extract(ENGLISH, tables, reported_on=R, publisher="Example News"))


def fields(row: dict, *names: str) -> tuple:
    return tuple(None if pd.isna(row[n]) else row[n] for n in names)


FIELDS = ("qualifier", "metric", "population", "source", "location", "period_start", "period_end")


def test_arabic_paragraph(arabic) -> None:
    assert set(arabic) == {"27", "8", "45", "60000"}
    assert fields(arabic["27"], *FIELDS) == (
        "at_least",
        "killed",
        "civilians",
        "sohr",
        "C6124",  # the Nawa of Dar'a governorate, not the villages of that name elsewhere
        "2018-07-03",
        "2018-07-12",
    )
    # a part of the figure before it: its own population, the whole's metric and window
    assert fields(arabic["8"], *FIELDS) == (
        "exact",
        "killed",
        "children",
        "sohr",
        "C6124",
        "2018-07-03",
        "2018-07-12",
    )
    # "وأضاف أن" continues the source named before; "أمس" is the day before reported_on
    assert fields(arabic["45"], *FIELDS) == (
        "approx",
        "airstrikes",
        "all",
        "sohr",
        "SY12",
        "2018-07-11",
        "2018-07-11",
    )
    assert fields(arabic["60000"], "qualifier", "metric", "source", "location") == (
        "more_than",
        "displaced",
        "un",
        "SY12",  # no place in the sentence: the place named before
    )
    assert arabic["45"]["unit"] == "events" and arabic["60000"]["unit"] == "persons"
    assert all(r["episode"] == "daraa-2018" for r in arabic.values())


def test_english_paragraph(english) -> None:
    assert set(english) == {"214", "37", "19", "2000"}
    assert fields(english["214"], *FIELDS) == (
        "at_least",
        "killed",
        "civilians",
        "snhr",
        "SY12",
        "2018-06-15",
        "2018-06-30",
    )
    assert fields(english["37"], "metric", "population", "source") == (
        "killed",
        "children",
        "snhr",
    )
    returned = english["2000"]
    assert fields(returned, "qualifier", "metric", "unit", "source", "location") == (
        "approx",
        "returned",
        "households",
        "local-councils",
        "SY1202",
    )
    assert returned["period_start"] == "2018-07-08"  # the Sunday before reported_on


def test_a_source_the_registry_lacks_is_named_in_the_reasons_not_guessed(english) -> None:
    died = english["19"]
    assert died["source"] == "unattributed"
    assert "Horan Documentation Center" in died["reasons"]
    assert "not in the source registry → unattributed" in died["reasons"]
    assert died["confidence"] < 0.9


def test_every_field_gives_its_reason(arabic) -> None:
    reasons = arabic["27"]["reasons"]
    for part in ("على الأقل (after) → at_least", "قتلوا → killed", "→ civilians", "→ sohr"):
        assert part in reasons
    assert "'منذ 3 تموز' → period_start 2018-07-03 (year from reported_on)" in reasons
    assert "continues the source named before → sohr" in arabic["45"]["reasons"]


def test_output_columns_spans_and_quotes(tables) -> None:
    frame = extract(ARABIC, tables, reported_on=R)
    assert list(frame.columns) == list(OUTPUT_COLUMNS)
    for row in frame.to_dict("records"):
        assert pd.isna(row["figure_id"])
        assert ARABIC[row["span_start"] : row["span_end"]] == row["evidence"]
        assert row["evidence"] in row["quote"] and row["quote"] in ARABIC
        assert row["quote_lang"] == "ar"
    assert set(frame["evidence"]) >= {"27 مدنياً على الأقل", "نحو 45", "أكثر من 60 ألف"}


def test_complete_proposals_pass_the_figure_schema(tables) -> None:
    frame = extract(ARABIC + " " + ENGLISH, tables, reported_on=R)
    complete = frame[frame.attrs["complete"]]
    assert len(complete) == len(frame)  # the unregistered source's figure is unattributed
    checked = validate_figures(complete[list(CANONICAL_COLUMNS)], tables.vocab, date.today())
    assert checked.ok, checked.problems


def test_url_on_the_first_line_and_its_date(tables) -> None:
    text = "https://example.org/2018/07/12/daraa.html\n" + ARABIC
    frame = extract(text, tables)
    assert set(frame["url"]) == {"https://example.org/2018/07/12/daraa.html"}
    assert set(frame["reported_on"]) == {"2018-07-12"}
    first = frame.iloc[0]
    assert text[first["span_start"] : first["span_end"]] == first["evidence"]
    assert "read from the address" in first["reasons"]


def test_the_publishers_own_site_is_the_source_when_the_text_names_none(tables) -> None:
    text = "ارتفع إلى 52 على الأقل عدد قتلى قوات النظام في ريف درعا."
    (row,) = extract(text, tables, reported_on=R, url="https://www.syriahr.com/?p=1").to_dict(
        "records"
    )
    assert (row["source"], row["population"], row["qualifier"]) == (
        "sohr",
        "combatants_government",
        "at_least",
    )
    assert "syriahr.com is sohr's own site" in row["reasons"]
    (row,) = extract(text, tables, reported_on=R).to_dict("records")
    assert row["source"] == "unattributed"


def test_without_reported_on_the_proposal_is_incomplete(tables) -> None:
    frame = extract("قتل 12 مدنياً منذ 3 تموز في درعا، قال المرصد السوري.", tables)
    (row,) = frame.to_dict("records")
    assert pd.isna(row["reported_on"]) and pd.isna(row["period_start"])
    assert "give --reported-on" in row["reasons"]
    assert frame.attrs["complete"] == [False]


def test_since_the_offensive_began_takes_the_episodes_start(tables) -> None:
    text = "قتل 31 مدنياً في محافظة درعا منذ بدء الحملة العسكرية، بحسب المرصد السوري."
    (row,) = extract(text, tables, reported_on=date(2018, 6, 25)).to_dict("records")
    assert (row["period_start"], row["episode"]) == ("2018-06-19", "daraa-2018")
    assert "episode daraa-2018 started 2018-06-19" in row["reasons"]


def test_the_statement_date_is_not_the_window(tables) -> None:
    text = "The UN said on Tuesday that 45,000 people had fled fighting in Daraa province."
    (row,) = extract(text, tables, reported_on=R).to_dict("records")
    assert pd.isna(row["period_start"]) and row["period_end"] == "2018-07-12"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "reached" is how tolls grow, not aid
        ("The death toll in Nawa has reached 52, the Syrian Observatory said.", ("killed", "all")),
        # a metric word inside a population phrase says whose count it is
        (
            "About 300 Palestine refugee families have returned to the camp, UNRWA said.",
            ("returned", "palestinian_refugees"),
        ),
        # ... unless no other word says what is counted
        (
            "ارتفع إلى 52 على الأقل عدد قتلى النظام في ريف درعا.",
            ("killed", "combatants_government"),
        ),
        # the population named after "عدد" / "number of", before the number
        ("وقال المرصد إن عدد المدنيين الذين قتلوا بلغ 45 شخصاً.", ("killed", "civilians")),
        (
            "The number of civilians killed in Dar'a stands at 61, SNHR said.",
            ("killed", "civilians"),
        ),
        ("The regime forces killed 20 people in Nawa, SOHR said.", ("killed", "all")),
    ],
)
def test_metric_and_population_in_one_sentence(text, expected, tables) -> None:
    (row,) = extract(text, tables, reported_on=R).to_dict("records")
    assert (row["metric"], row["population"]) == expected


def test_a_weekday_after_yawm_is_a_day_not_a_duration(tables) -> None:
    text = "قتل 13 عنصراً من قوات النظام منذ بدء الحملة في درعا يوم الثلاثاء الماضي."
    (row,) = extract(text, tables, reported_on=date(2018, 6, 23)).to_dict("records")
    assert row["period_start"] == "2018-06-19"


def test_a_metric_counted_in_households_names_its_phrase_as_the_unit(tables) -> None:
    """A metric whose own unit is households, named with no unit phrase, gives that unit
    (its reason used to read the absent unit phrase and fail)."""
    metrics = tables.vocab.metrics.copy()
    metrics.loc["returned", "unit"] = "households"
    vocab = dataclasses.replace(tables.vocab, metrics=metrics)
    households = ExtractTables(vocab, tables.frames, tables.aliases)
    text = "Local councils said that 2,000 returnees reached As-Sanamayn."
    (row,) = extract(text, households, reported_on=R).to_dict("records")
    assert (row["metric"], row["unit"]) == ("returned", "households")
    assert "returnees → unit households" in row["reasons"]
