"""`python -m bench.coldpages`: every page rendered cold for the load mix's searches, timed,
with the statements each render ran."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import coldpages
from dashboards.app import create_app
from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store

DATA = Path(__file__).parents[2] / "data"


def test_the_searches_are_the_mix_filters_drawn_the_same_way_each_time(tmp_path: Path) -> None:
    csv = tmp_path / "synth.csv"
    csv.write_text(
        "figure_id,metric,location,source\n"
        + "".join(f"R{i},killed,SY{i % 14:02d},src-{i % 3}\n" for i in range(50)),
        encoding="utf-8",
    )
    first = coldpages.searches(csv, 10, seed=1)
    assert first == coldpages.searches(csv, 10, seed=1)
    assert first[0] == "" and len(first) == 10
    for search in first[1:]:
        query = coldpages.query_of(search)
        assert set(query) - {"lang"} in ({"metric"}, {"metric", "location"}, {"source"})


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_page_renders_cold_with_its_statements_recorded(store: Store) -> None:
    store.import_file(read_figure_file(DATA / "demo" / "daraa-2018.csv"))
    app = create_app(store)
    layouts = coldpages.layouts()
    with app.server.test_request_context("/"):
        renders = [
            coldpages.render(store, page, layouts[page], search)
            for page in coldpages.PAGES
            for search in ("", "?metric=killed&lang=ar")
        ]
        again = coldpages.render(store, "overview", layouts["overview"], "")
    assert {r.page for r in renders} == set(coldpages.PAGES)
    assert all(r.wall_ms > 0 and r.cpu_ms >= 0 for r in renders)
    overview = next(r for r in renders if r.page == "overview")
    assert overview.statements and again.statements  # the caches were emptied: read again
    lines = coldpages.table(renders).splitlines()
    assert lines[0].split()[:2] == ["page", "n"]
    assert [line.split()[0] for line in lines[1:]] == list(coldpages.PAGES)
    assert all(coldpages.explain(store, s) for s in overview.statements)  # SQLite plans
