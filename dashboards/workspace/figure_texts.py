"""The words of a figure's workspace page (propose a revision or a retraction) in English
and Arabic; the others come from :mod:`dashboards.workspace.texts`."""

from __future__ import annotations

from dashboards.i18n import translate
from dashboards.workspace import texts

TEXTS: dict[str, dict[str, object]] = {
    "figures": {"en": "Figures", "ar": "الأرقام"},
    "figure_title": {"en": "Figure {id}", "ar": "الرقم {id}"},
    "open_figure": {"en": "Open a figure by its id", "ar": "فتح رقم بمعرّفه"},
    "figure_id": {"en": "Figure id", "ar": "معرّف الرقم"},
    "open": {"en": "Open", "ar": "فتح"},
    "find_hint": {
        "en": "The ids are in the public Figures page and in tracker list.",
        "ar": "المعرّفات في صفحة الأرقام العامة وفي tracker list.",
    },
    "no_figure": {
        "en": "No published figure has the id {id}.",
        "ar": "لا رقم منشور بالمعرّف {id}.",
    },
    "published": {"en": "Published", "ar": "المنشور"},
    "is_retracted": {
        "en": "This figure is retracted: it is in no public page.",
        "ar": "هذا الرقم مسحوب: لا يظهر في أي صفحة عامة.",
    },
    "open_proposal": {
        "en": "A proposal of this figure is open ({state}): it is decided before another.",
        "ar": "مقترح لهذا الرقم مفتوح ({state}): يُبتّ فيه قبل غيره.",
    },
    "propose_revision": {"en": "Propose a revision", "ar": "اقتراح تعديل"},
    "revision_hint": {
        "en": "The form holds the published values: change what is wrong. "
        "The published figure stays until another reviewer accepts.",
        "ar": "يحمل النموذج القيم المنشورة: غيّر الخاطئ منها. "
        "يبقى الرقم المنشور حتى يقبل مراجع آخر التعديل.",
    },
    "propose_retraction": {"en": "Propose a retraction", "ar": "اقتراح سحب الرقم"},
    "reason": {"en": "Reason (required)", "ar": "السبب (مطلوب)"},
    "revision_proposed": {
        "en": "Revision of figure {id} proposed: it awaits review.",
        "ar": "اقتُرح تعديل الرقم {id}: بانتظار المراجعة.",
    },
    "retraction_proposed": {
        "en": "Retraction of figure {id} proposed: it awaits review.",
        "ar": "اقتُرح سحب الرقم {id}: بانتظار المراجعة.",
    },
    "history": {"en": "Revisions", "ar": "المراجعات"},
    "revision": {"en": "Revision", "ar": "المراجعة"},
    "review_state": {"en": "Review", "ar": "المراجعة"},
    "status": {"en": "Status", "ar": "الحالة"},
    "by": {"en": "By", "ar": "بواسطة"},
    "when": {"en": "When", "ar": "متى"},
    "value": {"en": "Value", "ar": "القيمة"},
    "why": {"en": "Why", "ar": "السبب"},
    "proposed": {"en": "proposed", "ar": "مقترح"},
    "accepted": {"en": "accepted", "ar": "مقبول"},
    "rejected": {"en": "rejected", "ar": "مرفوض"},
    "returned": {"en": "sent back", "ar": "أُعيد إلى كاتبه"},
    "active": {"en": "active", "ar": "نافذ"},
    "retracted": {"en": "retracted", "ar": "مسحوب"},
    "change_new": {"en": "New figure", "ar": "رقم جديد"},
    "change_revision": {
        "en": "Revision of a published figure",
        "ar": "تعديل رقم منشور",
    },
    "change_retraction": {
        "en": "Retraction of a published figure",
        "ar": "سحب رقم منشور",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """A word of these pages, else of the workspace, in the page language."""
    if key in TEXTS:
        return translate(TEXTS, key, lang, **values)
    return texts.t(key, lang, **values)
