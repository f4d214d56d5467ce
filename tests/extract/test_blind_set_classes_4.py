"""The classes of misses of the fifth and sixth blind sets (issue #15), with sentences
written for these tests in both languages: counts the extractor did not propose at all
(injuries stated as a condition, a second figure that adds to the one before, aid reaching
people, strikes since an old episode, a displaced stock named without the word, returns
across a border, Arabic dual nouns), windows, sources, metrics and spurious numbers."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tracker.extract import extract
from tracker.extract.tables import ExtractTables

R = date(2024, 3, 12)  # a Tuesday


def rows(text: str, tables: ExtractTables, reported_on: date = R) -> list[dict]:
    frame = extract(text, tables, reported_on=reported_on)
    return [
        {k: (None if pd.isna(v) else v) for k, v in r.items()} for r in frame.to_dict("records")
    ]


def by_value(text: str, tables: ExtractTables, reported_on: date = R) -> dict:
    return {r["value"]: r for r in rows(text, tables, reported_on)}


# --- value found: injuries stated as a condition


@pytest.mark.parametrize(
    "text",
    [
        "At least 12 people suffered suffocation after the strike on Douma.",
        "Medics in Douma treated 12 people for breathing difficulties, the Civil Defence said.",
        "أصيب 12 شخصاً بحالات اختناق جراء القصف على دوما.",
        "وأصيب 12 مدنياً بحالات ضيق في التنفس في دوما.",
    ],
)
def test_injury_as_a_condition(tables: ExtractTables, text: str) -> None:
    assert by_value(text, tables)["12"]["metric"] == "injured"


# --- value found: a second figure that adds to the one before, with its own source and window


def test_another_figure_of_another_originator(tables: ExtractTables) -> None:
    text = (
        "Some 2,000 people fled to Afrin on Friday, OCHA said. "
        "Another 3,000 crossed on Saturday alone, according to the IOM."
    )
    got = by_value(text, tables)
    assert got["2000"]["source"] == "un-ocha" and got["2000"]["period_start"] == "2024-03-08"
    second = got["3000"]
    assert (second["metric"], second["source"]) == ("displaced", "iom")
    assert second["period_start"] == "2024-03-09"


def test_another_keeps_its_own_metric_words(tables: ExtractTables) -> None:
    text = "Shelling killed 7 civilians in Ariha on Monday. Another 15 were wounded in Idlib."
    assert by_value(text, tables)["15"]["metric"] == "injured"


# --- value found: aid reaching people


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The Red Crescent delivered aid to 300 families in Daraa on Sunday.", "households"),
        ("The WFP distributed food to some 300 people in Idlib.", "persons"),
        ("وزعت المنظمة سلالاً غذائية لـ 300 عائلة في درعا.", "households"),
        ("وشملت المساعدات قرى ريف إدلب واستفاد منها 300 شخص.", "persons"),
    ],
)
def test_aid_reaching_people(tables: ExtractTables, text: str, unit: str) -> None:
    got = by_value(text, tables)["300"]
    assert (got["metric"], got["unit"]) == ("people_assisted", unit)


def test_a_toll_that_reached_is_no_aid(tables: ExtractTables) -> None:
    text = "The death toll in Idlib reached 45 on Monday, the Syrian Observatory said."
    assert by_value(text, tables)["45"]["metric"] == "killed"


# --- value found: strikes since an offensive the tracker's episodes do not hold


def test_strikes_since_an_old_episode_are_proposed(tables: ExtractTables) -> None:
    text = "A war monitor said more than 600 strikes had hit the area since the offensive began."
    got = by_value(text, tables)["600"]
    assert (got["metric"], got["qualifier"]) == ("airstrikes", "more_than")
    assert got["period_start"] is None
    assert "years before" in got["reasons"]


# --- value found: a displaced stock named without the word "displaced"


@pytest.mark.parametrize(
    "text",
    [
        "Some 5,000 people who lost their homes are staying in schools in Jableh, OCHA said.",
        "About 5,000 people are sheltering in collective centres in Jableh.",
        "ويقيم نحو 5000 شخص في مراكز إيواء جماعية في جبلة.",
        "وقال المجلس إن 5000 شخص فقدوا منازلهم في جبلة.",
    ],
)
def test_displaced_stock_without_the_word(tables: ExtractTables, text: str) -> None:
    assert by_value(text, tables)["5000"]["metric"] == "idps"


# --- value found: returns across a border


@pytest.mark.parametrize(
    "text",
    [
        "More than 1,200 people crossed back into Syria on Monday, UNHCR said.",
        "وعاد نحو 1200 شخص عبر معبر باب الهوى إلى سوريا يوم الإثنين.",
    ],
)
def test_returns_across_a_border(tables: ExtractTables, text: str) -> None:
    assert by_value(text, tables)["1200"]["metric"] == "returned"


# --- value found: Arabic dual nouns are numbers


def test_dual_nouns_count_two(tables: ExtractTables) -> None:
    got = rows("قتل طفلين وامرأتين في القصف على إدلب.", tables)
    assert [(r["value"], r["metric"], r["population"]) for r in got] == [
        ("2", "killed", "children"),
        ("2", "killed", "women"),
    ]


def test_dual_strikes(tables: ExtractTables) -> None:
    got = rows("شنت الطائرات الحربية غارتين على بلدة كفرنبل.", tables)
    assert [(r["value"], r["metric"]) for r in got] == [("2", "airstrikes")]


def test_a_plural_is_no_dual(tables: ExtractTables) -> None:
    got = rows("قتل مدنيين في القصف على إدلب.", tables)
    assert got == []


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("خرجت ٤ منشآت صحية عن الخدمة في إدلب.", "health_facilities_out_of_service"),
        ("استجابت فرق الدفاع المدني لـ 4 عمليات في إدلب.", None),
    ],
)
def test_verb_first_arabic(tables: ExtractTables, text: str, metric: str | None) -> None:
    got = by_value(text, tables)
    assert (got["4"]["metric"] if "4" in got else None) == metric


# --- window start


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("نزح 2000 شخص منذ مطلع الشهر من ريف إدلب.", "2024-03-01"),
        ("نزح 2000 شخص منذ بداية الشهر من ريف إدلب.", "2024-03-01"),
        ("نزح 2000 شخص منذ السادس من آذار من ريف إدلب.", "2024-03-06"),
        ("قتل 2000 مدني منذ الخامس عشر من شباط في إدلب.", "2024-02-15"),
        ("قتل 2000 مدني منذ الحادي والعشرين من شباط في إدلب.", "2024-02-21"),
        ("Some 2000 people have fled Idlib since the sixth of March.", "2024-03-06"),
        ("قتل 2000 شخص منذ فجر اليوم في إدلب.", "2024-03-12"),
        ("At least 2000 people have fled Idlib since the early morning today.", "2024-03-12"),
        ("Rescuers recovered 2,000 bodies after yesterday's massacre in Idlib.", "2024-03-11"),
        ("At least 2000 people fled Idlib in the past 48 hours.", "2024-03-10"),
        ("نزح 2000 شخص خلال اليومين الماضيين من إدلب.", "2024-03-10"),
        ("نزح 2000 شخص خلال الشهرين الماضيين من إدلب.", "2024-01-12"),
        ("وقتل يوم الأحد 2000 شخص في إدلب.", "2024-03-10"),
        ("On Sunday, shelling killed 2000 people in Idlib.", "2024-03-10"),
        ("Shelling killed 2000 people in Idlib on Tuesday.", "2024-03-12"),
    ],
)
def test_window_starts(tables: ExtractTables, text: str, start: str) -> None:
    assert by_value(text, tables)["2000"]["period_start"] == start


def test_an_ordinal_day_word_reads_no_number(tables: ExtractTables) -> None:
    assert list(by_value("قتل 20 مدنياً منذ الخامس عشر من شباط في إدلب.", tables)) == ["20"]


@pytest.mark.parametrize(
    "text",
    [
        "Some 2,000 people were displaced from Idlib in February. "
        "During the same month, 40 civilians were killed.",
        "نزح 2000 شخص من إدلب في شباط. وقتل خلال الشهر نفسه 40 مدنياً.",
    ],
)
def test_the_same_month_carries_the_month_named_before(tables: ExtractTables, text: str) -> None:
    got = by_value(text, tables)["40"]
    assert (got["period_start"], got["period_end"]) == ("2024-02-01", "2024-02-29")


# --- source: a monitor described in the figure's sentence and named in the next


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "OCHA said 2,000 people fled Ariha on Sunday. OCHA also said aid was delayed. "
            "At least 14 civilians were killed in Idlib on Monday, a war monitor said. "
            "The Syrian Observatory for Human Rights said the strikes targeted a market.",
            "sohr",
        ),
        (
            "At least 14 civilians were killed in Idlib on Monday, a monitoring group said. "
            "The Syrian Network for Human Rights said most of them were children.",
            "snhr",
        ),
        (
            "قالت الأمم المتحدة إن 2000 شخص نزحوا من أريحا. وقالت الأمم المتحدة إن القوافل "
            "تأخرت. وقتل 14 مدنياً في إدلب يوم الإثنين بحسب مرصد حقوقي. وقال المرصد السوري "
            "لحقوق الإنسان إن الغارات استهدفت سوقاً.",
            "sohr",
        ),
    ],
)
def test_a_described_monitor_is_the_monitor_named_next(
    tables: ExtractTables, text: str, source: str
) -> None:
    got = by_value(text, tables)["14"]
    assert got["source"] == source
    assert "is the monitor" in got["reasons"]


def test_a_described_monitor_named_before(tables: ExtractTables) -> None:
    text = (
        "The Syrian Network for Human Rights documented the strikes on Ariha. "
        "At least 14 civilians were killed there on Monday, a rights monitor said."
    )
    assert by_value(text, tables)["14"]["source"] == "snhr"


def test_the_registered_office_of_the_paragraph_before_keeps_its_count(
    tables: ExtractTables,
) -> None:
    text = (
        "OCHA said on Monday that fighting in Idlib had intensified.\n\n"
        "It added that 3,000 people had fled the area since Sunday."
    )
    assert by_value(text, tables)["3000"]["source"] == "un-ocha"


# --- source: originators the registry lacks are unattributed, the speaker named


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Local council officials said 40 families had fled Ariha.", "Local council officials"),
        ("وقال المجلس المحلي في أريحا إن 40 عائلة نزحت.", "المجلس المحلي"),
        ("The defence ministry said 40 soldiers were killed in Idlib.", "defence ministry"),
        ("The local media centre said 40 people were killed in Idlib.", "media centre"),
        ("A hospital director said 40 people were killed in Idlib.", "hospital director"),
        ("وقالت وزارة الصحة إن 40 شخصاً قتلوا في إدلب.", "وزارة الصحة"),
        ("وقال ناشطون إن 40 شخصاً قتلوا في إدلب.", "ناشطون"),
    ],
)
def test_unregistered_originators(tables: ExtractTables, text: str, speaker: str) -> None:
    got = by_value(text, tables)["40"]
    assert got["source"] == "unattributed"
    assert speaker in got["reasons"]


def test_the_local_councils_together_stay_registered(tables: ExtractTables) -> None:
    text = "About 2,000 families have returned to As-Sanamayn since Sunday, local councils said."
    assert by_value(text, tables)["2000"]["source"] == "local-councils"


# --- metric, population, qualifier


def test_people_assisted_among_people_in_need(tables: ExtractTables) -> None:
    text = (
        "OCHA said 4 million people in Syria need aid, and the WFP assisted 1.2 million "
        "of them in March."
    )
    got = by_value(text, tables)
    assert got["4000000"]["metric"] == "people_in_need"
    assert got["1200000"]["metric"] == "people_assisted"


def test_a_part_keeps_its_whole_metric_without_a_verb_of_its_own(tables: ExtractTables) -> None:
    got = by_value("Some 40 people were killed in Idlib, 12 of them children.", tables)
    assert (got["12"]["metric"], got["12"]["population"]) == ("killed", "children")


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("About 2,000 people are stranded at the Bab al-Hawa border camp.", "at_border"),
        ("About 2,000 people returned home to Ariha on Monday.", "returned"),
        ("وتجاوز عدد النازحين 2,000 في مخيمات إدلب.", "idps"),
    ],
)
def test_where_people_are_says_what_is_counted(
    tables: ExtractTables, text: str, metric: str
) -> None:
    assert by_value(text, tables)["2000"]["metric"] == metric


@pytest.mark.parametrize(
    "text", ["قتل 3 وإصابة 7 في قصف على إدلب.", "أسفر القصف عن مقتل 3 وإصابة 7 في إدلب."]
)
def test_killed_then_injured(tables: ExtractTables, text: str) -> None:
    got = by_value(text, tables)
    assert (got["3"]["metric"], got["7"]["metric"]) == ("killed", "injured")


@pytest.mark.parametrize(
    "text",
    [
        "The civilian death toll in Idlib rose to 45 on Monday.",
        "ارتفعت حصيلة الضحايا المدنيين في إدلب إلى 45.",
        "Civilian casualties in Idlib reached 45 on Monday.",
    ],
)
def test_a_civilian_toll_counts_civilians(tables: ExtractTables, text: str) -> None:
    got = by_value(text, tables)["45"]
    assert (got["metric"], got["population"]) == ("killed", "civilians")


@pytest.mark.parametrize(
    "text",
    [
        "ويقدر عدد النازحين بـ 5000 شخص في إدلب.",
        "وصل آلاف النازحين إلى إدلب يقدّر عددهم بـ 5000 شخص.",
        "The number of people displaced from Idlib is estimated at 5,000.",
    ],
)
def test_an_estimate_before_the_number_is_approx(tables: ExtractTables, text: str) -> None:
    assert by_value(text, tables)["5000"]["qualifier"] == "approx"


def test_an_estimate_of_another_number_is_not_carried(tables: ExtractTables) -> None:
    text = "Some 1,000 were estimated killed, and 5000 people fled Idlib."
    assert by_value(text, tables)["5000"]["qualifier"] == "exact"


# --- spurious: numbers that are no figure


@pytest.mark.parametrize(
    "text",
    [
        "Shelling hit Ariha, a town of 20,000 residents, on Monday.",
        "وتعرضت أريحا التي يقطنها نحو 20 ألف نسمة للقصف يوم الإثنين.",
        "Some 15 shelters in Idlib are already full.",
        "وافتتحت المنظمة 15 مركز إيواء في إدلب.",
        "Fighters handed in 300 weapons in Daraa on Monday.",
        "The government released 300 prisoners in Daraa on Monday.",
        "أفرجت السلطات عن 300 معتقل في درعا يوم الإثنين.",
        "The strike destroyed a five-storey building in Idlib.",
        "The hospital, which has 40 staff, was hit on Monday.",
        "Turkey, which hosts 3.6 million Syrian refugees, closed the border on Monday.",
        "وأغلقت تركيا، التي تستضيف 3.6 مليون لاجئ سوري، حدودها يوم الإثنين.",
        "As in 2013, when hundreds of people were killed in Ghouta, chemical weapons were used.",
    ],
)
def test_not_figures(tables: ExtractTables, text: str) -> None:
    assert rows(text, tables) == []


def test_one_of_which_is_no_figure(tables: ExtractTables) -> None:
    got = rows("Three strikes hit Idlib on Monday, one of which hit a school.", tables)
    assert [r["value"] for r in got] == ["3"]


@pytest.mark.parametrize(
    "text",
    [
        "Turkey hosts 3.6 million Syrian refugees, UNHCR said on Monday.",
        "About 5,000 people are staying in 15 shelters in Idlib.",
        "Security forces arrested 300 people in Daraa on Monday.",
    ],
)
def test_the_figures_beside_them_stay(tables: ExtractTables, text: str) -> None:
    assert len(rows(text, tables)) == 1


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("وتجاوز عدد النازحين 5000 شخص في إدلب.", "more_than"),
        ("وبلغ عدد النازحين 5000 شخص في إدلب.", "exact"),
    ],
)
def test_a_qualifier_that_leads_the_count(tables: ExtractTables, text: str, qualifier: str) -> None:
    got = by_value(text, tables)["5000"]
    assert (got["metric"], got["qualifier"]) == ("idps", qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "UNICEF delivered hygiene kits to 4,000 families in Idlib on Monday.",
        "Aid reached 4,000 people in Idlib last week, the WFP said.",
        "وقدم برنامج الأغذية العالمي مساعدات غذائية إلى 4000 شخص في إدلب.",
    ],
)
def test_more_aid_reaching_people(tables: ExtractTables, text: str) -> None:
    assert by_value(text, tables)["4000"]["metric"] == "people_assisted"


def test_trucks_delivered_are_no_people(tables: ExtractTables) -> None:
    assert rows("The convoy delivered 30 trucks of aid to Idlib.", tables) == []


# --- a besieged place is no trapped count of the people a verb says what became of


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("12 civilians were killed in the besieged town of Douma on Monday.", "killed"),
        ("Around 12 people were evacuated from the besieged town on Monday.", "displaced"),
        ("At least 12 people were hospitalised in Douma on Monday.", "injured"),
        ("تم إسعاف 12 شخصاً إلى مشافي دوما يوم الإثنين.", "injured"),
    ],
)
def test_what_became_of_them(tables: ExtractTables, text: str, metric: str) -> None:
    assert by_value(text, tables)["12"]["metric"] == metric


def test_people_trapped_stay_no_flow(tables: ExtractTables) -> None:
    assert rows("Some 300 civilians remain trapped in the besieged town.", tables) == []


def test_the_who_after_its_article(tables: ExtractTables) -> None:
    got = by_value("The WHO said 12 hospitals were out of service in Idlib.", tables)
    assert got["12"]["source"] == "un"
    got = by_value("Most of the 12 people who died in Idlib were children.", tables)
    assert got["12"]["source"] == "unattributed"


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        ("خلف القصف 12 قتيلاً و40 جريحاً في إدلب.", {"12": "killed", "40": "injured"}),
        ("وتضرر 12 مستشفى جراء القصف على إدلب.", {"12": "health_facilities_out_of_service"}),
        ("فقد 12 شخصاً في انهيار المبنى في حلب.", {"12": "missing"}),
    ],
)
def test_arabic_verb_first_counts(tables: ExtractTables, text: str, metrics: dict) -> None:
    assert {v: r["metric"] for v, r in by_value(text, tables).items()} == metrics


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("More than 700 people were forced out of their homes in Idlib on Monday.", "displaced"),
        ("Over 700 people took shelter in mosques in Ariha on Monday.", "displaced"),
        ("Nearly 700 families are now staying with relatives in Azaz.", "idps"),
        ("ويقيم 700 عائلة لدى أقاربهم في أعزاز.", "idps"),
    ],
)
def test_displacement_in_other_words(tables: ExtractTables, text: str, metric: str) -> None:
    assert by_value(text, tables)["700"]["metric"] == metric


@pytest.mark.parametrize(
    "text",
    [
        "Rebels were forced out of 12 villages in Idlib.",
        "The EU pledged 30 million euros in aid to Syria.",
        "The convoy of 12 trucks delivered aid to Douma.",
    ],
)
def test_no_people_beside_the_new_words(tables: ExtractTables, text: str) -> None:
    assert rows(text, tables) == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("قتل 20 مدنياً في إدلب منذ ثلاثة أيام.", "2024-03-09"),
        ("قتل 20 مدنياً في إدلب منذ أسبوعين.", "2024-02-27"),
        ("قتل 20 مدنياً في إدلب منذ أسبوع.", "2024-03-05"),
        ("قتل 20 مدنياً في إدلب منذ يوم الجمعة.", "2024-03-08"),
    ],
)
def test_since_n_days_opens_n_days_back(tables: ExtractTables, text: str, start: str) -> None:
    assert by_value(text, tables)["20"]["period_start"] == start


@pytest.mark.parametrize(
    "text",
    [
        "Shelling killed 12 people in Idlib. Another 2 hospitals were hit.",
        "Some 12 people fled Ariha on Monday. Another 2 towns were emptied.",
    ],
)
def test_another_of_other_things_counts_nothing_before(tables: ExtractTables, text: str) -> None:
    assert [r["value"] for r in rows(text, tables)] == ["12"]


def test_more_after_a_number_counts_what_the_one_before_counts(tables: ExtractTables) -> None:
    got = by_value("Shelling killed 12 people in Idlib and 4 more in Ariha.", tables)
    assert got["4"]["metric"] == "killed"


@pytest.mark.parametrize(
    "text",
    [
        "One year after the earthquake, 2,000 families still live in tents in Jindires.",
        "ولا تزال 2000 عائلة تعيش في الخيام في جنديرس بعد الزلزال.",
    ],
)
def test_families_living_in_tents_are_displaced(tables: ExtractTables, text: str) -> None:
    got = by_value(text, tables)["2000"]
    assert (got["metric"], got["unit"]) == ("idps", "households")


@pytest.mark.parametrize(
    "text",
    [
        "Shelling hit Ariha, home to 20,000 people, on Monday.",
        "Shelling hit Ariha, where 20,000 people live, on Monday.",
        "The UN delivered 300 tents to Idlib on Monday.",
        "The hospital, one of 3 still working in the area, was hit on Monday.",
        "Some 40 doctors and nurses work at the hospital in Idlib.",
    ],
)
def test_more_background_numbers(tables: ExtractTables, text: str) -> None:
    assert rows(text, tables) == []


# --- value found: numbers written as fractions, with a scale letter, or with spaces


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("Half a million people have fled Idlib since December.", "500000", "exact"),
        ("At least a quarter of a million people have fled Idlib.", "250000", "at_least"),
        ("نزح نصف مليون شخص من إدلب منذ كانون الأول.", "500000", "exact"),
        ("Nearly 1m people have been displaced in Idlib since December.", "1000000", "nearly"),
        ("Some 900k people have fled Idlib since December.", "900000", "approx"),
        ("Some 400 000 people fled Idlib in February.", "400000", "approx"),
        ("UNHCR said 1 250 000 people had fled Idlib.", "1250000", "exact"),
    ],
)
def test_numbers_as_reports_write_them(
    tables: ExtractTables, text: str, value: str, qualifier: str
) -> None:
    got = by_value(text, tables)
    assert list(got) == [value]
    assert got[value]["qualifier"] == qualifier


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("نزح مليون ونصف المليون شخص من إدلب.", "1500000"),
        ("نزح مليون ونصف شخص من إدلب.", "1500000"),
        ("نزح 3 آلاف ونصف من إدلب.", "3500"),
        ("نزح مليونا شخص من إدلب.", "2000000"),
        ("نزح ثلاثون مليوناً في سوريا.", "30000000"),
    ],
)
def test_arabic_halves_and_the_dual_million(tables: ExtractTables, text: str, value: str) -> None:
    assert list(by_value(text, tables)) == [value]


def test_a_half_of_no_scale_is_no_number(tables: ExtractTables) -> None:
    assert list(by_value("قتل 12 شخصاً ونصف الجرحى أطفال في إدلب.", tables)) == ["12"]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("The WFP provided food to some 1.2 million people in need in Idlib.", "people_assisted"),
        ("Aid reached 1.2 million people in need in Idlib last month.", "people_assisted"),
        ("وزعت المنظمة مساعدات على 1.2 مليون شخص من المحتاجين.", "people_assisted"),
        ("The UN appealed for assistance for 1.2 million people in need.", "people_in_need"),
        ("Some 1.2 million people need humanitarian assistance, OCHA said.", "people_in_need"),
    ],
)
def test_in_need_or_assisted(tables: ExtractTables, text: str, metric: str) -> None:
    assert by_value(text, tables)["1200000"]["metric"] == metric


@pytest.mark.parametrize(
    "text",
    [
        "At least 23 civilians were killed on Sunday in Ariha. Eight children were among the dead.",
        "قتل 23 مدنياً يوم الأحد في أريحا. وكان 8 أطفال بين القتلى.",
    ],
)
def test_among_the_dead_is_a_part_with_its_whole_window(tables: ExtractTables, text: str) -> None:
    got = by_value(text, tables)["8"]
    assert (got["metric"], got["population"]) == ("killed", "children")
    assert got["period_start"] == "2024-03-10"


def test_among_them_after_a_noun_opens_the_next_part(tables: ExtractTables) -> None:
    text = (
        "وأعلن مكتب الأمم المتحدة عن نزوح 60 ألف شخص من درعا. وقال ناشطون إن 65 شخصاً "
        "من بينهم 16 طفلاً لقوا مصرعهم يوم الخميس."
    )
    assert by_value(text, tables)["65"]["metric"] == "killed"


ARTICLE_AR = (
    "قتلى وجرحى بقصف على ريف إدلب\n\n"
    "قتل 14 مدنياً بينهم 5 أطفال وامرأتان، وأصيب أكثر من 30 آخرين، جراء غارات جوية روسية "
    "استهدفت مدينة أريحا في ريف إدلب الجنوبي، فجر اليوم الثلاثاء، بحسب مرصد حقوقي.\n\n"
    "وقال المرصد السوري لحقوق الإنسان إن الطائرات الحربية شنت أكثر من 25 غارة على المنطقة.\n\n"
    "من جهته، قال مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية (أوتشا) إن نحو 12 ألف شخص "
    "نزحوا من المنطقة خلال اليومين الماضيين."
)


def test_an_arabic_article_of_these_classes(tables: ExtractTables) -> None:
    got = {
        r["value"]: (r["metric"], r["population"], r["source"], r["period_start"])
        for r in rows(ARTICLE_AR, tables)
    }
    day = "2024-03-12"
    assert got == {
        "14": ("killed", "civilians", "sohr", day),
        "5": ("killed", "children", "sohr", day),
        "2": ("killed", "women", "sohr", day),
        "30": ("injured", "civilians", "sohr", day),
        "25": ("airstrikes", "all", "sohr", None),
        "12000": ("displaced", "all", "un-ocha", "2024-03-10"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Ariha, a town of 40,000 residents, has 15 shelters for the displaced.",
        "Ariha, a city of some 40,000 people, was shelled on Monday.",
        "وأريحا مدينة يقطنها نحو 40 ألف نسمة نزح معظمهم.",
    ],
)
def test_the_size_of_a_place_is_no_figure(tables: ExtractTables, text: str) -> None:
    assert rows(text, tables) == []


def test_it_added_continues_the_speaker_not_an_according_to(tables: ExtractTables) -> None:
    text = (
        "OCHA said on Tuesday that some 2,000 people fled Ariha on Friday. Another 3,000 "
        "crossed into Afrin on Saturday alone, according to the IOM.\n\n"
        "It added that 5,000 people who lost their homes are staying in schools in Idlib."
    )
    got = by_value(text, tables)
    assert (got["2000"]["source"], got["3000"]["source"]) == ("un-ocha", "iom")
    assert got["5000"]["source"] == "un-ocha"


def test_it_added_continues_a_new_subject(tables: ExtractTables) -> None:
    text = (
        "OCHA said on Tuesday that some 2,000 people fled Ariha on Friday. The IOM said "
        "another 3,000 crossed into Afrin on Saturday. It added that 5,000 people had "
        "lost their homes in Idlib."
    )
    assert by_value(text, tables)["5000"]["source"] == "iom"


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        (
            "OCHA said 4 million people in Syria need aid, and the WFP assisted 1.2 million of "
            "them in March.",
            "un-ocha",
        ),
    ],
)
def test_a_part_names_its_own_source(tables: ExtractTables, text: str, whole: str) -> None:
    got = by_value(text, tables)
    assert (got["4000000"]["source"], got["1200000"]["source"]) == (whole, "wfp")


def test_a_part_without_its_own_source_keeps_its_whole(tables: ExtractTables) -> None:
    text = "The Syrian Observatory said 40 people were killed in Idlib, including 12 children."
    assert by_value(text, tables)["12"]["source"] == "sohr"
