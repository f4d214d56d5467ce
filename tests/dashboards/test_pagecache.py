"""A page asked for again is the same rendered tree until the data change."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboards.components import overview
from dashboards.components.pagecache import cached_page
from tests.dashboards.test_pages import text
from tests.helpers import write_figures
from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store


@pytest.fixture
def small_app(sqlite_store: Store):
    import dashboards.app as module

    before = module._STORE
    module._STORE = sqlite_store
    yield sqlite_store
    module._STORE = before


def test_same_address_same_data_reuses_the_page(small_app: Store, tmp_path: Path) -> None:
    store = small_app
    store.import_file(read_figure_file(write_figures(tmp_path / "a.csv", 12, "A")))
    page = cached_page("overview-test", overview.layout)
    first = page(lang="en")
    assert page(lang="en") is first
    assert page(lang="ar") is not first  # another address, another page
    assert page(lang="en", location="SY12") is not first

    store.import_file(read_figure_file(write_figures(tmp_path / "b.csv", 30, "B")))
    after = page(lang="en")
    assert after is not first  # the data changed: rendered again
    assert "42" in text(after) and "42" not in text(first)
