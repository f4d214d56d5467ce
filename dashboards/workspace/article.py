"""From an article to proposals (issue #15): /workspace/article.

An analyst pastes an article's text (or uploads it as a UTF-8 text file; a first line that is
only an address is taken as the address, as ``tracker extract`` does);
:func:`tracker.extract.extract` proposes its figures.
The page shows the text with every proposed figure highlighted — the text is cut into plain
segments at each proposal's ``span_start``/``span_end`` and each segment is rendered as text
(autoescaped), never as HTML from the article — and under it one form per proposal with the
same widgets as the entry form, its evidence, confidence and reasons. The analyst corrects
any field, ticks the ones to keep and sends them: they are stored as proposals through the
same import as the entry form and the upload (all or nothing; a problem is shown beside its
field in its proposal), and wait in the review queue for a reviewer.

The text and each proposal's span, evidence and reasons travel in the form itself, so any
web worker can answer the next request; nothing is kept between requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from flask import Blueprint, g, render_template, request

from dashboards.workspace import security
from dashboards.workspace.entry import DATES, FIELDS, REQUIRED, row_from_form
from dashboards.workspace.options import episode_starts, form_choices
from dashboards.workspace.said import say_problem, say_reason
from dashboards.workspace.words import page_words
from tracker.domain.vocabularies import Vocabularies
from tracker.extract import extract
from tracker.extract.tables import ExtractTables
from tracker.extract.text import is_arabic
from tracker.ingest.extract_tables import read_extract_tables
from tracker.ingest.readers import FigureFile
from tracker.service.importer import FIRST_DATA_LINE
from tracker.service.store import Store
from tracker.views.format import fmt_count

#: This page's words (data/workspace/article_words.csv), else the workspace's.
t = page_words("article")
#: The longest text one reading takes: extracting takes seconds per 60,000 characters (4–7 s
#: measured on the 2-core server), so a longer text is refused whole with a message, never cut
#: (the request-size limit, 50 MB under /workspace, would allow far more).
MAX_CHARS = 60_000
#: what a proposal carries besides its canonical fields, to show it again after a problem
CARRIED = ("span_start", "span_end", "evidence", "confidence", "reasons")


@dataclass(frozen=True)
class Segment:
    """A piece of the article: plain text, or the number phrase of proposal ``index``."""

    text: str
    index: int | None = None


def segments(text: str, spans: list[tuple[int, int, int]]) -> list[Segment]:
    """The text cut at each (start, end, index) span, in order; a span outside the text or
    overlapping an earlier one is left unmarked (its proposal is still listed)."""
    out: list[Segment] = []
    at = 0
    for start, end, index in sorted(spans):
        if start < at or end > len(text) or end <= start:
            continue
        if start > at:
            out.append(Segment(text[at:start]))
        out.append(Segment(text[start:end], index))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out


@dataclass
class ProposalForm:
    """One proposal on the page: its fields' values, what the extractor said, its problems."""

    index: int
    values: dict[str, str]
    carried: dict[str, str]
    keep: bool = False
    errors: dict[str, list[str]] | None = None

    @property
    def reasons(self) -> list[str]:
        return [r for r in self.carried.get("reasons", "").split("; ") if r]

    def span(self) -> tuple[int, int, int] | None:
        try:
            return int(self.carried["span_start"]), int(self.carried["span_end"]), self.index
        except (KeyError, ValueError):
            return None


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    return str(value)


def forms_from_frame(frame: pd.DataFrame) -> list[ProposalForm]:
    """The extractor's proposals as page forms (every field as text; empty when not found)."""
    out = []
    for n, record in enumerate(frame.to_dict("records"), start=1):
        values = {c: _cell(record.get(c)) for c in FIELDS}
        carried = {c: _cell(record.get(c)) for c in CARRIED}
        out.append(ProposalForm(n, values, carried))
    return out


def forms_from_post(form: dict[str, str], ticked: list[str]) -> list[ProposalForm]:
    """The proposals as the page sent them back: ``p{n}.{field}`` fields; ``ticked``: the
    numbers of the ones to keep."""
    kept = set(ticked)
    numbers = sorted({int(k[1:].split(".")[0]) for k in form if _proposal_key(k)})
    out = []
    for n in numbers:
        values = {c: form.get(f"p{n}.{c}", "") for c in FIELDS}
        carried = {c: form.get(f"p{n}.{c}", "") for c in CARRIED}
        out.append(ProposalForm(n, values, carried, keep=str(n) in kept))
    return out


def _proposal_key(key: str) -> bool:
    head, _, _ = key.partition(".")
    return head.startswith("p") and head[1:].isdigit()


class _TablesCache:
    """The extractor's tables for the store's current vocabularies (rebuilt when they are
    reloaded, e.g. after a source is added to the registry)."""

    def __init__(self) -> None:
        self._for: Vocabularies | None = None
        self._tables: ExtractTables | None = None

    def get(self, vocab: Vocabularies) -> ExtractTables:
        if self._tables is None or self._for is not vocab:
            self._tables, self._for = read_extract_tables(vocab=vocab), vocab
        return self._tables


def _reported_on(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def register(bp: Blueprint, store: Store) -> None:
    """/workspace/article (GET: the form; POST: the proposals) and /workspace/article/send."""
    cache = _TablesCache()

    def page(status: int = 200, **context: Any) -> tuple[str, int]:
        lang = g.lang
        proposals: list[ProposalForm] = context.pop("proposals", [])
        text = context.get("text", "")
        spans = [s for p in proposals if (s := p.span()) is not None]
        return render_template(
            "workspace/article.html",
            t=lambda key, **values: t(key, lang, **values),
            title=t("article", lang),
            fields=FIELDS,
            dates=DATES,
            required=REQUIRED,
            choices=form_choices(store.vocab),
            episodes=episode_starts(store.vocab),
            proposals=proposals,
            segments=segments(text, spans),
            text_dir="rtl" if is_arabic(text) else "ltr",
            max_chars_text=fmt_count(MAX_CHARS, lang),
            say_reason=lambda reason: say_reason(reason, lang),
            **context,
        ), status

    def too_long(got: int) -> str:
        limit = fmt_count(MAX_CHARS, g.lang)
        return t("too_long", g.lang, got=fmt_count(got, g.lang), limit=limit)

    def given() -> dict[str, str]:
        form = request.form
        return {
            "text": (form.get("text") or "").replace("\r\n", "\n"),
            "reported_on": (form.get("reported_on") or "").strip(),
            "publisher": (form.get("publisher") or "").strip(),
            "url": (form.get("url") or "").strip(),
            "text_lang": form.get("text_lang") if form.get("text_lang") in ("ar", "en") else "",
        }

    @bp.route("/article", methods=["GET"])
    @security.login_required
    def article() -> tuple[str, int]:
        return page(text="", reported_on="", publisher="", url="", text_lang="")

    @bp.route("/article", methods=["POST"])
    @security.login_required
    def article_read() -> tuple[str, int]:
        article = given()
        upload = request.files.get("file")
        if upload is not None and upload.filename and not article["text"].strip():
            data = upload.read()  # whole (the request limit bounds it), to say its length
            try:
                article["text"] = data.decode("utf-8-sig").replace("\r\n", "\n")
            except UnicodeDecodeError:
                name = Path(upload.filename).name
                return page(400, error=t("not_utf8", g.lang, file=name), **article)
        if not article["text"].strip():
            return page(400, error=t("no_text", g.lang), **article)
        if len(article["text"]) > MAX_CHARS:
            return page(413, error=too_long(len(article["text"])), **article)
        frame = extract(
            article["text"],
            cache.get(store.vocab),
            lang=article["text_lang"] or None,
            reported_on=_reported_on(article["reported_on"]),
            publisher=article["publisher"] or None,
            url=article["url"] or None,
        )
        proposals = forms_from_frame(frame)
        n = len(proposals)
        message = t("found", g.lang, n=n) if n else t("found_none", g.lang)
        return page(proposals=proposals, message=message, **article)

    @bp.route("/article/send", methods=["POST"])
    @security.login_required
    def article_send() -> tuple[str, int]:
        article = given()
        proposals = forms_from_post(request.form.to_dict(), request.form.getlist("keep"))
        kept = [p for p in proposals if p.keep]
        if not kept:
            return page(422, proposals=proposals, error=t("none_kept", g.lang), **article)
        rows = [row_from_form(p.values) for p in kept]
        table = pd.DataFrame(rows).astype("string")
        result = store.import_file(
            FigureFile(table, Path("article"), []), propose=True, actor=g.actor
        )
        if not result.plan.ok:
            for problem in result.plan.problems:
                at = problem.line - FIRST_DATA_LINE
                target = kept[at] if 0 <= at < len(kept) else kept[0]
                target.errors = target.errors or {}
                target.errors.setdefault(problem.column, []).append(
                    say_problem(problem.message, g.lang)
                )
            return page(422, proposals=proposals, error=t("fix_kept", g.lang), **article)
        if not result.stored:
            return page(proposals=proposals, message=t("already_kept", g.lang), **article)
        ids = ", ".join(str(i) for i in result.plan.new["figure_id"])
        return page(
            sent=True,
            message=t("sent", g.lang, n=result.stored, ids=ids),
            **{**article, "text": ""},
        )
