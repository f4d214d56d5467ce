"""`tracker --help` and `tracker COMMAND --help` start fast: no heavy library is imported.

Each check runs in a fresh interpreter, since this test process has long imported them all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.cli.parsers import full_parser, walk

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "pandas",
    "pandera",
    "numpy",
    "sqlalchemy",
    "pyarrow",
    "dash",
    "plotly",
    "flask",
    "psycopg",
)

# For each command path: `tracker PATH --help` through main() (plug-ins discovered as
# installed), or through the full parser when the installed metadata lacks a plug-in; then
# which heavy packages are loaded. Prints {"path": [packages]} as JSON.
SCRIPT = """
import contextlib, io, json, sys
from tracker.cli import build_parser, main
from tests.cli.parsers import full_parser, walk

HEAVY = set(sys.argv[1].split(","))
installed = {path for path, _ in walk(build_parser())}
loaded = {}
for path in [()] + [tuple(p.split()) for p in sys.argv[2:]]:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        if path in installed or not path:
            main([*path, "--help"])
        else:
            full_parser().parse_args([*path, "--help"])
    loaded[" ".join(path)] = sorted({m.split(".")[0] for m in sys.modules} & HEAVY)
print(json.dumps(loaded))
"""


def _loaded_after_help(paths: list[str], watched: tuple[str, ...] = HEAVY) -> dict[str, list[str]]:
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, ",".join(watched), *paths],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_help_of_every_command_imports_no_heavy_library() -> None:
    paths = [" ".join(path) for path, _ in walk(full_parser())]
    loaded = _loaded_after_help(paths)
    assert set(loaded) == {"", *paths}
    first: dict[str, str] = {}
    for path, modules in loaded.items():
        for module in modules:
            first.setdefault(module, f"tracker {path} --help".replace("  ", " "))
    assert not first, f"heavy imports at start (package: first command that loads it): {first}"


def test_the_check_sees_what_is_imported() -> None:
    """A check that cannot fail proves nothing: it does report what `--help` imports."""
    loaded = _loaded_after_help(["history"], watched=("argparse", "numpy"))
    assert loaded == {"": ["argparse"], "history": ["argparse"]}
