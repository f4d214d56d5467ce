"""`tracker flags` and `tracker series` on the demo data, as an analyst reads them."""

from __future__ import annotations

import json

import pytest

from tracker.cli import main
from tracker.publish import DownloadOptions, download_pieces
from tracker.service.store import Store

TOLLS = "FL-divergence-268a41a6ef94"


@pytest.fixture
def demo(sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys) -> str:
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    assert main(["init", "--demo"]) == 0
    capsys.readouterr()
    return sqlite_url


def test_flags_table_names_rule_severity_and_both_sentences(demo: str, capsys) -> None:
    assert main(["flags", "--metric", "killed"]) == 0
    out = capsys.readouterr().out
    assert f"{TOLLS}  [divergence, moderate, open, ratio 1.5396]" in out
    assert "SNHR: at least 214 civilians killed in Dar'a (governorate), 15–30 June 2018." in out
    assert "الشبكة السورية: عدد القتلى من المدنيين في درعا (محافظة) 214 على الأقل" in out
    assert out.rstrip().endswith("1 flag(s)")


def test_flags_csv_is_the_download(demo: str, capsys: pytest.CaptureFixture[bytes]) -> None:
    assert main(["flags", "--format", "csv"]) == 0
    printed = capsys.readouterr().out
    store = Store(demo)
    served = b"".join(download_pieces(store, "flags.csv", DownloadOptions())).decode()
    assert printed == served
    assert printed.splitlines()[0] == (
        "flag_id,rule,severity,status,metric,population,location,figure_ids,sources,ratio,"
        "sentence_en,sentence_ar,note"
    )


def test_explain_survives_full_recomputation(demo: str, capsys) -> None:
    assert main(["flags", "explain", TOLLS, "--note", "SNHR counts from 15 June"]) == 0
    assert main(["flags", "recompute"]) == 0
    assert "recomputed 14 component(s): 8 flag(s)" in capsys.readouterr().out
    assert main(["flags", "--status", "explained"]) == 0
    out = capsys.readouterr().out
    assert TOLLS in out and "note: SNHR counts from 15 June" in out
    assert main(["flags", "explain", "FL-nope", "--note", "x"]) == 1
    assert "no flag with id 'FL-nope'" in capsys.readouterr().err


def test_series_shows_the_band(demo: str, capsys) -> None:
    assert main(["series", "--metric", "displaced", "--location", "SY"]) == 0
    out = capsys.readouterr().out
    assert "2018-06-29" in out and "144000" in out and "176000" in out


def test_filtered_flags_csv_uses_the_download_writer(demo: str, capsys) -> None:
    assert main(["flags", "explain", TOLLS, "--note", "=cmd|' /C calc'!A0"]) == 0
    capsys.readouterr()
    assert main(["flags", "--format", "csv", "--status", "explained"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("flag_id,rule,severity,status,")
    assert len(lines) == 2 and lines[1].startswith(f"{TOLLS},divergence,moderate,explained,")
    assert lines[1].endswith(",'=cmd|' /C calc'!A0"), "the analyst's note is formula-guarded"


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--rule", "divergance", "--rule: unknown rule 'divergance'; did you mean 'divergence'?"),
        ("--severity", "huge", "--severity: unknown severity 'huge' (valid: info, minor,"),
        ("--metric", "killd", "--metric: unknown metric 'killd'; did you mean 'killed'?"),
        ("--source", "sohrr", "--source: unknown source 'sohrr'; did you mean 'sohr'?"),
        ("--location", "SY99", "--location: unknown location 'SY99'"),
        ("--episode", "daraa", "--episode: unknown episode 'daraa'"),
    ],
)
@pytest.mark.parametrize("form", ["table", "csv"])
def test_a_misspelt_flag_option_is_refused_as_the_download_refuses_it(
    demo: str, capsys, option: str, value: str, says: str, form: str
) -> None:
    """Exit code 2, like any other bad option; never an empty answer that looks like "no
    flags"."""
    assert main(["flags", option, value, "--format", form]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and says in captured.err
    if option == "--rule":
        assert "(valid: containment, regression, hierarchy, subgroup, divergence," in captured.err


def test_rule_and_severity_choose_flags_as_the_download_does(demo: str, capsys) -> None:
    assert main(["flags", "--rule", "divergence,echo", "--severity", "moderate"]) == 0
    out = capsys.readouterr().out
    assert TOLLS in out and "[divergence, moderate," in out
    assert "[echo" not in out and "minor," not in out
    assert main(["flags", "--rule", "divergence", "--format", "csv"]) == 0
    printed = capsys.readouterr().out
    options = DownloadOptions(flag_rows=(("rule", ("divergence",)),))
    served = b"".join(download_pieces(Store(demo), "flags.csv", options)).decode()
    assert printed == served and len(printed.splitlines()) > 1


def test_series_prints_counts_as_whole_numbers(demo: str, capsys) -> None:
    """62000, as the download writes it, never 62000.0; no upper bound is ∞."""
    assert main(["series", "--metric", "displaced", "--location", "SY"]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines()[1:]]
    first = next(r for r in rows if r[5] == "2018-06-28")
    assert first[6:9] == ["62000", "66000", "62000"]
    assert not any(cell.endswith(".0") for row in rows for cell in row)
    assert any(row[7] == "∞" for row in rows)
    assert main(["series", "--metric", "displaced", "--location", "SY", "--format", "json"]) == 0
    bands = json.loads(capsys.readouterr().out)
    first_band = next(b for b in bands if b["date"].startswith("2018-06-28"))
    assert (first_band["low"], first_band["high"], first_band["headline"]) == (62000, 66000, 62000)
    assert all(isinstance(b["low"], int) for b in bands)
