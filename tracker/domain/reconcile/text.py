"""Words for numbers, dates, windows and claims, in English and Arabic.

Numbers keep Western digits with thousands separators in both languages, so they stay legible
and searchable. Arabic month names carry both the Levantine and the international name
("حزيران/يونيو"), as Syrian and pan-Arab media write them.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import numpy as np

from tracker.domain.place_names import named
from tracker.domain.reconcile.context import ReconcileContext
from tracker.domain.windows import NO_DAY

#: Source ids that stand for "no source named": possessives name the figure, not a source.
UNATTRIBUTED = frozenset({"unattributed"})

MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_AR = (
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
    "حزيران/يونيو", "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر",
)  # fmt: skip

#: metric → English phrase; {people} is the population noun (empty for households of all).
WHAT_EN: dict[str, str] = {
    "displaced": "{people} newly displaced",
    "idps": "{people} internally displaced",
    "returned": "{people} returned home",
    "at_border": "{people} displaced at the border",
    "killed": "{people} killed",
    "injured": "{people} injured",
    "missing": "{people} missing",
    "detained": "{people} detained",
    "airstrikes": "airstrikes",
    "barrel_bombs": "barrel bombs",
    "shelling_incidents": "shelling incidents",
    "localities_struck": "localities struck",
    "localities_reconciled": "localities in reconciliation deals",
    "health_facilities_out_of_service": "health facilities out of service",
    "people_in_need": "{people} in need",
    "people_assisted": "{people} assisted",
    "refugees": "{people}",
}
PEOPLE_EN: dict[str, str] = {
    "all": "people",
    "civilians": "civilians",
    "children": "children",
    "women": "women",
    "combatants_government": "government-side fighters",
    "combatants_opposition": "opposition fighters",
    "palestinian_refugees": "Palestine refugees",
}
#: metric → Arabic noun phrase counted ("عدد ...").
WHAT_AR: dict[str, str] = {
    "displaced": "النازحين الجدد",
    "idps": "النازحين داخلياً",
    "returned": "العائدين",
    "at_border": "النازحين عند الحدود",
    "killed": "القتلى",
    "injured": "الجرحى",
    "missing": "المفقودين",
    "detained": "المعتقلين",
    "airstrikes": "الغارات الجوية",
    "barrel_bombs": "البراميل المتفجرة",
    "shelling_incidents": "عمليات القصف",
    "localities_struck": "البلدات والقرى المستهدفة بالقصف",
    "localities_reconciled": "البلدات والقرى التي أبرمت اتفاقات مصالحة",
    "health_facilities_out_of_service": "المنشآت الصحية الخارجة عن الخدمة",
    "people_in_need": "المحتاجين إلى المساعدة",
    "people_assisted": "من تلقّوا المساعدة",
    "refugees": "اللاجئين",
}
#: population → Arabic "من ..." complement (empty for all people).
OF_PEOPLE_AR: dict[str, str] = {
    "all": "",
    "civilians": "من المدنيين",
    "children": "من الأطفال",
    "women": "من النساء",
    "combatants_government": "من مقاتلي القوات الحكومية",
    "combatants_opposition": "من مقاتلي فصائل المعارضة",
    "palestinian_refugees": "من اللاجئين الفلسطينيين",
}
#: population → definite plural, as a subject ("المدنيون فئة فرعية من ...").
GROUP_EN: dict[str, str] = {
    "all": "all people",
    **{k: v for k, v in PEOPLE_EN.items() if k != "all"},
}
GROUP_AR_GEN: dict[str, str] = {
    "all": "جميع الأشخاص",
    "civilians": "المدنيين",
    "children": "الأطفال",
    "women": "النساء",
    "combatants_government": "مقاتلي القوات الحكومية",
    "combatants_opposition": "مقاتلي فصائل المعارضة",
    "palestinian_refugees": "اللاجئين الفلسطينيين",
}
GROUP_AR: dict[str, str] = {
    "all": "جميع الأشخاص",
    "civilians": "المدنيون",
    "children": "الأطفال",
    "women": "النساء",
    "combatants_government": "مقاتلو القوات الحكومية",
    "combatants_opposition": "مقاتلو فصائل المعارضة",
    "palestinian_refugees": "اللاجئون الفلسطينيون",
}


def number(x: float) -> str:
    """A count with thousands separators, rounded half up ("138.6" → "139")."""
    if not math.isfinite(x):
        return "∞"
    return f"{math.floor(x + 0.5):,}"


def times(ratio: float) -> str:
    """A ratio in digits, rounded half up: 1.04, 1.5, 3, 270."""
    if ratio < 1.1:
        return f"{math.floor(ratio * 100 + 0.5) / 100:.2f}"
    if ratio < 10:
        return f"{math.floor(ratio * 10 + 0.5) / 10:.1f}".removesuffix(".0")
    return f"{math.floor(ratio + 0.5):,}"


def times_ar(ratio: float, noun: str) -> str:
    """ "r times <noun>" in Arabic, the counted word agreeing with the number: 1.5 ضعف الحد،
    ضعفي الحد، 3 أضعاف الحد، 270 ضعفاً للحد."""
    r = times(ratio)
    if "." in r:
        return f"{r} ضعف {noun}"
    n = int(r.replace(",", ""))
    if n == 2:
        return f"ضعفي {noun}"
    if 3 <= n <= 10:
        return f"{r} أضعاف {noun}"
    joined = f"ل{noun[1:]}" if noun.startswith("ال") else f"لـ{noun}"
    return f"{r} ضعفاً {joined}"


@lru_cache(maxsize=65536)
def _ymd(day: int) -> tuple[int, int, int]:
    d = np.datetime64(int(day), "D").astype(object)
    return d.year, d.month, d.day


def date_en(day: int) -> str:
    y, m, d = _ymd(day)
    return f"{d} {MONTHS_EN[m - 1]} {y}"


def date_ar(day: int) -> str:
    y, m, d = _ymd(day)
    return f"{d} {MONTHS_AR[m - 1]} {y}"


def span_en(start: int, end: int) -> str:
    """ "15–30 June 2018", "27 June–4 July 2018", "30 Dec 2017–2 January 2018" style."""
    (y0, m0, d0), (y1, m1, d1) = _ymd(start), _ymd(end)
    if start == end:
        return date_en(end)
    if (y0, m0) == (y1, m1):
        return f"{d0}–{d1} {MONTHS_EN[m1 - 1]} {y1}"
    if y0 == y1:
        return f"{d0} {MONTHS_EN[m0 - 1]}–{d1} {MONTHS_EN[m1 - 1]} {y1}"
    return f"{date_en(start)}–{date_en(end)}"


def span_ar(start: int, end: int) -> str:
    (y0, m0, d0), (y1, m1, d1) = _ymd(start), _ymd(end)
    if start == end:
        return date_ar(end)
    if (y0, m0) == (y1, m1):
        return f"{d0}–{d1} {MONTHS_AR[m1 - 1]} {y1}"
    if y0 == y1:
        return f"{d0} {MONTHS_AR[m0 - 1]}–{d1} {MONTHS_AR[m1 - 1]} {y1}"
    return f"{date_ar(start)}–{date_ar(end)}"


def days_en(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def days_ar(n: int, case: str = "nom") -> str:
    """Arabic "n days" with the counted noun agreeing (nominative or genitive/accusative)."""
    if n == 1:
        return "يوم واحد" if case == "nom" else "يوم واحد"
    if n == 2:
        return "يومان" if case == "nom" else "يومين"
    if 3 <= n <= 10:
        return f"{n} أيام"
    return f"{n} يوماً"


def window_en(c: Any, ctx: ReconcileContext) -> str:
    """The window of a claim: "as of 5 July 2018" (stock), "15–30 June 2018" (flow)."""
    if c.measure == "stock":
        return f"as of {date_en(c.end_d)}"
    if c.start_d == NO_DAY:
        return f"up to {date_en(c.end_d)} (start not given)"
    text = span_en(c.start_d, c.end_d)
    if c.start_assumed:
        episode = ctx.episode_en.get(str(c.episode), "the episode")
        text += f" (start assumed: {episode})"
    return text


def window_ar(c: Any, ctx: ReconcileContext) -> str:
    if c.measure == "stock":
        return f"بتاريخ {date_ar(c.end_d)}"
    if c.start_d == NO_DAY:
        return f"حتى {date_ar(c.end_d)} (دون تاريخ بدء)"
    text = span_ar(c.start_d, c.end_d)
    if c.start_assumed:
        episode = ctx.episode_ar.get(str(c.episode), "بدء الحدث")
        text += f" (تاريخ البدء مفترض: {episode})"
    return text


def value_en(c: Any, ctx: ReconcileContext) -> str:
    """The claim's number with its qualifier in words: "about 126", "62,000–66,000"."""
    text = ctx.words_en.say(c.qualifier, c.value, c.value_high, number)
    if c.unit == "households":
        text += " of households" if c.qualifier == "magnitude" else " households"
    return text


def value_ar(c: Any, ctx: ReconcileContext) -> str:
    """The claim's number with its qualifier in Arabic words, a count of households marked."""
    unit = " أسرة" if c.unit == "households" else ""
    return ctx.words_ar.say(c.qualifier, c.value, c.value_high, number, suffix=unit)


def what_en(c: Any, ctx: ReconcileContext) -> str:
    """What is counted, in English: "civilians killed", "people displaced at the border"."""
    people = PEOPLE_EN.get(
        str(c.population), str(ctx.population_en.get(str(c.population), c.population)).lower()
    )
    if c.unit == "households":
        people = "" if c.population == "all" else f"({people})"
    if c.metric == "refugees" and c.population == "all":
        people = "refugees"
    template = WHAT_EN.get(str(c.metric))
    if template is None:
        label = str(ctx.metric_en.get(str(c.metric), c.metric)).lower()
        return label if c.population == "all" else f"{label} ({people})"
    if "{people}" not in template and c.population != "all":
        return f"{template} ({people})"
    return " ".join(template.format(people=people).split())


def what_ar(c: Any, ctx: ReconcileContext) -> str:
    """What is counted, in Arabic, as the complement of "عدد": "القتلى من المدنيين"."""
    noun = WHAT_AR.get(str(c.metric)) or str(ctx.metric_ar.get(str(c.metric), c.metric))
    if c.metric == "refugees" and c.population == "palestinian_refugees":
        return "اللاجئين الفلسطينيين"
    of = OF_PEOPLE_AR.get(str(c.population))
    if of is None:
        of = f"({ctx.population_ar.get(str(c.population), c.population)})"
    return f"{noun} {of}".strip()


def place_en(code: str, ctx: ReconcileContext) -> str:
    """The place's English name, with its level where the name repeats (:mod:`.place_names`)."""
    name = named(str(code), ctx.location_en, ctx.repeated_en, ctx.level, ctx.level_en)
    return "Syria" if name == "Syrian Arab Republic" else name


def place_ar(code: str, ctx: ReconcileContext) -> str:
    """The place's Arabic name, with its level where the name repeats."""
    name = named(str(code), ctx.location_ar, ctx.repeated_ar, ctx.level, ctx.level_ar)
    return "سوريا" if name == "الجمهورية العربية السورية" else name


def source_en(source: str, ctx: ReconcileContext) -> str:
    return ctx.source_en.get(str(source), str(source))


def source_ar(source: str, ctx: ReconcileContext) -> str:
    return ctx.source_ar.get(str(source), str(source))


def possessive_en(*sources: str, ctx: ReconcileContext) -> tuple[str, ...]:
    """ "SNHR's" per source; "the unattributed figure's" for figures with no source named."""
    return tuple(
        "the unattributed figure's" if s in UNATTRIBUTED else f"{source_en(s, ctx)}'s"
        for s in sources
    )


def possessive_ar(*sources: str, ctx: ReconcileContext) -> tuple[str, ...]:
    """ "لرقم الشبكة السورية" per source ("of X's figure"); "للرقم غير المنسوب" if unnamed."""
    return tuple(
        "للرقم غير المنسوب" if s in UNATTRIBUTED else f"لرقم {source_ar(s, ctx)}" for s in sources
    )


def figure_of_en(source: str, ctx: ReconcileContext) -> str:
    """ "UNHCR's figure", or "the unattributed figure"."""
    return (
        "the unattributed figure"
        if source in UNATTRIBUTED
        else f"{source_en(source, ctx)}'s figure"
    )


def figure_of_ar(source: str, ctx: ReconcileContext) -> str:
    return "الرقم غير المنسوب" if source in UNATTRIBUTED else f"رقم {source_ar(source, ctx)}"


def persons_en(c: Any) -> str:
    """For a count in households, the persons it converts to (the conversion shown)."""
    if c.unit != "households":
        return ""
    return f" ({number(c.low)}–{number(c.high)} people)"


def persons_ar(c: Any) -> str:
    if c.unit != "households":
        return ""
    return f" (عدد الأفراد: {number(c.low)}–{number(c.high)})"


def claim_en(c: Any, ctx: ReconcileContext, ref: Any = None) -> str:
    """One claim as a sentence; parts equal to ``ref``'s (what, where) are left out."""
    text = f"{source_en(c.source, ctx)}: {value_en(c, ctx)}{persons_en(c)}"
    same_what = ref is not None and (c.metric, c.population, c.unit) == (
        ref.metric,
        ref.population,
        ref.unit,
    )
    if not same_what:
        text += f" {what_en(c, ctx)}"
    if ref is None or c.location != ref.location:
        text += f" in {place_en(c.location, ctx)}"
    return f"{text}, {window_en(c, ctx)}."


def claim_ar(c: Any, ctx: ReconcileContext, ref: Any = None) -> str:
    src = source_ar(c.source, ctx)
    same_what = ref is not None and (c.metric, c.population, c.unit) == (
        ref.metric,
        ref.population,
        ref.unit,
    )
    where = f" في {place_ar(c.location, ctx)}" if ref is None or c.location != ref.location else ""
    value = f"{value_ar(c, ctx)}{persons_ar(c)}"
    if same_what:
        return f"{src}: {value}{where}، {window_ar(c, ctx)}."
    return f"{src}: عدد {what_ar(c, ctx)}{where} {value}، {window_ar(c, ctx)}."
