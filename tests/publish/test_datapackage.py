"""datapackage.json is generated from the pandera schema and validates the real files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import frictionless
import pytest

from tracker.cli import main as tracker_main
from tracker.domain.schema import DESCRIPTIONS, URL_RE
from tracker.domain.vocabularies import (
    CANONICAL_COLUMNS,
    DERIVED_COLUMNS,
    REQUIRED_COLUMNS,
    Vocabularies,
)
from tracker.ingest.readers import read_figure_file
from tracker.publish import DOWNLOADS, DownloadOptions
from tracker.publish.datapackage import datapackage
from tracker.publish.fields import ALWAYS_FILLED
from tracker.service.store import Store

FIXTURE = Path(__file__).parents[1] / "fixtures" / "downloads" / "figures.csv"


def figure_fields(vocab: Vocabularies, **options) -> dict[str, dict]:
    package = datapackage(vocab, DownloadOptions(**options))
    return {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}


def test_figure_fields_come_from_the_schema(vocab: Vocabularies) -> None:
    fields = figure_fields(vocab)
    assert list(fields) == list(CANONICAL_COLUMNS + DERIVED_COLUMNS)
    for name in CANONICAL_COLUMNS:
        assert fields[name]["description"] == DESCRIPTIONS[name]
        required = fields[name].get("constraints", {}).get("required", False)
        assert required == (name in REQUIRED_COLUMNS or name in ALWAYS_FILLED), name
    assert fields["metric"]["constraints"]["enum"] == sorted(vocab.metric_ids)
    assert fields["qualifier"]["constraints"]["enum"][:2] == ["approx", "at_least"]
    assert "enum" not in fields["location"].get("constraints", {})  # thousands of P-codes
    assert fields["reported_on"]["type"] == "date" and fields["period_start"]["type"] == "date"
    assert fields["value"]["type"] == "integer"
    assert fields["value"]["constraints"] == {"required": True, "minimum": 0, "maximum": 10**10}
    assert fields["url"]["constraints"]["pattern"] == URL_RE
    assert fields["entered_at"]["type"] == "datetime"


def test_every_field_of_every_resource_is_described(vocab: Vocabularies) -> None:
    package = datapackage(vocab, DownloadOptions(lang="ar", hxl=True))
    assert [r["name"] for r in package["resources"]] == list(DOWNLOADS)
    assert package["licenses"] and "cite that source" in package["citation"]
    for resource in package["resources"]:
        assert resource["dialect"]["commentRows"] == [2]
        for field in resource["schema"]["fields"]:
            assert field["description"].strip(), (resource["name"], field["name"])
    assert figure_fields(vocab, lang="ar")["location_name_ar"]["type"] == "string"


def export_package(store: Store, folder: Path, *options: str) -> Path:
    """`tracker export --package DIR`: datapackage.json and every CSV, as a desk would."""
    db = str(store.engine.url)
    assert tracker_main(["--db", db, "export", *options, "--package", str(folder)]) == 0
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == [f"{n}.csv" for n in DOWNLOADS]
    return folder / "datapackage.json"


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The download fixture's figures in a fresh store (read only by these tests)."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('package') / 'tracker.db'}")
    store.upgrade()
    assert store.import_file(read_figure_file(FIXTURE)).stored == 7
    yield store
    store.engine.dispose()


def errors(report: frictionless.Report) -> list:
    return report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("options", [(), ("--hxl", "--excel", "--lang", "ar")])
def test_frictionless_validates_an_exported_package(
    filled: Store, tmp_path: Path, options: tuple[str, ...]
) -> None:
    report = frictionless.validate(str(export_package(filled, tmp_path / "pkg", *options)))
    assert report.valid, errors(report)


def test_the_hxl_row_must_be_declared(filled: Store, tmp_path: Path) -> None:
    path = export_package(filled, tmp_path / "pkg", "--hxl")
    package = json.loads(path.read_text(encoding="utf-8"))
    for resource in package["resources"]:
        del resource["dialect"]["commentRows"]
    path.write_text(json.dumps(package), encoding="utf-8")
    assert not frictionless.validate(str(path)).valid


def test_the_package_catches_a_file_that_breaks_the_schema(filled: Store, tmp_path: Path) -> None:
    path = export_package(filled, tmp_path / "pkg")
    figures = path.parent / "figures.csv"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(text.replace(",killed,", ",kiled,", 1), encoding="utf-8")
    report = frictionless.validate(str(path))
    assert not report.valid
    assert {e[2] for e in errors(report)} == {"metric"}
