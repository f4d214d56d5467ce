"""Classes of misses found on articles the extractor had never seen (issue #15), each with
sentences written for these tests in both languages (other places, numbers and wording)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from tracker.extract import extract
from tracker.extract.tables import ExtractTables

R = date(2018, 7, 11)  # a Wednesday


def proposals(text: str, tables: ExtractTables, publisher: str | None = None) -> dict[str, dict]:
    frame = extract(text, tables, reported_on=R, publisher=publisher)
    return {
        r["value"]: {k: (None if pd.isna(v) else v) for k, v in r.items()}
        for r in frame.to_dict("records")
    }


def metrics(text: str, tables: ExtractTables) -> dict[str, str]:
    return {v: r["metric"] for v, r in proposals(text, tables).items()}


# --- 1. every metric has the verbs and nouns a reader expects, in both languages


def test_aid_delivered_is_people_assisted(tables) -> None:
    en = "The World Food Programme said it reached some 14,200 people in Jasim with food rations."
    ar = "وقال برنامج الأغذية العالمي إنه تمكن من إيصال سلال غذائية إلى 23 ألف شخص في جاسم."
    assert metrics(en, tables) == {"14200": "people_assisted"}
    assert metrics(ar, tables) == {"23000": "people_assisted"}


def test_gathered_near_a_crossing_is_at_border(tables) -> None:
    en = "Around 9,000 of them have gathered near the Tel Shihab crossing, UNHCR said."
    ar = "وقالت المفوضية إن قرابة 9 آلاف منهم تجمعوا قرب معبر تل شهاب."
    assert metrics(en, tables) == {"9000": "at_border"}
    assert metrics(ar, tables) == {"9000": "at_border"}


def test_facilities_put_out_of_service(tables) -> None:
    en = "The WHO said four hospitals in Nawa were put out of action by the bombardment."
    ar = "وأعلنت منظمة الصحة العالمية خروج أربعة مستشفيات في نوى عن الخدمة."
    assert metrics(en, tables) == {"4": "health_facilities_out_of_service"}
    assert metrics(ar, tables) == {"4": "health_facilities_out_of_service"}


def test_a_coordinated_part_keeps_the_metric(tables) -> None:
    en = (
        "The Syrian Network for Human Rights said 163 civilians were killed in Tafas, "
        "among them 41 children and 19 women."
    )
    got = proposals(en, tables)
    assert {v: (r["metric"], r["population"]) for v, r in got.items()} == {
        "163": ("killed", "civilians"),
        "41": ("killed", "children"),
        "19": ("killed", "women"),
    }
    assert got["19"]["source"] == "snhr"


def test_among_them_opening_a_sentence_refers_to_the_figure_before(tables) -> None:
    en = "The network recorded 87 deaths in Inkhil. Among them were 16 children and 9 women."
    ar = "ووثقت الشبكة مقتل 87 مدنياً في إنخل. ومن بينهم 16 طفلاً و9 نساء."
    for text in (en, ar):
        got = proposals(text, tables)
        assert {v: (r["metric"], r["population"]) for v, r in got.items() if v != "87"} == {
            "16": ("killed", "children"),
            "9": ("killed", "women"),
        }


def test_a_span_of_days_is_a_window_not_a_figure(tables) -> None:
    en = "WFP delivered food rations to 3,400 people in Busra between 2 and 6 July."
    ar = "وزع برنامج الأغذية العالمي حصصاً غذائية على 3400 شخص في بصرى بين 2 و6 تموز."
    dashed = "WFP delivered food rations to 3,400 people in Busra on 2-6 July."
    for text in (en, ar, dashed):
        got = proposals(text, tables)
        assert set(got) == {"3400"}, text
        assert (got["3400"]["period_start"], got["3400"]["period_end"]) == (
            "2018-07-02",
            "2018-07-06",
        )


# --- 2. a displaced-people noun says who is counted; the clause's verb or place says what


def test_what_became_of_the_displaced_is_the_metric(tables) -> None:
    cases = {
        "وقال المكتب إن مئات النازحين ينامون في العراء قرب معبر جابر.": ("100", "at_border"),
        "وعاد نحو 35 ألف نازح إلى بلداتهم في ريف درعا الشرقي.": ("35000", "returned"),
        "Some 250,000 people trapped in the enclave are in need of aid, OCHA said.": (
            "250000",
            "people_in_need",
        ),
        "About 6,500 displaced people went back to their homes in Tafas.": ("6500", "returned"),
    }
    for text, (value, metric) in cases.items():
        assert metrics(text, tables) == {value: metric}, text


def test_a_displacement_verb_keeps_its_metric_beside_a_border_word(tables) -> None:
    en = "The fighting displaced 12,000 people to areas close to the border, OCHA said."
    ar = "وأدى القتال إلى نزوح 12 ألف شخص إلى مناطق قريبة من الحدود."
    assert metrics(en, tables) == {"12000": "displaced"}
    assert metrics(ar, tables) == {"12000": "displaced"}


# --- 3. the population words reporters use


def test_common_population_words(tables) -> None:
    ar = (
        "ووثق المرصد السوري مقتل 23 مدنياً في طفس، بينهم 6 أطفال و3 مواطنات. "
        "واستشهد 7 مواطنين في نوى."
    )
    en = "The observatory said 14 civilians died in Inkhil, including 5 infants and 2 mothers."
    got = {v: r["population"] for v, r in proposals(ar, tables).items()}
    assert got == {"23": "civilians", "6": "children", "3": "women", "7": "civilians"}
    got = {v: r["population"] for v, r in proposals(en, tables).items()}
    assert got == {"14": "civilians", "5": "children", "2": "women"}


# --- 4. sources: nameless local sources, a spokesperson by surname


def test_local_sources_are_unattributed(tables) -> None:
    ar = "وقتل 4 مدنيين في قصف على بلدة طفس، بحسب ما ذكرت مصادر محلية."
    en = "Four civilians were killed in shelling on Tafas, local sources said."
    for text in (ar, en):
        (row,) = proposals(text, tables).values()
        assert row["source"] == "unattributed", text


def test_a_spokesperson_named_again_by_surname_keeps_the_source(tables) -> None:
    ar = (
        "وقالت سارة حداد، المتحدثة باسم مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية، إن 5 آلاف "
        "شخص نزحوا من بصرى. وشهدت المنطقة هدوءاً حذراً صباح اليوم. "
        "وأضافت حداد أن 300 عائلة عادت إلى بلداتها."
    )
    en = (
        "Sara Haddad, a spokeswoman for OCHA, said 5,000 people had fled Busra. "
        "The area was calm in the morning. In Busra, 300 families have returned, Haddad added."
    )
    for text in (ar, en):
        got = proposals(text, tables)
        assert got["300"]["source"] == "un-ocha", text


# --- 5. windows: until is an end, dawn, unit-first durations, this month, own point date


def window(text: str, tables: ExtractTables) -> dict[str, tuple]:
    return {v: (r["period_start"], r["period_end"]) for v, r in proposals(text, tables).items()}


def test_until_after_an_episode_phrase_ends_the_window(tables) -> None:
    ar = "ووثقت الشبكة مقتل 58 مدنياً في درعا منذ بدء الحملة وحتى يوم الاثنين."
    en = (
        "The network documented 58 civilian deaths in Dar'a "
        "from the start of the offensive until Monday."
    )
    for text in (ar, en):
        assert window(text, tables) == {"58": ("2018-06-19", "2018-07-09")}, text


def test_since_dawn_is_the_reporting_day(tables) -> None:
    ar = "وقتل 6 مدنيين منذ فجر اليوم في قصف على بلدة طفس، بحسب المرصد السوري."
    en = "Shelling has killed 6 civilians in Tafas since dawn, the Syrian Observatory said."
    for text in (ar, en):
        assert window(text, tables) == {"6": ("2018-07-11", "2018-07-11")}, text


def test_a_duration_written_unit_first_is_a_window_not_a_figure(tables) -> None:
    cases = {
        "وقتل 13 مدنياً خلال الساعات الـ 48 الماضية في درعا، بحسب المرصد السوري.": "2018-07-09",
        "وقتل 13 مدنياً خلال الأيام الخمسة الماضية في درعا، بحسب المرصد السوري.": "2018-07-06",
        "The Observatory said 13 civilians died in Dar'a in the past 48 hours.": "2018-07-09",
    }
    for text, start in cases.items():
        assert window(text, tables) == {"13": (start, "2018-07-11")}, text


def test_since_the_start_of_this_month(tables) -> None:
    ar = "وقتل 15 مدنياً منذ مطلع الشهر الجاري في درعا، بحسب المرصد السوري."
    en = "The Observatory said 15 civilians were killed in Dar'a since the start of this month."
    for text in (ar, en):
        assert window(text, tables) == {"15": ("2018-07-01", "2018-07-11")}, text


def test_a_number_with_its_own_day_before_a_running_total(tables) -> None:
    en = (
        "Air strikes killed at least 21 people in Nawa on Tuesday, raising the death toll in "
        "the town to more than 300 since Friday, the Syrian Observatory said."
    )
    assert window(en, tables) == {
        "21": ("2018-07-10", "2018-07-10"),
        "300": ("2018-07-06", "2018-07-11"),
    }


def test_a_day_after_a_place_name(tables) -> None:
    en = (
        "Government air strikes killed at least 11 civilians in the town of Kafr Shams in the "
        "north of Deraa province on Monday, a war monitor said."
    )
    assert window(en, tables) == {"11": ("2018-07-09", "2018-07-09")}


# --- 6. what is not a figure


def test_temperatures_are_not_figures(tables) -> None:
    en = "Some 4,000 displaced people at the border face temperatures above 43 degrees Celsius."
    ar = "ويعاني نحو 4 آلاف نازح على الحدود من حر تتجاوز فيه الحرارة 43 درجة مئوية."
    assert set(proposals(en, tables)) == {"4000"}
    assert set(proposals(ar, tables)) == {"4000"}


def test_a_spokesperson_named_after_the_role_keeps_the_source(tables) -> None:
    ar = (
        "قالت المتحدثة باسم برنامج الأغذية العالمي في عمّان، سارة حداد، إن 5 آلاف شخص نزحوا "
        "من بصرى. وشهدت المنطقة هدوءاً حذراً. وأضافت حداد، في حديث للصحفيين، أن 300 عائلة "
        "عادت إلى بلداتها. وأوضح البرنامج أن 40 ألف شخص تلقوا مساعدات."
    )
    en = (
        "WFP spokeswoman Sara Haddad said 5,000 people had fled Busra. The area was calm. "
        "In Busra, 300 families have returned, Haddad told reporters."
    )
    got = proposals(ar, tables)
    assert {v: r["source"] for v, r in got.items()} == {"5000": "wfp", "300": "wfp", "40000": "wfp"}
    assert proposals(en, tables)["300"]["source"] == "wfp"


def test_the_dead_included_refers_to_the_figure_before(tables) -> None:
    en = (
        "Government air strikes killed at least 11 civilians in Nawa on Monday, a monitor said. "
        "The Syrian Observatory for Human Rights said the dead included four children."
    )
    ar = "وقتل 11 مدنياً في نوى يوم الاثنين. وقال المرصد السوري إن القتلى شملت 4 أطفال."
    for text in (en, ar):
        got = proposals(text, tables)
        assert (got["4"]["metric"], got["4"]["population"]) == ("killed", "children"), text
        assert (got["4"]["period_start"], got["4"]["period_end"]) == ("2018-07-09", "2018-07-09")


def test_among_inside_a_sentence_of_its_own_makes_no_part(tables) -> None:
    en = (
        "Government air strikes killed at least 11 civilians in Nawa on Monday. "
        "Clashes among rival factions killed 12 people in Tafas, the Observatory said."
    )
    got = proposals(en, tables)
    assert "part of the figure" not in got["12"]["reasons"]
