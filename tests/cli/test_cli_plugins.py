"""Commands from other packages: the "tracker.commands" entry points, and `serve` among them."""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any

import pytest

from tests.cli.parsers import full_parser, subcommands
from tracker.cli import build_parser, main, plugins

ROOT = Path(__file__).resolve().parents[2]
CALLS: list[str] = []


def register_hello(commands: Any) -> None:
    """A plug-in, as another distribution would write it."""
    p = commands.add_parser("hello", help="say hello")
    p.add_argument("--name", default="world", help="who to greet (any text)")
    p.set_defaults(run=lambda args: CALLS.append(args.name) or 0)


def _points(*pairs: tuple[str, str]) -> list[EntryPoint]:
    return [EntryPoint(name, value, plugins.GROUP) for name, value in pairs]


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Pretend these entry points are installed: ``installed(("hello", "module:function"))``."""

    def install(*pairs: tuple[str, str]) -> None:
        found = _points(*pairs)
        monkeypatch.setattr(
            plugins, "entry_points", lambda group: [p for p in found if p.group == group]
        )

    return install


def test_a_plugin_adds_a_command_that_runs(installed: Any, capsys) -> None:
    installed(("hello", f"{__name__}:register_hello"))
    CALLS.clear()
    assert main(["hello", "--name", "Dar'a"]) == 0
    assert CALLS == ["Dar'a"]
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "hello" in capsys.readouterr().out


def test_a_broken_plugin_is_reported_and_the_rest_still_works(installed: Any, capsys) -> None:
    installed(
        ("broken", "tracker.cli.no_such_module:register"), ("hello", f"{__name__}:register_hello")
    )
    assert set(subcommands(build_parser())) >= {"init", "export", "hello"}
    assert "broken" not in subcommands(build_parser())
    err = capsys.readouterr().err
    assert "command plug-in 'broken' (tracker.cli.no_such_module:register) not loaded" in err


def test_one_plugin_per_name_and_in_name_order(installed: Any) -> None:
    installed(
        ("zeta", f"{__name__}:register_hello"),
        ("alpha", f"{__name__}:register_hello"),
        ("alpha", "tracker.cli.no_such_module:register"),
    )
    assert [p.name for p in plugins.plugin_entry_points()] == ["alpha", "zeta"]
    assert plugins.plugin_entry_points()[0].value == f"{__name__}:register_hello"


def test_no_plugins_leaves_the_library_commands(installed: Any) -> None:
    installed()
    assert "serve" not in subcommands(build_parser())
    assert "export" in subcommands(build_parser())


def test_pyproject_declares_serve_and_it_resolves() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    value = project["entry-points"][plugins.GROUP]["serve"]
    module, _, name = value.partition(":")
    from dashboards.cli import register

    assert getattr(importlib.import_module(module), name) is register


def test_serve_keeps_its_options_and_runs_the_app(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import dashboards.app
    import tracker.cli.common

    served: dict[str, Any] = {}

    class App:
        def run(self, **kwargs: Any) -> None:
            served.update(kwargs)

    monkeypatch.setattr(tracker.cli.common, "open_store", lambda args: ("store", args.db))
    monkeypatch.setattr(
        dashboards.app, "create_app", lambda store: served.update(store=store) or App()
    )
    args = full_parser().parse_args(["--db", "sqlite:///x.db", "serve", "--port", "8123"])
    assert args.run(args) == 0
    assert served == {
        "store": ("store", "sqlite:///x.db"),
        "host": "127.0.0.1",
        "port": 8123,
        "debug": False,
    }
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out


def _installed_serve() -> bool:
    return any(p.name == "serve" for p in entry_points(group=plugins.GROUP))


@pytest.mark.skipif(
    not _installed_serve(),
    reason="the installed metadata predates the entry point: pip install -e .",
)
def test_the_installed_tracker_lists_serve() -> None:
    """As a user runs it: the console script, the installed entry points, a fresh process."""
    tracker = Path(sys.executable).with_name("tracker")
    listed = subprocess.run([tracker, "--help"], capture_output=True, text=True, check=True).stdout
    assert "serve" in listed
    serve = subprocess.run([tracker, "serve", "--help"], capture_output=True, text=True, check=True)
    for option in ("--host", "--port", "--debug"):
        assert option in serve.stdout
    assert not serve.stderr


def test_serve_help(capsys) -> None:
    parser = full_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["serve", "--help"])
    out = capsys.readouterr().out
    assert all(option in out for option in ("--host", "--port", "--debug"))
