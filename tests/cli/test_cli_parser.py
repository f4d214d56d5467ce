"""The parsers: every option says its allowed values, and the values copied from the library
(so that `tracker --help` need not import it) are the library's."""

from __future__ import annotations

import argparse
import csv
import importlib
from pathlib import Path

import pytest

from tests.cli.parsers import full_parser, options, walk
from tracker.cli import args_figures, args_review
from tracker.cli import options as cli

DATA = Path(__file__).parents[2] / "data"
PATHS = [path for path, _ in walk(full_parser())]


def _parser(path: tuple[str, ...]) -> argparse.ArgumentParser:
    return dict(walk(full_parser()))[path]


def _ids(name: str) -> list[str]:
    with (DATA / "vocabularies" / name).open(encoding="utf-8") as f:
        return [row["id"] for row in csv.DictReader(f)]


def test_copied_values_are_the_librarys() -> None:
    from tracker.domain.roles import ACCOUNT_ROLES
    from tracker.domain.vocabularies import CANONICAL_COLUMNS
    from tracker.publish import DOWNLOADS
    from tracker.publish.options import FLAG_STATUSES, LANGUAGES
    from tracker.synth import DEFAULT_RATE

    assert tuple(DOWNLOADS) == cli.DOWNLOAD_FILES
    assert cli.LANGUAGES == LANGUAGES
    assert cli.SYNTH_RATE == DEFAULT_RATE
    assert tuple(_ids("rules.csv")) == cli.RULES
    assert tuple(_ids("severities.csv")) == cli.SEVERITIES
    assert cli.FLAG_STATES == FLAG_STATUSES
    assert tuple(args_figures.FIGURE_COLUMNS) == CANONICAL_COLUMNS
    assert args_review.ROLES == ACCOUNT_ROLES


def test_the_command_list_is_designs() -> None:
    """DESIGN.md §4's commands, §6's so far (extract, formats, review, users), flags' two
    actions and synth; nothing lost in the move."""
    commands = ["init", "validate", "import", "add", "list", "revise", "retract", "history"]
    commands += ["series", "flags", "export", "serve", "synth", "extract", "formats"]
    commands += ["review", "users", "sources", "episodes", "areas"]
    commands += ["backup", "restore", "db"]
    assert set(PATHS) == {
        *[(c,) for c in commands],
        ("flags", "explain"),
        ("flags", "recompute"),
        ("db", "grant-readonly"),
        *[("review", a) for a in ("list", "accept", "reject", "send-back", "resubmit", "withdraw")],
        *[("users", a) for a in ("add", "list", "disable")],
        *[
            (r, a)
            for r in ("sources", "episodes", "areas")
            for a in ("add", "list", "edit", "changes")
        ],
    }


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_every_option_has_help_naming_its_values(path: tuple[str, ...]) -> None:
    for action in options(_parser(path)):
        name = "/".join(action.option_strings) or action.dest
        assert action.help and action.help != argparse.SUPPRESS, f"{path} {name}: no help"
        for choice in action.choices or ():
            assert str(choice) in action.help, f"{path} {name}: help does not name {choice!r}"


@pytest.mark.parametrize(
    ("path", "option", "file"),
    [
        (("flags",), "--rule", "rules.csv"),
        (("add",), "--qualifier", "qualifiers.csv"),
        (("add",), "--measure", "measures.csv"),
        (("add",), "--unit", "units.csv"),
    ],
)
def test_closed_vocabularies_are_spelt_out(path: tuple[str, ...], option: str, file: str) -> None:
    """Short vocabularies are listed in the help; it names the file they come from."""
    action = next(a for a in options(_parser(path)) if option in a.option_strings)
    assert f"data/vocabularies/{file}" in action.help
    for value in _ids(file):
        assert value in action.help, f"{option}: {value!r} missing from its help"


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_every_command_runs_a_function_that_exists(path: tuple[str, ...]) -> None:
    """The lazily named run functions ("module:function") resolve: no typo waits for a user."""
    run = _parser(path).get_default("run")
    assert callable(run)
    target = run.__qualname__
    if ":" in target:
        module, _, name = target.partition(":")
        assert callable(getattr(importlib.import_module(module), name)), target


def test_the_global_options_and_filters_keep_their_names() -> None:
    args = full_parser().parse_args(
        ["--db", "sqlite:///x.db", "list", "--metric", "killed", "--from", "2018-06-01"]
    )
    assert (args.db, args.metric, args.date_from, args.date_to, args.limit) == (
        "sqlite:///x.db",
        "killed",
        "2018-06-01",
        None,
        200,
    )
    export = full_parser().parse_args(["export", "--file", "flags", "--lang", "ar", "-o", "f.csv"])
    assert (export.file, export.lang, export.output, export.format) == (
        "flags",
        "ar",
        Path("f.csv"),
        "csv",
    )
