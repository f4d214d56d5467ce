# ruff: noqa: E501  -- a table of sentences: long lines read better than split ones
"""The dashboard's own words in English and Arabic.

Vocabulary labels (metrics, populations, sources, places, rules, severities) come from
the vocabularies in data/; this module holds only the interface's strings. ``t(key,
lang)`` falls back to English, then to the key, so a missing translation shows, never
breaks a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from tracker.views.plural import plural_category

STRINGS: dict[str, dict[str, Any]] = {
    # frame
    "app_name": {"en": "Tracker", "ar": "المتتبّع"},
    "tagline": {
        "en": "Displacement and casualties: who says what, and where sources disagree",
        "ar": "النزوح والضحايا: من يقول ماذا، وأين تختلف المصادر",
    },
    "nav_label": {"en": "Pages", "ar": "الصفحات"},
    "nav_overview": {"en": "Overview", "ar": "نظرة عامة"},
    "nav_trends": {"en": "Trends", "ar": "الاتجاهات"},
    "nav_discrepancies": {"en": "Discrepancies", "ar": "التباينات"},
    "nav_figures": {"en": "Figures", "ar": "الأرقام"},
    "nav_sources": {"en": "Sources", "ar": "المصادر"},
    "nav_data": {"en": "Data", "ar": "البيانات"},
    "nav_methodology": {"en": "Methodology", "ar": "المنهجية"},
    "nav_map": {"en": "Map", "ar": "الخريطة"},
    "cite_sources": {"en": "Sources", "ar": "المصادر"},
    "cite_period": {"en": "Period", "ar": "الفترة"},
    "cite_as_of": {"en": "Data as of", "ar": "البيانات حتى"},
    "cite_licence": {"en": "Licence", "ar": "الترخيص"},
    "cite_url": {"en": "Address", "ar": "العنوان"},
    "cite_png": {"en": "Image with citation (PNG)", "ar": "صورة مع الاستشهاد (PNG)"},
    "cite_svg": {"en": "Image with citation (SVG)", "ar": "صورة مع الاستشهاد (SVG)"},
    "copy_link": {"en": "Copy link to this view", "ar": "نسخ رابط هذا العرض"},
    "map_title": {"en": "Where, and how many", "ar": "أين، وكم"},
    "map_intro": {
        "en": "One circle per place: its reconciled headline for the chosen metric and population, the circle's area proportional to the number; red when the place has open flags. Governorate outlines are for orientation only.",
        "ar": "دائرة لكل مكان: رقمه الرئيسي الموفَّق للمؤشر والفئة المختارين، ومساحة الدائرة تتناسب مع الرقم؛ وتظهر حمراء إذا كان للمكان تنبيهات مفتوحة. حدود المحافظات للاسترشاد فقط.",
    },
    "map_hint": {
        "en": "Click a circle to open that place's trend.",
        "ar": "انقر على دائرة لفتح اتجاه ذلك المكان.",
    },
    "open_map": {"en": "Open the full map", "ar": "افتح الخريطة كاملة"},
    "map_no_symbols": {
        "en": "No reconciled figure for this choice yet.",
        "ar": "لا يوجد رقم موفَّق لهذا الاختيار بعد.",
    },
    "help_link": {"en": "How is this worked out?", "ar": "كيف يُحسب هذا؟"},
    "not_found_title": {"en": "Page not found", "ar": "الصفحة غير موجودة"},
    "not_found_text": {
        "en": "There is no page at this address. These pages exist:",
        "ar": "لا توجد صفحة بهذا العنوان. هذه هي الصفحات الموجودة:",
    },
    "switch_language": {"en": "العربية", "ar": "English"},
    "switch_language_label": {"en": "Arabic version", "ar": "النسخة الإنجليزية"},
    "footer": {
        "en": "Every figure is a claim by a named source, never a fact. Read-only view; "
        "analysts enter figures in the workspace (/workspace) or with the tracker command "
        "line, and a reviewer accepts each before it is shown here.",
        "ar": "كل رقم هنا تصريح منسوب إلى مصدر مسمّى، وليس حقيقة مؤكدة. هذه الصفحة للاطلاع "
        "فقط؛ يُدخل المحللون الأرقام في مساحة العمل (/workspace) أو عبر سطر أوامر المتتبّع، "
        "ويقبلها مراجع قبل عرضها هنا.",
    },
    # filters
    "filters": {"en": "Filters", "ar": "عوامل التصفية"},
    "no_filters": {"en": "none (everything)", "ar": "لا شيء (الكل)"},
    "filter_area": {
        "en": "Area (includes the places within it)",
        "ar": "المنطقة (مع الأماكن التابعة لها)",
    },
    "filter_area_placeholder": {
        "en": "All areas — type a place",
        "ar": "كل المناطق — اكتب اسم مكان",
    },
    "filter_metric": {"en": "What is counted", "ar": "ما يُعدّ"},
    "filter_metric_one": {"en": "What is counted (one)", "ar": "ما يُعدّ (واحد)"},
    "filter_population": {"en": "Whose count", "ar": "الفئة"},
    "filter_source": {"en": "Source", "ar": "المصدر"},
    "filter_dates": {
        "en": "Period (by end of the reported period)",
        "ar": "الفترة (حسب نهاية الفترة المُبلغ عنها)",
    },
    "filter_from": {"en": "From", "ar": "من"},
    "picker_previous_month": {"en": "Previous month", "ar": "الشهر السابق"},
    "picker_next_month": {"en": "Next month", "ar": "الشهر التالي"},
    "picker_clear_dates": {"en": "Clear dates", "ar": "مسح التاريخين"},
    "picker_close": {"en": "Close calendar", "ar": "إغلاق التقويم"},
    "picker_decrease": {"en": "Previous year", "ar": "السنة السابقة"},
    "picker_increase": {"en": "Next year", "ar": "السنة التالية"},
    "filter_to": {"en": "To", "ar": "إلى"},
    "any": {"en": "Any", "ar": "الكل"},
    # Dash's own dropdown words ({num_selected} is filled in by the browser)
    "dropdown_select_all": {"en": "Select all", "ar": "تحديد الكل"},
    "dropdown_deselect_all": {"en": "Deselect all", "ar": "إلغاء تحديد الكل"},
    "dropdown_selected_count": {"en": "{num_selected} selected", "ar": "المحدَّد: {num_selected}"},
    "dropdown_search": {"en": "Search", "ar": "بحث"},
    "dropdown_clear_search": {"en": "Clear search", "ar": "مسح البحث"},
    "dropdown_clear_selection": {"en": "Clear selection", "ar": "إزالة التحديد"},
    "dropdown_no_options_found": {"en": "No options found", "ar": "لا توجد خيارات مطابقة"},
    "clear_filters": {"en": "Clear filters", "ar": "إزالة عوامل التصفية"},
    "filter_error": {
        "en": "A filter in the address was not understood and is ignored: {message}",
        "ar": "لم يُفهم أحد عوامل التصفية في العنوان فتم تجاهله: {message}",
    },
    "download_view": {
        "en": "Download what this page shows (CSV)",
        "ar": "تنزيل ما تعرضه هذه الصفحة (CSV)",
    },
    "download_band": {
        "en": "Download the reconciled band (CSV)",
        "ar": "تنزيل النطاق المُوفَّق (CSV)",
    },
    "download_xlsx": {"en": "The same as a workbook (XLSX)", "ar": "الملف نفسه كمصنّف Excel (XLSX)"},
    "download_flags": {"en": "Download these flags (CSV)", "ar": "تنزيل هذه التنبيهات (CSV)"},
    "download_sources": {
        "en": "Download the source registry (CSV)",
        "ar": "تنزيل سجل المصادر (CSV)",
    },
    # overview
    "overview_title": {"en": "What is known, by metric", "ar": "ما هو معروف، حسب المؤشر"},
    "overview_intro": {
        "en": "One card per metric in {area}. Each card speaks for one series (the widest place "
        "with reports and all people, unless you chose otherwise); open it to see every source's claims.",
        "ar": "بطاقة لكل مؤشر في {area}. تمثّل كل بطاقة سلسلة واحدة (أوسع مكان وردت عنه أرقام "
        "ولجميع الأشخاص، ما لم تختر غير ذلك)؛ افتحها لترى أرقام كل مصدر.",
    },
    "headline": {"en": "Reconciled", "ar": "الرقم المُوفَّق"},
    "headline_on": {"en": "as of {date}", "ar": "حتى {date}"},
    "contested": {"en": "sources contradict each other here", "ar": "المصادر تتناقض هنا"},
    "latest_claim": {"en": "Newest claim", "ar": "أحدث رقم"},
    "data_as_of": {
        "en": "Data as of {changed} · newest report {newest}",
        "ar": "البيانات حتى {changed} · أحدث تقرير {newest}",
    },
    "see_flag": {"en": "See the flag", "ar": "عرض التنبيه"},
    "disagree": {"en": "Sources disagree", "ar": "المصادر مختلفة"},
    "episodes": {"en": "Episodes:", "ar": "الأحداث:"},
    "all_figures": {"en": "all figures", "ar": "كل الأرقام"},
    "said_by": {"en": "Said by {names}", "ar": "المصدر: {names}"},
    "no_band_yet": {"en": "no reconciled band stored yet", "ar": "لم يُحسب نطاق مُوفَّق بعد"},
    "range_sources": {"en": "Sources' newest figures", "ar": "أحدث أرقام المصادر"},
    "independent_sources": {"en": "Independent sources", "ar": "مصادر مستقلة"},
    "independent_note": {
        "en": {
            "one": "{n} source; a source carried by several outlets, and figures flagged as echoes, count once",
            "other": "{n} sources; a source carried by several outlets, and figures flagged as echoes, count once",
        },
        "ar": {
            "zero": "لا مصادر؛ المصدر الذي تنقله عدة وسائل، والأرقام المصنّفة صدى، تُحسب مرة واحدة",
            "one": "مصدر واحد؛ المصدر الذي تنقله عدة وسائل، والأرقام المصنّفة صدى، تُحسب مرة واحدة",
            "two": "مصدران؛ المصدر الذي تنقله عدة وسائل، والأرقام المصنّفة صدى، تُحسب مرة واحدة",
            "few": "{n} مصادر؛ المصدر الذي تنقله عدة وسائل، والأرقام المصنّفة صدى، تُحسب مرة واحدة",
            "many": "{n} مصدراً؛ المصدر الذي تنقله عدة وسائل، والأرقام المصنّفة صدى، تُحسب مرة واحدة",
            "other": "{n} مصدر؛ المصدر الذي تنقله عدة وسائل، والأرقام المصنّفة صدى، تُحسب مرة واحدة",
        },
    },
    "newest_report": {"en": "Newest report", "ar": "أحدث تقرير"},
    "open_flags": {"en": "Open flags", "ar": "تنبيهات مفتوحة"},
    "none": {"en": "none", "ar": "لا يوجد"},
    "see_trend": {"en": "See the trend", "ar": "عرض الاتجاه"},
    "see_flags": {"en": "See the flags", "ar": "عرض التنبيهات"},
    "claims_in_area": {
        "en": {"one": "{n} figure in {s} series here", "other": "{n} figures in {s} series here"},
        "ar": {
            "zero": "لا أرقام هنا",
            "one": "رقم واحد هنا، في سلسلة واحدة",
            "two": "رقمان في عدد من السلاسل هنا: {s}",
            "few": "{n} أرقام في عدد من السلاسل هنا: {s}",
            "many": "{n} رقماً في عدد من السلاسل هنا: {s}",
            "other": "{n} رقم في عدد من السلاسل هنا: {s}",
        },
    },
    "since": {"en": "counted since {date}", "ar": "منذ {date}"},
    "stock_note": {"en": "people in that situation at a date", "ar": "عدد قائم في تاريخ محدد"},
    "no_figures": {
        "en": "No figures match these filters.",
        "ar": "لا توجد أرقام تطابق عوامل التصفية هذه.",
    },
    # trends
    "trends_title": {"en": "Trend by source", "ar": "الاتجاه حسب المصدر"},
    "trends_intro": {
        "en": "Each source's claims as markers, with the range each claim allows as a whisker; an "
        'arrow up means "at least" (no upper bound). The grey band is what all non-contradicting '
        "claims allow together. A red ring marks a claim in a flagged disagreement. Click a marker "
        "for its details.",
        "ar": "أرقام كل مصدر على شكل علامات، والخط العمودي يبيّن النطاق الذي يسمح به الرقم؛ والسهم "
        "إلى الأعلى يعني «على الأقل» (بلا حد أعلى). الشريط الرمادي هو ما تسمح به كل الأرقام غير "
        "المتناقضة معاً. الحلقة الحمراء تميّز رقماً في تباين مُنبَّه عليه. انقر على علامة لتفاصيلها.",
    },
    "series_label": {"en": "Series shown", "ar": "السلسلة المعروضة"},
    "other_series": {"en": "Other series of this metric here", "ar": "سلاسل أخرى لهذا المؤشر هنا"},
    "claims_n": {
        "en": {"one": "{n} claim", "other": "{n} claims"},
        "ar": {
            "zero": "لا أرقام",
            "one": "رقم واحد",
            "two": "رقمان",
            "few": "{n} أرقام",
            "many": "{n} رقماً",
            "other": "{n} رقم",
        },
    },
    "band": {"en": "Reconciled band", "ar": "النطاق المُوفَّق"},
    "band_since": {"en": "Reconciled band (since {date})", "ar": "النطاق المُوفَّق (منذ {date})"},
    "band_headline": {"en": "Headline", "ar": "الرقم الرئيسي"},
    "no_band": {
        "en": "No reconciled band is stored for this series yet.",
        "ar": "لم يُخزَّن نطاق مُوفَّق لهذه السلسلة بعد.",
    },
    "other_bands": {
        "en": {
            "one": "This series is also counted from {n} other start date; its band is in the reconciled-band download.",
            "other": "This series is also counted from {n} other start dates; their bands are in the reconciled-band download.",
        },
        "ar": {
            "zero": "لا تُحسب هذه السلسلة من تاريخ بدء آخر.",
            "one": "تُحسب هذه السلسلة أيضاً من تاريخ بدء آخر؛ نطاقه في ملف النطاق المُوفَّق.",
            "two": "تُحسب هذه السلسلة أيضاً من تاريخَي بدء آخرَين؛ نطاقاهما في ملف النطاق المُوفَّق.",
            "few": "تُحسب هذه السلسلة أيضاً من {n} تواريخ بدء أخرى؛ نطاقاتها في ملف النطاق المُوفَّق.",
            "many": "تُحسب هذه السلسلة أيضاً من {n} تاريخاً آخر للبدء؛ نطاقاتها في ملف النطاق المُوفَّق.",
            "other": "تُحسب هذه السلسلة أيضاً من {n} تاريخ بدء آخر؛ نطاقاتها في ملف النطاق المُوفَّق.",
        },
    },
    "in_flag": {"en": "In a flagged disagreement", "ar": "في تباين مُنبَّه عليه"},
    "followed_flag": {"en": "The flag you followed", "ar": "التنبيه الذي اتبعته"},
    "open_ended": {"en": "at least (no upper bound)", "ar": "على الأقل (بلا حد أعلى)"},
    "daily_bars": {"en": "One-day counts as bars", "ar": "أعداد اليوم الواحد كأعمدة"},
    "daily_panel": {"en": "One-day counts", "ar": "أعداد اليوم الواحد"},
    "show_daily": {
        "en": "Show one-day counts as bars below",
        "ar": "عرض أعداد اليوم الواحد كأعمدة في الأسفل",
    },
    "axis_date": {"en": "End of the reported period", "ar": "نهاية الفترة المُبلغ عنها"},
    "axis_count": {"en": "Count", "ar": "العدد"},
    "click_hint": {
        "en": "Dates are the end of each claim's period. Click a marker to see the claim, "
        "its publication and its history.",
        "ar": "التواريخ هي نهاية الفترة التي يغطيها كل رقم. انقر على علامة لترى الرقم "
        "ومصدر نشره وسجل مراجعاته.",
    },
    "figure_details": {"en": "Claim", "ar": "الرقم"},
    "open_publication": {"en": "Open the publication", "ar": "فتح المنشور"},
    "figure_history": {"en": "History of this figure", "ar": "سجل هذا الرقم"},
    "truncated": {
        "en": {
            "one": "Showing the newest claim of this series.",
            "other": "Showing the newest {n} claims of this series.",
        },
        "ar": {
            "zero": "لا يُعرض أي رقم من هذه السلسلة.",
            "one": "يُعرض أحدث رقم من هذه السلسلة.",
            "two": "يُعرض أحدث رقمين من هذه السلسلة.",
            "few": "تُعرض أحدث {n} أرقام من هذه السلسلة.",
            "many": "يُعرض أحدث {n} رقماً من هذه السلسلة.",
            "other": "يُعرض أحدث {n} رقم من هذه السلسلة.",
        },
    },
    "no_series": {
        "en": "No claims for this metric in this area and period.",
        "ar": "لا توجد أرقام لهذا المؤشر في هذه المنطقة والفترة.",
    },
    "table_view": {"en": "The claims in this chart", "ar": "الأرقام في هذا الرسم"},
    # discrepancies
    "disc_title": {"en": "Where sources disagree", "ar": "أين تختلف المصادر"},
    "disc_intro": {
        "en": "Flags the consistency rules raised, most severe first. Each says in words what does "
        "not add up, with the figures side by side.",
        "ar": "التنبيهات التي أثارتها قواعد الاتساق، الأشد أولاً. كل تنبيه يشرح بالكلمات ما لا "
        "يستقيم، مع الأرقام جنباً إلى جنب.",
    },
    "filter_rule": {"en": "Rule", "ar": "القاعدة"},
    "filter_status": {"en": "Status", "ar": "الحالة"},
    "filter_severity": {"en": "Severity", "ar": "الخطورة"},
    "status_open": {"en": "Open", "ar": "مفتوح"},
    "status_explained": {"en": "Explained", "ar": "مُفسَّر"},
    "analyst_note": {"en": "Analyst's note", "ar": "ملاحظة المحلل"},
    "show_on_trend": {"en": "Show on its trend", "ar": "عرضه على الاتجاه"},
    "ratio": {"en": "gap", "ar": "الفجوة"},
    "no_flags": {
        "en": "No flags match these filters.",
        "ar": "لا توجد تنبيهات تطابق عوامل التصفية هذه.",
    },
    "no_flags_yet": {
        "en": "No flags match. (If the reconciliation has not run on this database yet, there are none to show.)",
        "ar": "لا توجد تنبيهات مطابقة. (إن لم تُشغَّل المطابقة على قاعدة البيانات هذه بعد، فلا شيء لعرضه.)",
    },
    "flags_total": {
        "en": {"one": "{n} flag", "other": "{n} flags"},
        "ar": {
            "zero": "لا تنبيهات",
            "one": "تنبيه واحد",
            "two": "تنبيهان",
            "few": "{n} تنبيهات",
            "many": "{n} تنبيهاً",
            "other": "{n} تنبيه",
        },
    },
    "figure_missing": {"en": "Figure {id} is no longer current.", "ar": "الرقم {id} لم يعد سارياً."},
    # figures
    "figures_title": {"en": "Figures and their provenance", "ar": "الأرقام ومصادرها"},
    "figures_intro": {
        "en": "Every current figure, sorted and paged by the database. Click a column title to sort, "
        "a figure id to see its history.",
        "ar": "كل رقم حالي، مرتباً ومقسّماً إلى صفحات. انقر عنوان عمود للترتيب، ومعرّف رقم لرؤية سجله.",
    },
    "col_id": {"en": "Id", "ar": "المعرّف"},
    "col_reported": {"en": "Reported", "ar": "تاريخ النشر"},
    "col_source": {"en": "Source", "ar": "المصدر"},
    "col_publisher": {"en": "Publisher", "ar": "الناشر"},
    "col_metric": {"en": "Metric", "ar": "المؤشر"},
    "col_population": {"en": "Population", "ar": "الفئة"},
    "col_location": {"en": "Place", "ar": "المكان"},
    "col_window": {"en": "Period", "ar": "الفترة"},
    "col_claim": {"en": "Claim", "ar": "الرقم كما ورد"},
    "col_interval": {"en": "Allows", "ar": "النطاق"},
    "col_flags": {"en": "Flags", "ar": "التنبيهات"},
    "sorted_by": {"en": "sorted by", "ar": "مرتبة حسب"},
    "sort_by": {"en": "Sort by", "ar": "الترتيب حسب"},
    "ascending": {"en": "ascending", "ar": "تصاعدياً"},
    "descending": {"en": "descending", "ar": "تنازلياً"},
    "page_of": {
        "en": {
            "one": "Page {page} of {pages} · {n} figure",
            "other": "Page {page} of {pages} · {n} figures",
        },
        "ar": {
            "zero": "الصفحة {page} من {pages} · لا أرقام",
            "one": "الصفحة {page} من {pages} · رقم واحد",
            "two": "الصفحة {page} من {pages} · رقمان",
            "few": "الصفحة {page} من {pages} · {n} أرقام",
            "many": "الصفحة {page} من {pages} · {n} رقماً",
            "other": "الصفحة {page} من {pages} · {n} رقم",
        },
    },
    "flag_page_of": {
        "en": {
            "one": "Page {page} of {pages} · {n} flag",
            "other": "Page {page} of {pages} · {n} flags",
        },
        "ar": {
            "zero": "الصفحة {page} من {pages} · لا تنبيهات",
            "one": "الصفحة {page} من {pages} · تنبيه واحد",
            "two": "الصفحة {page} من {pages} · تنبيهان",
            "few": "الصفحة {page} من {pages} · {n} تنبيهات",
            "many": "الصفحة {page} من {pages} · {n} تنبيهاً",
            "other": "الصفحة {page} من {pages} · {n} تنبيه",
        },
    },
    "previous": {"en": "← Previous", "ar": "→ السابق"},
    "next": {"en": "Next →", "ar": "التالي ←"},
    "history_title": {"en": "History of figure {id}", "ar": "سجل الرقم {id}"},
    "history_close": {"en": "Close", "ar": "إغلاق"},
    "revision": {"en": "Revision", "ar": "المراجعة"},
    "entered": {"en": "Entered", "ar": "أُدخل"},
    "by": {"en": "by", "ar": "بواسطة"},
    "why": {"en": "Why", "ar": "السبب"},
    "changes": {"en": "What changed", "ar": "ما الذي تغيّر"},
    "first_revision": {"en": "first entry", "ar": "الإدخال الأول"},
    "retracted": {"en": "retracted", "ar": "مسحوب"},
    "current": {"en": "current", "ar": "الحالي"},
    "no_history": {
        "en": "No figure with id {id} is stored.",
        "ar": "لا يوجد رقم مخزّن بالمعرّف {id}.",
    },
    "provenance": {"en": "Provenance", "ar": "المصدر والنشر"},
    "converted": {
        "en": "converted: {said} × {size} people per household ≈ {people} people",
        "ar": "محوَّل: {said} × {size} (متوسط حجم الأسرة) ≈ {people} من الأفراد",
    },
    "retracted_banner": {
        "en": "Retracted on {date} by {who}: {why}. A retracted figure is in no page, band or download; its history stays here.",
        "ar": "سُحب هذا الرقم في {date} بواسطة {who}: {why}. الرقم المسحوب لا يظهر في أي صفحة أو نطاق أو تنزيل؛ ويبقى سجله هنا.",
    },
    "revised_banner": {
        "en": {
            "one": "Revised: {n} earlier revision is superseded; shown is revision {current} of {date}.",
            "other": "Revised: {n} earlier revisions are superseded; shown is revision {current} of {date}.",
        },
        "ar": {
            "zero": "لم يُعدَّل هذا الرقم؛ المعروض هو المراجعة {current} بتاريخ {date}.",
            "one": "عُدِّل: مراجعة سابقة واحدة لم تعد سارية؛ المعروض هو المراجعة {current} بتاريخ {date}.",
            "two": "عُدِّل: مراجعتان سابقتان لم تعودا ساريتين؛ المعروض هو المراجعة {current} بتاريخ {date}.",
            "few": "عُدِّل: {n} مراجعات سابقة لم تعد سارية؛ المعروض هو المراجعة {current} بتاريخ {date}.",
            "many": "عُدِّل: {n} مراجعةً سابقة لم تعد سارية؛ المعروض هو المراجعة {current} بتاريخ {date}.",
            "other": "عُدِّل: {n} مراجعة سابقة لم تعد سارية؛ المعروض هو المراجعة {current} بتاريخ {date}.",
        },
    },
    "interval_rule": {"en": "Interval rule", "ar": "قاعدة النطاق"},
    "notes": {"en": "Notes", "ar": "ملاحظات"},
    # sources
    "sources_title": {"en": "Sources", "ar": "المصادر"},
    "sources_intro": {
        "en": "The registry of who produces the figures, with their figures in the current filters, "
        "newest report, and the share of their claims that are in flags.",
        "ar": "سجل الجهات التي تنتج الأرقام، مع عدد أرقامها ضمن عوامل التصفية الحالية، وأحدث "
        "تقرير لها، ونسبة أرقامها الواردة في تنبيهات.",
    },
    "col_name": {"en": "Source", "ar": "المصدر"},
    "col_type": {"en": "Type", "ar": "النوع"},
    "col_reliability": {"en": "Reliability", "ar": "الموثوقية"},
    "col_n_figures": {"en": "Figures", "ar": "الأرقام"},
    "col_newest": {"en": "Newest report", "ar": "أحدث تقرير"},
    "col_share_flagged": {"en": "In flags", "ar": "في تنبيهات"},
    "col_share_contradicted": {"en": "In disagreements", "ar": "في تباينات"},
    "website": {"en": "website", "ar": "الموقع"},
    # data
    "data_title": {"en": "Data downloads", "ar": "تنزيل البيانات"},
    "data_intro": {
        "en": "Plain CSV files a data desk can cite and re-fetch. The addresses below carry the "
        "filters you chose; copy one into a spreadsheet or a script.",
        "ar": "ملفات CSV بسيطة يمكن الاستشهاد بها وإعادة جلبها. العناوين أدناه تحمل عوامل التصفية "
        "التي اخترتها؛ انسخ أحدها إلى جدول بيانات أو برنامج.",
    },
    "data_params": {
        "en": "Parameters: metric, population, location (includes the places within it), source, "
        "from, to (by end of the reported period, YYYY-MM-DD); several values separated by commas. "
        "hxl=1 adds the HXL hashtag row; excel=1 starts the file with a byte-order mark so that "
        "Excel shows Arabic; lang=ar adds Arabic name columns.",
        "ar": "المعاملات: metric وpopulation وlocation (مع الأماكن التابعة) وsource وfrom وto "
        "(حسب نهاية الفترة المُبلغ عنها، بصيغة YYYY-MM-DD)؛ ويمكن فصل عدة قيم بفواصل. hxl=1 يضيف "
        "صف وسوم HXL؛ excel=1 يبدأ الملف بعلامة ترتيب البايتات ليعرض Excel العربية؛ lang=ar يضيف "
        "أعمدة الأسماء بالعربية.",
    },
    "source_terms": {
        "en": "Terms of the sources: these downloads hold figures of sources that restrict republishing their data",
        "ar": "شروط المصادر: تضم هذه التنزيلات أرقاماً لمصادر تقيّد إعادة نشر بياناتها",
    },
    "data_safety": {
        "en": "Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or "
        "line break) are prefixed with an apostrophe; numbers and dates never are.",
        "ar": "الخلايا النصية التي قد يشغّلها جدول البيانات كصيغة (تبدأ بـ = أو + أو - أو @ أو "
        "مسافة جدولة أو سطر جديد) تُسبق بفاصلة عليا؛ أما الأرقام والتواريخ فلا.",
    },
    "copy": {"en": "Copy address", "ar": "نسخ العنوان"},
    "download": {"en": "Download", "ar": "تنزيل"},
    "with_hxl": {"en": "With HXL tags", "ar": "مع وسوم HXL"},
    "address_of": {"en": "Address of {name}", "ar": "عنوان {name}"},
    "columns": {
        "en": {"one": "The {n} column", "other": "The {n} columns"},
        "ar": {
            "zero": "لا أعمدة",
            "one": "عمود واحد",
            "two": "عمودان",
            "few": "{n} أعمدة",
            "many": "{n} عموداً",
            "other": "{n} عمود",
        },
    },
    "column": {"en": "Name", "ar": "الاسم"},
    "column_type": {"en": "Type", "ar": "النوع"},
    "column_meaning": {"en": "Meaning", "ar": "المعنى"},
    "examples": {"en": "Example addresses", "ar": "عناوين للمثال"},
    "example": {"en": "Example", "ar": "مثال"},
    "cite_as": {"en": "Cite as:", "ar": "يُستشهد به هكذا:"},
    "parameters": {"en": "Query parameters", "ar": "معاملات العنوان"},
}


Words = str | dict[str, str]

#: CLDR's plural categories. In a file of words (key, en, ar) the row ``key.<category>`` is one
#: plural form of ``key``: English fills ``one`` and ``other``, Arabic all six.
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
LANGUAGES = ("en", "ar")


def t(key: str, lang: str = "en", **values: object) -> str:
    """The interface string ``key`` in ``lang`` (English when missing), values filled in."""
    return translate(STRINGS, key, lang, **values)


def translate(table: Mapping[str, object], key: str, lang: str = "en", **values: object) -> str:
    """``key`` of a table of words (the public pages', the workspace's) in ``lang``.

    A string that depends on a count holds one text per CLDR plural category; the count
    ``n`` chooses (:func:`tracker.views.plural.plural_category`).
    """
    entry: dict[str, Words] = table.get(key) or {}  # type: ignore[assignment]
    text = entry.get(lang) or entry.get("en") or key
    if isinstance(text, dict):
        category = plural_category(values.get("n"), lang if lang in entry else "en")
        text = text.get(category) or text["other"]
    return text.format(**values) if values else text


def words_table(rows: Iterable[Mapping[str, str]]) -> dict[str, dict[str, Words]]:
    """The table :func:`translate` reads, from the rows of a file of words (key, en, ar).

    A plain row is one word; the rows ``key.one``, ``key.other``, … (:data:`PLURAL_FORMS`) are
    the forms of ``key`` a count chooses, a language's cell empty for a form it lacks. A key
    given twice is refused, naming the row (the header is row 1).
    """
    table: dict[str, dict[str, Words]] = {}
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        key = row["key"]
        if key in seen:
            raise ValueError(f"row {number}, column key: {key!r} is given twice")
        seen.add(key)
        base, _, form = key.rpartition(".")
        if base and form in PLURAL_FORMS:
            entry = table.setdefault(base, {})
            for lang in LANGUAGES:
                if row[lang]:
                    forms = entry.setdefault(lang, {})
                    forms[form] = row[lang]  # type: ignore[index]
        else:
            table[key] = {lang: row[lang] for lang in LANGUAGES}
    return table
