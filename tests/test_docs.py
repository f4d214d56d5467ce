"""The README and docs/ name every command, download URL and query parameter, and every
repository path they cite exists (as datasette's documentation tests do).

The lists come from the code, so a command, route or parameter added without its docs, or a
module moved without its docs, fails here with its name.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from flask import Flask

from tests.cli.parsers import full_parser, walk

ROOT = Path(__file__).resolve().parents[1]
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TEXT = "\n".join(p.read_text(encoding="utf-8") for p in DOC_FILES)
CODE_SPANS = re.findall(r"`([^`\n]+)`", TEXT)
CODE_BLOCKS = re.findall(r"```[a-z]*\n(.*?)```", TEXT, flags=re.S)
# Paths under these prefixes name files of the repository; tests/artifacts/ is made by a test.
REPO_PREFIXES = ("tracker/", "dashboards/", "tests/", "data/", "docs/", "bench/", "scripts/")
GENERATED = ("tests/artifacts/",)
# Dotted names in code spans are modules or module attributes, except these.
NOT_MODULES = {"tracker.commands": "the entry-point group", "tracker.db": "the SQLite file"}


def _commands() -> list[str]:
    return [" ".join(path) for path, _ in walk(full_parser())]


def _routes() -> list[str]:
    """The URLs of the download blueprint, with /download/<name> expanded to every file."""
    from dashboards.downloads import register_downloads
    from tracker.publish import known_names

    server = Flask(__name__)
    register_downloads(server, None)  # the store is only used when a route answers
    rules = [r.rule for r in server.url_map.iter_rules() if r.endpoint != "static"]
    assert "/healthz" in rules and "/download/<name>" in rules, rules
    expanded = [f"/download/{name}" for name in known_names()]
    return sorted({*[r for r in rules if "<" not in r], *expanded})


def _parameters() -> list[str]:
    from tracker.publish import PARAMETERS
    from tracker.publish.options import PARAMETERS as ACCEPTED

    return sorted({*ACCEPTED, *(p.name for p in PARAMETERS)})


def _mentioned_command(command: str) -> bool:
    return re.search(rf"\btracker {re.escape(command)}\b", TEXT) is not None


def _code_tokens() -> set[str]:
    return {t for span in [*CODE_SPANS, *CODE_BLOCKS] for t in re.findall(r"[\w.-]+", span)}


def test_the_docs_are_found() -> None:
    assert len(DOC_FILES) >= 4 and "tracker init" in TEXT


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_documented(command: str) -> None:
    assert _mentioned_command(command), f"`tracker {command}` is in no doc: README.md or docs/*.md"


@pytest.mark.parametrize("route", _routes())
def test_every_download_route_is_documented(route: str) -> None:
    assert route in TEXT, f"{route} is in no doc: README.md or docs/*.md"


@pytest.mark.parametrize("parameter", _parameters())
def test_every_query_parameter_is_documented(parameter: str) -> None:
    assert parameter in _code_tokens(), (
        f"query parameter {parameter!r} is in no code span of README.md or docs/*.md"
    )


def _cited_paths() -> list[str]:
    cited = set()
    for span in CODE_SPANS:
        for word in span.split():
            path = word.strip("(),;:.").split("::")[0]
            if path.startswith(REPO_PREFIXES) and not path.startswith(GENERATED):
                cited.add(path)
    return sorted(cited)


@pytest.mark.parametrize("path", _cited_paths())
def test_every_cited_path_exists(path: str) -> None:
    found = list(ROOT.glob(path)) if "*" in path else [ROOT / path]
    assert found and all(p.exists() for p in found), f"{path} is cited in the docs but missing"


def _cited_names() -> list[str]:
    names = {
        m
        for span in CODE_SPANS
        for m in re.findall(r"^(?:tracker|dashboards)\.[\w.]+$", span.strip())
        if m not in NOT_MODULES
    }
    return sorted(names)


def _resolves(dotted: str) -> bool:
    """A module, or an attribute of one (``tracker.domain.settings.Settings``)."""
    module, attributes = dotted, []
    while module:
        try:
            found = importlib.import_module(module)
        except ImportError:
            module, _, last = module.rpartition(".")
            attributes.insert(0, last)
            continue
        try:
            for attribute in attributes:
                found = getattr(found, attribute)
        except AttributeError:
            return False
        return True
    return False


@pytest.mark.parametrize("name", _cited_names())
def test_every_cited_module_exists(name: str) -> None:
    assert _resolves(name), f"{name} is cited in the docs but cannot be imported"


def test_the_checks_can_fail() -> None:
    """What the checks would catch is really caught: a made-up command, route, name, module."""
    assert not _mentioned_command("teleport")
    assert "/download/nothing.csv" not in TEXT
    assert "no_such_parameter" not in _code_tokens()
    assert not _resolves("tracker.flags.text")
    assert not _resolves("tracker.domain.settings.NoSuchSettings")
    assert _resolves("tracker.domain.settings")


def test_the_readme_says_what_a_newcomer_tripped_on() -> None:
    """Where the shell's database is, how to move `make run`, the rejects file's real name,
    that entered_by is published, the episode filter and the workbooks of the downloads."""
    from tracker.service.importer import rejects_path

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'export TRACKER_DB="sqlite:///$PWD/var/tracker.db"' in readme
    assert "make run PORT=8060" in readme
    named = rejects_path(Path("~/reports/june.csv")).name
    assert f"`~/reports/{named}`" in readme and "NAME.rejects.csv" in readme
    assert "is published" in readme and "entered_by" in readme
    assert "episode=daraa-2018" in readme and "/download/figures.xlsx" in readme


def test_the_readme_walks_from_set_up_to_a_first_reviewed_figure() -> None:
    """Near the top: two users on the database `make run` serves, the article page, the
    review queue, the dashboard and the download, in that order; and the password as the
    command reads it (asked twice at a terminal, else the first line of standard input)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## From set-up to your first reviewed figure")
    assert start < readme.index("## Where the data lives")
    walk = readme[start : readme.index("## Where the data lives")]
    steps = [
        "make run",
        'export TRACKER_DB="sqlite:///$PWD/var/tracker.db"',
        "tracker users add layla --role analyst",
        "tracker users add omar --role reviewer",
        "/workspace/article",
        "/workspace/review",
        "/figures",
        "/download/figures.csv",
    ]
    where = [walk.index(step) for step in steps]
    assert where == sorted(where)
    assert "asks the password twice" in walk and "first line of standard input" in walk
    assert "password read from standard input" not in readme


def test_make_run_passes_host_and_port_to_tracker_serve() -> None:
    import shutil
    import subprocess

    if shutil.which("make") is None:
        pytest.skip("no make")
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("HOST", "PORT")}
    words = ["make", "-s", "-n", "-C", str(ROOT), "run", "HOST=0.0.0.0", "PORT=8060"]
    plan = subprocess.run(words, capture_output=True, text=True, check=True, env=env).stdout
    assert "tracker serve --host 0.0.0.0 --port 8060" in plan
    default = subprocess.run(words[:-2], capture_output=True, text=True, check=True, env=env).stdout
    assert "tracker serve --host 127.0.0.1 --port 8050" in default
