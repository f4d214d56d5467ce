"""Score the extractor (issue #15): ``make eval-extract``.

Runs ``tracker.extract`` on the development sentences (``../shared/real-data/extraction-dev.csv``)
and on the founding article (``../shared/seed/article-ar.txt``, reported on 2018-06-29, against
``figures-gold.csv``), prints the table and writes it to ``docs/extract-eval.md``.

The development set is split by article (the SHA-1 of its address, even or odd) into half A,
on which the rules were developed, and half B, held out: a rule tuned to one sentence shows
as a gap between them. The distinct sentences of one article are read together, one
paragraph each, with the article's reported_on (when the page gave one), its publisher and
its address, as an analyst would pass them to ``tracker extract``; the table also scores
each sentence read alone. Nothing copied from an article is written: the report holds numbers,
vocabulary ids and counts only.

    python scripts/eval_extract.py [--shared DIR] [--out FILE] [--show A|B|all]
                                   [--articles DIR ...] [--readme FILE]

``--show`` prints every annotated figure of a half with what was proposed (to the screen
only).

``--articles DIR`` (``make eval-extract ARTICLES="DIR ..."``) also scores a set of whole
articles the extractor has never seen, kept outside the repository: ``DIR/articles/NN-lang.txt``
(the text as pasted), ``DIR/meta.csv`` (file, lang, reported_on, publisher, url) and
``DIR/gold.csv`` (the canonical columns; a figure id ``SET-NN-k`` belongs to the article whose
file name starts with ``NN-``). Each article is read whole with its meta, as
``tracker extract`` reads it; the rows give the set's name, all figures and each language.
With two or more sets, rows ``A ∪ B pooled`` score all their figures and articles together.

The table is written to ``docs/extract-eval.md`` and between the ``extract-eval`` markers of
the README.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.extract import extract  # noqa: E402
from tracker.extract import scoring as sc  # noqa: E402
from tracker.ingest.extract_tables import read_extract_tables  # noqa: E402

FOUNDING_REPORTED_ON = date(2018, 6, 29)
FOUNDING = "founding article"
README_MARKERS = ("<!-- extract-eval: start -->", "<!-- extract-eval: end -->")


def shared_dir(given: str | None) -> Path:
    """The shared reference folder: --shared, $TRACKER_SHARED, or ../shared beside the repo."""
    return Path(given or os.environ.get("TRACKER_SHARED") or ROOT.parent / "shared")


def half(url: str) -> str:
    return "A" if int(hashlib.sha1(url.encode()).hexdigest(), 16) % 2 == 0 else "B"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run_dev(rows, tables, english, alone=False):
    """Gold figures and proposals per sentence and per article, for each half.

    By default the distinct sentences of one article (one address) are read together, in
    the order of the file, each as its own paragraph (they are excerpts, not a running
    text): so a source named in one of them can speak for a figure of another, as when an
    analyst pastes the article. With ``alone`` each sentence is read on its own."""
    golds = {"A": [], "B": []}
    proposals: dict[str, list[dict]] = {}
    by_article: dict[str, dict[str, list[dict]]] = {"A": {}, "B": {}}
    articles: dict[str, list[dict[str, str]]] = {}
    skipped = 0
    for row in rows:
        gold = sc.dev_gold(row, english)
        if gold is None:
            skipped += 1
        else:
            golds[half(row["url"])].append(gold)
        key = row["url"] if not alone else row["url"] + "\n" + row["quote"]
        sentences = articles.setdefault(key, [])
        if all(r["quote"] != row["quote"] for r in sentences):
            sentences.append(row)
    for sentences in articles.values():
        first = sentences[0]
        units = {first["url"] + "\n" + r["quote"]: [] for r in sentences}
        text, starts = "", []
        for r in sentences:
            starts.append(len(text))
            text += r["quote"].replace("\n", " ") + "\n"
        reported = date.fromisoformat(first["reported_on"]) if first["reported_on"] else None
        frame = extract(
            text,
            tables,
            lang=first["quote_lang"],
            reported_on=reported,
            publisher=first["publisher"] or None,
            url=first["url"] or None,
        )
        keys = list(units)
        for record in frame.to_dict("records"):
            k = max(i for i, a in enumerate(starts) if a <= record["span_start"])
            units[keys[k]].append(record)
        proposals.update(units)
        h = half(first["url"])
        for ps in units.values():
            by_article[h].setdefault(first["url"], []).extend(ps)
    return golds, proposals, by_article, skipped


def run_founding(shared: Path, tables):
    text = (shared / "seed" / "article-ar.txt").read_text(encoding="utf-8")
    frame = extract(text, tables, reported_on=FOUNDING_REPORTED_ON)
    golds = [sc.canonical_gold(r, FOUNDING) for r in read_csv(shared / "seed" / "figures-gold.csv")]
    return golds, frame.to_dict("records")


def article_of(figure_id: str, files: list[str]) -> str:
    """The article file of a set's figure: ``H4-07-2`` belongs to the file ``07-….txt``."""
    parts = figure_id.split("-")
    number = parts[1] if len(parts) >= 3 else ""
    found = [name for name in files if number and name.startswith(number + "-")]
    if len(found) != 1:
        raise ValueError(f"gold.csv: figure_id {figure_id!r} names no single article of meta.csv")
    return found[0]


def read_article_set(folder: Path, tables) -> tuple[list, dict[str, list[dict]]]:
    """The gold figures of a folder of whole articles never shown to the extractor, and the
    extractor's proposals for each article; articles are keyed ``FOLDER/FILE`` so that sets
    can be pooled."""
    meta = {r["file"]: r for r in read_csv(folder / "meta.csv")}
    golds = [
        sc.canonical_gold(r, f"{folder.name}/{article_of(r['figure_id'], list(meta))}")
        for r in read_csv(folder / "gold.csv")
    ]
    proposals = {}
    for name, m in meta.items():
        text = (folder / "articles" / name).read_text(encoding="utf-8")
        frame = extract(
            text,
            tables,
            lang=m["lang"],
            reported_on=date.fromisoformat(m["reported_on"]) if m["reported_on"] else None,
            publisher=m["publisher"] or None,
            url=m["url"] or None,
        )
        proposals[f"{folder.name}/{name}"] = frame.to_dict("records")
    return golds, proposals


def article_set_rows(label: str, golds: list, proposals: dict[str, list[dict]]) -> list[list[str]]:
    """Rows (all, en, ar) for whole articles never shown to the extractor."""
    rows = []
    for lang in (None, "en", "ar"):
        chosen = [g for g in golds if lang is None or g.lang == lang]
        if not chosen:
            continue
        arts = {g.article for g in chosen}
        extra = sc.spurious(chosen, {a: ps for a, ps in proposals.items() if a in arts})
        name = f"unseen articles {label}, {lang or 'all'}"
        rows.append(sc.summarise(name, sc.score(chosen, proposals), extra).row())
    return rows


def score_article_sets(folders: list[Path], tables) -> list[list[str]]:
    """Rows for each folder of unseen articles and, for two or more, for them pooled (the
    figures and articles of all the sets together)."""
    names = [f.name for f in folders]
    if len(set(names)) < len(names):
        raise ValueError(f"two sets of unseen articles share a folder name: {names}")
    rows, pooled_golds, pooled = [], [], {}
    for folder in folders:
        golds, proposals = read_article_set(folder, tables)
        rows.extend(article_set_rows(folder.name, golds, proposals))
        pooled_golds += golds
        pooled.update(proposals)
    if len(folders) > 1:
        label = " ∪ ".join(f.name for f in folders) + " pooled"
        rows.extend(article_set_rows(label, pooled_golds, pooled))
    return rows


def write_readme_table(readme: Path, table: str) -> bool:
    """Replace the table between the README's extract-eval markers; False when it has none."""
    if not readme.exists():
        return False
    text = readme.read_text(encoding="utf-8")
    start, end = README_MARKERS
    if start not in text or end not in text:
        return False
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")
    return True


def founding_detail(outcomes: list[sc.Outcome], extra: list[dict]) -> str:
    """Each gold figure of the founding article with what was proposed for it."""
    lines = ["| gold | value | proposed | " + " | ".join(sc.FIELDS) + " |", "|" + "---|" * 8]
    for o in outcomes:
        p = o.proposal or {}
        proposed = (
            f"{p.get('qualifier')} {p.get('value')} {p.get('metric')}/{p.get('population')}, "
            f"{p.get('source')}, {p.get('location')}, {p.get('period_start') or '…'}→"
            f"{p.get('period_end')}"
            if o.found
            else "not proposed"
        )
        marks = [("✓" if o.right.get(f) else "✗") if o.found else "" for f in sc.FIELDS]
        lines.append(
            f"| {o.gold.label} | {o.gold.value} | {proposed} | " + " | ".join(marks) + " |"
        )
    for p in extra:
        lines.append(
            f"| (not in gold) | {p.get('value')} | {p.get('qualifier')} {p.get('metric')}/"
            f"{p.get('population')}, {p.get('source')} | | | | | |"
        )
    return "\n".join(lines)


def show(outcomes: list[sc.Outcome], extra: dict[str, list[dict]], proposals) -> None:
    for o in outcomes:
        g = o.gold
        print("-" * 100)
        print(g.unit.split("\n", 1)[1])
        print(
            f"GOLD {g.value} {g.value_high or ''} {g.qualifier} {sorted(g.metrics)} {g.population} "
            f"{g.source} start={g.window_start or '-'}"
        )
        if not o.found:
            print("  NOT FOUND; proposed:", [(p["value"], p["metric"]) for p in proposals[g.unit]])
            continue
        p = o.proposal
        wrong = [f for f in sc.FIELDS if not o.right[f]]
        print(
            f"  got {p['qualifier']} {p['metric']} {p['population']} {p['source']} "
            f"start={p['period_start']} {'WRONG: ' + ','.join(wrong) if wrong else 'ok'}"
        )
        if wrong:
            print("  reasons:", p["reasons"])
    for article, ps in extra.items():
        for p in ps:
            print(f"SPURIOUS [{article[:50]}] {p['evidence']} {p['value']} {p['metric']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", help="the shared folder (default ../shared)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "extract-eval.md")
    parser.add_argument("--show", choices=["A", "B", "all"])
    parser.add_argument(
        "--articles",
        type=Path,
        action="append",
        default=[],
        help="a folder of unseen articles (articles/, meta.csv, gold.csv); may repeat",
    )
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)
    shared = shared_dir(args.shared)
    dev_file = shared / "real-data" / "extraction-dev.csv"
    if not dev_file.exists():
        print(f"no development set at {dev_file} (give --shared)", file=sys.stderr)
        return 1
    tables = read_extract_tables()
    phrases = tables.vocab.qualifier_phrases
    english = dict(zip(phrases["phrase"], phrases["qualifier"], strict=True))
    english = {k: v for k, v in english.items() if v != "magnitude"}
    dev_rows = read_csv(dev_file)
    golds, proposals, by_article, skipped = run_dev(dev_rows, tables, english)
    rows, shown = [], []
    for h, name in (("A", "dev half A (developed on)"), ("B", "dev half B (held out)")):
        outcomes = sc.score(golds[h], proposals)
        extra = sc.spurious(golds[h], by_article[h])
        rows.append(sc.summarise(name, outcomes, extra).row())
        if args.show in (h, "all"):
            shown.append((outcomes, extra))
    _, alone, alone_by_article, _ = run_dev(dev_rows, tables, english, alone=True)
    for h in "AB":
        name = f"dev half {h}, each sentence alone"
        outcomes = sc.score(golds[h], alone)
        rows.append(sc.summarise(name, outcomes, sc.spurious(golds[h], alone_by_article[h])).row())
    for lang in ("en", "ar"):
        both = [g for h in "AB" for g in golds[h] if g.lang == lang]
        arts = {g.article for g in both}
        extra = sc.spurious(
            both, {a: ps for h in "AB" for a, ps in by_article[h].items() if a in arts}
        )
        rows.append(
            sc.summarise(f"dev, {lang} (both halves)", sc.score(both, proposals), extra).row()
        )
    for dated, name in ((True, "dev, with reported_on"), (False, "dev, page undated")):
        both = [g for h in "AB" for g in golds[h] if g.dated == dated]
        arts = {g.article for g in both}
        extra = sc.spurious(
            both, {a: ps for h in "AB" for a, ps in by_article[h].items() if a in arts}
        )
        rows.append(sc.summarise(f"{name} (both halves)", sc.score(both, proposals), extra).row())
    f_golds, f_props = run_founding(shared, tables)
    f_out = sc.score(f_golds, {FOUNDING: f_props})
    f_extra = sc.spurious(f_golds, {FOUNDING: f_props})
    rows.append(sc.summarise(FOUNDING, f_out, f_extra).row())
    rows.extend(score_article_sets(args.articles, tables))
    table = sc.markdown(rows)
    for outcomes, extra in shown:
        show(outcomes, extra, proposals)
    print(table)
    note = (
        "The development sentences of one article are read together (each as its own "
        "paragraph), as when the article is pasted; the rows 'each sentence alone' read "
        "every sentence by itself. "
        f"{skipped} development figure(s) left out: not a tracker figure (money). "
        "Qualifier, metric, population, source and window start are counted among the found "
        "figures; a spurious proposal has a value no annotated figure of its article has."
    )
    print(note)
    detail = founding_detail(f_out, f_extra[FOUNDING])
    print(detail)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        "# Extraction evaluation\n\nWritten by `make eval-extract` (scripts/eval_extract.py).\n\n"
        f"{table}\n\n{note}\n\n## Founding article, figure by figure\n\n{detail}\n",
        encoding="utf-8",
    )
    print(f"written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    if write_readme_table(args.readme, table):
        print(f"and to the table of {args.readme.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
