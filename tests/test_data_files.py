"""Consistency checks on the reference data in data/: vocabularies, sources, episodes, gazetteer,
seed and demo figures.

Standard library only: everything else reads these files, so they are checked without the package.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
DATA = ROOT / "data"
VOCAB = DATA / "vocabularies"
ALL_CSV = sorted(DATA.rglob("*.csv"))
ARABIC = re.compile(r"[\u0600-\u06FF]")


@cache
def read(path: Path) -> tuple[tuple[str, ...], tuple[dict[str, str], ...]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = tuple(reader)
        return tuple(reader.fieldnames or ()), rows


def rows(path: Path) -> tuple[dict[str, str], ...]:
    return read(path)[1]


def ids(path: Path, column: str = "id") -> set[str]:
    return {row[column] for row in rows(path)}


EXPECTED_HEADERS = {
    "vocabularies/metrics.csv": "id,label_en,label_ar,unit,measure,units_allowed,hxl",
    "vocabularies/populations.csv": "id,label_en,label_ar,subset_of,hxl",
    "vocabularies/qualifiers.csv": "id,label_en,label_ar,words_en,words_ar,interval",
    "vocabularies/qualifier_phrases.csv": "qualifier,lang,phrase,magnitude",
    "vocabularies/magnitudes.csv": "id,words_en,words_ar",
    "vocabularies/units.csv": "id,label_en,label_ar,hxl",
    "vocabularies/measures.csv": "id,label_en,label_ar",
    "vocabularies/measure_phrases.csv": "measure,lang,phrase,note",
    "vocabularies/source_types.csv": "id,label_en,label_ar",
    "vocabularies/reliability.csv": "id,label_en,label_ar,rank",
    "vocabularies/severities.csv": "id,label_en,label_ar,rank",
    "vocabularies/rules.csv": "id,label_en,label_ar,description_en,description_ar,kind",
    "vocabularies/levels.csv": "level,label_en,label_ar",
    "sources.csv": "id,name_en,name_ar,short_en,short_ar,type,reliability,url",
    "episodes.csv": "id,name_en,name_ar,start,end,location",
    "areas.csv": "id,name_en,name_ar,members,note",
    "household_sizes.csv": "country,persons_per_household,source",
    "gazetteer/SY.csv": "pcode,level,name_en,name_ar,parent,latitude,longitude",
}
FIGURE_COLUMNS = (
    "figure_id,reported_on,source,publisher,url,metric,population,location,period_start,period_end,"
    "measure,episode,qualifier,value,value_high,unit,quote,quote_lang,notes"
)
FIGURE_FILES = [DATA / "seed" / "figures.csv", DATA / "demo" / "daraa-2018.csv"]
ID_COLUMNS = {
    "levels.csv": "level",
    "SY.csv": "pcode",
    "IN.csv": "pcode",
    "BD.csv": "pcode",
    "countries.csv": "iso2",
    "household_sizes.csv": "country",
    "source_terms.csv": "source",
    "aliases.csv": "alias",
    "columns.csv": "column",
    "words.csv": "key",
    "download_columns.csv": "key",
    "figure_words.csv": "key",
    "sendback_words.csv": "key",
    "article_words.csv": "key",
    "problem_words.csv": "key",
    "reason_words.csv": "key",
}


# ------------------------------------------------------------------------------------------- format


@pytest.mark.parametrize("name, header", sorted(EXPECTED_HEADERS.items()))
def test_expected_files_and_headers(name: str, header: str) -> None:
    path = DATA / name
    assert path.is_file(), f"missing {name}"
    assert ",".join(read(path)[0]) == header
    assert rows(path), f"{name} has no rows"


@pytest.mark.parametrize("path", FIGURE_FILES, ids=lambda p: p.name)
def test_figure_files_have_the_canonical_columns(path: Path) -> None:
    assert ",".join(read(path)[0]) == FIGURE_COLUMNS


@pytest.mark.parametrize("path", ALL_CSV, ids=lambda p: str(p.relative_to(DATA)))
def test_csv_encoding_and_line_endings(path: Path) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM"
    raw.decode("utf-8")  # raises if not UTF-8
    assert b"\r" not in raw, "CR found: line endings must be LF"
    assert raw.endswith(b"\n")
    header, body = read(path)
    assert all(len(row) == len(header) and None not in row for row in body), "ragged rows"


# ----------------------------------------------------------------------------------- labels and ids

LABELLED = sorted(
    [p for p in ALL_CSV if "label_en" in read(p)[0] or "name_en" in read(p)[0]],
    key=str,
)


@pytest.mark.parametrize("path", LABELLED, ids=lambda p: str(p.relative_to(DATA)))
def test_every_label_has_english_and_arabic(path: Path) -> None:
    header = read(path)[0]
    pairs = [
        (f"{s}_en", f"{s}_ar")
        for s in ("label", "name", "short", "description")
        if f"{s}_en" in header
    ]
    for row in rows(path):
        for en, ar in pairs:
            assert row[en].strip(), f"{row}: empty {en}"
            assert row[ar].strip(), f"{row}: empty {ar}"
            assert ARABIC.search(row[ar]), f"{row}: {ar} has no Arabic text"
            assert row[en] == row[en].strip() and row[ar] == row[ar].strip()
            assert "\ufffd" not in row[en] + row[ar]


def _phrase_table(path: Path) -> bool:
    """Word tables (one row per phrase, no id column): tests/extract checks them."""
    return path.name.endswith("_phrases.csv") or path.parent.name == "extract"


@pytest.mark.parametrize(
    "path",
    [p for p in ALL_CSV if not _phrase_table(p) and p not in FIGURE_FILES],
    ids=lambda p: p.name,
)
def test_ids_are_unique(path: Path) -> None:
    column = ID_COLUMNS.get(path.name, "id")
    values = [row[column] for row in rows(path)]
    assert all(values), "empty id"
    duplicates = sorted({v for v in values if values.count(v) > 1})
    assert not duplicates, duplicates


@pytest.mark.parametrize("path", FIGURE_FILES, ids=lambda p: p.name)
def test_figure_ids_are_unique(path: Path) -> None:
    values = [row["figure_id"] for row in rows(path)]
    assert len(values) == len(set(values))


def test_vocabularies_hold_the_design_ids() -> None:
    assert ids(VOCAB / "metrics.csv") == {
        "displaced",
        "idps",
        "returned",
        "at_border",
        "killed",
        "injured",
        "missing",
        "detained",
        "airstrikes",
        "barrel_bombs",
        "shelling_incidents",
        "localities_struck",
        "localities_reconciled",
        "health_facilities_out_of_service",
        "people_in_need",
        "people_assisted",
        "refugees",
    }
    assert ids(VOCAB / "populations.csv") == {
        "all",
        "civilians",
        "children",
        "women",
        "combatants_government",
        "combatants_opposition",
        "palestinian_refugees",
    }
    assert ids(VOCAB / "qualifiers.csv") == {
        "exact",
        "approx",
        "nearly",
        "at_least",
        "more_than",
        "at_most",
        "less_than",
        "range",
        "magnitude",
    }
    assert ids(VOCAB / "units.csv") == {
        "persons",
        "households",
        "events",
        "localities",
        "facilities",
    }
    assert ids(VOCAB / "measures.csv") == {"flow", "stock"}
    assert ids(VOCAB / "source_types.csv") == {
        "un_agency",
        "ngo_monitor",
        "government",
        "armed_group",
        "media",
        "local_council",
        "other",
    }
    assert ids(VOCAB / "rules.csv") == {
        "containment",
        "regression",
        "hierarchy",
        "subgroup",
        "divergence",
        "staleness",
        "echo",
    }
    assert {r["id"]: r["kind"] for r in rows(VOCAB / "rules.csv")} == {
        "containment": "hard",
        "regression": "hard",
        "hierarchy": "hard",
        "subgroup": "hard",
        "divergence": "soft",
        "staleness": "info",
        "echo": "info",
    }
    assert {r["id"]: int(r["rank"]) for r in rows(VOCAB / "reliability.csv")} == {
        "low": 1,
        "medium": 2,
        "high": 3,
    }
    assert {r["id"]: int(r["rank"]) for r in rows(VOCAB / "severities.csv")} == {
        "info": 0,
        "minor": 1,
        "moderate": 2,
        "major": 3,
    }
    assert [int(r["level"]) for r in rows(VOCAB / "levels.csv")] == [0, 1, 2, 3, 4]


# ------------------------------------------------------------------------------- vocabulary links


def test_metric_units_and_measures() -> None:
    units = ids(VOCAB / "units.csv")
    measures = ids(VOCAB / "measures.csv")
    for metric in rows(VOCAB / "metrics.csv"):
        allowed = metric["units_allowed"].split(";")
        assert metric["unit"] in allowed, metric["id"]
        assert set(allowed) <= units, metric["id"]
        assert metric["measure"] in measures, metric["id"]
        if metric["unit"] == "persons":
            assert allowed == ["persons", "households"], metric["id"]
        else:
            assert allowed == [metric["unit"]], metric["id"]


def test_hxl_tags_are_well_formed() -> None:
    tag = re.compile(r"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$")
    attributes = re.compile(r"^(\+[a-z][a-z0-9_]*)*$")
    for metric in rows(VOCAB / "metrics.csv"):
        assert tag.match(metric["hxl"]), metric
    for name in ("populations.csv", "units.csv"):
        for row in rows(VOCAB / name):
            assert attributes.match(row["hxl"]), row
    assert next(r for r in rows(VOCAB / "populations.csv") if r["id"] == "all")["hxl"] == ""


def test_population_subsets_refer_to_existing_populations_without_cycles() -> None:
    parents = {r["id"]: r["subset_of"] for r in rows(VOCAB / "populations.csv")}
    assert [k for k, v in parents.items() if not v] == ["all"]
    for population in parents:
        seen, current = set(), population
        while parents[current]:
            assert parents[current] in parents, f"{current}: unknown subset_of {parents[current]}"
            assert current not in seen, f"cycle through {population}"
            seen.add(current)
            current = parents[current]
        assert current == "all"


def test_qualifier_templates_and_phrases() -> None:
    qualifiers = {r["id"]: r for r in rows(VOCAB / "qualifiers.csv")}
    for q in qualifiers.values():
        for lang in ("en", "ar"):
            words = q[f"words_{lang}"]
            if q["id"] == "magnitude":
                assert "{value_words}" in words
            else:
                assert "{value}" in words
            assert ("{value_high}" in words) == (q["id"] == "range")
        assert q["interval"].startswith("[")
    phrases = rows(VOCAB / "qualifier_phrases.csv")
    seen = set()
    for p in phrases:
        assert p["qualifier"] in qualifiers, p
        assert p["lang"] in {"en", "ar"}, p
        assert p["phrase"] and p["phrase"] == p["phrase"].strip(), p
        assert (p["lang"], p["phrase"]) not in seen, f"phrase listed twice: {p}"
        seen.add((p["lang"], p["phrase"]))
        if p["qualifier"] == "magnitude":
            assert int(p["magnitude"]) > 1, p
        else:
            assert p["magnitude"] == "", p
    for q in qualifiers:
        if q != "exact":
            for lang in ("en", "ar"):
                assert any(p["qualifier"] == q and p["lang"] == lang for p in phrases), (q, lang)
    magnitudes = {p["phrase"]: int(p["magnitude"]) for p in phrases if p["magnitude"]}
    assert magnitudes["dozens"] == 12 and magnitudes["hundreds"] == 100
    assert magnitudes["thousands"] == 1000 and magnitudes["tens of thousands"] == 10000
    assert magnitudes["آلاف"] == 1000 and magnitudes["عشرات الآلاف"] == 10000


def test_measure_phrases_name_measures_in_both_languages() -> None:
    """measure_phrases.csv: words people type for flow and stock (the importer's "did you
    mean"), each once, in English and Arabic for both measures, none naming both."""
    measures = ids(VOCAB / "measures.csv")
    phrases = rows(VOCAB / "measure_phrases.csv")
    seen: set[tuple[str, str]] = set()
    for p in phrases:
        assert p["measure"] in measures, p
        assert p["phrase"] and p["phrase"] == p["phrase"].strip(), p
        assert bool(ARABIC.search(p["phrase"])) == (p["lang"] == "ar"), p
        assert (p["lang"], p["phrase"]) not in seen, f"phrase listed twice: {p}"
        seen.add((p["lang"], p["phrase"]))
    for measure in measures:
        for lang in ("en", "ar"):
            assert any(p["measure"] == measure and p["lang"] == lang for p in phrases)


def test_magnitude_words_name_the_design_unit_words() -> None:
    """magnitudes.csv: the unit words a magnitude claim may use (DESIGN §1), each said in
    English and Arabic; the English word is also a phrase for that magnitude."""
    table = rows(VOCAB / "magnitudes.csv")
    assert [int(r["id"]) for r in table] == [10, 12, 100, 1000, 10000]
    phrases = {
        (p["lang"], p["phrase"]): int(p["magnitude"])
        for p in rows(VOCAB / "qualifier_phrases.csv")
        if p["magnitude"]
    }
    for r in table:
        assert phrases[("en", r["words_en"])] == int(r["id"]), r
        assert ARABIC.search(r["words_ar"]) and ("ar", r["words_ar"]) in phrases, r


# ------------------------------------------------------------------------------ sources, episodes


def test_sources_use_known_types_and_reliability() -> None:
    types = ids(VOCAB / "source_types.csv")
    levels = ids(VOCAB / "reliability.csv")
    for source in rows(DATA / "sources.csv"):
        assert source["type"] in types, source["id"]
        assert source["reliability"] in levels, source["id"]
        assert source["url"] == "" or source["url"].startswith(("http://", "https://")), source[
            "id"
        ]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", source["id"]), source["id"]


def test_episodes_have_dates_and_known_locations() -> None:
    places = ids(DATA / "gazetteer" / "SY.csv", "pcode")
    for episode in rows(DATA / "episodes.csv"):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", episode["start"]), episode
        assert episode["end"] == "" or episode["end"] >= episode["start"], episode
        assert episode["location"] in places, episode


def test_areas_name_places_of_the_gazetteer_and_say_why() -> None:
    """DESIGN §6: Eastern Ghouta's members are sub-districts of Rural Damascus; south-west
    Syria is Dar'a and Quneitra."""
    places = {r["pcode"]: r for r in rows(DATA / "gazetteer" / "SY.csv")}
    areas = {a["id"]: a for a in rows(DATA / "areas.csv")}
    for area in areas.values():
        assert all(m in places for m in area["members"].split()), area["id"]
        assert area["name_ar"] and len(area["note"]) > 40, area["id"]
    ghouta = areas["eastern-ghouta"]["members"].split()
    assert all(places[m]["level"] == "3" and places[m]["pcode"].startswith("SY03") for m in ghouta)
    assert areas["south-west-syria"]["members"] == "SY12 SY14"
    assert places["SY12"]["name_en"] == "Dar'a" and places["SY14"]["name_en"] == "Quneitra"


def test_household_size_for_syria() -> None:
    sizes = {r["country"]: r for r in rows(DATA / "household_sizes.csv")}
    assert float(sizes["SY"]["persons_per_household"]) > 1
    assert len(sizes["SY"]["source"]) > 20


# ------------------------------------------------------------------------------------- gazetteer


@cache
def gazetteer() -> dict[str, dict[str, str]]:
    return {row["pcode"]: row for row in rows(DATA / "gazetteer" / "SY.csv")}


def test_gazetteer_levels_and_counts() -> None:
    levels: dict[int, int] = {}
    for row in gazetteer().values():
        levels[int(row["level"])] = levels.get(int(row["level"]), 0) + 1
    assert levels[0] == 1 and levels[1] == 14 and levels[2] == 62 and levels[3] == 272
    assert levels[4] > 5000
    assert gazetteer()["SY"]["parent"] == ""


def test_gazetteer_parents_exist_one_level_up() -> None:
    places = gazetteer()
    for code, row in places.items():
        level = int(row["level"])
        if level == 0:
            continue
        parent = places.get(row["parent"])
        assert parent is not None, f"{code}: parent {row['parent']} missing"
        allowed = {3, 2} if level == 4 else {level - 1}  # a community may fall back to its district
        assert int(parent["level"]) in allowed, f"{code} (level {level}) under {parent['pcode']}"


def test_gazetteer_codes_and_coordinates() -> None:
    places = gazetteer()
    patterns = {0: r"SY", 1: r"SY\d{2}", 2: r"SY\d{4}", 3: r"SY\d{6}", 4: r"C\d{4,}"}
    for code, row in places.items():
        assert re.fullmatch(patterns[int(row["level"])], code), code
        if int(row["level"]) in (1, 2, 3):
            assert code.startswith(row["parent"]), code
        lat, lon = float(row["latitude"]), float(row["longitude"])
        assert 32.0 <= lat <= 37.5 and 35.5 <= lon <= 42.5, code  # Syria's bounding box
    for code in (
        "SY",
        "SY03",
        "SY12",
        "SY13",
        "SY14",
        "SY1200",
        "SY120000",
        "C5993",
        "C6044",
        "C6045",
    ):
        assert code in places, code
    assert places["C5993"]["name_en"] == "Dar'a" and places["C5993"]["parent"] == "SY120000"
    assert places["SY12"]["name_ar"] == "درعا"


def test_gazetteer_is_sorted_by_level_then_pcode() -> None:
    def key(code: str) -> tuple:
        return tuple(int(s) if s.isdigit() else s for s in re.split(r"(\d+)", code) if s)

    order = [(int(r["level"]), key(r["pcode"])) for r in rows(DATA / "gazetteer" / "SY.csv")]
    assert order == sorted(order)


# --------------------------------------------------------------------------------------- figures


@pytest.mark.parametrize("path", FIGURE_FILES, ids=lambda p: p.name)
def test_figures_reference_known_things(path: Path) -> None:
    known = {
        "source": ids(DATA / "sources.csv"),
        "metric": ids(VOCAB / "metrics.csv"),
        "population": ids(VOCAB / "populations.csv"),
        "episode": ids(DATA / "episodes.csv"),
        "location": set(gazetteer()),
        "qualifier": ids(VOCAB / "qualifiers.csv"),
        "measure": ids(VOCAB / "measures.csv"),
        "unit": ids(VOCAB / "units.csv"),
    }
    optional = {"population", "episode", "qualifier", "measure", "unit"}
    metrics = {r["id"]: r for r in rows(VOCAB / "metrics.csv")}
    for row in rows(path):
        for column, values in known.items():
            if row[column] == "" and column in optional:
                continue
            assert row[column] in values, f"{row['figure_id']}: unknown {column} {row[column]!r}"
        if row["unit"]:
            assert row["unit"] in metrics[row["metric"]]["units_allowed"].split(";"), row[
                "figure_id"
            ]
        assert int(row["value"]) >= 0
        if row["value_high"]:
            assert row["qualifier"] == "range" and int(row["value_high"]) >= int(row["value"])


def test_no_quote_text_in_data() -> None:
    """The project holds no text copied from articles: every quote cell under data/ is empty."""
    for path in ALL_CSV:
        header, body = read(path)
        for column in ("quote", "quote_lang"):
            if column in header:
                filled = [r.get("figure_id", "?") for r in body if r[column].strip()]
                assert not filled, f"{path.relative_to(ROOT)}: {column} filled in {filled}"
