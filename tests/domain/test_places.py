"""Place names written by sources resolve to P-codes, or are reported, never guessed."""

from __future__ import annotations

import pytest

from tracker.domain.places import PlaceIndex, normal_form
from tracker.ingest.reference import read_gazetteer, read_place_aliases, read_reference


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    areas = read_reference().areas.reset_index(drop=True)
    return PlaceIndex(read_gazetteer().reset_index(drop=True), read_place_aliases(), areas)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Dar'a", "Dara"),
        ("Al-Hasakeh", "Hasakeh"),
        ("As-Sweida", "as sweida"),
        ("إدلب", "ادلب"),
        ("الرقة", "رقه"),
        ("حماة", "حماه"),
        ("Deir-ez-Zor", "deir ez zor"),
        ("  Homs  ", "HOMS"),
    ],
)
def test_spellings_that_share_a_normal_form(a: str, b: str) -> None:
    assert normal_form(a) == normal_form(b)


def test_distinct_places_keep_distinct_forms() -> None:
    assert normal_form("Damascus") != normal_form("Rural Damascus")
    assert normal_form("") == "" and normal_form(None) == ""


@pytest.mark.parametrize(
    ("name", "pcode", "how"),
    [
        ("SY12", "SY12", "code"),
        ("Dar'a", "SY12", "name"),
        ("درعا", "SY12", "name"),
        ("Daraa", "SY12", "alias"),
        ("Deraa", "SY12", "alias"),
        ("Damascus Suburbs", "SY03", "alias"),
        ("Idlib", "SY07", "alias"),
        ("Deir Ezzor", "SY09", "alias"),
        ("Hasakeh", "SY08", "name"),
    ],
)
def test_governorates_resolve(index: PlaceIndex, name: str, pcode: str, how: str) -> None:
    match = index.resolve(name, level=1)
    assert (match.pcode, match.how) == (pcode, how)


def test_an_unknown_name_is_unresolved_with_candidates(index: PlaceIndex) -> None:
    match = index.resolve("Damascuss", level=1)
    assert match.pcode is None and match.how == "unresolved"
    assert "SY01" in match.candidates


def test_a_name_shared_by_places_is_ambiguous_unless_narrowed(index: PlaceIndex) -> None:
    gaz = index.gazetteer
    shared = gaz[gaz["level"] == 3].groupby("name_en")["pcode"].nunique()
    name = shared[shared > 1].index[0]
    assert index.resolve(name).how == "ambiguous"
    codes = gaz.loc[gaz["name_en"] == name, "pcode"].tolist()
    parent = gaz.set_index("pcode").loc[codes[0], "parent"]
    narrowed = index.resolve(name, parent=parent)
    assert narrowed.pcode in codes or narrowed.how == "ambiguous"


def test_within_follows_parents(index: PlaceIndex) -> None:
    assert index.within("SY1200", "SY12") and index.within("SY12", "SY")
    assert not index.within("SY12", "SY1200")


def test_every_alias_names_a_gazetteer_place_it_resolves_to(index: PlaceIndex) -> None:
    aliases = index.aliases
    assert set(aliases["pcode"]) <= set(index.gazetteer["pcode"]) | set(index.areas["id"])
    for alias, pcode in zip(aliases["alias"], aliases["pcode"], strict=True):
        match = index.resolve(alias, level=index.level(pcode))
        assert (match.pcode, match.how) == (pcode, "alias"), alias


def test_an_area_resolves_by_its_names_and_lies_within_the_places_holding_all_its_members(
    index: PlaceIndex,
) -> None:
    assert index.resolve("Eastern Ghouta").pcode == "eastern-ghouta"
    assert index.resolve("الغوطة الشرقية").pcode == "eastern-ghouta"
    assert index.resolve("South-West Syria", level=1).pcode == "south-west-syria"
    assert index.resolve("southern Syria").pcode != "south-west-syria"
    assert index.within("eastern-ghouta", "SY03") and index.within("C2338", "eastern-ghouta")
    assert not index.within("south-west-syria", "SY12")
    assert index.within("SY12", "south-west-syria") and not index.within("SY13", "south-west-syria")
