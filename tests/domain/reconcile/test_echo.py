"""Rule 7, echo: small hand-made cases, with whole sentences in both languages."""

from __future__ import annotations

from reconcile_helpers import fig, flags_of, frame, make_ctx, only

from tracker.domain.reconcile import compute

CTX = make_ctx()


def test_echo_groups_publications_and_flags_other_names():
    rows = [
        fig(
            "E1",
            "a",
            160000,
            metric="displaced",
            population="all",
            location="SY",
            qualifier="approx",
            publisher="ReliefWeb",
        ),
        fig(
            "E2",
            "a",
            160000,
            metric="displaced",
            population="all",
            location="SY",
            qualifier="approx",
            publisher="docslib",
        ),
        fig(
            "E3",
            "b",
            160000,
            metric="displaced",
            population="all",
            location="SY01",
            end="2018-07-01",
        ),
    ]
    result = compute(frame(rows), CTX)
    row = only(result.flags, "echo")
    assert (row["figure_ids"], row["sources"], row["severity"]) == ("E1;E2;E3", "a;a;b", "info")
    # DESIGN §6: E3's original (a's, for SY) is not in SY01's series, so E3 stands in it
    assert result.excluded["figure_id"].tolist() == []
    assert (
        "The same number (160,000) appears under 2 sources' names within 1 day"
        in (row["sentence_en"])
    )
    same_source = compute(frame(rows[:2]), CTX)
    assert same_source.flags.empty
    assert same_source.bands["n_claims"].tolist() == [1]


def test_small_equal_values_are_not_echoes():
    rows = [
        fig("F1", "a", 14, end="2018-06-27", start="2018-06-27"),
        fig("F2", "b", 14, location="SY02", end="2018-06-28", start="2018-06-28"),
    ]
    assert flags_of(rows).empty


def test_equal_values_in_unrelated_places_are_not_echoes():
    rows = [
        fig("F1", "a", 5000, metric="displaced", population="all", location="C1"),
        fig("F2", "b", 5000, metric="displaced", population="all", location="SY02"),
    ]
    assert flags_of(rows).empty
    rows[1] = rows[1] | {"location": "SY01"}
    assert only(flags_of(rows), "echo")["figure_ids"] == "F1;F2"


def test_an_echo_is_left_out_only_of_its_originals_series_elsewhere_the_echoes_are_one_claim():
    """DESIGN §6: the original's own series drops the echo; at another place the echoes stay,
    as one claim (the most reliable, then earliest) so they never corroborate each other."""
    common = {"metric": "displaced", "population": "all", "qualifier": "approx"}
    rows = [
        fig("O", "a", 320000, location="SY", end="2018-07-08", **common),
        fig("Q", "b", 320000, location="SY", end="2018-07-08", **common),
        fig("D1", "b", 320000, location="SY12", end="2018-07-08", **common),
        fig("D2", "c", 320000, location="SY12", end="2018-07-09", **common),
    ]
    result = compute(frame(rows), CTX)
    assert len(result.flags[result.flags["rule"] == "echo"]) >= 1
    left_out = set(result.excluded.loc[result.excluded["reason"] == "echo", "figure_id"])
    assert "O" not in left_out and "Q" in left_out  # same series as the original
    assert left_out & {"D1", "D2"} == {"D2"}  # Dar'a keeps the number once: the earliest
