"""The engine on the real demo data (data/demo/daraa-2018.csv and the founding article's figures).

``pytest -s tests/domain/reconcile/test_demo.py`` prints the full flag list in both languages.
"""

from __future__ import annotations

import pytest
from reconcile_helpers import DATA, data_ctx, load_figures

from tracker.domain.reconcile import compute

pytestmark = pytest.mark.skipif(
    not (DATA / "demo" / "daraa-2018.csv").exists(), reason="demo data not there yet"
)
CONTRADICTIONS = {"containment", "regression", "hierarchy", "subgroup", "divergence"}


@pytest.fixture(scope="module")
def demo():
    return compute(load_figures("demo/daraa-2018.csv", "seed/figures.csv"), data_ctx())


def involving(flags, *ids: str):
    return flags[flags["figure_ids"].map(lambda x: set(ids) <= set(x.split(";")))]


def test_print_the_demo_flags(demo):
    for row in demo.flags.itertuples():
        print(f"\n{row.flag_id} [{row.rule}, {row.severity}] {row.figure_ids}")
        print(f"  EN: {row.sentence_en}")
        print(f"  AR: {row.sentence_ar}")
    print(demo.excluded.to_string())


def test_ochas_rising_displacement_estimates_raise_no_contradiction(demo):
    ocha = ["R037", "R038", "R039", "R058"]
    for fid in ocha:
        hit = demo.flags[demo.flags["figure_ids"].str.contains(fid)]
        assert not set(hit["rule"]) & CONTRADICTIONS, hit[["rule", "figure_ids"]]
    band = demo.bands[
        (demo.bands["metric"] == "displaced")
        & (demo.bands["location"] == "SY")
        & (demo.bands["window_start"] == "2018-06-17")
    ]
    assert band["date"].dt.strftime("%m-%d").tolist() == ["06-28", "06-29", "07-04", "07-05"]
    assert band["low"].tolist() == [62000, 144000, 285000, 285000]
    assert not band["contested"].any()


def test_snhr_and_sohr_death_tolls_diverge(demo):
    row = involving(demo.flags, "R120", "R046").iloc[0]
    assert (row["rule"], row["severity"]) == ("divergence", "moderate")
    assert row["sentence_en"] == (
        "SNHR: at least 214 civilians killed in Dar'a (governorate), 15–30 June 2018. "
        "SOHR: about 126, "
        "19–30 June 2018. The windows nearly match, yet SNHR's lowest count is 1.5 times "
        "SOHR's highest (139)."
    )
    assert row["sentence_ar"] == (
        "الشبكة السورية: عدد القتلى من المدنيين في درعا (محافظة) 214 على الأقل، 15–30 حزيران/يونيو "
        "2018. المرصد السوري: نحو 126، 19–30 حزيران/يونيو 2018. الفترتان متطابقتان تقريباً، "
        "ومع ذلك فإن الحد الأدنى لرقم الشبكة السورية يعادل 1.5 ضعف الحد الأعلى لرقم المرصد "
        "السوري (139)."
    )


def test_un_agencies_border_counts_diverge_with_the_returns_reported_between(demo):
    """Issue #16: the 60,000 at the border on 5 July against 150–200 on 8 July names SOHR's
    returns reported in between, and is moderate, not major (a documented change)."""
    row = involving(demo.flags, "R065", "R072").iloc[0]
    assert (row["rule"], row["severity"]) == ("divergence", "moderate")
    assert (row["figure_ids"], row["sources"]) == ("R065;R072", "unhcr;un")
    assert row["sentence_en"] == (
        "UNHCR: about 60,000 people displaced at the border in Dar'a (governorate), "
        "as of 5 July 2018. UN: 150–200, as of 8 July 2018. The dates are only 3 days apart, "
        "yet UNHCR's lowest count is 270 times UN's highest (200). Between the two dates "
        "(5–8 July 2018), movements were reported that could explain the fall: SOHR: more than "
        "20,000 people returned home in Dar'a (governorate), 19 June–7 July 2018 (start "
        "assumed: Dar'a offensive 2018). SOHR: more than 28,000, 19 June–8 July 2018 (start "
        "assumed: Dar'a offensive 2018). A change reported in between is not a disagreement "
        "between sources, so this flag is one step less severe than the gap alone would make it."
    )
    assert row["sentence_ar"] == (
        "المفوضية: عدد النازحين عند الحدود في درعا (محافظة) نحو 60,000، بتاريخ 5 تموز/يوليو "
        "2018. الأمم المتحدة: بين 150 و200، بتاريخ 8 تموز/يوليو 2018. لا يفصل بين التاريخين "
        "سوى 3 أيام، ومع ذلك فإن الحد الأدنى لرقم المفوضية يعادل 270 ضعفاً للحد الأعلى لرقم "
        "الأمم المتحدة (200). وبين التاريخين (5–8 تموز/يوليو 2018) وردت تقارير عن تحركات قد "
        "تفسّر الانخفاض: المرصد السوري: عدد العائدين في درعا (محافظة) أكثر من 20,000، 19 "
        "حزيران/يونيو–7 تموز/يوليو 2018 (تاريخ البدء مفترض: هجوم درعا 2018). المرصد السوري: "
        "أكثر من 28,000، 19 حزيران/يونيو–8 تموز/يوليو 2018 (تاريخ البدء مفترض: هجوم درعا "
        "2018). والتغيّر الموثَّق بين التاريخين ليس خلافاً بين المصادر، لذا خُفّضت خطورة هذا "
        "التنبيه درجة واحدة عمّا تقتضيه الفجوة وحدها."
    )


def test_the_uns_160000_quoted_under_two_names_is_an_echo(demo):
    row = involving(demo.flags, "R037", "R039", "S01").iloc[0]
    assert row["rule"] == "echo"
    assert row["sentence_en"] == (
        "OCHA: about 160,000 people newly displaced in Syria, 17–29 June 2018. UN: 160,000 in "
        "Dar'a (governorate), 19–29 June 2018 (start assumed: Dar'a offensive 2018). "
        "The same number "
        "(160,000) appears under 2 sources' names on the same day: probably one claim carried "
        "more than once, so it does not count as corroboration (OCHA's figure is kept as the "
        "original)."
    )
    assert row["sentence_ar"] == (
        "أوتشا: عدد النازحين الجدد في سوريا نحو 160,000، 17–29 حزيران/يونيو 2018. الأمم "
        "المتحدة: 160,000 في درعا (محافظة)، 19–29 حزيران/يونيو 2018 (تاريخ البدء مفترض: هجوم درعا "
        "2018). ورد الرقم نفسه (160,000) منسوباً إلى مصدرين في اليوم نفسه: الأرجح أنه رقم واحد "
        "جرى تناقله، فلا يُعدّ تأكيداً مستقلاً (اعتُمد رقم أوتشا بوصفه الأصل)."
    )
    excluded = demo.excluded.set_index("figure_id")
    # DESIGN §6: OCHA's original is a Syria figure, so the UN's Dar'a echo stands in Dar'a's
    # series (one claim, still flagged, never corroboration)
    assert "S01" not in excluded.index
    assert "R037" not in excluded.index


def test_the_demo_flag_list_is_the_one_reviewed(demo):
    got = sorted(zip(demo.flags["rule"], demo.flags["figure_ids"], strict=True))
    assert got == [
        ("containment", "R011;R013"),
        ("divergence", "R010;R011"),
        ("divergence", "R046;R120"),
        ("divergence", "R065;R072"),
        ("echo", "R037;R039;S01"),
        ("echo", "R055;R056"),
        ("echo", "R064;R066;R077;R079"),
        ("echo", "R065;R067;R069"),
    ]
