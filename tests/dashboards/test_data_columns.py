"""The Data page's column lists are the headers of the files its addresses serve, in the
page's language: counted, named and described as the reader will find them in the file."""

from __future__ import annotations

import csv
import io
import re

import pytest
import requests

from dashboards.i18n import column_descriptions
from dashboards.pages import data
from tests.dashboards.serving import served
from tests.dashboards.test_pages import text, walk
from tracker.ingest.reference import read_reference
from tracker.publish.files import DOWNLOADS

#: The columns of each CSV as the brief's reader counted them in the files.
EXPECTED = {
    "en": {"figures": 32, "series": 15, "flags": 13, "sources": 8},
    "ar": {"figures": 34, "series": 16, "flags": 15, "sources": 10},
}


def _cards(page) -> dict[str, object]:
    """Each CSV's card on the Data page, by file name."""
    out = {}
    for node in walk(page):
        found = re.fullmatch(r"download-(\w+)-csv", str(getattr(node, "id", "") or ""))
        if found:
            out[found.group(1)] = node
    return out


def _header(url: str) -> list[str]:
    response = requests.get(url, timeout=60)
    assert response.status_code == 200, (url, response.text[:200])
    first = response.content.decode("utf-8-sig").splitlines()[0]
    return next(csv.reader(io.StringIO(first)))


@pytest.fixture(scope="module")
def base(dash_store):
    with served(dash_store) as url:
        yield url


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_column_count_is_the_header_of_the_file_served(dash_store, base, lang):
    cards = _cards(data.layout(dash_store, lang=lang))
    assert set(cards) == set(DOWNLOADS)
    for name, card in cards.items():
        link = next(c for c in walk(card) if "download-link" in str(getattr(c, "className", "")))
        header = _header(base + link.href)
        columns = next(c for c in walk(card) if getattr(c, "className", "") == "columns")
        digits = re.sub(r"\D", "", text(columns.children[0]))  # "The 32 columns", "32 عموداً"
        assert int(digits) == len(header) == EXPECTED[lang][name], (lang, name, digits)
        listed = [text(row.children[0]) for row in walk(card) if type(row).__name__ == "Tr"][1:]
        assert listed == header, (lang, name)


def test_the_arabic_page_describes_every_column_in_arabic(dash_store):
    cards = _cards(data.layout(dash_store, lang="ar"))
    for name, card in cards.items():
        rows = [r for r in walk(card) if type(r).__name__ == "Tr"][1:]
        for row in rows:
            kind, meaning = text(row.children[1]), text(row.children[2])
            words = re.sub(r"[A-Za-z_]+[A-Za-z0-9_.-]*|https?|UTC|P-code|ISO", "", meaning)
            assert re.search(r"[\u0600-\u06ff]", meaning), (name, text(row))
            assert re.search(r"[\u0600-\u06ff]", kind), (name, kind)
            assert not re.search(r"\b(the|of|and|when)\b", words), (name, meaning)


def test_every_download_column_has_one_arabic_description_and_none_is_stale():
    vocab = read_reference()
    wanted = {(d.name, c.name) for d in DOWNLOADS.values() for c in d.fields(vocab, "ar")}
    described = column_descriptions()
    assert set(described) == wanted
    assert all(described[k].strip() for k in wanted)
