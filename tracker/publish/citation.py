"""The licence of the downloads and the citation a data desk should use.

The compiled dataset is published under CC BY 4.0; each figure remains the claim of the
source named in its row, which a citation must name as well.
"""

from __future__ import annotations

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
CITATION_EN = (
    "Tracker: source-attributed displacement and casualty figures ({file}), retrieved "
    "{date} from {url}. Each figure is a claim by the source named in its row: cite that "
    "source as well."
)
CITATION_AR = (
    "المتتبِّع (Tracker): أرقام النزوح والضحايا منسوبةً إلى مصادرها ({file})، استُرجعت بتاريخ "
    "{date} من {url}. كل رقم تصريحٌ للمصدر المذكور في صفّه: اذكر ذلك المصدر أيضاً."
)
