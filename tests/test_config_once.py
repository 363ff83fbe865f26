"""Each thing parsed once: mkdocs.yml, and every file it INHERITs, is read once per build
(project.read_config), and every part of the build takes it from there (the derived config,
the engine, the cache keys and the messages that point at a setting); the record kinds are
listed once (content.KINDS, from the models)."""

from __future__ import annotations

import ast
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.content import KINDS
from tests.golden import copy_fixture
from tests.support import REPO, replace_in, run

CONFIG_FILES = ("mkdocs.yml", "base.yml")
"""The sheet's mkdocs.yml and the file it INHERITs, and any derived mkdocs.yml."""
CODE = REPO / "generator"
"""The generator's files, the starter's mkdocs.yml among them, which cache keys hash as code."""
_WATCHING: list[Counter[str]] = []
"""The counters of the tests running now; the audit hook (which cannot be removed) counts
into them only while one is open."""


def _count_reads(event: str, args: tuple[object, ...]) -> None:
    if event != "open" or not _WATCHING:
        return
    path, mode, flags = args
    if not isinstance(path, (str, bytes, os.PathLike)):
        return  # an open file descriptor
    name = os.fsdecode(path)
    reading = "r" in mode if isinstance(mode, str) else (flags & os.O_ACCMODE) == os.O_RDONLY
    if reading and Path(name).name in CONFIG_FILES and not Path(name).is_relative_to(CODE):
        _WATCHING[-1][name] += 1


sys.addaudithook(_count_reads)


@pytest.fixture
def reads() -> Iterator[Counter[str]]:
    """How many times each of CONFIG_FILES is opened for reading while the test runs."""
    counter: Counter[str] = Counter()
    _WATCHING.append(counter)
    yield counter
    _WATCHING.remove(counter)


@pytest.fixture
def inheriting(tmp_path: Path) -> Path:
    """The minimal fixture sheet with its theme moved to `base.yml`, which it INHERITs."""
    root = copy_fixture("minimal", tmp_path / "minimal")
    replace_in(root / "mkdocs.yml", "theme:\n  name: material\n  font: false\n", "")
    (root / "mkdocs.yml").write_text(
        "INHERIT: base.yml\n" + (root / "mkdocs.yml").read_text("utf-8"), encoding="utf-8"
    )
    (root / "base.yml").write_text("theme:\n  name: material\n  font: false\n", encoding="utf-8")
    return root


def test_a_build_reads_mkdocs_yml_and_what_it_inherits_once(inheriting: Path, reads: Counter[str]):
    result = run(inheriting, "build")

    assert result.exit_code == 0, result.output
    assert reads == {
        str(inheriting / "mkdocs.yml"): 1,
        str(inheriting / "base.yml"): 1,
    }, "mkdocs.yml, base.yml and no derived mkdocs.yml (MkDocs takes the settings as data)"
    assert (inheriting / "site" / "index.html").is_file()


def test_a_theme_language_in_an_inherited_file_is_found_there(inheriting: Path):
    replace_in(inheriting / "base.yml", "  font: false\n", "  font: false\n  language: fr\n")

    result = run(inheriting, "build")

    assert result.exit_code == 1
    assert "base.yml:4:13: theme.language is 'fr', but content/sheet.yml:" in result.output
    assert "remove theme.language from base.yml: the build sets it from sheet.language" in (
        result.output
    )


def full_lists_of_kinds(source: str) -> list[int]:
    """The lines of `source` where a tuple, list or set literal names five or more record
    kinds: a list of the kinds written out, which must come from `content.KINDS` instead
    (a mapping of each kind to its own data, or a few kinds that share a rule, are not)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            names = {e.value for e in node.elts if isinstance(e, ast.Constant)}
            if len(names & set(KINDS)) >= 5:
                found.append(node.lineno)
    return found


def test_the_record_kinds_are_listed_once():
    assert set(KINDS) >= {"sources", "figures", "derived", "statements", "events", "notes"}
    listed = {
        path.relative_to(REPO).as_posix(): lines
        for path in sorted((REPO / "generator").rglob("*.py"))
        if (lines := full_lists_of_kinds(path.read_text(encoding="utf-8")))
    }
    assert listed == {}, "use generator.content.KINDS"


def test_a_list_of_kinds_written_out_is_found():
    source = (
        'WORDS = {"sources": 1, "figures": 2, "derived": 3, "events": 4, "notes": 5}\n'
        'SHOWN = ("figures", "statements", "events")\n'
        'ALL = ("sources", "figures", "statements", "events", "notes", "charts")\n'
    )
    assert full_lists_of_kinds(source) == [3]
