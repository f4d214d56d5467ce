"""Ranges in Arabic text stay one left-to-right unit: "15–30 حزيران", "150–200" never read
"30–15" however the sentence around them runs."""

from __future__ import annotations

import pandas as pd

from tracker.views.format import LRI, PDI, isolate_ranges


def test_a_sentences_day_and_number_ranges_are_isolated_in_arabic():
    said = "المرصد السوري: نحو 126، 19–30 حزيران/يونيو 2018، وبين 5,400–6,000 شخص."
    assert isolate_ranges(said, "ar") == (
        f"المرصد السوري: نحو 126، {LRI}19–30{PDI} حزيران/يونيو 2018، وبين "
        f"{LRI}5,400–6,000{PDI} شخص."
    )


def test_ranges_already_isolated_and_english_text_are_left_alone():
    done = f"{LRI}150–200{PDI} و{LRI}54,000–66,000{PDI}"
    assert isolate_ranges(done, "ar") == done
    assert isolate_ranges("SOHR: about 126, 19–30 June 2018", "en") == (
        "SOHR: about 126, 19–30 June 2018"
    )
    assert isolate_ranges("", "ar") == ""


def test_a_flag_card_shows_its_arabic_sentence_with_ranges_isolated(vocab):
    from tracker.views.tables import flag_card

    flag = {"flag_id": "FL-x", "rule": "divergence", "severity": "major", "status": "open",
            "sentence_ar": "نحو 126، 19–30 حزيران", "sentence_en": "about 126, 19–30 Jun",
            "figure_ids": "", "sources": "", "ratio": None, "note": None}  # fmt: skip
    card = flag_card(flag, pd.DataFrame(), vocab, "ar")
    assert f"{LRI}19–30{PDI}" in card["sentence"]
