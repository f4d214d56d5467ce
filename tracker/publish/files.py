"""The downloads a data desk can fetch: what each file is, its columns, and its rows.

DESIGN.md §4 fixes the URLs. Every CSV is listed here once; the route, ``tracker
export``, datapackage.json and the Data page's catalogue all read this list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd

from tracker.domain.filters import FILTER_NAMES, Filters
from tracker.domain.vocabularies import Vocabularies
from tracker.publish import fields as f
from tracker.publish.figures import figure_frames, figure_texts
from tracker.publish.options import FLAG_SELECTORS
from tracker.publish.tables import flag_frames, series_frames, source_frames
from tracker.service.store import Store


@dataclass(frozen=True)
class Download:
    """One CSV download: its columns (English, then the ``lang=ar`` additions) and rows."""

    name: str
    title_en: str
    title_ar: str
    description_en: str
    description_ar: str
    filters: tuple[str, ...]
    base_fields: Callable[[Vocabularies], tuple[f.Field, ...]]
    arabic_fields: tuple[f.Field, ...]
    frames: Callable[[Store, Filters], Iterator[pd.DataFrame]]
    primary_key: tuple[str, ...] = ()
    # The cells as text chunk by chunk, when the file has a faster path than its frames.
    texts: Callable[[Store, Filters, tuple[f.Field, ...]], Iterator[list]] | None = None
    # Columns a download's rows can be selected by beyond the filters (flags: rule, …).
    selectors: tuple[str, ...] = ()

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def path(self) -> str:
        return f"/download/{self.filename}"

    def fields(self, vocab: Vocabularies, lang: str = "en") -> tuple[f.Field, ...]:
        """The file's columns in order: ``lang=ar`` appends the Arabic name columns."""
        extra = self.arabic_fields if lang == "ar" else ()
        return self.base_fields(vocab) + extra


DOWNLOADS: dict[str, Download] = {
    d.name: d
    for d in (
        Download(
            "figures",
            "Figures",
            "الأرقام",
            "Every current figure: who said it, what it counts, where, for which period, "
            "how exact, and the interval it allows; one row per figure, keyed by figure_id.",
            "كل الأرقام الحالية: مَن أعلنها، وماذا تعدّ، وأين، وعن أي فترة، ومدى دقتها، "
            "والمجال الذي تسمح به؛ صف لكل رقم، ومفتاحه figure_id.",
            FILTER_NAMES,
            f.figure_fields,
            f.FIGURE_ARABIC,
            figure_frames,
            ("figure_id",),
            figure_texts,
        ),
        Download(
            "series",
            "Reconciled series",
            "السلاسل الموفَّق بينها",
            "For each series (metric, population, place, measure, window start) and date: the "
            "band every non-contradicting claim allows, and the headline figure.",
            "لكل سلسلة (المؤشر، الفئة، المكان، نوع القياس، بداية الفترة) ولكل تاريخ: النطاق "
            "الذي تسمح به كل التصريحات غير المتناقضة، والرقم الرئيسي.",
            ("metric", "population", "location", "from", "to"),
            f.series_fields,
            f.SERIES_ARABIC,
            series_frames,
        ),
        Download(
            "flags",
            "Consistency flags",
            "تنبيهات عدم الاتساق",
            "Where sources' figures cannot all be true, or disagree: the rule, how serious, "
            "the figures involved and a sentence explaining it in English and Arabic.",
            "حيث لا يمكن أن تصحّ أرقام المصادر كلها معاً أو حيث تتباين: القاعدة، ودرجة "
            "الخطورة، والأرقام المعنية، وجملة تشرح ذلك بالعربية والإنجليزية.",
            FILTER_NAMES,
            f.flag_fields,
            f.FLAG_ARABIC,
            flag_frames,
            ("flag_id",),
            selectors=FLAG_SELECTORS,
        ),
        Download(
            "sources",
            "Source registry",
            "سجلّ المصادر",
            "Who produces the numbers: id, names in English and Arabic, type, reliability and "
            "website.",
            "الجهات التي تُصدر الأرقام: المعرّف، والاسم بالعربية والإنجليزية، والنوع، "
            "والموثوقية، والموقع الإلكتروني.",
            ("source",),
            f.source_fields,
            f.SOURCE_ARABIC,
            source_frames,
            ("source",),
        ),
    )
}
DATAPACKAGE = "datapackage.json"
ZIP = "tracker-data.zip"
