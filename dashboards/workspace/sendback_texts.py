"""The words of sending back, resubmitting and withdrawing in English and Arabic; the others
come from :mod:`dashboards.workspace.texts`."""

from __future__ import annotations

from dashboards.i18n import translate
from dashboards.workspace import texts

TEXTS: dict[str, dict[str, object]] = {
    "returned": {"en": "Sent back to me", "ar": "أُعيد إليّ"},
    "send_back": {"en": "Send back", "ar": "إعادة إلى الكاتب"},
    "comment": {"en": "Comment (required)", "ar": "تعليق (مطلوب)"},
    "sent_back": {"en": "Figure {id} sent back.", "ar": "أُعيد الرقم {id} إلى كاتبه."},
    "no_returned": {
        "en": "No proposal of yours is sent back.",
        "ar": "لا مقترح لك أُعيد إليك.",
    },
    "sent_back_by": {"en": "Sent back by {name}: {comment}", "ar": "أعاده {name}: {comment}"},
    "value": {"en": "Value", "ar": "القيمة"},
    "what_fixed": {"en": "What you fixed (required)", "ar": "ما صحّحته (مطلوب)"},
    "resubmit": {"en": "Resubmit", "ar": "إعادة التقديم"},
    "resubmitted": {"en": "Figure {id} resubmitted.", "ar": "أُعيد تقديم الرقم {id}."},
    "withdraw": {"en": "Withdraw", "ar": "سحب"},
    "withdrawn": {"en": "Figure {id} withdrawn.", "ar": "سُحب الرقم {id}."},
}


def t(key: str, lang: str, **values: object) -> str:
    """A word of these pages, else of the workspace, in the page language."""
    if key in TEXTS:
        return translate(TEXTS, key, lang, **values)
    return texts.t(key, lang, **values)
