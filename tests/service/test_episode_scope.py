"""The episode filter selects the episode's own figures and, of the figures naming no
episode, those in its area and dates (#11): the same on both databases, for a chosen place
and dates too, and in the download a link from an episode's page carries."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import HEADER
from tracker.domain.filters import parse_filters
from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store

# daraa-2018: area SY12 (Dar'a), from 2018-06-19; ghouta-2018: area SY03, from 2018-02-18
ROWS = {
    # the episode's own, at the country level (outside the area): in
    "E1": "SY,2018-06-19,2018-07-05,flow,daraa-2018,approx,320000,displaced,all",
    # the episode's own, in the area: in
    "E2": "SY12,2018-06-19,2018-06-30,flow,daraa-2018,approx,126,killed,civilians",
    # naming no episode, in the area and dates: in
    "U1": "SY1200,2018-06-19,2018-06-28,flow,,exact,40,killed,civilians",
    # naming no episode, in the area but before the episode: out
    "U2": "SY12,2018-05-01,2018-05-10,flow,,exact,7,killed,civilians",
    # naming no episode, outside the area: out (in Eastern Ghouta's area and dates)
    "U3": "SY03,2018-06-19,2018-06-28,flow,,exact,9,killed,civilians",
    # naming another episode, though in the area and dates: out
    "G1": "SY12,2018-06-19,2018-06-29,flow,ghouta-2018,more_than,1000,killed,civilians",
}


def _file(tmp_path: Path) -> Path:
    lines = []
    for figure_id, row in ROWS.items():
        loc, start, end, measure, episode, qualifier, value, metric, population = row.split(",")
        lines.append(
            f"{figure_id},{end},sohr,,,{metric},{population},{loc},{start},{end},{measure},"
            f"{episode},{qualifier},{value},,persons,,,\n"
        )
    path = tmp_path / "episode.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _ids(store: Store, raw: dict[str, str]) -> set[str]:
    figures = store.figures(parse_filters(raw, store.vocab))
    return set(figures["figure_id"]) if not figures.empty else set()


def test_an_episode_is_its_own_figures_and_the_unnamed_ones_in_its_area_and_dates(
    store: Store, tmp_path: Path
):
    result = store.import_file(read_figure_file(_file(tmp_path)))
    assert result.stored == len(ROWS)
    assert _ids(store, {"episode": "daraa-2018"}) == {"E1", "E2", "U1"}
    # a chosen place narrows the episode's own figures too
    assert _ids(store, {"episode": "daraa-2018", "location": "SY12"}) == {"E2", "U1"}
    # and so do chosen dates
    assert _ids(store, {"episode": "daraa-2018", "to": "2018-06-29"}) == {"U1"}
    # Eastern Ghouta (no end date): its own G1, though in Dar'a, and the unnamed U3 in its area
    assert _ids(store, {"episode": "ghouta-2018"}) == {"G1", "U3"}
    # without an episode, place and dates alone
    assert _ids(store, {"location": "SY12", "from": "2018-06-19"}) == {"E2", "U1", "G1"}


def test_the_download_of_an_episode_holds_the_same_figures(sqlite_store: Store, tmp_path: Path):
    from dashboards.app import create_app

    sqlite_store.import_file(read_figure_file(_file(tmp_path)))
    client = create_app(sqlite_store).server.test_client()
    response = client.get("/download/figures.csv?episode=daraa-2018")
    assert response.status_code == 200
    lines = response.get_data(as_text=True).splitlines()
    assert {line.split(",")[0] for line in lines[1:]} == {"E1", "E2", "U1"}
    assert "episode-daraa-2018" in response.headers["Content-Disposition"]
