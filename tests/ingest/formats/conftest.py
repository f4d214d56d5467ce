"""Shared helpers: map a fixture through a format, and a CLI database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.cli import main
from tracker.domain.places import PlaceIndex
from tracker.ingest.formats.apply import MapOptions, Mapped, map_file
from tracker.ingest.formats.places import read_countries
from tracker.ingest.formats.registry import find_format
from tracker.ingest.reference import read_gazetteer, read_place_aliases

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="session")
def index() -> PlaceIndex:
    return PlaceIndex(read_gazetteer().reset_index(drop=True), read_place_aliases())


@pytest.fixture
def mapped(index: PlaceIndex):
    def run(name: str, fmt: str | None = None, **options: object) -> Mapped:
        spec = find_format(fmt) if fmt else None
        return map_file(FIXTURES / name, spec, MapOptions(**options), index, read_countries())

    return run


@pytest.fixture
def db(sqlite_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    monkeypatch.setenv("TRACKER_USER", "analyst")
    monkeypatch.chdir(tmp_path)  # report files (rejects, fill-in places) land here
    assert main(["init"]) == 0
    return sqlite_url
