"""The list of downloads the dashboard's Data page shows: URLs, columns, examples, citation.

Pure: it reads the download definitions and the vocabularies' column descriptions and
returns plain data, in English and Arabic, for any page to render.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.domain.vocabularies import Vocabularies
from tracker.publish.cells import NEUTRALISATION_RULE_AR, NEUTRALISATION_RULE_EN
from tracker.publish.citation import CITATION_AR, CITATION_EN
from tracker.publish.files import DATAPACKAGE, DOWNLOADS, ZIP, Download


@dataclass(frozen=True)
class Parameter:
    name: str
    description_en: str
    description_ar: str
    example: str


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("metric", "Metric id(s), comma-separated.", "معرّف المؤشر (أو عدة معرّفات بفواصل).",
              "killed"),
    Parameter("population", "Population id(s).", "معرّف الفئة السكانية.", "civilians"),
    Parameter("location", "P-code(s); includes the places below.",
              "الرمز المكاني P-code؛ يشمل الأماكن التابعة له.", "SY12"),
    Parameter("source", "Source id(s) from sources.csv.", "معرّف المصدر من sources.csv.", "sohr"),
    Parameter("from", "period_end on or after this date (YYYY-MM-DD).",
              "نهاية الفترة في هذا التاريخ أو بعده.", "2018-06-19"),
    Parameter("to", "period_end on or before this date (YYYY-MM-DD).",
              "نهاية الفترة في هذا التاريخ أو قبله.", "2018-07-31"),
    Parameter("rule", "flags.csv only: the rule(s) that raised the flag.",
              "لملف flags.csv فقط: القاعدة (أو القواعد) التي أطلقت التنبيه.", "echo"),
    Parameter("severity", "flags.csv only: info, minor, moderate, major.",
              "لملف flags.csv فقط: درجة الخطورة.", "major"),
    Parameter("status", "flags.csv only: open or explained.",
              "لملف flags.csv فقط: مفتوح (open) أو مفسَّر (explained).", "open"),
    Parameter("hxl", "1: add the HXL hashtag row under the header.",
              "1: إضافة صف وسوم HXL تحت صف العناوين.", "1"),
    Parameter("excel", "1: start the file with a UTF-8 byte-order mark so Excel shows Arabic.",
              "1: بدء الملف بعلامة ترتيب البايت كي يعرض Excel النص العربي.", "1"),
    Parameter("lang", "ar: add Arabic name columns.", "ar: إضافة أعمدة الأسماء بالعربية.", "ar"),
)  # fmt: skip

ERRORS_EN = (
    "A misspelt parameter name or an unknown value (metric, source, P-code, a date that is not "
    "YYYY-MM-DD) answers 400 with a one-line plain-text message naming the parameter and the "
    "closest valid value."
)
ERRORS_AR = (
    "اسم معامل مكتوب خطأً أو قيمة غير معروفة (مؤشر، مصدر، رمز مكاني، تاريخ بغير الصيغة "
    "YYYY-MM-DD) يعيد الخطأ 400 مع رسالة نصية من سطر واحد تسمّي المعامل وأقرب قيمة صحيحة."
)
CACHING_EN = (
    "Every download has an ETag and a Last-Modified header: re-fetch with If-None-Match (or "
    "If-Modified-Since) and an unchanged file answers 304 with no body."
)
CACHING_AR = (
    "لكل ملف ترويسة ETag وLast-Modified: أعد الطلب مع If-None-Match (أو If-Modified-Since) "
    "فإن لم يتغيّر الملف جاء الرد 304 بلا محتوى."
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    arabic_only: bool


@dataclass(frozen=True)
class CatalogueEntry:
    """One download as the Data page lists it."""

    path: str
    url: str
    title_en: str
    title_ar: str
    description_en: str
    description_ar: str
    filters: tuple[str, ...]
    columns: tuple[Column, ...]
    examples: tuple[str, ...]
    citation_en: str
    citation_ar: str
    formula_rule_en: str
    formula_rule_ar: str


def _examples(url: str, filters: tuple[str, ...]) -> tuple[str, ...]:
    by_name = {p.name: p.example for p in PARAMETERS}
    shown = [name for name in ("metric", "population", "location") if name in filters]
    query = "&".join(f"{name}={by_name[name]}" for name in shown)
    examples = [url]
    if query:
        examples.append(f"{url}?{query}")
    examples += [f"{url}?hxl=1", f"{url}?excel=1&lang=ar"]
    if "source" in filters and "from" in filters:
        examples.append(f"{url}?source=sohr&from=2018-06-19&to=2018-07-31")
    return tuple(examples)


def _entry(download: Download, vocab: Vocabularies, base_url: str, today: str) -> CatalogueEntry:
    url = base_url.rstrip("/") + download.path
    base = download.fields(vocab, "en")
    extra = download.fields(vocab, "ar")[len(base) :]
    columns = tuple(Column(c.name, c.kind, c.description, False) for c in base) + tuple(
        Column(c.name, c.kind, c.description, True) for c in extra
    )
    return CatalogueEntry(
        path=download.path,
        url=url,
        title_en=download.title_en,
        title_ar=download.title_ar,
        description_en=download.description_en,
        description_ar=download.description_ar,
        filters=download.filters + download.selectors,
        columns=columns,
        examples=_examples(url, download.filters),
        citation_en=CITATION_EN.format(file=download.filename, date=today, url=url),
        citation_ar=CITATION_AR.format(file=download.filename, date=today, url=url),
        formula_rule_en=NEUTRALISATION_RULE_EN,
        formula_rule_ar=NEUTRALISATION_RULE_AR,
    )


def _bundle_entry(
    base_url: str,
    today: str,
    name: str,
    titles: tuple[str, str],
    texts: tuple[str, str],
    query: str,
) -> CatalogueEntry:
    """An entry for a file that describes or holds the CSVs (datapackage.json, the zip): it
    takes every parameter and has no columns of its own."""
    url = base_url.rstrip("/") + "/download/" + name
    return CatalogueEntry(
        path="/download/" + name,
        url=url,
        title_en=titles[0],
        title_ar=titles[1],
        description_en=texts[0],
        description_ar=texts[1],
        filters=tuple(p.name for p in PARAMETERS),
        columns=(),
        examples=(url, f"{url}?{query}"),
        citation_en=CITATION_EN.format(file=name, date=today, url=url),
        citation_ar=CITATION_AR.format(file=name, date=today, url=url),
        formula_rule_en=NEUTRALISATION_RULE_EN,
        formula_rule_ar=NEUTRALISATION_RULE_AR,
    )


def _package_entry(base_url: str, today: str) -> CatalogueEntry:
    titles = ("Data Package (datapackage.json)", "حزمة البيانات (datapackage.json)")
    texts = (
        "A Frictionless Data Package describing every CSV above: each column's "
        "type, meaning and allowed values, the licence and the citation. Give it the same "
        "parameters as the CSVs and it describes those files (frictionless validate URL).",
        "حزمة بيانات بصيغة Frictionless تصف كل ملفات CSV أعلاه: نوع كل عمود "
        "ومعناه وقيمه المسموح بها، والترخيص، وصيغة الاستشهاد.",
    )
    return _bundle_entry(base_url, today, DATAPACKAGE, titles, texts, "metric=killed&hxl=1")


def _zip_entry(base_url: str, today: str) -> CatalogueEntry:
    titles = ("Everything in one file (tracker-data.zip)", "كل شيء في ملف واحد (tracker-data.zip)")
    texts = (
        "datapackage.json and every CSV it describes, inside one zip: unzip it "
        "into a folder and `frictionless validate datapackage.json` checks it offline. Takes "
        "the same parameters as the files.",
        "ملف datapackage.json وكل ملفات CSV التي يصفها داخل ملف zip واحد: فُكّه "
        "في مجلد ويمكن التحقق منه دون اتصال بالأمر frictionless validate datapackage.json.",
    )
    return _bundle_entry(base_url, today, ZIP, titles, texts, "metric=killed&location=SY12")


def catalogue(
    vocab: Vocabularies, base_url: str = "", today: date | None = None
) -> list[CatalogueEntry]:
    """Every download: path, full URL (base_url + path), titles, columns, examples, citation.

    ``base_url`` is the site's address as the reader sees it (e.g. ``request.host_url``);
    ``today`` fills the citation's retrieval date.
    """
    day = (today or date.today()).isoformat()
    entries = [_entry(d, vocab, base_url, day) for d in DOWNLOADS.values()]
    return entries + [_package_entry(base_url, day), _zip_entry(base_url, day)]
