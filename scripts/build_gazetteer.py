#!/usr/bin/env python3
"""Build the project's gazetteer table from OCHA COD-AB files.

    python scripts/build_gazetteer.py --shared ../shared          # from the repo root
    python scripts/build_gazetteer.py --shared ../shared --country SY

Reads the country's COD-AB files from ``<shared>/gazetteer/`` (they stay out of the repository) and
writes ``data/gazetteer/<COUNTRY>.csv`` with the columns

    pcode,level,name_en,name_ar,parent,latitude,longitude

sorted by level, then P-code. Levels: 0 country, 1 governorate, 2 district, 3 sub-district, 4
community. Administrative units (levels 0-3) carry a label point (the polygon's area centroid, or a
point inside the polygon when the centroid falls outside it); communities carry the coordinates of
the source file.

Standard library only, deterministic output (same inputs, same bytes). Problems found in the inputs
are repaired where the repair is certain and reported on stderr; a broken parent link stops the
build.

To add a country, write a ``CountryConfig`` in ``COUNTRIES`` that names its files and the reader
for each file layout (TopoJSON polygons with PCODE/NAME_* properties, GeoJSON community points,
...); add a reader function if the layout is new.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ["pcode", "level", "name_en", "name_ar", "parent", "latitude", "longitude"]
REPLACEMENT_CHAR = "\ufffd"


@dataclass
class Place:
    pcode: str
    level: int
    name_en: str
    name_ar: str
    parent: str
    latitude: float | None = None
    longitude: float | None = None
    # Extra facts a reader may pass on for repairs (e.g. the district code a community file gives).
    hints: dict = field(default_factory=dict)


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def info(message: str) -> None:
    print(message, file=sys.stderr)


# --------------------------------------------------------------------------------------------------
# Text clean-up
# --------------------------------------------------------------------------------------------------


def clean_name(text: str | None) -> str:
    """NFC-normalise, turn any run of whitespace (CR, LF, tabs, double spaces) into one space."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    return re.sub(r"\s+", " ", text).strip()


def clean_name_ar(text: str | None) -> str:
    """As clean_name; also writes the '_' or bare '-' that some COD files use to join two names
    as ' - ', the way the English names are written."""
    text = clean_name(text)
    return re.sub(r"\s*[-_]\s*", " - ", text)


def has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


# --------------------------------------------------------------------------------------------------
# Geometry: TopoJSON decoding and label points (planar lon/lat; good enough for a map label)
# --------------------------------------------------------------------------------------------------


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat coordinates of every arc (undoing quantisation and delta encoding)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def ring_from_arcs(indexes: Iterable[int], arcs: list[list[tuple[float, float]]]) -> list:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points if not ring else points[1:])
    return ring


def geometry_polygons(geometry: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    """A TopoJSON (Multi)Polygon as a list of polygons, each a list of rings (first ring
    exterior)."""
    if geometry["type"] == "Polygon":
        return [[ring_from_arcs(r, arcs) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring_from_arcs(r, arcs) for r in poly] for poly in geometry["arcs"]]
    return []


def ring_area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Unsigned area and centroid of a closed ring (shoelace formula)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def point_in_polygons(x: float, y: float, polygons: list) -> bool:
    inside = False
    for poly in polygons:
        for ring in poly:
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                    inside = not inside
    return inside


def label_point(polygons: list) -> tuple[float, float, float]:
    """(area, lon, lat): the area centroid, moved inside the shape when it falls outside (e.g. a
    district wrapped around a city): then the middle of the widest inside stretch along the
    centroid's latitude."""
    total = sx = sy = 0.0
    for poly in polygons:
        for i, ring in enumerate(poly):
            area, cx, cy = ring_area_centroid(ring)
            sign = 1 if i == 0 else -1
            total += sign * area
            sx += sign * area * cx
            sy += sign * area * cy
    if total <= 0:
        ring = polygons[0][0]
        return 0.0, ring[0][0], ring[0][1]
    x, y = sx / total, sy / total
    if point_in_polygons(x, y, polygons):
        return total, x, y
    crossings = []
    for poly in polygons:
        for ring in poly:
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (y0 > y) != (y1 > y):
                    crossings.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    crossings.sort()
    best = max(zip(crossings[::2], crossings[1::2], strict=False), key=lambda s: s[1] - s[0])
    return total, (best[0] + best[1]) / 2, y


# --------------------------------------------------------------------------------------------------
# Readers, one per file layout
# --------------------------------------------------------------------------------------------------


def read_topojson_admin(
    path: Path, layers: dict[int, str], parent_fields: dict[int, str], country: str
) -> list[Place]:
    """Administrative polygons from a TopoJSON topology whose objects carry PCODE, NAME_EN, NAME_AR
    and the parent's code (e.g. the 'syr_admin1/2/3' objects of OCHA's Syria file).

    layers: level -> object name; parent_fields: level -> property holding the parent's P-code.
    Names are cleaned (stray CR/LF, double spaces); an English/Arabic pair stored the wrong way
    round is swapped back and reported. Returns the units with label points; the area is kept in
    hints['area']."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    places = []
    for level, layer in sorted(layers.items()):
        for geometry in topology["objects"][layer]["geometries"]:
            props = geometry["properties"]
            pcode = clean_name(props["PCODE"])
            name_en, name_ar = clean_name(props["NAME_EN"]), clean_name_ar(props["NAME_AR"])
            if name_en != str(props["NAME_EN"]) or name_ar != str(props["NAME_AR"]):
                info(f"note: {pcode}: cleaned whitespace in its name ({props['NAME_EN']!r})")
            if has_arabic(name_en) and not has_arabic(name_ar):
                warn(f"{pcode}: NAME_EN and NAME_AR swapped in {path.name}; swapped back")
                name_en, name_ar = name_ar, name_en
            parent = clean_name(props[parent_fields[level]])
            polygons = geometry_polygons(geometry, arcs)
            area, lon, lat = label_point(polygons) if polygons else (0.0, None, None)
            places.append(
                Place(pcode, level, name_en, name_ar, parent or country, lat, lon, {"area": area})
            )
    return places


def read_geojson_points(
    path: Path,
    level: int,
    fields: dict[str, str],
    name_repairs: dict[str, tuple[str, str]],
) -> list[Place]:
    """Point features (communities) from a GeoJSON file with one property per column.

    fields maps our names to the file's property names: pcode, name_en, name_ar, parent, and
    optionally parent_name_en, parent_name_ar, district, governorate, latitude, longitude. The file
    is decoded with errors='replace' (some COD exports truncate Arabic names mid-character at a
    50-byte DBF field width); a name that then carries U+FFFD is restored from name_repairs (pcode
    -> (the text before the damage, full name)) when the text matches, otherwise the replacement
    character is dropped. Every such record is reported."""
    raw = path.read_bytes()
    collection = json.loads(raw.decode("utf-8", errors="replace"))
    places = []
    for feature in collection["features"]:
        props = feature["properties"]
        pcode = clean_name(props[fields["pcode"]])
        names = {}
        for key in ("name_en", "name_ar"):
            value = str(props.get(fields[key]) or "")
            if REPLACEMENT_CHAR in value:
                damaged = value.replace(REPLACEMENT_CHAR, "")
                repair = name_repairs.get(pcode)
                if repair and clean_name(damaged) == clean_name(repair[0]):
                    value = repair[1]
                    warn(
                        f"{pcode}: {key} not valid UTF-8 (cut short): {damaged!r}..."
                        f" restored as {value!r}"
                    )
                else:
                    value = damaged
                    warn(
                        f"{pcode}: {key} not valid UTF-8: dropped the broken character,"
                        f" kept {value!r}"
                    )
            names[key] = value
        lat = props.get(fields.get("latitude", ""))
        lon = props.get(fields.get("longitude", ""))
        if lat is None or lon is None:
            geometry = feature.get("geometry") or {}
            coords = geometry.get("coordinates")
            if geometry.get("type") == "MultiPoint" and coords:
                coords = coords[0]
            if coords:
                lon, lat = coords[0], coords[1]
        hints = {
            key: clean_name(props.get(fields[key]))
            for key in ("parent_name_en", "parent_name_ar", "district", "governorate")
            if key in fields
        }
        places.append(
            Place(
                pcode=pcode,
                level=level,
                name_en=clean_name(names["name_en"]),
                name_ar=clean_name_ar(names["name_ar"]),
                parent=clean_name(props[fields["parent"]]),
                latitude=None if lat is None else float(lat),
                longitude=None if lon is None else float(lon),
                hints=hints,
            )
        )
    return places


# --------------------------------------------------------------------------------------------------
# Repairs and checks
# --------------------------------------------------------------------------------------------------


def name_key(text: str) -> str:
    """Loose key for comparing place names: letters and digits, lower case, no 'markaz' prefix."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = re.sub(r"^(مركز|markaz)\s+", "", text)
    text = (
        text.replace("أ", "ا")
        .replace("إ", "ا")
        .replace("آ", "ا")
        .replace("ة", "ه")
        .replace("ى", "ي")
    )
    return "".join(ch for ch in text if ch.isalnum())


def relink_orphans(places: list[Place], by_code: dict[str, Place]) -> dict[str, list[str]]:
    """Give every place whose parent code is unknown a parent that exists.

    For a community whose sub-district code is out of date (e.g. renumbered when a district was
    split), take the sub-district of the same governorate with the same name (English or Arabic)
    when exactly one matches; otherwise fall back to the district the file names, then the
    governorate. Returns {old parent code -> [new parent code, how, pcodes...]} for the report."""
    report: dict[str, list[str]] = {}
    for place in places:
        if place.parent in by_code:
            continue
        old = place.parent
        target, how = None, ""
        names = {
            name_key(place.hints.get("parent_name_en", "")),
            name_key(place.hints.get("parent_name_ar", "")),
        }
        names.discard("")
        governorate = place.hints.get("governorate", "")
        candidates = [
            p
            for p in by_code.values()
            if p.level == place.level - 1
            and (not governorate or p.pcode.startswith(governorate))
            and ({name_key(p.name_en), name_key(p.name_ar)} & names)
        ]
        if len(candidates) == 1:
            target, how = candidates[0].pcode, "same name in the same governorate"
        else:
            for key in ("district", "governorate"):
                code = place.hints.get(key, "")
                if code in by_code:
                    target, how = code, f"fallback to its {key}"
                    break
        if target is None:
            raise SystemExit(f"error: {place.pcode}: parent {old} unknown and no fallback found")
        place.parent = target
        entry = report.setdefault(f"{old}->{target}", [how])
        entry.append(place.pcode)
    return report


def check(places: list[Place]) -> None:
    by_code: dict[str, Place] = {}
    for place in places:
        if place.pcode in by_code:
            raise SystemExit(f"error: P-code {place.pcode} appears twice")
        by_code[place.pcode] = place
    for place in places:
        if not place.name_en or not place.name_ar:
            raise SystemExit(f"error: {place.pcode} lacks a name in English or Arabic")
        if REPLACEMENT_CHAR in place.name_en + place.name_ar:
            raise SystemExit(f"error: {place.pcode} still carries U+FFFD")
        if place.level == 0:
            if place.parent:
                raise SystemExit(f"error: country {place.pcode} has a parent")
            continue
        parent = by_code.get(place.parent)
        if parent is None:
            raise SystemExit(f"error: {place.pcode}: parent {place.parent} not in the gazetteer")
        if parent.level >= place.level:
            raise SystemExit(f"error: {place.pcode}: parent {parent.pcode} is not above it")


# --------------------------------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------------------------------


@dataclass
class CountryConfig:
    code: str
    name_en: str
    name_ar: str
    # Each loader gets the shared gazetteer folder and returns places (levels 1..n, in any order).
    admin_loader: Callable[[Path], list[Place]]
    point_loader: Callable[[Path], list[Place]] | None = None
    required_codes: tuple[str, ...] = ()
    expected_counts: dict[int, int] = field(default_factory=dict)


# Syria: six community names in syr_admin4_point.geojson were cut at 50 bytes, in the middle of a
# two-byte Arabic letter. The lead byte left in the file fixes the letter's block and the English
# name gives the word, so each is completed here. Key: P-code -> (the text left before the damage,
# the full name).
SY_NAME_REPAIRS = {
    "C1466": (
        "الضحاك فوقاني_كوليان فوقان",
        "الضحاك فوقاني_كوليان فوقاني",
    ),  # Upper Dhak - Upper Kolyan
    "C2327": (
        "ضاحية قدسيا السكنية الجديد",
        "ضاحية قدسيا السكنية الجديدة",
    ),  # New Dahiet Qdosiya Elsakina
    "C2929": (
        "الاشرفية الشرقية-دويعر الش",
        "الاشرفية الشرقية-دويعر الشرقي",
    ),  # Eastern Ashrafiyeh - Eastern Dweir
    "C2931": (
        "الاشرفية الغربية_دويعر الغ",
        "الاشرفية الغربية_دويعر الغربي",
    ),  # Western Ashrafiyeh - Western Dweir
    "C3935": (
        "معارة النعسان_معارة الحاسك",
        "معارة النعسان_معارة الحاسكي",
    ),  # Maaret Elnaasan - Maaret Elhaski
    "C5770": (
        "الاسماعيلية_فاطسة عبد الاس",
        "الاسماعيلية_فاطسة عبد الاسماعيل",
    ),  # Esmailieh - Fatsa Abdelesmail
}


def load_sy_admin(gazetteer_dir: Path) -> list[Place]:
    return read_topojson_admin(
        gazetteer_dir / "syr_admin_json_190321.json",
        layers={1: "syr_admin1", 2: "syr_admin2", 3: "syr_admin3"},
        parent_fields={1: "ADM0_PCODE", 2: "ADM1_PCODE", 3: "ADM2_PCODE"},
        country="SY",
    )


def load_sy_communities(gazetteer_dir: Path) -> list[Place]:
    return read_geojson_points(
        gazetteer_dir / "syr_admin4_point.geojson",
        level=4,
        fields={
            "pcode": "PCODE",
            "name_en": "NAME_EN",
            "name_ar": "NAME_ARA",
            "parent": "ADMIN3_COD",
            "parent_name_en": "ADMIN3_EN",
            "parent_name_ar": "ADMIN3_ARA",
            "district": "ADMIN2_COD",
            "governorate": "ADMIN1_COD",
            "latitude": "LATITUDE",
            "longitude": "LONGITUDE",
        },
        name_repairs=SY_NAME_REPAIRS,
    )


COUNTRIES: dict[str, CountryConfig] = {
    "SY": CountryConfig(
        code="SY",
        name_en="Syrian Arab Republic",
        name_ar="الجمهورية العربية السورية",
        admin_loader=load_sy_admin,
        point_loader=load_sy_communities,
        required_codes=(
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
        ),
        expected_counts={0: 1, 1: 14, 2: 62, 3: 272},
    ),
}


def build(config: CountryConfig, gazetteer_dir: Path) -> list[Place]:
    admin = config.admin_loader(gazetteer_dir)
    top = [p for p in admin if p.level == 1]
    area = sum(p.hints.get("area", 0.0) for p in top)
    lat = lon = None
    if area > 0:
        lon = sum(p.hints["area"] * p.longitude for p in top) / area
        lat = sum(p.hints["area"] * p.latitude for p in top) / area
    country = Place(config.code, 0, config.name_en, config.name_ar, "", lat, lon)
    places = [country, *admin]
    by_code = {p.pcode: p for p in places}
    report = relink_orphans(admin, by_code)
    if config.point_loader:
        points = config.point_loader(gazetteer_dir)
        report.update(relink_orphans(points, by_code))
        places.extend(points)
    for key, (how, *codes) in sorted(report.items()):
        warn(
            f"{len(codes)} places had unknown parent {key.replace('->', ', relinked to ')}"
            f" ({how}): " + " ".join(sorted(codes))
        )
    relinked = sum(len(v) - 1 for v in report.values())
    fallback = sum(len(v) - 1 for v in report.values() if v[0].startswith("fallback"))
    info(
        f"{config.code}: {relinked} places relinked to an existing parent,"
        f" {fallback} of them by fallback"
    )
    check(places)
    counts: dict[int, int] = {}
    for p in places:
        counts[p.level] = counts.get(p.level, 0) + 1
    for level, expected in config.expected_counts.items():
        if counts.get(level) != expected:
            raise SystemExit(
                f"error: level {level}: {counts.get(level)} places, expected {expected}"
            )
    known = {p.pcode for p in places}
    missing = [c for c in config.required_codes if c not in known]
    if missing:
        raise SystemExit(f"error: codes the data needs are missing: {', '.join(missing)}")
    info(f"{config.code}: " + ", ".join(f"level {k}: {v}" for k, v in sorted(counts.items())))
    return places


def sort_key(place: Place) -> tuple:
    # Level, then P-code with digit runs compared as numbers (C999 before C1000, should both occur).
    parts = re.split(r"(\d+)", place.pcode)
    return (place.level, [(0, int(s)) if s.isdigit() else (1, s) for s in parts if s])


def fmt_coord(value: float | None, places: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def write_csv(places: list[Place], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for p in sorted(places, key=sort_key):
            # Community coordinates as given (7 decimals in the source); label points to 5 (~1 m).
            digits = 7 if p.level >= 4 else 5
            writer.writerow(
                [
                    p.pcode,
                    p.level,
                    p.name_en,
                    p.name_ar,
                    p.parent,
                    fmt_coord(p.latitude, digits),
                    fmt_coord(p.longitude, digits),
                ]
            )


# -- governorate outlines for the map (issue #12) -------------------------------------------------

OUTLINE_TOLERANCE = 0.02  # degrees (about 2 km): enough for orientation, keeps the file small
OUTLINE_DIGITS = 3
OUTLINE_ATTRIBUTION = (
    "Boundaries: OCHA/UNCS Common Operational Dataset (COD-AB), via HDX; simplified. "
    "The boundaries and names shown do not imply official endorsement or acceptance."
)
OUTLINE_ATTRIBUTION_AR = (
    "الحدود: مجموعة البيانات التشغيلية المشتركة لأوتشا وفريق الأمم المتحدة القُطري (COD-AB)، "
    "عبر منصة HDX؛ مبسّطة. لا تعني الحدود والأسماء المعروضة أي اعتماد أو قبول رسمي."
)
OUTLINE_SOURCES = {"SY": ("syr_admin_json_190321.json", "syr_admin1")}


def simplify(ring: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: drop points closer than ``tolerance`` to the line their neighbours
    kept (iterative, so long rings do not recurse deeply)."""
    if len(ring) < 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = ring[first], ring[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = ring[i]
            distance = (  # a closed ring's ends coincide: then the distance to that point
                abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else math.hypot(x - x1, y - y1)
            )
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance and index > 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(ring, keep, strict=True) if k]


def outline_features(path: Path, layer: str) -> list[dict]:
    """Each governorate's exterior rings, simplified and rounded, as GeoJSON features."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"][layer]["geometries"]:
        rings = []
        for polygon in geometry_polygons(geometry, arcs):
            ring = simplify(polygon[0], OUTLINE_TOLERANCE)
            if len(ring) >= 4:
                rings.append(
                    [[round(x, OUTLINE_DIGITS), round(y, OUTLINE_DIGITS)] for x, y in ring]
                )
        props = geometry["properties"]
        features.append(
            {
                "type": "Feature",
                "properties": {"pcode": clean_name(props["PCODE"])},
                "geometry": {"type": "MultiPolygon", "coordinates": [[r] for r in rings]},
            }
        )
    return sorted(features, key=lambda f: f["properties"]["pcode"])


def write_outlines(code: str, gazetteer_dir: Path, out: Path) -> Path | None:
    """``<out>/<code>-adm1-outlines.geojson`` when the country has a boundary file."""
    if code not in OUTLINE_SOURCES:
        return None
    name, layer = OUTLINE_SOURCES[code]
    collection = {
        "type": "FeatureCollection",
        "attribution": OUTLINE_ATTRIBUTION,
        "attribution_ar": OUTLINE_ATTRIBUTION_AR,
        "features": outline_features(gazetteer_dir / name, layer),
    }
    path = out / f"{code}-adm1-outlines.geojson"
    path.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=REPO_ROOT.parent / "shared",
        help="folder holding gazetteer/ with the COD-AB files (default: ../shared)",
    )
    parser.add_argument(
        "--country",
        action="append",
        choices=sorted(COUNTRIES),
        help="country code to build; repeatable (default: all configured)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO_ROOT / "data" / "gazetteer",
        help="output folder (default: data/gazetteer)",
    )
    args = parser.parse_args(argv)
    gazetteer_dir = args.shared / "gazetteer"
    if not gazetteer_dir.is_dir():
        parser.error(f"{gazetteer_dir} not found: pass --shared with the folder holding gazetteer/")
    for code in args.country or sorted(COUNTRIES):
        places = build(COUNTRIES[code], gazetteer_dir)
        out = args.out / f"{code}.csv"
        write_csv(places, out)
        info(f"wrote {out} ({len(places)} rows)")
        outlines = write_outlines(code, gazetteer_dir, args.out)
        if outlines is not None:
            info(f"wrote {outlines} ({outlines.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
