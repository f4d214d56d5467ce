"""The two sentences of every flag, one in English and one in Arabic.

Each sentence restates the claims (source, number with its qualifier in words, what, where, the
window), then says in one clause which rule they break and by how much, so it reads without the
docs. Patterns (A, B are short source names; see docs/reconciliation.md):

- containment: "<A claim> <B claim> The first window lies inside the second, so its count cannot
  be larger; yet A's lowest count is r times B's highest (h)."
- regression: "... Both count from the same start, so A's figure for the longer window cannot
  be smaller; yet its highest (h) is below the shorter window's lowest (l). It was reported
  later (d1, against d2): a correction, a typo or a changed definition?" (or "reported
  earlier …, so the larger figure is the newer one", or "Both were reported on d"); the same
  window twice: "... A's later report cannot be smaller ..." ("later" only when it was
  reported later; the same day: "... were reported on d, so A's two figures should agree ...").
- hierarchy: "... <part> is part of <whole>, so its count cannot be larger; yet ..."; across
  places and populations at once (DESIGN §6, still a hierarchy flag): "... Children in <part>
  are part of all people in <whole>[, and the first window lies inside the second], so their
  count cannot be larger; yet ..."
- subgroup: "... Civilians are a subgroup of all people, so their count cannot be larger; yet ..."
- divergence: "... The windows nearly match, yet A's lowest count is r times B's highest (h)."
- staleness: "... Other sources have reported this series up to <date>, n days later; A has
  given no newer figure, so it is left out of the band."
- echo: "... The same number, v, appears under n sources' names within k days: probably one
  claim carried more than once, so it does not count as corroboration."
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.reconcile.raw import RawFlag
from tracker.domain.reconcile.text import (
    GROUP_AR,
    GROUP_AR_GEN,
    GROUP_EN,
    claim_ar,
    claim_en,
    date_ar,
    date_en,
    days_ar,
    days_en,
    figure_of_ar,
    figure_of_en,
    number,
    place_ar,
    place_en,
    possessive_ar,
    possessive_en,
    source_ar,
    source_en,
    span_ar,
    span_en,
    times,
    times_ar,
    what_ar,
    what_en,
)

MAX_LISTED = 6
#: claim number → the claim as a record (itertuples row: attributes source, value, low, …).
Claims = Mapping[int, Any]


def _names(a: Any, b: Any, ctx: ReconcileContext) -> tuple[str, str, str, str]:
    """Possessive names for the two sides, en and ar; ordinals when both are one source."""
    if a.source == b.source:
        return "the first figure's", "the second figure's", "للرقم الأول", "للرقم الثاني"
    (a_en, b_en), (a_ar, b_ar) = (
        possessive_en(a.source, b.source, ctx=ctx),
        possessive_ar(a.source, b.source, ctx=ctx),
    )
    return a_en, b_en, a_ar, b_ar


def _gap(ratio: float, a: Any, b: Any, ctx: ReconcileContext, b_high: float) -> tuple[str, str]:
    """ "A's lowest count is r times B's highest (h)" in both languages."""
    pa, pb, ra, rb = _names(a, b, ctx)
    h = number(b_high)
    if not math.isfinite(ratio):
        return (
            f"{pa} lowest count ({number(a.low)}) is above {pb} highest ({h})",
            f"الحد الأدنى {ra} ({number(a.low)}) أعلى من الحد الأعلى {rb} ({h})",
        )
    r = times(ratio)
    return (
        f"{pa} lowest count is {r} times {pb} highest ({h})",
        f"الحد الأدنى {ra} يعادل {times_ar(ratio, f'الحد الأعلى {rb}')} ({h})",
    )


def _pair_claims(a: Any, b: Any, ctx: ReconcileContext) -> tuple[str, str]:
    return (
        f"{claim_en(a, ctx)} {claim_en(b, ctx, ref=a)}",
        f"{claim_ar(a, ctx)} {claim_ar(b, ctx, ref=a)}",
    )


def containment(f: RawFlag, claims: Claims, ctx: ReconcileContext) -> tuple[str, str]:
    if f.detail.get("derived"):
        return _daily_sum(f, claims, ctx)
    a, b = claims[f.members[0]], claims[f.members[1]]
    en, ar = _pair_claims(a, b, ctx)
    gap_en, gap_ar = _gap(f.ratio, a, b, ctx, b.high)
    return (
        f"{en} The first window lies inside the second, so its count cannot be larger; "
        f"yet {gap_en}.",
        f"{ar} تقع الفترة الأولى ضمن الثانية، فلا يمكن أن يكون عددها أكبر؛ ومع ذلك فإن {gap_ar}.",
    )


def _daily_sum(f: RawFlag, claims: Claims, ctx: ReconcileContext) -> tuple[str, str]:
    d = f.detail
    t = claims[d["target"]]
    first = claims[d["days"][0]]
    src_en, src_ar = source_en(first.source, ctx), source_ar(first.source, ctx)
    n = d["n_days"]
    where_en = f"{what_en(t, ctx)} in {place_en(t.location, ctx)}"
    where_ar = f"{what_ar(t, ctx)} في {place_ar(t.location, ctx)}"
    span_e, span_a = span_en(t.start_d, t.end_d), span_ar(t.start_d, t.end_d)
    pos_en, pos_ar = possessive_en(t.source, ctx=ctx)[0], possessive_ar(t.source, ctx=ctx)[0]
    if d["over"]:
        sum_en = f"at least {number(d['sum_low'])}"
        sum_ar = f"{number(d['sum_low'])} على الأقل"
        if math.isfinite(f.ratio):
            gap_en = f"is {times(f.ratio)} times {pos_en} highest"
            gap_ar = f"يعادل {times_ar(f.ratio, f'الحد الأعلى {pos_ar}')}"
        else:  # the window allows nothing above zero
            gap_en = f"({number(d['sum_low'])}) is above {pos_en} highest"
            gap_ar = f"({number(d['sum_low'])}) أعلى من الحد الأعلى {pos_ar}"
        tail_en = (
            f"The days lie inside that window, so their sum cannot be larger; yet the sum "
            f"{gap_en} ({number(t.high)})."
        )
        tail_ar = (
            f"تقع هذه الأيام ضمن تلك الفترة، فلا يمكن أن يكون مجموعها أكبر؛ ومع ذلك فإن "
            f"المجموع {gap_ar} ({number(t.high)})."
        )
    else:
        sum_en = f"at most {number(d['sum_high'])}"
        sum_ar = f"{number(d['sum_high'])} على الأكثر"
        if math.isfinite(f.ratio):
            gap_en = f"is {times(f.ratio)} times the sum's highest"
            gap_ar = f"يعادل {times_ar(f.ratio, 'الحد الأعلى للمجموع')}"
        else:  # the days allow nothing above zero
            gap_en = f"({number(t.low)}) is above the sum's highest"
            gap_ar = f"({number(t.low)}) أعلى من الحد الأعلى للمجموع"
        tail_en = (
            f"The days cover that whole window, so the totals must agree; yet "
            f"{pos_en} lowest count {gap_en} ({number(d['sum_high'])})."
        )
        tail_ar = (
            f"تغطي هذه الأيام الفترة كلها، فيجب أن يتطابق المجموعان؛ ومع ذلك فإن الحد "
            f"الأدنى {pos_ar} {gap_ar} ({number(d['sum_high'])})."
        )
    en = (
        f"{src_en}'s daily counts of {where_en} on {n} days within {span_e} add up to "
        f"{sum_en}. {claim_en(t, ctx, ref=t)} {tail_en}"
    )
    ar = (
        f"مجموع أرقام {src_ar} اليومية عن {where_ar}، في {days_ar(n, 'gen')} ضمن الفترة "
        f"{span_a}: {sum_ar}. {claim_ar(t, ctx, ref=t)} {tail_ar}"
    )
    return en, ar


def regression(f: RawFlag, claims: Claims, ctx: ReconcileContext) -> tuple[str, str]:
    """Which figure is "later" is said twice, apart: its window (ends later) and its report
    (reported later, earlier or the same day), so a figure over a longer window reported
    earlier is never called the later one."""
    a, b = claims[f.members[0]], claims[f.members[1]]
    en, ar = _pair_claims(a, b, ctx)
    s_en, s_ar = source_en(a.source, ctx), source_ar(a.source, ctx)
    hi, lo = number(b.high), number(a.low)
    if b.end_d == a.end_d and b.reported_d == a.reported_d:
        d_en, d_ar = date_en(a.reported_d), date_ar(a.reported_d)
        rule_en = (
            f"Both count the same window and were reported on {d_en}, so {s_en}'s two figures "
            f"should agree; yet one's highest ({hi}) is below the other's lowest ({lo})"
        )
        rule_ar = (
            f"يغطي الرقمان الفترة نفسها ونُشرا في {d_ar}، فينبغي أن يتفق رقما {s_ar}؛ ومع ذلك فإن "
            f"الحد الأعلى لأحدهما ({hi}) أدنى من الحد الأدنى للآخر ({lo})"
        )
        return (
            f"{en} {rule_en}: a typo or a changed definition?",
            f"{ar} {rule_ar}: أهو خطأ مطبعي أم تعريف مختلف؟",
        )
    if b.end_d == a.end_d:
        rule_en = (
            f"Both count the same window, so {s_en}'s later report cannot be smaller; yet its "
            f"highest ({hi}) is below the earlier report's lowest ({lo})"
        )
        rule_ar = (
            f"يغطي الرقمان الفترة نفسها، فلا يمكن أن يكون تقرير {s_ar} اللاحق أصغر؛ ومع ذلك فإن "
            f"حده الأعلى ({hi}) أدنى من الحد الأدنى للتقرير السابق ({lo})"
        )
        return (
            f"{en} {rule_en}: a correction, a typo or a changed definition?",
            f"{ar} {rule_ar}: أهو تصحيح أم خطأ مطبعي أم تعريف مختلف؟",
        )
    rule_en = (
        f"Both count from the same start, so {s_en}'s figure for the longer window cannot be "
        f"smaller; yet its highest ({hi}) is below the shorter window's lowest ({lo})"
    )
    rule_ar = (
        f"يبدأ العدّ في الرقمين من التاريخ نفسه، فلا يمكن أن يكون رقم {s_ar} عن الفترة الأطول "
        f"أصغر؛ ومع ذلك فإن حده الأعلى ({hi}) أدنى من الحد الأدنى للفترة الأقصر ({lo})"
    )
    when_en, when_ar = _report_order(a, b)
    return f"{en} {rule_en}. {when_en}", f"{ar} {rule_ar}. {when_ar}"


def _report_order(a: Any, b: Any) -> tuple[str, str]:
    """When the longer window's figure (b) was reported against the shorter one's (a)."""
    da, db = date_en(a.reported_d), date_en(b.reported_d)
    ra, rb = date_ar(a.reported_d), date_ar(b.reported_d)
    if b.reported_d > a.reported_d:
        return (
            f"It was reported later ({db}, against {da}): a correction, a typo or a changed "
            f"definition?",
            f"وقد نُشر لاحقاً ({rb}، مقابل {ra}): أهو تصحيح أم خطأ مطبعي أم تعريف مختلف؟",
        )
    if b.reported_d < a.reported_d:
        return (
            f"It was reported earlier ({db}, against {da}), so the larger figure is the newer "
            f"one: an upward correction, or a changed definition?",
            f"وقد نُشر قبل الآخر ({rb}، مقابل {ra})، فالرقم الأكبر هو الأحدث: أهو تصحيح "
            f"بالزيادة أم تعريف مختلف؟",
        )
    return (
        f"Both were reported on {da}: a typo or a changed definition?",
        f"ونُشر الرقمان في {ra}: أهو خطأ مطبعي أم تعريف مختلف؟",
    )


def hierarchy(f: RawFlag, claims: Claims, ctx: ReconcileContext) -> tuple[str, str]:
    if "sum" in f.detail:
        return _hierarchy_sum(f, claims, ctx)
    a, b = claims[f.members[0]], claims[f.members[1]]
    if a.population != b.population:
        return _mixed(a, b, f.ratio, ctx)
    en, ar = _pair_claims(a, b, ctx)
    gap_en, gap_ar = _gap(f.ratio, a, b, ctx, b.high)
    return (
        f"{en} {place_en(a.location, ctx)} is part of {place_en(b.location, ctx)}, so its count "
        f"cannot be larger; yet {gap_en}.",
        f"{ar} {place_ar(a.location, ctx)} جزء من {place_ar(b.location, ctx)}، ولا يمكن أن "
        f"يتجاوز عددُ الجزء عددَ الكل؛ ومع ذلك فإن {gap_ar}.",
    )


def _mixed(a: Any, b: Any, ratio: float, ctx: ReconcileContext) -> tuple[str, str]:
    """A subgroup in a part of a place against a broader population in the whole place (and,
    when the windows differ, over a window containing the part's)."""
    en, ar = _pair_claims(a, b, ctx)
    gap_en, gap_ar = _gap(ratio, a, b, ctx, b.high)
    sub_en = GROUP_EN.get(str(a.population), str(a.population))
    sup_en = GROUP_EN.get(str(b.population), str(b.population))
    sub_ar = GROUP_AR.get(str(a.population), str(a.population))
    sup_ar = GROUP_AR_GEN.get(str(b.population), str(b.population))
    same_window = (a.start_d, a.end_d) == (b.start_d, b.end_d)
    win_en = "" if same_window else ", and the first window lies inside the second"
    win_ar = "" if same_window else "، وتقع الفترة الأولى ضمن الثانية"
    return (
        f"{en} {sub_en[:1].upper()}{sub_en[1:]} in {place_en(a.location, ctx)} are part of "
        f"{sup_en} in {place_en(b.location, ctx)}{win_en}, so their count cannot be larger; "
        f"yet {gap_en}.",
        f"{ar} {sub_ar} في {place_ar(a.location, ctx)} جزء من {sup_ar} في "
        f"{place_ar(b.location, ctx)}{win_ar}، ولا يمكن أن يتجاوز عددُ الجزء عددَ الكل؛ "
        f"ومع ذلك فإن {gap_ar}.",
    )


def _hierarchy_sum(f: RawFlag, claims: Claims, ctx: ReconcileContext) -> tuple[str, str]:
    whole = claims[f.detail["whole"]]
    parts = [claims[i] for i in f.detail["parts"]]
    shown = parts[:MAX_LISTED]
    more = len(parts) - len(shown)
    en = " ".join(claim_en(p, ctx, ref=parts[0] if k else None) for k, p in enumerate(shown))
    ar = " ".join(claim_ar(p, ctx, ref=parts[0] if k else None) for k, p in enumerate(shown))
    if more:
        en += f" (and {more} more places.)"
        ar += f" (و{more} أماكن أخرى.)"
    w_en, w_ar = place_en(whole.location, ctx), place_ar(whole.location, ctx)
    s = number(f.detail["sum"])
    return (
        f"{en} {claim_en(whole, ctx, ref=parts[0])} These places are separate parts of {w_en}, "
        f"so their counts add up; yet together they count at least {s}, "
        f"{times(f.ratio)} times {possessive_en(whole.source, ctx=ctx)[0]} highest for {w_en} "
        f"({number(whole.high)}).",
        f"{ar} {claim_ar(whole, ctx, ref=parts[0])} هذه الأماكن أجزاء منفصلة من {w_ar}، "
        f"فتُجمع أعدادها؛ ومع ذلك فإن مجموعها {s} على الأقل، أي ما يعادل "
        f"{times_ar(f.ratio, f'الحد الأعلى {possessive_ar(whole.source, ctx=ctx)[0]} عن {w_ar}')} "
        f"({number(whole.high)}).",
    )


def subgroup(f: RawFlag, claims: Claims, ctx: ReconcileContext) -> tuple[str, str]:
    a, b = claims[f.members[0]], claims[f.members[1]]
    en, ar = _pair_claims(a, b, ctx)
    gap_en, gap_ar = _gap(f.ratio, a, b, ctx, b.high)
    sub_en = GROUP_EN.get(str(a.population), str(a.population))
    sup_en = GROUP_EN.get(str(b.population), str(b.population))
    sub_ar = GROUP_AR.get(str(a.population), str(a.population))
    sup_ar = GROUP_AR_GEN.get(str(b.population), str(b.population))
    return (
        f"{en} {sub_en[:1].upper()}{sub_en[1:]} are a subgroup of {sup_en}, so their count "
        f"cannot be larger; yet {gap_en}.",
        f"{ar} {sub_ar} فئة فرعية من {sup_ar}، ولا يمكن أن يتجاوز عددُ الجزء عددَ الكل؛ "
        f"ومع ذلك فإن {gap_ar}.",
    )


def divergence(f: RawFlag, claims: Claims, ctx: ReconcileContext) -> tuple[str, str]:
    a, b = claims[f.members[0]], claims[f.members[1]]
    en, ar = _pair_claims(a, b, ctx)
    gap_en, gap_ar = _gap(f.ratio, a, b, ctx, b.high)
    if a.measure == "stock":
        k = abs(int(a.end_d) - int(b.end_d))
        if k == 0:
            lead_en, lead_ar = "Both describe the same date", "يصف الرقمان التاريخ نفسه"
        else:
            lead_en = f"The dates are only {days_en(k)} apart"
            lead_ar = f"لا يفصل بين التاريخين سوى {days_ar(k, 'gen')}"
    elif a.start_d == b.start_d:
        lead_en, lead_ar = "Both count the same window", "يغطي الرقمان الفترة نفسها"
    else:
        lead_en, lead_ar = "The windows nearly match", "الفترتان متطابقتان تقريباً"
    en, ar = f"{en} {lead_en}, yet {gap_en}.", f"{ar} {lead_ar}، ومع ذلك فإن {gap_ar}."
    if f.mentions:
        more_en, more_ar = _flows_between(f, claims, ctx)
        en, ar = f"{en} {more_en}", f"{ar} {more_ar}"
    return en, ar


def _flows_between(f: RawFlag, claims: Claims, ctx: ReconcileContext) -> tuple[str, str]:
    """The flows reported between a stock divergence's dates (:mod:`.rules.flows_between`),
    with their sources' words, and why the flag is one step less severe; the words are those of
    data/vocabularies/sentence_words.csv."""
    rows = [claims[i] for i in f.mentions]
    shown = rows[:MAX_LISTED]
    d1, d2 = f.detail["span"]
    key = f"change_{f.detail['change']}"
    en = [ctx.sentence_en[key].format(span=span_en(d1, d2))]
    ar = [ctx.sentence_ar[key].format(span=span_ar(d1, d2))]
    en += [claim_en(c, ctx, ref=shown[0] if k else None) for k, c in enumerate(shown)]
    ar += [claim_ar(c, ctx, ref=shown[0] if k else None) for k, c in enumerate(shown)]
    if len(rows) > len(shown):
        en.append(ctx.sentence_en["change_more"].format(n=len(rows) - len(shown)))
        ar.append(ctx.sentence_ar["change_more"].format(n=len(rows) - len(shown)))
    en.append(ctx.sentence_en["change_severity"])
    ar.append(ctx.sentence_ar["change_severity"])
    return " ".join(en), " ".join(ar)


def staleness(f: RawFlag, claims: Claims, ctx: ReconcileContext) -> tuple[str, str]:
    a, b = claims[f.members[0]], claims[f.members[1]]
    en, ar = _pair_claims(a, b, ctx)
    k = f.detail["gap_days"]
    return (
        f"{en} Other sources have reported this series up to {date_en(b.end_d)}, "
        f"{days_en(k)} later; {source_en(a.source, ctx)} has given no newer figure, so its "
        f"figure is left out of the band.",
        f"{ar} نشرت مصادر أخرى أرقاماً لهذه السلسلة حتى {date_ar(b.end_d)}، أي بعد "
        f"{days_ar(k, 'gen')}، ولم يصدر عن {source_ar(a.source, ctx)} رقم أحدث، فاستُبعد رقمه "
        f"من النطاق.",
    )


def echo(f: RawFlag, claims: Claims, ctx: ReconcileContext) -> tuple[str, str]:
    rows = [claims[i] for i in f.members]
    rows.sort(key=lambda c: (c.reported_d, c.Index))
    shown = rows[:MAX_LISTED]
    en = " ".join(claim_en(c, ctx, ref=shown[0] if k else None) for k, c in enumerate(shown))
    ar = " ".join(claim_ar(c, ctx, ref=shown[0] if k else None) for k, c in enumerate(shown))
    if len(rows) > len(shown):
        en += f" (and {len(rows) - len(shown)} more.)"
        ar += f" (و{len(rows) - len(shown)} غيرها.)"
    n, k = f.detail["n_sources"], f.detail["span_days"]
    v_en = v_ar = number(rows[0].value)
    within_en = "on the same day" if k == 0 else f"within {days_en(k)}"
    within_ar = "في اليوم نفسه" if k == 0 else f"خلال {days_ar(k, 'gen')}"
    n_ar = "مصدرين" if n == 2 else (f"{n} مصادر" if n <= 10 else f"{n} مصدراً")
    original = claims[f.detail["original"]]
    return (
        f"{en} The same number ({v_en}) appears under {n} sources' names {within_en}: probably "
        f"one claim carried more than once, so it does not count as corroboration "
        f"({figure_of_en(original.source, ctx)} is kept as the original).",
        f"{ar} ورد الرقم نفسه ({v_ar}) منسوباً إلى {n_ar} {within_ar}: الأرجح أنه رقم واحد "
        f"جرى تناقله، فلا يُعدّ تأكيداً مستقلاً (اعتُمد {figure_of_ar(original.source, ctx)} "
        f"بوصفه الأصل).",
    )


WRITERS = {
    "containment": containment,
    "regression": regression,
    "hierarchy": hierarchy,
    "subgroup": subgroup,
    "divergence": divergence,
    "staleness": staleness,
    "echo": echo,
}


def write(f: RawFlag, claims: Claims, ctx: ReconcileContext) -> tuple[str, str]:
    """The English and the Arabic sentence of one flag."""
    return WRITERS[f.rule](f, claims, ctx)
