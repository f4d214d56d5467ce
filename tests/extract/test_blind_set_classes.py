"""The classes of misses of the last blind set (issue #15), with sentences written for these
tests in both languages: verbs of leaving and arriving, facilities out of service, an
adjective between a number and its noun, phone numbers, counts of things no metric counts,
ranges written "from … to …" and compound Arabic numbers."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tracker.extract import extract
from tracker.extract.tables import ExtractTables

from .helpers import values

R = date(2020, 2, 12)  # a Wednesday, in the Idlib offensive
OUT_OF_SERVICE = "health_facilities_out_of_service"


def rows(text: str, tables: ExtractTables) -> dict[str, dict]:
    frame = extract(text, tables, reported_on=R)
    return {
        r["value"]: {k: (None if pd.isna(v) else v) for k, v in r.items()}
        for r in frame.to_dict("records")
    }


def metrics(text: str, tables: ExtractTables) -> dict[str, str]:
    return {v: r["metric"] for v, r in rows(text, tables).items()}


# --- 1. leaving and arriving are displacement


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("More than 4,000 families had left Maarat al-Numan since Monday, OCHA said.", "4000"),
        ("Thousands of civilians poured out of Saraqeb on Thursday, the monitor said.", "1000"),
        ("Nearly 1,500 people arrived in Afrin city from nearby villages overnight.", "1500"),
        ("About 600 people crossed into areas near Azaz on Sunday, OCHA said.", "600"),
        ("وقال المرصد السوري إن أكثر من 3 آلاف شخص وصلوا إلى مدينة عفرين.", "3000"),
        ("وغادر نحو 5 آلاف مدني مدينة دوما يوم الأحد.", "5000"),
        ("وخرج أكثر من 10 آلاف مدني من الغوطة الشرقية عبر ممر آمن.", "10000"),
        ("ولجأ نحو 3500 شخص إلى المدارس في إدلب.", "3500"),
        ("وتوافد قرابة ألفي شخص إلى بلدات ريف حلب الشمالي.", "2000"),
    ],
)
def test_verbs_of_leaving_and_arriving_are_displacement(
    text: str, value: str, tables: ExtractTables
) -> None:
    assert metrics(text, tables) == {value: "displaced"}


# --- 2. facilities out of service, when a metric counts them


def test_facilities_that_suspended_operations(tables: ExtractTables) -> None:
    en = "At least 12 hospitals in Idlib suspended operations after the strikes, WHO said."
    ar = "وتوقفت 7 مراكز صحية عن العمل في ريف إدلب الجنوبي."
    assert metrics(en, tables) == {"12": "health_facilities_out_of_service"}
    assert metrics(ar, tables) == {"7": "health_facilities_out_of_service"}


def test_facilities_no_metric_counts_are_not_proposed(tables: ExtractTables) -> None:
    for text in (
        "Four schools and six bakeries suspended operations in Ariha, OCHA said.",
        "Four schools sheltering displaced families in Idlib were damaged, OCHA said.",
        "وخرجت 4 أفران عن الخدمة في معرة النعمان.",
        "وقال مكتب أوتشا إن 12 مدرسة تؤوي نازحين تضررت في إدلب.",
    ):
        assert rows(text, tables) == {}, text


# --- 3. an adjective or nationality between the number and its noun


@pytest.mark.parametrize(
    ("text", "value", "metric"),
    [
        (
            "The Syrian Observatory recorded 25 Turkish air strikes on Afrin on Sunday.",
            "25",
            "airstrikes",
        ),
        ("The monitor counted 12 Russian and Syrian air strikes on Idlib.", "12", "airstrikes"),
        ("Some 300 newly displaced families reached Atmeh, OCHA said.", "300", "idps"),
        ("وثق المرصد السوري 25 غارة روسية على ريف إدلب.", "25", "airstrikes"),
        (
            "وقالت المنظمة إن ثلاثة مستشفيات ميدانية خرجت عن الخدمة في دوما.",
            "3",
            "health_facilities_out_of_service",
        ),
    ],
)
def test_an_adjective_between_number_and_noun(
    text: str, value: str, metric: str, tables: ExtractTables
) -> None:
    assert metrics(text, tables) == {value: metric}


# --- 4. phone numbers are never figures


@pytest.mark.parametrize(
    "text",
    [
        "Displaced families in Idlib can call the hotline on 0944 123 456 for help.",
        "Displaced families can reach the helpline at +963 11 123 4567, OCHA said.",
        "Call 963-11-2345678 to report displaced families in Azaz.",
        "للإبلاغ عن حالات النزوح في إدلب يرجى الاتصال بالرقم 0944 123 456.",
        "يمكن للنازحين في إدلب الاتصال على +963 11 123 4567 أو 0933-456-789.",
        "Displaced families in Afrin may call (021) 2345678 for shelter.",
    ],
)
def test_phone_numbers_are_never_figures(text: str, tables: ExtractTables) -> None:
    assert rows(text, tables) == {}


def test_a_figure_beside_a_phone_number_is_still_read(tables: ExtractTables) -> None:
    text = "Some 2,500 people fled Ariha on Tuesday; families can call 0944 123 456, OCHA said."
    assert metrics(text, tables) == {"2500": "displaced"}


def test_numbers_in_a_table_row_are_no_phone(tables: ExtractTables) -> None:
    assert [v for v, _, _ in values("Idlib 120 340 5600", tables)] == [120, 340, 5600]


# --- 5. counts of things no metric counts


@pytest.mark.parametrize(
    "text",
    [
        "A convoy of 30 trucks carrying aid entered Idlib on Monday, the UN said.",
        "The WHO said 40 new cases of cholera were recorded among displaced people in Idlib.",
        "ودخلت 45 شاحنة محملة بالمساعدات إلى إدلب عبر معبر باب الهوى.",
        "The displaced fled to camps 25 km from the Turkish border.",
    ],
)
def test_counts_of_things_are_not_figures(text: str, tables: ExtractTables) -> None:
    assert rows(text, tables) == {}


def test_cases_of_a_metric_are_figures(tables: ExtractTables) -> None:
    ar = "وسجل المرصد 12 حالة وفاة و30 حالة اعتقال في درعا."
    en = "The network documented 45 cases of arbitrary arrest in Daraa."
    assert metrics(ar, tables) == {"12": "killed", "30": "detained"}
    assert metrics(en, tables) == {"45": "detained"}


# --- 6. ranges and compound numbers


def test_from_to_is_a_range_unless_a_change(tables: ExtractTables) -> None:
    assert values("من 3 إلى 5 آلاف مدني", tables) == [(3000, 5000, "digits")]
    assert values("from 3,000 to 5,000 people", tables) == [(3000, 5000, "digits")]
    assert [v for v, _, _ in values("the toll rose from 300 to 500", tables)] == [300, 500]
    assert [v for v, _, _ in values("ارتفع عدد القتلى من 300 إلى 500", tables)] == [300, 500]


def test_a_scaled_count_and_a_smaller_one(tables: ExtractTables) -> None:
    assert values("3 آلاف و500 قتيل", tables) == [(3500, None, "digits")]
    assert values("مليون و200 ألف نازح", tables) == [(1_200_000, None, "words")]
    assert [v for v, _, _ in values("3 آلاف و 500 جريح", tables)] == [3000, 500]


# --- 7. cumulative totals of the year, and people out in the open


@pytest.mark.parametrize(
    "text",
    [
        "Almost 1,000 civilians were killed in Idlib since the start of the year, the UN said.",
        "So far this year, more than 300 civilians have been killed in Idlib, the SNHR said.",
        "ووثقت الشبكة السورية مقتل 450 مدنياً منذ بداية العام الجاري في إدلب.",
        "ووثقت الشبكة السورية مقتل 450 مدنياً منذ مطلع العام في إدلب.",
        "وقتل 200 مدني في إدلب هذا العام بحسب الشبكة السورية.",
    ],
)
def test_the_year_so_far_starts_on_its_first_day(text: str, tables: ExtractTables) -> None:
    (row,) = rows(text, tables).values()
    assert (row["metric"], row["period_start"]) == ("killed", "2020-01-01")


def test_a_written_year_is_still_that_year(tables: ExtractTables) -> None:
    text = "The network documented 4,759 civilian deaths in Syria since the beginning of 2018."
    assert rows(text, tables)["4759"]["period_start"] == "2018-01-01"


def test_sleeping_in_the_open_is_displaced_people(tables: ExtractTables) -> None:
    en = "Some 80,000 people were sleeping in the open, UNHCR spokesman Andrej Mahecic said."
    ar = "وقالت المفوضية إن نحو 80 ألف شخص ينامون في العراء شمال إدلب."
    assert metrics(en, tables) == {"80000": "idps"}
    assert metrics(ar, tables) == {"80000": "idps"}


def test_the_offensive_of_another_place_gives_no_start(tables: ExtractTables) -> None:
    # the tracker knows the 2018 Dar'a offensive; an offensive in Afrin in 2020 is not it
    ar = "وارتفعت حصيلة القتلى في عفرين منذ بداية الحملة إلى 1500 مدني، بحسب المرصد السوري."
    (row,) = rows(ar, tables).values()
    assert (row["value"], row["period_start"], row["episode"]) == ("1500", None, None)
    daraa = "Some 300 civilians were killed in Daraa since the start of the offensive, SOHR said."
    assert rows(daraa, tables)["300"]["period_start"] == "2018-06-19"


def test_a_crowd_and_an_aid_convoy_are_no_displacement(tables: ExtractTables) -> None:
    for text in (
        "وخرج الآلاف في مظاهرات في إدلب يوم الجمعة.",
        "Thousands poured out into the streets of Idlib to protest on Friday.",
        "The UN said 12 aid trucks arrived in Idlib on Monday.",
    ):
        assert rows(text, tables) == {}, text


def test_a_toll_that_reached_a_number_is_still_a_toll(tables: ExtractTables) -> None:
    ar = "ووصل عدد القتلى إلى 50 مدنياً في إدلب، بحسب المرصد."
    assert metrics(ar, tables) == {"50": "killed"}


def test_a_decimal_count_of_millions(tables: ExtractTables) -> None:
    # 4.1 × 1,000,000 is 4,099,999.9999… in binary floating point: still 4.1 million
    assert values("An estimated 4.1 million people in need", tables) == [
        (4_100_000, None, "digits")
    ]
    assert values("نحو 2.35 مليون نازح", tables) == [(2_350_000, None, "digits")]
