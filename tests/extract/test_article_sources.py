"""A figure whose sentence names no source takes one from the article, and says so.

The paragraphs are written for these tests, in the shape of news copy: a source named once,
then figures that go on in its voice; background figures of another crisis; leads that are
the article's own voice.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from tracker.extract import extract
from tracker.extract.tables import ExtractTables

R = date(2018, 6, 29)


def by_value(frame: pd.DataFrame) -> dict[str, dict]:
    return {r["value"]: r for r in frame.to_dict("records")}


def test_a_source_named_before_in_the_paragraph_speaks_for_the_next_sentence(
    tables: ExtractTables,
) -> None:
    text = (
        "The Syrian Observatory for Human Rights said 32 air strikes hit towns in Deraa "
        "province overnight. About 100 civilians have been killed in Deraa since 19 June."
    )
    got = by_value(extract(text, tables, reported_on=R))
    assert got["100"]["source"] == "sohr"
    assert "named before it in its paragraph" in got["100"]["reasons"]


def test_arabic_continuation_in_the_same_paragraph(tables: ExtractTables) -> None:
    text = (
        "أفاد المرصد السوري لحقوق الإنسان أن الطائرات شنت 40 غارة على بلدات ريف درعا. "
        "وتجاوز عدد القتلى المدنيين 120 مدنياً في محافظة درعا."
    )
    got = by_value(extract(text, tables, reported_on=R))
    assert got["120"]["source"] == "sohr"


def test_a_background_figure_of_another_place_keeps_no_source_from_elsewhere(
    tables: ExtractTables,
) -> None:
    text = (
        "The Syrian Observatory for Human Rights said 32 air strikes hit towns in Deraa "
        "province overnight. The offensive follows the one on Eastern Ghouta, where more "
        "than 1,000 civilians were killed."
    )
    got = by_value(extract(text, tables, reported_on=R))
    assert got["32"]["source"] == "sohr"
    assert got["1000"]["source"] == "unattributed"
    assert "speak of other places" in got["1000"]["reasons"]


def test_reported_speech_without_a_speaker_takes_the_source_the_article_names_most(
    tables: ExtractTables,
) -> None:
    text = (
        "Reports confirm that 50 civilians were killed in Deraa province.\n"
        "The UN refugee agency said 45,000 people had fled towards the Jordanian border."
    )
    got = by_value(extract(text, tables, reported_on=R))
    assert got["50"]["source"] == "unhcr"
    assert "the source the article names most (once)" in got["50"]["reasons"]


def test_a_lead_that_reports_nothing_is_the_articles_own_voice(tables: ExtractTables) -> None:
    text = (
        "More than 270,000 displaced people are trapped in southern Syria.\n"
        "The UN refugee agency said 45,000 people had fled towards the Jordanian border."
    )
    got = by_value(extract(text, tables, reported_on=R))
    assert got["270000"]["source"] == "unattributed"
    assert got["45000"]["source"] == "unhcr"


def test_the_publisher_speaks_when_the_article_names_no_one(tables: ExtractTables) -> None:
    text = "At least 12 people were killed in Deraa on Thursday."
    got = by_value(
        extract(text, tables, reported_on=R, publisher="Syrian Observatory for Human Rights")
    )
    assert got["12"]["source"] == "sohr"
    assert "publisher 'Syrian Observatory for Human Rights' is sohr" in got["12"]["reasons"]
    alone = by_value(extract(text, tables, reported_on=R))
    assert alone["12"]["source"] == "unattributed"


def test_a_spokesperson_by_name_is_their_agency(tables: ExtractTables) -> None:
    text = "قال المتحدث كريس غانيس إن 400 عائلة عادت إلى مخيم درعا."
    got = by_value(extract(text, tables, reported_on=date(2018, 12, 2)))
    assert got["400"]["source"] == "unrwa"
