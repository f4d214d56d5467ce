"""Named areas (issue #16, DESIGN §6): the registry shipped in data/areas.csv, added by admins
and logged, and usable as a figure's location; on SQLite and PostgreSQL."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from tracker.domain.registry import RegistryError
from tracker.domain.roles import Actor, PermissionDenied, Role
from tracker.ingest.readers import read_figure_file
from tracker.publish import DownloadOptions, download_pieces
from tracker.service import registry
from tracker.service.store import Store

ADMIN = Actor("ada", Role.ADMIN)
HAWRAN = {
    "id": "hawran",
    "name_en": "Hawran plain",
    "name_ar": "سهل حوران",
    "members": "SY1200 SY1203",
    "note": "the districts of Dar'a and Izra'",
}
HEADER = "reported_on,source,metric,population,location,period_start,period_end,qualifier,value\n"


def _download(store: Store, name: str, lang: str = "en") -> pd.DataFrame:
    pieces = download_pieces(store, name, DownloadOptions(lang=lang))
    text = b"".join(pieces).decode("utf-8-sig")
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def test_init_loads_eastern_ghouta_and_south_west_syria(store: Store) -> None:
    areas = {r["id"]: r for r in registry.listing(store, "areas")}
    assert areas["south-west-syria"]["members"] == "SY12 SY14"
    assert areas["south-west-syria"]["name_ar"] == "جنوب غرب سوريا"
    ghouta = areas["eastern-ghouta"]
    assert ghouta["name_ar"] == "الغوطة الشرقية"
    members = ghouta["members"].split()
    assert "SY030105" in members and "SY030103" not in members  # Kafr Batna in, Jaramana out
    assert all(store.vocab.ancestors.at[m, "adm1"] == "SY03" for m in members)
    assert "Jaramana" in ghouta["note"]


def test_an_admin_adds_an_area_that_figures_may_then_name(store: Store) -> None:
    registry.add(store, ADMIN, "areas", HAWRAN)
    assert "hawran" in store.vocab.location_ids
    log = registry.changes(store, "areas", "hawran")
    assert [(c["field"], c["changed_by"]) for c in log] == [("added", "ada")]
    changed = registry.edit(store, ADMIN, "areas", "hawran", {"members": "SY1200, SY1203 SY1202"})
    assert changed == [("members", "SY1200 SY1203", "SY1200 SY1203 SY1202")]
    with pytest.raises(RegistryError, match="exists already"):
        registry.add(store, ADMIN, "areas", HAWRAN)


@pytest.mark.parametrize("role", [Role.ANALYST, Role.REVIEWER])
def test_only_an_admin_adds_an_area(store: Store, role: Role) -> None:
    with pytest.raises(PermissionDenied, match="may not manage registry"):
        registry.add(store, Actor("someone", role), "areas", HAWRAN)
    assert "hawran" not in {r["id"] for r in registry.listing(store, "areas")}


def test_a_bad_area_is_refused_naming_every_rule(store: Store) -> None:
    bad = {**HAWRAN, "name_ar": "", "members": "SY12 SY1200 SY99 SY99"}
    with pytest.raises(RegistryError) as caught:
        registry.add(store, ADMIN, "areas", bad)
    message = str(caught.value)
    for words in (
        "name_ar is required",
        "member 'SY99' is not a P-code of the gazetteer",
        "member 'SY99' is given twice",
        "member 'SY1200' lies inside member 'SY12'",
    ):
        assert words in message
    with pytest.raises(RegistryError, match=r"member 'SY' is a country.*different countries"):
        registry.add(store, ADMIN, "areas", {**HAWRAN, "members": "SY BD"})
    with pytest.raises(RegistryError, match="at least two different members"):
        registry.add(store, ADMIN, "areas", {**HAWRAN, "members": "SY12"})


def test_a_figure_for_an_area_is_stored_and_named_in_both_languages(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "ghouta.csv"
    row = "2018-03-01,sohr,killed,civilians,eastern-ghouta,2018-02-18,2018-02-28,at_least,500\n"
    path.write_text(HEADER + row, encoding="utf-8")
    result = store.import_file(read_figure_file(path))
    assert result.plan.ok and result.stored == 1
    figures = _download(store, "figures.csv", lang="ar").set_index("location")
    assert figures.at["eastern-ghouta", "location_name"] == "Eastern Ghouta"
    assert figures.at["eastern-ghouta", "location_name_ar"] == "الغوطة الشرقية"
    assert figures.at["eastern-ghouta", "adm1_pcode"] == "SY03"  # all its members' governorate
    assert figures.at["eastern-ghouta", "location_level"] == ""  # an area is no admin unit


def test_an_unknown_location_is_said_to_be_neither_a_p_code_nor_an_area(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "typo.csv"
    row = "2018-03-01,sohr,killed,civilians,eastern-gouta,2018-02-18,2018-02-28,exact,500\n"
    path.write_text(HEADER + row, encoding="utf-8")
    plan = store.plan(read_figure_file(path))
    (problem,) = plan.problems
    assert problem.line == 2 and problem.column == "location" and problem.value == "eastern-gouta"
    assert "neither a P-code of the gazetteer nor an area id" in problem.message
    assert "did you mean 'eastern-ghouta'" in problem.message


def _import(store: Store, tmp_path: Path, name: str, *rows: str) -> None:
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    assert store.import_file(read_figure_file(path)).stored == len(rows)


def test_stored_area_figures_are_bounded_by_their_governorate_and_bound_their_members(
    store: Store, tmp_path: Path
) -> None:
    """Each import recomputes only what it touched; the flags are those of a full run."""
    _import(
        store, tmp_path, "a.csv", "2018-03-02,snhr,killed,all,SY03,2018-02-01,2018-03-01,exact,400"
    )
    _import(
        store,
        tmp_path,
        "b.csv",
        "2018-03-01,sohr,killed,all,eastern-ghouta,2018-02-18,2018-02-28,at_least,500",
    )
    _import(
        store,
        tmp_path,
        "c.csv",
        "2018-07-10,un-ocha,killed,all,south-west-syria,2018-06-19,2018-07-09,exact,300",
    )
    _import(
        store,
        tmp_path,
        "d.csv",
        "2018-07-09,snhr,killed,all,SY12,2018-06-20,2018-07-08,more_than,350",
    )
    _import(
        store, tmp_path, "e.csv", "2018-07-09,sohr,killed,all,SY12,2018-06-19,2018-07-09,exact,900"
    )
    found = store.flags()
    incremental = sorted(zip(found["rule"], found["sentence_en"], strict=True))
    assert [rule for rule, _ in incremental] == ["hierarchy", "hierarchy"]
    said = " ".join(s for _, s in incremental)
    assert "Eastern Ghouta is part of Rural Damascus" in said
    assert "Dar'a (governorate) is part of south-west Syria" in said
    assert "900" in said  # the largest of Dar'a's counts is set against south-west's 300
    store.recompute_flags()
    full = store.flags()
    assert sorted(zip(full["rule"], full["sentence_en"], strict=True)) == incremental
