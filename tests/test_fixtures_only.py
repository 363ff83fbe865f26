"""Generator tests run on the fixture sheets (tests/fixtures/) only: an edit to the war sheet
can never break one. The war sheet's own checks live in tests/sheet/, and the browser suite
(tests/browser/) drives the published sites, the war sheet's among them. Nothing in the suite
reads `../shared` (the seed article and research given with the task): what the war sheet's
checks need of it is kept in the repository (tests/sheet/verified_passages.yml).

Read from the tests' source, so it costs nothing to run: a test or fixture that asks for a
war-sheet fixture (directly, through `request.getfixturevalue`, or through other fixtures), a
copy of the war sheet, or its files by path is named with its line."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from tests.support import REPO

TESTS = REPO / "tests"
WAR_FIXTURES = frozenset({"sheet", "built", "built_zensical"})
"""The fixtures of tests/conftest.py that copy or build the war sheet."""
WAR_PARTS = frozenset({"content", "site_src", "mkdocs.yml"})
"""The war sheet's sources at the repository's root."""
MAY_USE_THE_WAR_SHEET = ("sheet", "browser")
"""The folders of tests/ whose tests check the war sheet (or its published site)."""
DEFINES_THEM = frozenset({"support.py", "conftest.py", "test_fixtures_only.py"})
"""tests/support.py and tests/conftest.py define the war-sheet helpers and fixtures; this
module names what it looks for."""


def _is_fixture(node: ast.FunctionDef) -> bool:
    return any("fixture" in ast.unparse(d) for d in node.decorator_list)


def _asked(node: ast.FunctionDef) -> set[str]:
    """The fixtures `node` asks for: its parameters and `request.getfixturevalue("...")`."""
    names = {a.arg for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]}
    for call in ast.walk(node):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "getfixturevalue"
        ):
            names |= {
                c.value
                for arg in call.args
                for c in ast.walk(arg)
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            }
    return names


def _functions(tree: ast.AST) -> list[ast.FunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]


def _fixtures(tree: ast.AST) -> dict[str, set[str]]:
    """{fixture name: the fixtures it asks for} of a module."""
    return {f.name: _asked(f) for f in _functions(tree) if _is_fixture(f)}


def _visible(module: Path, tree: ast.AST) -> list[tuple[Path, dict[str, set[str]]]]:
    """The fixtures a test in `module` (read as `tree`) sees, nearest first: its own, then
    each conftest.py from its folder up to tests/."""
    found = [(module, _fixtures(tree))]
    folder = module.parent
    while folder.is_relative_to(TESTS):
        conftest = folder / "conftest.py"
        if conftest.is_file() and conftest != module:
            found.append((conftest, _conftest_fixtures(conftest)))
        folder = folder.parent
    return found


@functools.cache
def _conftest_fixtures(conftest: Path) -> dict[str, set[str]]:
    """`_fixtures` of a conftest.py, parsed once: every test function of every module asks."""
    return _fixtures(ast.parse(conftest.read_text(encoding="utf-8")))


def _war_fixtures_reached(module: Path, tree: ast.AST, asked: set[str]) -> set[str]:
    """The war-sheet fixtures of tests/conftest.py that asking for `asked` in `module` runs."""
    visible = _visible(module, tree)
    reached: set[str] = set()
    seen: set[str] = set()
    todo = list(asked)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for where, fixtures in visible:
            if name in fixtures:
                if where == TESTS / "conftest.py" and name in WAR_FIXTURES:
                    reached.add(name)
                todo += fixtures[name]
                break
    return reached


def _reads_war_files(node: ast.AST) -> bool:
    """`copy_sheet(...)`, or `REPO / "content"` (or site_src, mkdocs.yml). A relative
    `Path("content/…")` is left alone: tests join it to a fixture's root."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "copy_sheet":
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        right = node.right
        if isinstance(node.left, ast.Name) and node.left.id in ("REPO", "ROOT"):
            part = right.value if isinstance(right, ast.Constant) else None
            return isinstance(part, str) and part.split("/")[0] in WAR_PARTS
    return False


def _names_shared(node: ast.AST) -> bool:
    """A path into `../shared`: the string 'shared' as a path part, or a path through it."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    return node.value == "shared" or any(
        s in node.value for s in ("../shared", "/shared/", "shared/seed", "shared/research")
    )


def war_sheet_uses(path: Path, source: str | None = None) -> list[str]:
    """Where the test module at `path` (its `source`, if given) uses the war sheet or
    `../shared`: 'file:line: what' for each."""
    shown = path.relative_to(REPO).as_posix()
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    prose = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}  # docstrings
    found = [
        f"{shown}:{n.lineno}: reads ../shared"
        for n in ast.walk(tree)
        if _names_shared(n) and id(n) not in prose and path.name != "test_fixtures_only.py"
    ]
    if path.relative_to(TESTS).parts[0] in MAY_USE_THE_WAR_SHEET or path.name in DEFINES_THEM:
        return found
    found += [
        f"{shown}:{n.lineno}: reads the war sheet's files"
        for n in ast.walk(tree)
        if _reads_war_files(n)
    ]
    for function in _functions(tree):
        if function.name.startswith("test") or _is_fixture(function):
            for name in sorted(_war_fixtures_reached(path, tree, _asked(function))):
                found.append(f"{shown}:{function.lineno}: {function.name} uses `{name}`")
    return found


def test_generator_tests_use_fixture_sheets_and_nothing_reads_shared() -> None:
    modules = sorted(TESTS.rglob("*.py"))
    assert len(modules) > 50
    assert [use for path in modules for use in war_sheet_uses(path)] == []


def test_the_check_finds_each_way_a_test_can_reach_the_war_sheet() -> None:
    module = TESTS / "test_example_of_what_is_refused.py"  # never written: read from text
    source = (
        "import pytest\n"
        "from tests.support import REPO, copy_sheet\n"
        "@pytest.fixture\n"
        "def mine(built):\n"
        "    return built\n"
        "def test_a(mine):\n"
        "    pass\n"
        "def test_b(request):\n"
        '    request.getfixturevalue("sheet" if True else "x")\n'
        "def test_c(tmp_path):\n"
        '    copy_sheet(tmp_path); (REPO / "content/figures.yml").read_text()\n'
        'SEED = REPO.parent / "shared"\n'
        "def test_d(rich, starter):\n"
        '    """Reads nothing from ../shared: prose may name it."""\n'
    )
    found = war_sheet_uses(module, source)
    shown = "tests/test_example_of_what_is_refused.py"
    assert sorted(found) == sorted(
        [
            f"{shown}:12: reads ../shared",
            f"{shown}:11: reads the war sheet's files",
            f"{shown}:11: reads the war sheet's files",
            f"{shown}:4: mine uses `built`",
            f"{shown}:6: test_a uses `built`",
            f"{shown}:8: test_b uses `sheet`",
        ]
    )
