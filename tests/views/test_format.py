"""Words and numbers in English and Arabic."""

from __future__ import annotations

import math
from datetime import date

from tracker.views.format import (
    LRI,
    PDI,
    claim_words,
    fmt_count,
    fmt_date,
    fmt_window,
    household_factor,
    interval_words,
    lang_of,
    place_label,
    safe_url,
    source_name,
)


def test_counts_keep_western_digits_and_are_isolated_in_arabic():
    assert fmt_count(160000) == "160,000"
    assert fmt_count(160000, "ar") == f"{LRI}160,000{PDI}"
    assert fmt_count(math.inf) == "∞"
    assert fmt_count(None) == "—"
    assert fmt_count(float("nan")) == "—"


def test_lang_defaults_to_english():
    assert lang_of(None) == "en"
    assert lang_of("ar") == "ar"
    assert lang_of("AR") == "ar"
    assert lang_of("fr") == "en"


def test_dates_and_windows_in_both_languages():
    assert fmt_date(date(2018, 6, 30)) == "30 Jun 2018"
    assert fmt_date(date(2018, 6, 30), "ar") == "30 حزيران 2018"
    assert fmt_window(date(2018, 6, 19), date(2018, 6, 30), "flow") == "19–30 Jun 2018"
    assert fmt_window(date(2018, 6, 17), date(2018, 7, 4), "flow") == "17 Jun – 4 Jul 2018"
    assert fmt_window(date(2018, 6, 27), date(2018, 6, 27), "flow") == "on 27 Jun 2018"
    assert fmt_window(None, date(2018, 7, 4), "stock") == "as of 4 Jul 2018"
    assert fmt_window(None, date(2018, 7, 4), "flow") == "until 4 Jul 2018 (start not stated)"
    # the day range is one left-to-right unit, so it never shows as "30–19"
    assert fmt_window(date(2018, 6, 19), date(2018, 6, 30), "flow", "ar") == (
        f"{LRI}19–30{PDI} حزيران 2018"
    )
    assert fmt_window(None, date(2018, 7, 4), "stock", "ar") == "كما في 4 تموز 2018"


def test_claims_in_words(vocab):
    assert claim_words(vocab, "at_least", 214) == "at least 214"
    assert claim_words(vocab, "approx", 126) == "about 126"
    assert claim_words(vocab, "range", 62000, 66000) == "62,000–66,000"
    assert claim_words(vocab, "magnitude", 1000) == "thousands"
    # issue #12: in Arabic the number and its qualifier are one isolated unit (RLI…PDI)
    RLI = "\u2067"
    assert claim_words(vocab, "at_least", 214, lang="ar") == f"{RLI}{LRI}214{PDI} على الأقل{PDI}"
    assert claim_words(vocab, "magnitude", 1000, lang="ar") == f"{RLI}آلاف{PDI}"
    # a unit other than the metric's own is said
    assert (
        claim_words(vocab, "approx", 768, unit="households", metric="displaced")
        == "about 768 households"
    )


def test_intervals_in_words():
    assert interval_words(113, 139) == "113–139"
    assert interval_words(214, math.inf) == "214 or more"
    assert interval_words(46, 46) == "46"
    assert interval_words(214, math.inf, "ar") == f"{LRI}214{PDI} أو أكثر"


def test_names_in_both_languages(vocab):
    assert source_name(vocab, "sohr") == "SOHR"
    assert source_name(vocab, "sohr", "ar") == "المرصد السوري"
    assert source_name(vocab, "sohr", short=False) == "Syrian Observatory for Human Rights"
    assert source_name(vocab, "nobody") == "nobody"
    assert place_label(vocab, "SY12") == "Dar'a (governorate)"
    assert place_label(vocab, "C6044").endswith(", Dar'a)")
    assert place_label(vocab, "SY12", "ar").startswith("درعا")


def test_only_web_addresses_become_links():
    assert safe_url("https://reliefweb.int/x") == "https://reliefweb.int/x"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,<b>") is None
    assert safe_url('https://x.org/"><script>') is None
    assert safe_url(None) is None


def test_household_size_labels():
    assert household_factor("5") == 5
    assert household_factor("4–6") == 5
    assert household_factor(None) == 1


def test_a_label_frame_made_anew_is_never_answered_from_its_predecessor():
    """A vocabulary frame rebuilt after a registry change may reuse the old one's address:
    its labels are its own (the column cache was keyed by address and length alone)."""
    import gc

    import pandas as pd

    from tracker.views.format import label

    for i in range(300):
        frame = pd.DataFrame({"label_en": [f"name {i}"]}, index=["x"])
        assert label(frame, "x") == f"name {i}"
        del frame
        gc.collect()
