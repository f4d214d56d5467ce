"""A page asked for again is the same rendered tree until the data change."""

from __future__ import annotations

from pathlib import Path

from dashboards.components.pagecache import cached_page
from dashboards.pages import overview
from tests.dashboards.test_pages import text
from tests.helpers import write_figures
from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store


def test_same_address_same_data_reuses_the_page(sqlite_store: Store, tmp_path: Path) -> None:
    store = sqlite_store
    store.import_file(read_figure_file(write_figures(tmp_path / "a.csv", 12, "A")))
    page = cached_page("overview-test", overview.layout)
    first = page(store, lang="en")
    assert page(store, lang="en") is first
    assert page(store, lang="ar") is not first  # another address, another page
    assert page(store, lang="en", location="SY12") is not first

    store.import_file(read_figure_file(write_figures(tmp_path / "b.csv", 30, "B")))
    after = page(store, lang="en")
    assert after is not first  # the data changed: rendered again
    assert "42" in text(after) and "42" not in text(first)
