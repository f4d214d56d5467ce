"""Refusals are said in the reader's language: a bad filter on an Arabic page, and a
download asked with ``lang=ar``, are explained in Arabic (then in English for the download).

The command line prints each exception's English message; the pages and downloads say the
same refusal from ``data/dashboard/words.csv`` (``problem_*``). The first test makes every
kind of refusal and checks that the words' English is that very message, so the two cannot
drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

from dashboards.components.query import parse_query
from dashboards.i18n import say_refusal
from tests.dashboards.serving import served
from tracker.domain.filters import FilterError, parse_filters
from tracker.domain.vocabularies import Vocabularies
from tracker.publish.gate import Busy, Gate
from tracker.publish.options import parse_options
from tracker.publish.stream import refused_selectors
from tracker.publish.xlsx import SheetTooLong
from tracker.service.store import Store

ARABIC = re.compile(r"[\u0600-\u06ff]")


def filter_refusal(raw: dict[str, str | None], vocab: Vocabularies) -> FilterError:
    with pytest.raises(FilterError) as caught:
        parse_filters(raw, vocab)
    return caught.value


def option_refusal(raw: dict, vocab: Vocabularies) -> FilterError:
    with pytest.raises(FilterError) as caught:
        parse_options(raw, vocab)
    return caught.value


def busy_refusals(folder: Path) -> list[Busy]:
    """A full line of waiting downloads, and a download that waited too long for its slot."""
    refusals = []
    with pytest.raises(Busy) as full:
        Gate(folder / "full", renders=1, wait=0.05, line=0).take()
    refusals.append(full.value)
    held_gate = Gate(folder / "held", renders=1, wait=0.05, line=4)
    held = held_gate.try_take()
    assert held is not None
    try:
        with pytest.raises(Busy) as waited:
            held_gate.take()
    finally:
        held.release()
    refusals.append(waited.value)
    return refusals


def every_refusal(vocab: Vocabularies, folder: Path) -> list[Exception]:
    rule = str(vocab.extra["rules"].index[0])
    selectors = refused_selectors("figures.csv", parse_options({"rule": rule}, vocab))
    assert selectors is not None
    return [
        filter_refusal({"metric": "kiled"}, vocab),
        filter_refusal({"metric": "zzzzzzzzzzzz"}, vocab),
        filter_refusal({"to": "30/06/2018"}, vocab),
        filter_refusal({"from": "2018-07-01", "to": "2018-06-01"}, vocab),
        option_refusal({"metrc": "killed"}, vocab),
        option_refusal({"lang": "arabic"}, vocab),
        option_refusal({"hxl": "2"}, vocab),
        option_refusal({"lang": ["ar", "en"]}, vocab),
        option_refusal({"from": ["2018-06-01", "2018-06-02", "2018-06-03"]}, vocab),
        selectors,
        SheetTooLong("figures.xlsx", 1_048_575, "figures.csv"),
        *busy_refusals(folder),
    ]


def test_the_words_english_is_the_message_the_command_line_prints(
    vocab: Vocabularies, tmp_path: Path
) -> None:
    for refusal in every_refusal(vocab, tmp_path):
        assert refusal.problem, refusal  # type: ignore[attr-defined]
        assert say_refusal(refusal, "en") == str(refusal)


def test_every_refusal_has_an_arabic_sentence_that_keeps_its_values(
    vocab: Vocabularies, tmp_path: Path
) -> None:
    for refusal in every_refusal(vocab, tmp_path):
        arabic = say_refusal(refusal, "ar")
        assert arabic != str(refusal) and ARABIC.search(arabic), arabic
        assert not re.search(r"\b(unknown|did you mean|valid|try again|give)\b", arabic), arabic
        for key, value in refusal.details.items():  # type: ignore[attr-defined]
            if key != "n":  # the count may be said in words (مرتين)
                assert value in arabic, (key, value, arabic)


def test_arabic_counts_follow_the_plural_rules(vocab: Vocabularies) -> None:
    twice = option_refusal({"lang": ["ar", "en"]}, vocab)
    thrice = option_refusal({"from": ["2018-06-01", "2018-06-02", "2018-06-03"]}, vocab)
    assert "مرتين" in say_refusal(twice, "ar")
    assert "3 مرات" in say_refusal(thrice, "ar")


def test_a_bad_filter_on_an_arabic_page_is_explained_in_arabic(vocab: Vocabularies) -> None:
    query = parse_query({"metric": "kiled", "lang": "ar"}, vocab)
    assert query.errors == ["قيمة غير معروفة للمعامل metric: 'kiled'؛ هل تقصد 'killed'؟"]
    english = parse_query({"metric": "kiled"}, vocab)
    assert english.errors == ["unknown metric 'kiled'; did you mean 'killed'?"]


def test_an_empty_date_range_drops_from_in_either_language(vocab: Vocabularies) -> None:
    for lang in ("en", "ar"):
        query = parse_query({"from": "2018-07-01", "to": "2018-06-01", "lang": lang}, vocab)
        assert query.filters.date_from is None and query.filters.date_to is not None
        assert len(query.errors) == 1


def test_downloads_asked_in_arabic_refuse_in_arabic_then_english(downloads_store: Store) -> None:
    with served(downloads_store) as base:
        bad = requests.get(base + "/download/figures.csv?metric=kiled&lang=ar", timeout=10)
        missing = requests.get(base + "/download/figure.csv?lang=ar", timeout=10)
        english = requests.get(base + "/download/figures.csv?metric=kiled", timeout=10)
    assert bad.status_code == 400
    arabic_line, english_line = bad.text.splitlines()
    assert arabic_line.startswith("قيمة غير معروفة للمعامل metric: 'kiled'")
    assert english_line == english.text.strip() == "unknown metric 'kiled'; did you mean 'killed'?"
    assert bad.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert missing.status_code == 404
    assert missing.text.startswith("لا يوجد تنزيل باسم 'figure.csv'؛ هل تقصد 'figures.csv'؟")
    assert "no download 'figure.csv'; did you mean 'figures.csv'?" in missing.text


def test_a_busy_download_asked_in_arabic_says_when_to_come_back_in_arabic(
    downloads_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.publish.cache import cache_folder
    from tracker.publish.gate import gate_for

    monkeypatch.setenv("TRACKER_DOWNLOAD_RENDERS", "1")
    monkeypatch.setenv("TRACKER_DOWNLOAD_WAIT", "0.3")
    monkeypatch.setenv("TRACKER_DOWNLOAD_SMALL", "0")  # every render in line, as at 1M
    with served(downloads_store) as base:
        held = gate_for(downloads_store.url, cache_folder(downloads_store.url)).try_take()
        assert held is not None
        try:
            answer = requests.get(base + "/download/series.csv?metric=killed&lang=ar", timeout=10)
        finally:
            held.release()
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "10"
    assert answer.text.splitlines()[0].endswith("أعد المحاولة بعد 10 ثوانٍ")
