"""Every word the workspace shows is a row of the files in data/workspace/ (data/README.md), in
English and Arabic: each key the code and the templates ask for is in the file the page reads,
each row of the files is asked for somewhere, and both languages fill the same placeholders (the
last also for the public pages' data/dashboard/words.csv).

The keys are read from the source: a literal key, a key a helper is called with, a key chosen
between literals (``"saved" if changed else "unchanged"``). A key computed from data (a status,
a registry field) is one of :data:`DYNAMIC`, whose values come from the code that makes them; a
new computed key fails here until it is listed.
"""

from __future__ import annotations

import ast
import csv
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboards.i18n import DASHBOARD_WORDS, PLURAL_FORMS, read_words, words_table
from dashboards.workspace import registry, triage, words
from tracker.domain.registry import FIELDS
from tracker.domain.roles import PROPOSED, RETURNED, REVIEW_STATES, Role
from tracker.publish.fields import derived_fields

WORKSPACE = Path(words.__file__).parent
TEMPLATES = WORKSPACE / "templates" / "workspace"
KINDS = registry.REGISTRIES
FIGURE_STATUSES = next(f for f in derived_fields() if f.name == "status").enum or ()
#: what accepting a proposal changes (tracker.service.review.Preview.change)
CHANGES = ("new", "revision", "retraction")
#: (where, the expression a key is computed from) → (page, the keys it can be). Page None is
#: the shared words.csv.
DYNAMIC: dict[tuple[str, str], tuple[str | None, tuple[str, ...]]] = {
    ("base.html", "'role_' ~ actor.role.value"): (None, tuple(f"role_{r}" for r in Role)),
    ("registry.py", "kind"): (None, KINDS),
    ("registry.html", "kind"): (None, KINDS),
    ("registry.html", "'registry_intro_' ~ kind"): (
        None,
        tuple(f"registry_intro_{k}" for k in KINDS),
    ),
    ("registry.html", "'add_' ~ kind[:-1]"): (None, tuple(f"add_{k[:-1]}" for k in KINDS)),
    ("registry.html", "'edit_' ~ kind[:-1], id=editing"): (
        None,
        tuple(f"edit_{k[:-1]}" for k in KINDS),
    ),
    ("registry.html", "'field_' ~ field"): (
        None,
        tuple(f"field_{field}" for kind in KINDS for field in FIELDS[kind]),
    ),
    ("flags.html", "s"): (None, triage.STATES),
    ("flags.html", "f.status"): (None, tuple(s for s in triage.STATES if s != "all")),
    ("figure_page.py", "state"): ("figure", (PROPOSED, RETURNED)),
    ("figure.html", "r.review_status"): ("figure", REVIEW_STATES),
    ("figure.html", "r.status"): ("figure", tuple(FIGURE_STATUSES)),
    ("review.html", "'change_' ~ p.change"): ("figure", tuple(f"change_{c}" for c in CHANGES)),
}
TEMPLATE_CALL = re.compile(r"\b(t|figure_t|send_back_t)\(([^()]*(?:\([^()]*\))?[^()]*)\)")
LITERAL = re.compile(r"""^\s*(['"])([a-z0-9_]+)\1\s*(,|$)""")
FIELD_NAMES = string.Formatter()


# -- reading the keys the code asks for ---------------------------------------------------------


def _translators(tree: ast.Module) -> dict[str, str | None]:
    """The module's names that look a word up, with the page whose file they read."""
    names: dict[str, str | None] = {"t": None, "_page_t": None}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", "") == "page_words"
        ):
            page = node.value.args[0].value  # type: ignore[attr-defined]
            for target in node.targets:
                names[target.id] = page  # type: ignore[attr-defined]
    if "t" in names and names["t"] is not None:
        names["_page_t"] = names["t"]
    return names


def _strings(expr: ast.expr) -> set[str] | None:
    """The keys an expression of literals can be; None when it is computed from data."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        body, orelse = _strings(expr.body), _strings(expr.orelse)
        return None if body is None or orelse is None else body | orelse
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr == "get"
        and isinstance(expr.func.value, ast.Dict)
    ):
        options = [*expr.func.value.values, *expr.args[1:]]
        found = [_strings(v) for v in options if v is not None]
        return None if any(f is None for f in found) else set().union(*found)  # type: ignore[arg-type]
    return None


class _Module:
    """The keys one module of the workspace asks for, resolved through its own helpers."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.translators = _translators(self.tree)
        self.parents = {
            child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)
        }

    def _function(self, node: ast.AST) -> ast.FunctionDef | ast.Lambda | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef | ast.Lambda):
                return node
        return None

    def _resolve(self, expr: ast.expr, depth: int = 0) -> set[str] | None:
        found = _strings(expr)
        if found is not None or not isinstance(expr, ast.Name) or depth > 3:
            return found
        function = self._function(expr)
        if function is None:
            return None
        params = [a.arg for a in function.args.args]
        if expr.id in params and isinstance(function, ast.FunctionDef):
            return self._from_callers(function.name, params.index(expr.id), expr.id, depth)
        values = [
            node.value
            for node in ast.walk(function)
            if isinstance(node, ast.Assign)
            and any(getattr(target, "id", None) == expr.id for target in node.targets)
        ]
        resolved = [self._resolve(v, depth + 1) for v in values]
        if not resolved or any(r is None for r in resolved):
            return None
        return set().union(*resolved)  # type: ignore[arg-type]

    def _from_callers(self, function: str, index: int, name: str, depth: int) -> set[str] | None:
        """The keys a helper's parameter receives from every call of the helper."""
        out: set[str] = set()
        for call in ast.walk(self.tree):
            if not (isinstance(call, ast.Call) and getattr(call.func, "id", None) == function):
                continue
            given = [k.value for k in call.keywords if k.arg == name]
            given += call.args[index : index + 1]
            for arg in given:
                keys = self._resolve(arg, depth + 1)
                if keys is None:
                    return None
                out |= keys
        return out or None

    def lookups(self) -> Iterator[tuple[str | None, set[str] | None, str]]:
        """(page, keys or None, the key's expression) of every word the module looks up."""
        for call in ast.walk(self.tree):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
                continue
            if call.func.id not in self.translators or not call.args:
                continue
            arg = call.args[0]
            function = self._function(call)
            passthrough = (
                isinstance(arg, ast.Name)
                and function is not None
                and arg.id in [a.arg for a in function.args.args]
                and (isinstance(function, ast.Lambda) or function.name in self.translators)
            )
            if not passthrough:
                yield self.translators[call.func.id], self._resolve(arg), ast.unparse(arg)

    def rendered(self) -> Iterator[tuple[str, str | None]]:
        """(template, page) of every template the module renders: a ``t=`` given is the
        module's page translator, else the shared one."""
        for call in ast.walk(self.tree):
            if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "render_template":
                name = call.args[0].value.split("/")[-1]  # type: ignore[attr-defined]
                own_t = any(k.arg == "t" for k in call.keywords)
                yield name, self.translators["t"] if own_t else None


def _modules() -> list[_Module]:
    return [_Module(p) for p in sorted(WORKSPACE.glob("*.py")) if p.name != "words.py"]


def _template_pages() -> dict[str, set[str | None]]:
    """The pages whose translator each template is rendered with (through extends/include)."""
    pages: dict[str, set[str | None]] = {p.name: set() for p in TEMPLATES.glob("*.html")}
    for module in _modules():
        for name, page in module.rendered():
            pages[name].add(page)
    parents = {
        p.name: re.findall(r'{%\s*(?:extends|include)\s*"workspace/([^"]+)"', p.read_text())
        for p in TEMPLATES.glob("*.html")
    }
    changed = True
    while changed:
        changed = False
        for child, used in parents.items():
            for parent in used:
                if not pages[child] <= pages[parent]:
                    pages[parent] |= pages[child]
                    changed = True
    return pages


def _lookups() -> list[tuple[str, str | None, str]]:
    """(where, page, key) of every word the workspace can look up."""
    out: list[tuple[str, str | None, str]] = []
    computed: list[tuple[str, str]] = []
    for module in _modules():
        for page, keys, expr in module.lookups():
            if keys is None:
                computed.append((module.name, expr))
            else:
                out += [(module.name, page, k) for k in sorted(keys)]
    pages = _template_pages()
    for path in sorted(TEMPLATES.glob("*.html")):
        for function, args in TEMPLATE_CALL.findall(path.read_text(encoding="utf-8")):
            own = {"figure_t": {"figure"}, "send_back_t": {"sendback"}}.get(function)
            literal = LITERAL.match(args)
            if literal is None:
                computed.append((path.name, args.strip()))
                continue
            for page in own or pages[path.name] or {None}:
                out.append((path.name, page, literal.group(2)))
    for where, expr in computed:
        assert (where, expr) in DYNAMIC, (
            f"{where}: a key computed from {expr!r}: list it in DYNAMIC"
        )
        page, keys = DYNAMIC[where, expr]
        out += [(where, page, k) for k in keys]
    return out


LOOKUPS = _lookups()


# -- the files ------------------------------------------------------------------------------------


def _files() -> dict[str | None, Path]:
    return {
        None: words.WORDS_DIR / "words.csv",
        **{page: words.WORDS_DIR / f"{page}_words.csv" for page in words.PAGES},
    }


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in FIELD_NAMES.parse(text) if name is not None}


#: Every file of words: the public pages' and the workspace's (one reader, one convention).
WORD_FILES = [DASHBOARD_WORDS, *_files().values()]


@pytest.mark.parametrize("path", WORD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_words_file_has_key_en_ar_and_no_key_twice(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == "key,en,ar"
    keys = [row["key"] for row in _rows(path)]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert read_words(path) == words_table(_rows(path))


@pytest.mark.parametrize("path", WORD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_word_is_in_english_and_arabic_with_the_same_placeholders(path: Path) -> None:
    for key, entry in words_table(_rows(path)).items():
        en, ar = entry.get("en"), entry.get("ar")
        assert en and ar, f"{key}: empty in {'English' if not en else 'Arabic'}"
        if isinstance(en, str):
            assert isinstance(ar, str), f"{key}: plural forms in Arabic only"
            assert _placeholders(en) == _placeholders(ar), (key, en, ar)
            continue
        assert isinstance(ar, dict), f"{key}: plural forms in English only"
        assert set(en) == {"one", "other"}, key
        # zero may fall back to other (a page that says "no figure" in a word of its own)
        assert set(PLURAL_FORMS) - {"zero"} <= set(ar), key
        named = [set().union(*map(_placeholders, forms.values())) for forms in (en, ar)]
        assert "n" in named[0] and named[0] == named[1], (key, named)


@pytest.mark.parametrize(("where", "page", "key"), LOOKUPS, ids=lambda v: str(v))
def test_every_key_the_workspace_asks_for_is_in_the_file_its_page_reads(where, page, key):
    entry = words.table(page).get(key)
    files = sorted({_files()[page].name, "words.csv"})
    assert entry, f"{where}: {key!r} is in no file the page reads ({', '.join(files)})"
    assert entry.get("en") and entry.get("ar"), f"{where}: {key!r} lacks a language"


@pytest.mark.parametrize("page", [None, *words.PAGES], ids=["shared", *words.PAGES])
def test_every_key_of_a_file_is_asked_for(page: str | None) -> None:
    own = set(words.table(page)) if page is None else set(words_table(_rows(_files()[page])))
    asked = {
        key
        for _, asked_on, key in LOOKUPS
        if asked_on == page or (page is None and key not in words_table(_rows(_files()[asked_on])))
    }
    assert own - asked == set(), f"{_files()[page].name}: keys no page asks for"


def test_the_checks_can_fail() -> None:
    """The scanner does find the keys: a literal, a helper's, a choice between literals."""
    found = {(where, page, key) for where, page, key in LOOKUPS}
    assert ("queue.py", None, "accepted") in found  # decided("accepted", ...)
    assert ("registry.py", None, "unchanged") in found  # "saved" if changed else "unchanged"
    assert ("__init__.py", None, "forbidden") in found  # {403: "forbidden"}.get(status, ...)
    assert ("figure.html", "figure", "propose_revision") in found
    assert ("base.html", "sendback", "returned") in found  # send_back_t('returned')
