"""Text a chart draws reads from the right in Arabic (newcomer walk, finding 4): plotly lays
each hover line out left to right, so "19–29 حزيران" read "29–19" from the right and the map's
"46 · 28 حزيران" read backwards. Each line starts and ends with a RIGHT-TO-LEFT MARK and
keeps its ranges isolated; English is left alone."""

from __future__ import annotations

from tracker.views.format import LRI, PDI, RLM, chart_text


def test_every_arabic_line_starts_right_to_left_with_its_ranges_isolated():
    text = chart_text("المرصد<br>نحو 100  (19–29 حزيران 2018)<br>يتيح: 90–110", "ar")
    lines = text.split("<br>")
    assert len(lines) == 3
    assert all(line.startswith(RLM) and line.endswith(RLM) for line in lines)
    assert f"{LRI}19–29{PDI}" in lines[1] and f"{LRI}90–110{PDI}" in lines[2]


def test_ranges_already_isolated_are_not_wrapped_twice_and_english_is_unchanged():
    done = f"نحو ({LRI}19–29{PDI} حزيران 2018)"
    assert chart_text(done, "ar") == RLM + done + RLM
    english = "SOHR<br>about 100 (19–29 Jun 2018)"
    assert chart_text(english, "en") == english
    assert chart_text("", "ar") == ""
