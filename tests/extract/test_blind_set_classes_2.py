"""The classes of misses of the second blind set (issue #15), with sentences written for
these tests in both languages: windows opened by a time of day, by hours back from the
report, by two joined days, and by an event the article dated earlier; OCHA's own reports;
counts the metrics missed; and numbers that are no figures."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tracker.extract import extract
from tracker.extract.tables import ExtractTables

R = date(2020, 2, 12)  # a Wednesday, in the Idlib offensive
R_ALEPPO = date(2024, 12, 5)  # a Thursday, no registered episode


def rows(text: str, tables: ExtractTables, reported_on: date = R, **kw: str) -> list[dict]:
    frame = extract(text, tables, reported_on=reported_on, **kw)
    return [
        {k: (None if pd.isna(v) else v) for k, v in r.items()} for r in frame.to_dict("records")
    ]


def starts(text: str, tables: ExtractTables, reported_on: date = R) -> dict[str, str | None]:
    return {r["value"]: r["period_start"] for r in rows(text, tables, reported_on)}


# --- window start: a time of day joined to its day


@pytest.mark.parametrize(
    "text",
    [
        "At least 40 civilians have been killed in Idlib since dawn on Monday, the Syrian "
        "Observatory said.",
        "At least 40 civilians have been killed in Idlib since Monday morning, the Syrian "
        "Observatory said.",
        "وقال المرصد السوري إن 40 مدنياً قتلوا في إدلب منذ فجر الاثنين.",
        "وقال المرصد السوري إن 40 مدنياً قتلوا في إدلب منذ صباح الاثنين.",
    ],
)
def test_a_time_of_day_opens_the_window_on_its_day(text: str, tables: ExtractTables) -> None:
    assert starts(text, tables) == {"40": "2020-02-10"}


def test_yesterday_with_a_time_of_day_and_its_weekday(tables: ExtractTables) -> None:
    text = "وقال المرصد السوري إن 40 مدنياً قتلوا في إدلب منذ صباح أمس الثلاثاء."
    assert starts(text, tables) == {"40": "2020-02-11"}


# --- window start: hours back from the report


@pytest.mark.parametrize(
    "text",
    [
        "At least 20 civilians were killed in Idlib in the past 24 hours, the Syrian "
        "Observatory said.",
        "وقال المرصد السوري إن 20 مدنياً قتلوا في إدلب خلال الساعات الـ24 الماضية.",
        "وقال المرصد السوري إن 20 مدنياً قتلوا في إدلب خلال الساعات الـ٢٤ الماضية.",
        "وقال المرصد السوري إن 20 مدنياً قتلوا في إدلب خلال الـ24 ساعة الماضية.",
    ],
)
def test_the_past_24_hours_open_the_day_before_the_report(text: str, tables: ExtractTables) -> None:
    assert starts(text, tables) == {"20": "2020-02-11"}


# --- window start: two joined days


@pytest.mark.parametrize(
    "text",
    [
        "On Monday and Tuesday, at least 20 civilians were killed in Idlib, the Syrian "
        "Observatory said.",
        "وقال المرصد السوري إن 20 مدنياً قتلوا في إدلب يومي الاثنين والثلاثاء.",
    ],
)
def test_two_joined_days_open_on_the_first(text: str, tables: ExtractTables) -> None:
    (row,) = rows(text, tables)
    assert (row["period_start"], row["period_end"]) == ("2020-02-10", "2020-02-11")


# --- window start: an event the article dated earlier


def test_since_the_earthquake_is_the_day_it_struck(tables: ExtractTables) -> None:
    en = (
        "A powerful earthquake struck northwest Syria on 6 February.\n"
        "Since the earthquake, more than 40,000 people have been displaced in Idlib, OCHA said."
    )
    ar = (
        "ضرب زلزال مدمر شمال غرب سوريا في 6 شباط/فبراير.\n"
        "وقال مكتب أوتشا إن أكثر من 40 ألف شخص نزحوا في إدلب منذ الزلزال."
    )
    for text in (en, ar):
        assert starts(text, tables, R_ALEPPO) == {"40000": "2024-02-06"}, text


def test_since_the_start_of_the_offensive_the_article_dated(tables: ExtractTables) -> None:
    en = (
        "The offensive began on 27 November in Aleppo.\n"
        "More than 700 people have been killed in Aleppo since the start of the offensive, "
        "the Syrian Observatory said."
    )
    ar = (
        "وقال المرصد السوري إن 700 شخص قتلوا منذ بدء الهجوم الواسع الذي تشنه الفصائل "
        "المسلحة في شمال غرب سوريا في 27 تشرين الثاني/نوفمبر."
    )
    for text in (en, ar):
        assert starts(text, tables, R_ALEPPO) == {"700": "2024-11-27"}, text


def test_a_figure_of_a_dated_event_opens_on_its_day(tables: ExtractTables) -> None:
    text = (
        "وبدأت أمس الأربعاء عملية الإجلاء من بلدتي الفوعة وكفريا.\n"
        "وقال المرصد السوري إن نحو 5 آلاف شخص غادروا الفوعة في القافلة الأولى."
    )
    assert starts(text, tables, R_ALEPPO) == {"5000": "2024-12-04"}


def test_a_figure_of_no_dated_event_keeps_no_start(tables: ExtractTables) -> None:
    text = (
        "The earthquake struck on 6 February.\n"
        "The Syrian Observatory said 40 people had fled Aleppo, without saying when."
    )
    assert starts(text, tables, R_ALEPPO) == {"40": None}


def test_a_figure_said_for_yesterday_keeps_yesterday(tables: ExtractTables) -> None:
    text = (
        "The Syrian Observatory said 12 civilians were killed in Idlib yesterday in air strikes "
        "that have not stopped since the start of the offensive."
    )
    assert starts(text, tables) == {"12": "2020-02-11"}


# --- source: a text whose title says it is OCHA's own report


@pytest.mark.parametrize(
    "text",
    [
        "Syria: Earthquakes - Flash Update No. 2 (8 February 2023)\n\n"
        "WFP is distributing food in Idlib. At least 11,000 people are displaced in Idlib.",
        "سوريا: الزلازل - تحديث عاجل رقم 2\n\n"
        "ويوزع برنامج الأغذية العالمي المساعدات في إدلب. ونزح ما لا يقل عن 11 ألف شخص في إدلب.",
        "https://reliefweb.int/report/syria/syria-situation-report-3\n"
        "Syria: Situation Report No. 3\n"
        "At least 11,000 people are displaced in Idlib.",
    ],
)
def test_an_ocha_report_by_its_title_gives_its_figures_to_ocha(
    text: str, tables: ExtractTables
) -> None:
    found = {r["value"]: r["source"] for r in rows(text, tables, date(2023, 2, 8))}
    assert found == {"11000": "un-ocha"}


def test_a_figure_its_own_sentence_attributes_keeps_its_source(tables: ExtractTables) -> None:
    text = (
        "Syria: Earthquakes - Flash Update No. 2\n\n"
        "UNHCR said 3,000 refugees had returned to Idlib. At least 11,000 people are "
        "displaced in Idlib."
    )
    found = {r["value"]: r["source"] for r in rows(text, tables, date(2023, 2, 8))}
    assert found == {"3000": "unhcr", "11000": "un-ocha"}


def test_a_title_naming_another_agency_is_that_agency(tables: ExtractTables) -> None:
    text = "UNHCR Flash Update No. 4\n\nAt least 11,000 people are displaced in Idlib."
    found = {r["value"]: r["source"] for r in rows(text, tables, date(2023, 2, 8))}
    assert found == {"11000": "unhcr"}


# --- qualifier: a toll that has passed a number


@pytest.mark.parametrize(
    "text",
    [
        "The death toll in Syria has passed 5,800, the Syrian Observatory said.",
        "The death toll in Syria has exceeded 5,800, the Syrian Observatory said.",
        "وقال المرصد السوري إن حصيلة القتلى تجاوزت 5800 في سوريا.",
        "وقال المرصد السوري إن حصيلة القتلى تخطت 5800 في سوريا.",
    ],
)
def test_a_toll_that_passed_a_number_is_more_than_it(text: str, tables: ExtractTables) -> None:
    found = {r["value"]: r["qualifier"] for r in rows(text, tables, date(2023, 2, 8))}
    assert found == {"5800": "more_than"}


# --- spurious: vehicles are no people, whatever verb moves them


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian Observatory said 52 UN trucks had crossed into Idlib.",
        "OCHA said 20 buses carrying displaced people left Idlib.",
        "وقال المرصد السوري إن 20 حافلة خرجت من إدلب.",
    ],
)
def test_counts_of_vehicles_are_no_figures(text: str, tables: ExtractTables) -> None:
    assert rows(text, tables, date(2023, 2, 8)) == []


# --- metric: a verb of what became of refugees says what is counted


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("UNHCR said 25,000 refugees returned to Syria.", "returned"),
        ("وقالت المفوضية إن 25 ألف لاجئ عادوا إلى سوريا.", "returned"),
        ("The strikes killed 11 Palestinian refugees in Yarmouk, UNRWA said.", "killed"),
        ("وقالت الأونروا إن القصف أدى إلى مقتل 11 لاجئاً فلسطينياً في مخيم اليرموك.", "killed"),
    ],
)
def test_refugees_returned_or_killed(text: str, metric: str, tables: ExtractTables) -> None:
    (row,) = rows(text, tables, date(2023, 2, 8))
    assert row["metric"] == metric
    if metric == "killed":
        assert row["population"] == "palestinian_refugees"


# --- spurious: the whole war's background totals


@pytest.mark.parametrize(
    "text",
    [
        "The war has killed hundreds of thousands of people and displaced millions since 2011.",
        "وأسفرت الحرب عن مقتل مئات الآلاف وتشريد الملايين منذ عام 2011.",
    ],
)
def test_the_wars_background_totals_are_no_figures(text: str, tables: ExtractTables) -> None:
    assert rows(text, tables, date(2023, 2, 8)) == []


def test_a_counted_toll_of_the_war_is_still_a_figure(tables: ExtractTables) -> None:
    text = "The war has killed more than 500,000 people, the Syrian Observatory said."
    assert [r["value"] for r in rows(text, tables, date(2023, 2, 8))] == ["500000"]


# --- value: health facilities out of service, more nouns, status a few words away


@pytest.mark.parametrize(
    "text",
    [
        "وقالت منظمة الصحة العالمية إن 8 مستوصفات خرجت عن الخدمة في إدلب.",
        "وقال مكتب أوتشا إن 8 مستوصفات في ريف إدلب الجنوبي باتت خارج الخدمة.",
        "OCHA said 8 clinics in Idlib were not functioning.",
    ],
)
def test_clinics_out_of_service(text: str, tables: ExtractTables) -> None:
    found = {r["value"]: r["metric"] for r in rows(text, tables, date(2023, 2, 8))}
    assert found == {"8": "health_facilities_out_of_service"}
