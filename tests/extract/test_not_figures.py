"""What the extractor must not propose: dates, ages, years, money, percentages, durations,
committee sizes, phone numbers, document numbers, projections and fears."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.extract import extract

R = date(2018, 7, 12)


def proposed(text: str, tables) -> list[int]:
    return [int(v) for v in extract(text, tables, reported_on=R)["value"]]


@pytest.mark.parametrize(
    "text",
    [
        # dates and years
        "Fighting resumed on 3 July in the Dar'a countryside, killing civilians.",
        "قتل مدنيون في قصف على درعا يوم 3 تموز 2018.",
        "The camp was home to refugees before 2011, the agency said.",
        "قصفت الطائرات درعا منذ 19 من الشهر الجاري وقتل مدنيون.",
        # ages
        "A 12-year-old boy was killed in the shelling of Nawa.",
        "قتل طفل عمره 9 سنوات في قصف على بلدة نوى.",
        "Those killed were aged 18 to 25, the monitor said.",
        # money
        "The UN appealed for $45 million to help displaced people in Dar'a.",
        "وطالبت الأمم المتحدة بمبلغ 45 مليون دولار لمساعدة النازحين.",
        # percentages
        "Some 70 per cent of the displaced people are in Quneitra.",
        "نزح 40% من سكان البلدة إلى الحدود.",
        "وقال المرصد إن 60 بالمئة من القتلى مدنيون.",
        # durations
        "A 72-hour truce was agreed, the opposition said; no one was killed.",
        "قتل مدنيون بعد قتال استمر خمسة أيام في درعا.",
        # committee sizes
        "A committee of six members negotiated with the Russian officers.",
        "عقدت لجنة تضم سبعة أعضاء اجتماعها الأول مع الجانب الروسي.",
        # phone and document numbers
        "Displaced families can call the hotline on 0096265551234 for help.",
        "OCHA Flash Update No. 4 describes the displacement in Dar'a.",
        "تقرير رقم 12 يوثق مقتل المدنيين في درعا.",
        # names and times
        "A Su-24 jet struck the town, killing civilians, activists said.",
        "The strikes began at 10:30 and killed civilians in Nawa.",
        # projections and fears
        "The UN warned that the fighting could displace 200,000 people.",
        "وحذرت الأمم المتحدة من أن القتال قد يشرد 200 ألف شخص.",
        "Aid workers fear up to 300,000 people may be displaced if the offensive continues.",
    ],
)
def test_nothing_is_proposed(text: str, tables) -> None:
    assert proposed(text, tables) == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("قتل 9 مدنيين يوم 3 تموز 2018 في درعا.", [9]),
        ("Fighting since 19 June has displaced 70,000 people, the UN said.", [70000]),
        ("A 10-year-old girl was among 14 civilians killed in Dar'a.", [14]),
        ("وكان مكتب الأمم المتحدة قد أعلن عن نزوح 50 ألف شخص من درعا.", [50000]),
    ],
)
def test_the_figure_beside_a_date_an_age_or_a_perfect_verb_is_kept(text, values, tables) -> None:
    """'قد' before a perfect verb ("قد أعلن") is no projection."""
    assert proposed(text, tables) == values
