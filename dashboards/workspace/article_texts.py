"""The words of the article page (/workspace/article) in English and Arabic; the others come
from :mod:`dashboards.workspace.texts`. A text that depends on a count has one form per CLDR
plural category (:func:`dashboards.i18n.translate`)."""

from __future__ import annotations

from dashboards.i18n import translate
from dashboards.workspace import texts

TEXTS: dict[str, dict[str, object]] = {
    "article_intro": {
        "en": "Paste an article: every figure it states is proposed with its evidence. "
        "Check each one, correct any field, tick the ones to keep and send them to review.",
        "ar": "الصق نص مقال: يُقترح كل رقم يذكره مع دليله. راجع كل اقتراح وصحّح أي حقل، "
        "ثم أشّر على ما تريد إبقاءه وأرسله إلى المراجعة.",
    },
    "article_text": {"en": "Article text", "ar": "نص المقال"},
    "article_file": {
        "en": "or a text file of the article (UTF-8)",
        "ar": "أو ملف نصي للمقال (UTF-8)",
    },
    "not_utf8": {
        "en": "{file}: not UTF-8 text; save the article as UTF-8 text or paste it.",
        "ar": "{file}: ليس نصاً بترميز UTF-8؛ احفظ المقال نصاً بترميز UTF-8 أو الصقه.",
    },
    "article_lang": {"en": "Language of the text", "ar": "لغة النص"},
    "lang_auto": {"en": "find out from the text", "ar": "تُستنتج من النص"},
    "lang_ar": {"en": "Arabic", "ar": "العربية"},
    "lang_en": {"en": "English", "ar": "الإنجليزية"},
    "publisher": {"en": "Publisher (where you read it)", "ar": "الناشر (حيث قرأته)"},
    "address": {"en": "Address of the article", "ar": "عنوان المقال"},
    "reported_on": {"en": "Reported on", "ar": "تاريخ النشر"},
    "read_article": {"en": "Find the figures", "ar": "استخرج الأرقام"},
    "no_text": {"en": "Paste the article's text first.", "ar": "الصق نص المقال أولاً."},
    "too_long": {
        "en": "The text is longer than {n} characters: paste one article at a time.",
        "ar": "النص أطول من {n} حرف: الصق مقالاً واحداً في كل مرة.",
    },
    "found_none": {
        "en": "No figure found in this text.",
        "ar": "لم يُعثر على أي رقم في هذا النص.",
    },
    "found": {
        "en": {
            "one": "One figure proposed: check it, then tick it to keep it.",
            "other": "{n} figures proposed: check each, then tick the ones to keep.",
        },
        "ar": {
            "one": "اقتُرح رقم واحد: راجعه ثم أشّر عليه لإبقائه.",
            "two": "اقتُرح رقمان: راجع كلاً منهما ثم أشّر على ما تريد إبقاءه.",
            "few": "اقتُرحت {n} أرقام: راجع كلاً منها ثم أشّر على ما تريد إبقاءه.",
            "many": "اقتُرح {n} رقماً: راجع كلاً منها ثم أشّر على ما تريد إبقاءه.",
            "other": "اقتُرح {n} رقم: راجع كلاً منها ثم أشّر على ما تريد إبقاءه.",
        },
    },
    "highlighted": {
        "en": "The text, each proposed figure highlighted",
        "ar": "النص، وكل رقم مقترح مظلَّل",
    },
    "proposal_n": {"en": "Figure {n}", "ar": "الرقم {n}"},
    "evidence": {"en": "Evidence", "ar": "الدليل"},
    "confidence": {"en": "confidence {c}", "ar": "الثقة {c}"},
    "reasons": {"en": "Why each field has its value", "ar": "لماذا أخذ كل حقل قيمته"},
    "keep": {"en": "Keep: send to review", "ar": "إبقاء: يُرسل إلى المراجعة"},
    "send": {
        "en": "Send the ticked figures to review",
        "ar": "أرسل الأرقام المؤشَّر عليها إلى المراجعة",
    },
    "none_kept": {
        "en": "Nothing sent: tick at least one figure to keep.",
        "ar": "لم يُرسل شيء: أشّر على رقم واحد على الأقل لإبقائه.",
    },
    "fix_kept": {
        "en": "Nothing stored: correct the fields marked in the ticked figures.",
        "ar": "لم يُحفظ شيء: صحّح الحقول المشار إليها في الأرقام المؤشَّر عليها.",
    },
    "sent": {
        "en": {
            "one": "One figure sent to review as a proposal: {ids}.",
            "other": "{n} figures sent to review as proposals: {ids}.",
        },
        "ar": {
            "one": "أُرسل رقم واحد إلى المراجعة مقترحاً: {ids}.",
            "two": "أُرسل رقمان إلى المراجعة مقترحَين: {ids}.",
            "few": "أُرسلت {n} أرقام إلى المراجعة مقترحات: {ids}.",
            "many": "أُرسل {n} رقماً إلى المراجعة مقترحات: {ids}.",
            "other": "أُرسل {n} رقم إلى المراجعة مقترحات: {ids}.",
        },
    },
    "already_kept": {
        "en": "The ticked figures are already stored with these values.",
        "ar": "الأرقام المؤشَّر عليها محفوظة من قبل بهذه القيم.",
    },
    "another": {"en": "Read another article", "ar": "قراءة مقال آخر"},
}


def t(key: str, lang: str, **values: object) -> str:
    """A word of this page, else of the workspace, in the page language."""
    if key in TEXTS:
        return translate(TEXTS, key, lang, **values)
    return texts.t(key, lang, **values)
