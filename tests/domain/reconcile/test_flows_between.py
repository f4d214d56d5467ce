"""A stock divergence names the flows reported between its dates (issue #16, build item 3):
which flows count (direction, dates, place, population), the severity one step lower, and the
whole sentences in both languages."""

from __future__ import annotations

from reconcile_helpers import fig, flags_of, make_ctx, only, read_csv

from tracker.domain.reconcile.rules.flows_between import (
    families,
    one_step_lower,
    related_components,
)


def border(fid: str, source: str, value: int, end: str, **kw) -> dict:
    """People at the border in Damascus (a stock)."""
    return fig(fid, source, value, metric="at_border", population="all", end=end, **kw)


def flow(fid: str, metric: str, value: int, end: str, **kw) -> dict:
    kw.setdefault("population", "all")
    kw.setdefault("qualifier", "more_than")
    return fig(fid, "c", value, metric=metric, start="2018-06-20", end=end, **kw)


FELL = [
    border("F1", "a", 60000, "2018-07-05", qualifier="approx"),
    border("F2", "b", 150, "2018-07-08", qualifier="range", value_high=200),
]


def test_a_fall_names_the_returns_between_its_dates_and_is_one_step_lower():
    row = only(flags_of([*FELL, flow("G1", "returned", 20000, "2018-07-07")]), "divergence")
    # the returns explain: they are named, never counted among the flag's (contradicted) figures
    assert (row["severity"], row["figure_ids"]) == ("moderate", "F1;F2")
    assert row["sentence_en"] == (
        "A: about 60,000 people displaced at the border in Damascus, as of 5 July 2018. B: "
        "150–200, as of 8 July 2018. The dates are only 3 days apart, yet A's lowest count is "
        "270 times B's highest (200). Between the two dates (5–8 July 2018), movements were "
        "reported that could explain the fall: C: more than 20,000 people returned home in "
        "Damascus, 20 June–7 July 2018. A change reported in between is not a disagreement "
        "between sources, so this flag is one step less severe than the gap alone would make it."
    )
    assert row["sentence_ar"] == (
        "أ: عدد النازحين عند الحدود في دمشق نحو 60,000، بتاريخ 5 تموز/يوليو 2018. ب: بين 150 "
        "و200، بتاريخ 8 تموز/يوليو 2018. لا يفصل بين التاريخين سوى 3 أيام، ومع ذلك فإن الحد "
        "الأدنى لرقم أ يعادل 270 ضعفاً للحد الأعلى لرقم ب (200). وبين التاريخين (5–8 "
        "تموز/يوليو 2018) وردت تقارير عن تحركات قد تفسّر الانخفاض: ج: عدد العائدين في دمشق "
        "أكثر من 20,000، 20 حزيران/يونيو–7 تموز/يوليو 2018. والتغيّر الموثَّق بين التاريخين "
        "ليس خلافاً بين المصادر، لذا خُفّضت خطورة هذا التنبيه درجة واحدة عمّا تقتضيه الفجوة "
        "وحدها."
    )
    # the flag's id is the two stocks' alone: it is the same flag with or without the flows
    bare = only(flags_of(FELL), "divergence")
    assert (bare["flag_id"], bare["severity"]) == (row["flag_id"], "major")


def test_a_rise_names_new_displacement_inside_the_place_not_returns():
    rows = [
        border("F1", "a", 150, "2018-07-05", qualifier="range", value_high=200),
        border("F2", "b", 60000, "2018-07-08", qualifier="approx"),
        flow("G1", "returned", 20000, "2018-07-07"),
        flow("G2", "displaced", 28000, "2018-07-08", location="C1", qualifier="approx"),
    ]
    row = only(flags_of(rows), "divergence")
    assert (row["severity"], row["figure_ids"]) == ("moderate", "F1;F2")
    assert "returned" not in row["sentence_en"]
    assert row["sentence_en"].endswith(
        "Between the two dates (5–8 July 2018), movements were reported that could explain the "
        "rise: C: about 28,000 people newly displaced in Alpha, 20 June–8 July 2018. A change "
        "reported in between is not a disagreement between sources, so this flag is one step "
        "less severe than the gap alone would make it."
    )
    assert row["sentence_ar"].endswith(
        "وبين التاريخين (5–8 تموز/يوليو 2018) وردت تقارير عن تحركات قد تفسّر الارتفاع: ج: عدد "
        "النازحين الجدد في ألفا نحو 28,000، 20 حزيران/يونيو–8 تموز/يوليو 2018. والتغيّر "
        "الموثَّق بين التاريخين ليس خلافاً بين المصادر، لذا خُفّضت خطورة هذا التنبيه درجة "
        "واحدة عمّا تقتضيه الفجوة وحدها."
    )


def test_flows_outside_the_dates_in_a_wider_place_or_another_population_are_not_named():
    rows = [
        *FELL,
        flow("G1", "returned", 20000, "2018-07-05"),  # ends on the earlier date: before
        flow("G2", "returned", 20000, "2018-07-09"),  # after the later date
        flow("G3", "returned", 20000, "2018-07-07", location="SY"),  # a wider place
        flow("G4", "returned", 20000, "2018-07-07", location="LB01"),  # another country
        flow("G5", "killed", 20000, "2018-07-07"),  # no flow of this stock
    ]
    row = only(flags_of(rows), "divergence")
    assert (row["severity"], row["figure_ids"]) == ("major", "F1;F2")
    assert "movements" not in row["sentence_en"]


def test_a_part_of_the_population_counts_a_wider_one_does_not():
    stock = [
        fig("F1", "a", 60000, metric="at_border", population="civilians", end="2018-07-05",
            qualifier="approx"),
        fig("F2", "b", 150, metric="at_border", population="civilians", end="2018-07-08",
            qualifier="range", value_high=200),
    ]  # fmt: skip
    children = flow("G1", "returned", 20000, "2018-07-07", population="children")
    everyone = flow("G2", "returned", 30000, "2018-07-07", population="all")
    row = only(flags_of([*stock, children, everyone]), "divergence")
    assert "more than 20,000 children returned home" in row["sentence_en"]
    assert "30,000" not in row["sentence_en"]


def test_severity_steps_down_once_and_stops_at_info():
    assert [one_step_lower(s) for s in ("major", "moderate", "minor", "info")] == [
        "moderate",
        "minor",
        "info",
        "info",
    ]


def test_the_table_links_stocks_to_flows_of_known_metrics():
    """data/vocabularies/stock_flows.csv: each stock a stock metric, each flow a flow metric."""
    links = read_csv("vocabularies/stock_flows.csv")
    measure = read_csv("vocabularies/metrics.csv").set_index("id")["measure"]
    assert set(links["direction"]) <= {"in", "out"}
    assert set(measure[links["stock"]]) == {"stock"}
    assert set(measure[links["flow"]]) == {"flow"}
    assert ("at_border", "returned", "out") in set(
        zip(links["stock"], links["flow"], links["direction"], strict=True)
    )


def test_families_split_components_into_closed_groups_recomputed_alone():
    """A stock and the flows that change it form one family; other metrics stand alone."""
    ctx = make_ctx()
    got = families(["killed|SY", "idps|SY", "returned|LB", "airstrikes|SY"], ctx)
    assert sorted(c for family in got for c in family) == sorted(set().union(*got))
    idps = next(f for f in got if "idps|SY" in f)
    assert {"idps|SY", "returned|SY", "displaced|SY"} <= set(idps)
    assert ["killed|SY"] in got and ["airstrikes|SY"] in got
    assert all(related_components(f, ctx) == f for f in got)
