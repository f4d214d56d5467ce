"""The workspace's words in English and Arabic (the page language: ``?lang=ar``)."""

from __future__ import annotations

from dashboards.i18n import translate

TEXTS: dict[str, dict[str, str]] = {
    "workspace": {"en": "Analyst workspace", "ar": "مساحة عمل المحللين"},
    "login": {"en": "Log in", "ar": "تسجيل الدخول"},
    "logout": {"en": "Log out", "ar": "تسجيل الخروج"},
    "name": {"en": "Account name", "ar": "اسم الحساب"},
    "password": {"en": "Password", "ar": "كلمة المرور"},
    "bad_login": {
        "en": "Wrong account name or password.",
        "ar": "اسم الحساب أو كلمة المرور غير صحيحة.",
    },
    "locked": {
        "en": "Too many failed logins: try again in 15 minutes.",
        "ar": "محاولات دخول فاشلة كثيرة: حاول مجدداً بعد 15 دقيقة.",
    },
    "signed_in_as": {"en": "Logged in as {name} ({role})", "ar": "دخلت باسم {name} ({role})"},
    "entry": {"en": "Enter a figure", "ar": "إدخال رقم"},
    "review": {"en": "Review queue", "ar": "قائمة المراجعة"},
    "upload": {"en": "Upload a file", "ar": "رفع ملف"},
    "article": {"en": "Read an article", "ar": "قراءة مقال"},
    "flags": {"en": "Flag triage", "ar": "فرز التنبيهات"},
    "sources": {"en": "Sources", "ar": "المصادر"},
    "episodes": {"en": "Episodes", "ar": "الأحداث"},
    "areas": {"en": "Areas", "ar": "المناطق المسمّاة"},
    "public": {"en": "Public dashboard", "ar": "اللوحة العامة"},
    "home_intro": {
        "en": "Figures entered here are proposals: public only once another reviewer accepts them.",
        "ar": "الأرقام المدخلة هنا مقترحات: لا تُنشر إلا بعد أن يقبلها مراجع آخر.",
    },
    "pending": {
        "en": {"one": "{n} proposal awaits review.", "other": "{n} proposals await review."},
        "ar": {
            "zero": "لا مقترحات بانتظار المراجعة.",
            "one": "مقترح واحد بانتظار المراجعة.",
            "two": "مقترحان بانتظار المراجعة.",
            "few": "{n} مقترحات بانتظار المراجعة.",
            "many": "{n} مقترحاً بانتظار المراجعة.",
            "other": "{n} مقترح بانتظار المراجعة.",
        },
    },
    "propose": {"en": "Propose for review", "ar": "اقتراح للمراجعة"},
    "proposed": {
        "en": "Figure {id} is stored as a proposal; a reviewer will see it in the queue.",
        "ar": "حُفظ الرقم {id} مقترحاً؛ سيراه المراجع في قائمة المراجعة.",
    },
    "already": {
        "en": "This figure is already stored with these values.",
        "ar": "هذا الرقم محفوظ من قبل بهذه القيم.",
    },
    "fix_fields": {
        "en": "Nothing stored: correct the fields marked below.",
        "ar": "لم يُحفظ شيء: صحّح الحقول المشار إليها أدناه.",
    },
    "place_hint": {
        "en": "Type a name in English or Arabic, or a P-code",
        "ar": "اكتب اسماً بالعربية أو الإنجليزية، أو رمز المكان",
    },
    "episode_starts": {"en": "Episode starts: {list}", "ar": "بدايات الأحداث: {list}"},
    "choose": {"en": "(default)", "ar": "(الافتراضي)"},
    "no_proposals": {"en": "No proposals await review.", "ar": "لا مقترحات بانتظار المراجعة."},
    "proposed_by": {"en": "proposed by {name}, {when}", "ar": "اقترحه {name}، {when}"},
    "would_raise": {"en": "Would raise", "ar": "سيُطلق"},
    "would_clear": {"en": "Would clear", "ar": "سيُزيل"},
    "headline_moves": {"en": "Headlines that would move", "ar": "العناوين التي ستتغير"},
    "no_change": {
        "en": "Raises no flag and moves no headline.",
        "ar": "لا يطلق أي تنبيه ولا يغير أي عنوان.",
    },
    "none": {"en": "none", "ar": "لا شيء"},
    "accept": {"en": "Accept", "ar": "قبول"},
    "reject": {"en": "Reject", "ar": "رفض"},
    "why": {"en": "Why", "ar": "السبب"},
    "why_reject": {"en": "Why (required)", "ar": "السبب (مطلوب)"},
    "own_proposal": {
        "en": "Your own proposal: another reviewer decides it.",
        "ar": "هذا مقترحك: يقرر فيه مراجع آخر.",
    },
    "accepted": {"en": "Figure {id} accepted and published.", "ar": "قُبل الرقم {id} ونُشر."},
    "rejected": {"en": "Figure {id} rejected.", "ar": "رُفض الرقم {id}."},
    "file": {"en": "CSV or XLSX file", "ar": "ملف CSV أو XLSX"},
    "mode": {"en": "When some rows are bad", "ar": "عند وجود صفوف خاطئة"},
    "all_or_nothing": {"en": "store nothing", "ar": "لا تحفظ شيئاً"},
    "partial": {
        "en": "store the valid rows, give me the rejected ones",
        "ar": "احفظ الصفوف الصحيحة وأعطني المرفوضة",
    },
    "check_and_propose": {"en": "Check and propose", "ar": "تحقق واقترح"},
    "upload_stored": {
        "en": {
            "one": "{file}: {n} figure proposed for review; already stored: {same}.",
            "other": "{file}: {n} figures proposed for review; already stored: {same}.",
        },
        "ar": {
            "zero": "{file}: لا أرقام مقترحة للمراجعة؛ المحفوظ من قبل: {same}.",
            "one": "{file}: رقم واحد مقترح للمراجعة؛ المحفوظ من قبل: {same}.",
            "two": "{file}: رقمان مقترحان للمراجعة؛ المحفوظ من قبل: {same}.",
            "few": "{file}: {n} أرقام مقترحة للمراجعة؛ المحفوظ من قبل: {same}.",
            "many": "{file}: {n} رقماً مقترحاً للمراجعة؛ المحفوظ من قبل: {same}.",
            "other": "{file}: {n} رقم مقترح للمراجعة؛ المحفوظ من قبل: {same}.",
        },
    },
    "upload_refused": {
        "en": {
            "one": "{file}: nothing stored. {n} problem:",
            "other": "{file}: nothing stored. {n} problems:",
        },
        "ar": {
            "zero": "{file}: لم يُحفظ شيء.",
            "one": "{file}: لم يُحفظ شيء. مشكلة واحدة:",
            "two": "{file}: لم يُحفظ شيء. مشكلتان:",
            "few": "{file}: لم يُحفظ شيء. {n} مشكلات:",
            "many": "{file}: لم يُحفظ شيء. {n} مشكلةً:",
            "other": "{file}: لم يُحفظ شيء. {n} مشكلة:",
        },
    },
    "upload_partial": {
        "en": {
            "one": "{file}: {n} row rejected. Problems:",
            "other": "{file}: {n} rows rejected. Problems:",
        },
        "ar": {
            "zero": "{file}: لم يُرفض أي صف.",
            "one": "{file}: رُفض صف واحد. المشكلات:",
            "two": "{file}: رُفض صفان. المشكلات:",
            "few": "{file}: رُفضت {n} صفوف. المشكلات:",
            "many": "{file}: رُفض {n} صفاً. المشكلات:",
            "other": "{file}: رُفض {n} صف. المشكلات:",
        },
    },
    "rejects": {"en": "Download the rejected rows", "ar": "تنزيل الصفوف المرفوضة"},
    "explain": {"en": "Explain", "ar": "تفسير"},
    "reopen": {"en": "Reopen", "ar": "إعادة فتح"},
    "note": {"en": "Note", "ar": "ملاحظة"},
    "show": {"en": "Show", "ar": "عرض"},
    "open": {"en": "open", "ar": "مفتوح"},
    "explained": {"en": "explained", "ar": "مفسَّر"},
    "all": {"en": "all", "ar": "الكل"},
    "flag_saved": {"en": "Flag {id}: {status}.", "ar": "التنبيه {id}: {status}."},
    "no_flags": {"en": "No flags match.", "ar": "لا تنبيهات مطابقة."},
    "forbidden": {"en": "Not allowed", "ar": "غير مسموح"},
    "bad_request": {"en": "Bad request", "ar": "طلب غير صالح"},
    "busy": {"en": "Busy", "ar": "مشغول"},
    "store_busy": {
        "en": "Others are writing to the database right now: nothing was stored. "
        "Try again in a minute.",
        "ar": "يكتب آخرون في قاعدة البيانات الآن: لم يُحفظ شيء. حاول مجدداً بعد دقيقة.",
    },
    "other_lang": {"en": "العربية", "ar": "English"},
}


def t(key: str, lang: str, **values: object) -> str:
    """A text in the page language, with its {placeholders} filled (one lookup with the
    public pages' words: :func:`dashboards.i18n.translate`)."""
    return translate(TEXTS, key, lang, **values)
