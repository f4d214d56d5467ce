"""`make eval-extract ARTICLES=DIR` scores whole unseen articles and writes the README table."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from tracker.ingest.extract_tables import read_extract_tables

ROOT = Path(__file__).resolve().parents[2]
GOLD_HEADER = (
    "figure_id,reported_on,source,publisher,url,metric,population,location,period_start,"
    "period_end,measure,qualifier,value,value_high,unit,quote,quote_lang,notes\n"
)


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_extract", ROOT / "scripts/eval_extract.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def article_set(tmp_path: Path) -> Path:
    folder = tmp_path / "unseen-t"
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "01-en.txt").write_text(
        "Shelling kills civilians in Dar'a\n\n"
        "At least 12 civilians were killed in Dar'a since Monday, the Syrian Observatory for "
        "Human Rights said. The offensive has displaced about 40,000 people, the UN said.\n",
        encoding="utf-8",
    )
    (folder / "meta.csv").write_text(
        "file,lang,reported_on,publisher,url\n01-en.txt,en,2018-06-27,Wire,https://example.org/a\n",
        encoding="utf-8",
    )
    (folder / "gold.csv").write_text(
        GOLD_HEADER
        + "T-01-1,2018-06-27,sohr,,,killed,civilians,SY12,2018-06-25,2018-06-27,flow,at_least,"
        "12,,persons,,en,\n"
        + "T-01-2,2018-06-27,un,,,displaced,all,SY12,,2018-06-27,flow,approx,40000,,persons,,en,\n",
        encoding="utf-8",
    )
    return folder


def test_an_unseen_article_set_is_scored_per_language(article_set: Path) -> None:
    script = load_script()
    rows = script.score_article_sets([article_set], read_extract_tables())
    assert [r[0] for r in rows] == ["unseen articles unseen-t, all", "unseen articles unseen-t, en"]
    assert rows[0][1] == "2"
    assert rows[0][2] == "100% (2/2)"
    assert rows[0][3] == "100% (2/2)"


def test_two_sets_are_also_scored_pooled(article_set: Path, tmp_path: Path) -> None:
    """Two sets with the same article file names: each its own rows, then both together
    (figures and articles summed, no article of one set mistaken for the other's)."""
    second = tmp_path / "unseen-u"
    (second / "articles").mkdir(parents=True)
    (second / "articles" / "01-en.txt").write_text(
        "Aid reaches Idlib\n\nThe UN said 7 trucks crossed. Nearly 300 families were displaced "
        "from Saraqib, the UN said.\n",
        encoding="utf-8",
    )
    (second / "meta.csv").write_text(
        (article_set / "meta.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (second / "gold.csv").write_text(
        GOLD_HEADER + "U-01-1,2018-06-27,un,,,displaced,all,SY07,,2018-06-27,flow,approx,"
        "300,,households,,en,\n",
        encoding="utf-8",
    )
    rows = load_script().score_article_sets([article_set, second], read_extract_tables())
    names = [r[0] for r in rows]
    assert names[-2:] == [
        "unseen articles unseen-t ∪ unseen-u pooled, all",
        "unseen articles unseen-t ∪ unseen-u pooled, en",
    ]
    single = {r[0]: r for r in rows}
    assert single["unseen articles unseen-t ∪ unseen-u pooled, all"][1] == "3"
    found = [
        int(single[f"unseen articles {n}, all"][2].split("(")[1].split("/")[0])
        for n in (
            "unseen-t",
            "unseen-u",
        )
    ]
    assert single["unseen articles unseen-t ∪ unseen-u pooled, all"][2].endswith(
        f"({sum(found)}/3)"
    )


def test_two_sets_of_one_folder_name_are_refused(article_set: Path, tmp_path: Path) -> None:
    """Sets are told apart by folder name in the pooled rows: two of one name are refused."""
    twin = tmp_path / "elsewhere" / article_set.name
    twin.parent.mkdir()
    article_set.rename(twin)
    article_set.mkdir()
    for item in twin.iterdir():
        target = article_set / item.name
        if item.is_dir():
            target.mkdir()
            for f in item.iterdir():
                (target / f.name).write_bytes(f.read_bytes())
        else:
            target.write_bytes(item.read_bytes())
    with pytest.raises(ValueError, match="share a folder name"):
        load_script().score_article_sets([article_set, twin], read_extract_tables())


def test_a_figure_id_naming_no_article_is_refused_by_name(article_set: Path) -> None:
    gold = article_set / "gold.csv"
    gold.write_text(gold.read_text(encoding="utf-8").replace("T-01-2", "T-09-2"), encoding="utf-8")
    with pytest.raises(ValueError, match="T-09-2"):
        load_script().score_article_sets([article_set], read_extract_tables())


def test_the_readme_table_between_its_markers_is_replaced(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "before\n<!-- extract-eval: start -->\nold\n<!-- extract-eval: end -->\nafter\n",
        encoding="utf-8",
    )
    assert load_script().write_readme_table(readme, "| new |")
    assert readme.read_text(encoding="utf-8") == (
        "before\n<!-- extract-eval: start -->\n| new |\n<!-- extract-eval: end -->\nafter\n"
    )


def test_the_readme_carries_the_markers_the_script_writes_between() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for marker in load_script().README_MARKERS:
        assert text.count(marker) == 1
