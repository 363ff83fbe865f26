"""The engine boundary: the generator hands any engine a finished folder through public
formats, and the few private parts of MkDocs and Material it uses for speed sit in one
adapter module (generator/mkdocs_adapter.py), checked against the installed releases."""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect

from tests.support import REPO

ADAPTER = "generator/mkdocs_adapter.py"
ENGINES = ("mkdocs", "material")
PATCHED = frozenset(
    {
        "get_env",
        "list_templates",
        "bytecode_cache",
        "render",
        "add_entry_from_context",
        "present_anchor_ids",
        "entries",
    }
)
"""MkDocs', Material's and their Jinja environment's attributes the adapter replaces or reads
past their public API; named in a module that imports an engine, each is such a use."""


def private_uses(source: str) -> list[tuple[int, str]]:
    """Where `source` uses a private name of MkDocs or Material, or one of the parts the
    adapter patches: (line, name) for each.

    A private name is imported (`from mkdocs.livereload import _Handler`), read or written
    on an object (`page._title_from_render`), reached through `self` or `super()` in a class
    built on an engine's class (`self._epoch_cond`, an override of `_serve_request`); a patch
    names one of PATCHED on anything but `self` in a module that imports an engine."""
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    engine_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            if (node.module or "").split(".")[0] in ENGINES:
                engine_names |= {a.asname or a.name for a in node.names}
                found += [(node.lineno, a.name) for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ENGINES:
                    engine_names.add((alias.asname or alias.name).split(".")[0])
    if not engine_names:
        return found
    engine_classes = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(isinstance(b, ast.Name) and b.id in engine_names for b in node.bases)
    ]
    own = {
        target.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == "self"
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        private = node.attr.startswith("_") and not node.attr.startswith("__")
        through_self = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
        through_super = isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == (
            "super"
        )
        if private and (not through_self or node.attr not in own):
            if not through_self or any(_inside(node, c) for c in engine_classes):
                found.append((node.lineno, node.attr))
        elif private and through_super:
            found.append((node.lineno, node.attr))
        elif node.attr in PATCHED and not through_self:
            found.append((node.lineno, node.attr))
    for cls in engine_classes:
        for item in cls.body:
            if isinstance(item, ast.FunctionDef) and item.name.startswith("_"):
                if not item.name.startswith("__"):
                    found.append((item.lineno, item.name))
    return sorted(set(found))


def _inside(node: ast.AST, cls: ast.ClassDef) -> bool:
    return any(child is node for child in ast.walk(cls))


def test_no_module_but_the_adapter_uses_a_private_part_of_mkdocs_or_material():
    uses = {
        path.relative_to(REPO).as_posix(): found
        for path in sorted((REPO / "generator").rglob("*.py"))
        if path.relative_to(REPO).as_posix() != ADAPTER
        if (found := private_uses(path.read_text(encoding="utf-8")))
    }
    assert uses == {}


def test_the_check_finds_each_kind_of_private_use():
    # The engine module before the boundary: MkDocs' live-reload server, subclassed.
    source = """
from mkdocs.livereload import LiveReloadServer, _Handler
from mkdocs.plugins import BasePlugin

class LiveServer(LiveReloadServer):
    def _serve_request(self, environ, start_response):
        return super()._serve_request(environ, start_response)

    def error(self):
        with self._epoch_cond:
            return self._visible_epoch

class Cache(BasePlugin):
    def __init__(self):
        self._mine = 1

    def on_pre_page(self, page, *, config, files):
        page.render = self.wrap(page.render)
        page._title_from_render = self._mine
        return page

def attach(theme):
    theme.get_env = lambda: None
"""
    assert [name for _, name in private_uses(source)] == [
        "_Handler",
        "_serve_request",
        "_serve_request",
        "_epoch_cond",
        "_visible_epoch",
        "render",
        "_title_from_render",
        "get_env",
    ]
    # A module that imports no engine may keep private names of its own.
    assert private_uses("class A:\n    def f(self, other):\n        return other._x\n") == []


def test_the_adapter_is_the_only_module_besides_engine_py_that_imports_mkdocs():
    """MkDocs is one engine among others (Zensical builds the same folder)."""
    importers = set()
    for path in sorted((REPO / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            if any(name == "mkdocs" or name.startswith("mkdocs.") for name in names):
                importers.add(path.relative_to(REPO).as_posix())
    assert importers == {"generator/engine.py", ADAPTER}


CHECKED_SOURCES = {
    "mkdocs.structure.pages.Page": "ae931065b3b4d56e",
    "mkdocs.theme.Theme.get_env": "9c26120fb96f9204",
    "material.plugins.search.plugin.SearchIndex": "a896d1092362a5a1",
    "material.plugins.search.plugin.SearchPlugin.on_page_context": "33eb62fd1688be4d",
}
"""The source of each MkDocs and Material part the adapter reaches into (mkdocs 1.6.1,
mkdocs-material 9.8.2), hashed. A release that changes any of them fails here: read the new
source against mkdocs_adapter.py (PRIVATE_PARTS says what it relies on), then update the
hash."""


def test_the_adapter_was_checked_against_the_installed_mkdocs_and_material():
    changed = {}
    for dotted, expected in CHECKED_SOURCES.items():
        module_name, _, rest = dotted.partition(".")
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            for name in parts[cut:]:
                obj = getattr(obj, name)
            break
        digest = hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()[:16]
        if digest != expected:
            changed[dotted] = digest
    assert changed == {}, "MkDocs or Material changed a part mkdocs_adapter.py relies on"


def test_the_adapter_names_every_private_part_it_uses():
    from generator.mkdocs_adapter import PRIVATE_PARTS

    source = (REPO / ADAPTER).read_text(encoding="utf-8")
    its_own = {n.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef)}
    used = {name for _, name in private_uses(source)} - its_own
    named = {dotted.rsplit(".", 1)[1] for dotted in PRIVATE_PARTS}
    assert used - named == set()
