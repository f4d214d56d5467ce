"""tracker synth: realistic, valid, reproducible synthetic figures with planted contradictions
that the reconciliation engine finds, on a background that raises no flag of its own."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tracker.cli import main
from tracker.domain.normalise import normalise
from tracker.domain.validation import validate_figures
from tracker.domain.vocabularies import CANONICAL_COLUMNS, Vocabularies
from tracker.ingest.readers import read_figure_file
from tracker.service.store import Store
from tracker.synth import RULES, Synthetic, synthesise, synthetic_sources
from tracker.synth.output import planted_path

N = 20_000


@pytest.fixture(scope="module")
def with_synthetic(vocab: Vocabularies) -> Vocabularies:
    """The vocabularies with the synthetic sources registered."""
    return dataclasses.replace(vocab, sources=pd.concat([vocab.sources, synthetic_sources()]))


@pytest.fixture(scope="module")
def synthetic(with_synthetic: Vocabularies) -> Synthetic:
    return synthesise(N, 5, with_synthetic)


def test_exact_size_canonical_columns_and_reproducible(vocab: Vocabularies) -> None:
    a, b = synthesise(3000, 9, vocab), synthesise(3000, 9, vocab)
    assert len(a.figures) == 3000
    assert list(a.figures.columns) == list(CANONICAL_COLUMNS)
    pd.testing.assert_frame_equal(a.figures, b.figures)
    pd.testing.assert_frame_equal(a.planted, b.planted)
    assert not synthesise(3000, 10, vocab).figures.equals(a.figures)


def test_every_figure_is_valid(synthetic: Synthetic, with_synthetic: Vocabularies) -> None:
    checked = validate_figures(synthetic.figures.replace("", pd.NA), with_synthetic, date.today())
    assert checked.ok, checked.problems[:5]


def test_sources_are_marked_synthetic(synthetic: Synthetic) -> None:
    registry = synthetic_sources()
    assert set(synthetic.figures["source"]) <= set(registry.index)
    assert registry["name_en"].str.contains("(not real)", regex=False).all()
    assert registry["name_ar"].str.contains("(غير حقيقي", regex=False).all()
    assert registry.index.str.startswith("synth-").all()


def test_realistic_shape(synthetic: Synthetic, vocab: Vocabularies) -> None:
    figures = synthetic.figures
    assert set(figures["location"]) <= set(vocab.pcodes)
    per_series = figures.groupby(["metric", "population", "location"])["source"].nunique()
    assert (per_series >= 2).mean() > 0.5, "most series are told by several sources"
    daily = figures["period_start"].ne("") & (figures["period_start"] == figures["period_end"])
    assert daily.any(), "some daily counts"
    stocks = figures["metric"].map(vocab.metrics["measure"]) == "stock"
    assert stocks.mean() > 0.1
    assert figures["qualifier"].nunique() == 9


def test_planted_sidecar_names_every_rule(synthetic: Synthetic) -> None:
    planted = synthetic.planted
    assert list(planted.columns) == ["rule", "figure_ids"]
    assert len(planted) == max(len(RULES), round(0.001 * N))
    assert set(planted["rule"]) == set(RULES)
    ids = set(synthetic.figures["figure_id"])
    for figure_ids in planted["figure_ids"]:
        assert set(figure_ids.split(";")) <= ids


def _engine():
    try:
        from tracker.domain.reconcile import ReconcileContext, compute
    except ImportError as exc:
        pytest.skip(
            f"the reconciliation engine (tracker.domain.reconcile) is not importable: {exc}"
        )
    return ReconcileContext, compute


@pytest.fixture(scope="module")
def flags(synthetic: Synthetic, with_synthetic: Vocabularies) -> pd.DataFrame:
    ReconcileContext, compute = _engine()
    figures = normalise(synthetic.figures.replace("", pd.NA), with_synthetic)
    return compute(figures, ReconcileContext.from_vocabularies(with_synthetic)).flags


def test_the_engine_finds_every_planted_contradiction(
    synthetic: Synthetic, flags: pd.DataFrame
) -> None:
    found: dict[str, set[str]] = {}
    for rule, ids in zip(flags["rule"], flags["figure_ids"], strict=True):
        found.setdefault(str(rule), set()).update(str(ids).split(";"))
    missed = [
        (rule, ids)
        for rule, ids in zip(
            synthetic.planted["rule"], synthetic.planted["figure_ids"], strict=True
        )
        if ids.split(";")[0] not in found.get(rule, set())
    ]
    assert not missed, missed


def test_the_honest_background_raises_no_flag(synthetic: Synthetic, flags: pd.DataFrame) -> None:
    """Every flag involves a planted figure or one it was planted against."""
    planted = {i for ids in synthetic.planted["figure_ids"] for i in ids.split(";")}
    unplanted = flags[[not (set(str(x).split(";")) & planted) for x in flags["figure_ids"]]]
    assert unplanted.empty, unplanted[["rule", "sentence_en"]].head().to_dict("records")


def test_cli_writes_the_file_and_registers_the_sources(tmp_path: Path, capsys) -> None:
    db = f"sqlite:///{tmp_path / 't.db'}"
    assert main(["--db", db, "init"]) == 0
    out = tmp_path / "synth.csv"
    assert main(["--db", db, "synth", "--figures", "800", "--seed", "3", "-o", str(out)]) == 0
    assert "11 synthetic source(s) added" in capsys.readouterr().out
    assert planted_path(out).exists()
    store = Store(db)
    result = store.import_file(read_figure_file(out))
    assert result.plan.ok, result.plan.problems[:3]
    assert store.count() == 800 + len(pd.read_csv(Path("data/seed/figures.csv")))


def test_the_mixed_nestings_are_planted(synthetic: Synthetic) -> None:
    """DESIGN §6: a subgroup in a child place (hierarchy) and a subgroup over a narrower window
    (subgroup) are among the plants, besides one plant per rule."""
    figures = synthetic.figures.set_index("figure_id")
    kinds = set()
    for rule, ids in zip(synthetic.planted["rule"], synthetic.planted["figure_ids"], strict=True):
        planted, related = figures.loc[ids.split(";")[:2]].to_dict("records")
        other_pop = planted["population"] != related["population"]
        other_place = planted["location"] != related["location"]
        narrower = planted["period_start"] > related["period_start"]
        kinds.add((rule, other_pop, other_place, narrower))
    assert ("hierarchy", True, True, True) in kinds
    assert ("subgroup", True, False, True) in kinds
