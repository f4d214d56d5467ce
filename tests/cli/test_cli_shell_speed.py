"""The shell's commands on one figure stay light (issue #17): what they load and what they
print about the series they move."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli import main

ROOT = Path(__file__).resolve().parents[2]

# `tracker add` in a fresh interpreter, then which of these modules it loaded, and whether a
# password was hashed on the way (none is: no account logs in from the shell).
SCRIPT = """
import contextlib, io, json, sys
from tracker.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
from tracker.service import accounts
watched = ("hypothesis", "plotly", "dash", "flask", "sqlalchemy.orm")
print(json.dumps({
    "code": code,
    "loaded": sorted(m for m in watched if m in sys.modules),
    "hashed": accounts._dummy_hash.cache_info().currsize,
}))
"""


def python(script: str, *words: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``script`` in a fresh interpreter that imports this checkout, with ``words`` as its
    arguments; its output as text."""
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = dict(os.environ, PYTHONPATH=path)
    return subprocess.run(
        [sys.executable, "-c", script, *words],
        cwd=ROOT, env=env, capture_output=True, text=True, check=check,
    )  # fmt: skip


def test_add_loads_no_test_library_dashboard_or_orm_and_hashes_no_password(db: str) -> None:
    words = ["add", "--metric", "killed", "--value", "40",
             "--source", "sohr", "--location", "SY12", "--reported-on", "2018-06-30"]  # fmt: skip
    done = python(SCRIPT, *words)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"code": 0, "loaded": [], "hashed": 0}


def test_hypothesis_still_imports_after_a_command_hid_it_from_pandera(db: str) -> None:
    script = (
        "import sys, contextlib, io\n"
        "from tracker.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['history', 'R060'])\n"
        "import hypothesis\n"
        "print('pandera' in sys.modules, hypothesis.__name__)\n"
    )
    done = python(script)
    assert done.stdout.split() == ["True", "hypothesis"]


def test_revising_a_stock_prints_the_headline_it_moves(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stock's series has no window start; its headline move is said like a flow's."""
    assert main(["revise", "R084", "--set", "value=170000", "--why", "misread"]) == 0
    out = capsys.readouterr().out
    assert "headline Internally displaced people, All people, Quneitra (governorate) (SY14)" in out
    assert "160,000 → about 170,000" in out


def test_plugins_are_looked_for_only_when_no_library_command_is_named(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tracker.cli

    looked: list[int] = []
    real = tracker.cli.register_plugins
    monkeypatch.setattr(tracker.cli, "register_plugins", lambda c: looked.append(1) or real(c))
    assert main(["--db", db, "history", "R084"]) == 0
    assert main(["history", "R084"]) == 0
    assert looked == []
    with pytest.raises(SystemExit):
        main(["--help"])
    assert looked == [1] and "serve" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["serve", "--help"])  # a plug-in's command is found
    assert looked == [1, 1] and "--port" in capsys.readouterr().out


def test_the_process_imports_with_the_collector_off_and_works_with_it_on(db: str) -> None:
    """`python -m tracker add` (tracker is the process): the objects of the imports are frozen,
    the collector is on again for the command, the figure is stored and the output the same
    as through main() with words."""
    script = (
        "import gc, runpy, sys\n"
        "sys.argv = ['tracker', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('tracker', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    print('exit', done.code, gc.isenabled(), gc.get_freeze_count() > 100_000)\n"
    )
    words = ["add", "--figure-id", "gc-1", "--metric", "killed", "--value", "40",
             "--source", "sohr", "--location", "SY12", "--reported-on", "2018-06-30"]  # fmt: skip
    done = python(script, *words, check=False)
    lines = done.stdout.strip().splitlines()
    assert lines[0] == "stored figure gc-1"
    assert lines[-1] == "exit 0 True True"
    assert main(["history", "gc-1"]) == 0


def test_main_with_words_leaves_the_collector_alone(db: str) -> None:
    """A caller's own process (the tests, a script) is not frozen by a command it runs."""
    import gc

    frozen = gc.get_freeze_count()
    assert main(["history", "R084"]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen
