"""Fixtures: copies of the fixture sheets (tests/fixtures/), of the real fact sheet and of the
starter one, built in tmp folders. Generator tests use the fixture sheets; tests of the real
sheet's own content live in tests/sheet/ (`pytest tests/sheet` runs them alone).

Tests never build into the checkout itself, so they can run while an editor works in it.
Helpers shared by test modules live in `tests/support.py` (import `tests.support`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build
from generator.project import Project
from generator.scaffold import scaffold
from tests.golden import copy_fixture
from tests.support import REPO, STARTED, copy_sheet, run, snapshot  # noqa: F401  (re-exported)

PUBLISHED_URL = "https://example.github.io/factsheet/"
"""Where the session's `built` sheet is published: a test address, never in mkdocs.yml."""


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    """A fresh, unbuilt copy of the real fact sheet."""
    return copy_sheet(tmp_path / "sheet")


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    """A fresh, unbuilt copy of the `factsheet new` starter, made on STARTED."""
    target = tmp_path / "starter"
    scaffold(target, today=STARTED)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real fact sheet, built once per test session as it is published (at PUBLISHED_URL,
    as `--site-url` gives it); read it, don't change it."""
    return _built_sheet(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="session")
def built_zensical(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`built`, with Zensical as the site engine (`factsheet build --engine zensical`)."""
    return _built_sheet(tmp_path_factory, "zensical")


def _built_sheet(tmp_path_factory: pytest.TempPathFactory, engine: str) -> Path:
    root = copy_sheet(tmp_path_factory.mktemp(f"built-{engine}") / "sheet")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"site_url: {PUBLISHED_URL}\n")
    build(Project.load(root, engine=engine))
    return root


@pytest.fixture
def rich(tmp_path: Path) -> Path:
    """A fresh, unbuilt copy of the rich fixture sheet (tests/fixtures/rich): two sources, one
    known through the other, values and ranges, derived figures, a statement, events, a note
    and a chart of each kind."""
    return copy_fixture("rich", tmp_path / "rich")


@pytest.fixture(scope="session")
def built_rich(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rich fixture sheet, built once per test session at PUBLISHED_URL; read it, don't
    change it."""
    root = copy_fixture("rich", tmp_path_factory.mktemp("built-rich") / "rich")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"site_url: {PUBLISHED_URL}\n")
    build(Project.load(root))
    return root


@pytest.fixture(scope="session")
def built_editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rich sheet in two editions (tests/fixtures/editions: English and Ukrainian), built
    once per test session at PUBLISHED_URL; read it, don't change it."""
    root = copy_fixture("editions", tmp_path_factory.mktemp("built-editions") / "editions")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"site_url: {PUBLISHED_URL}\n")
    build(Project.load(root))
    return root


FILE_FIXTURES = frozenset({"tmp_path", "tmp_path_factory", "content"})
"""Fixtures that write or load a sheet on disk (`content` is test_derived's load of the real
sheet). A test that needs none of them is a fast unit test, the kind `make mutation` runs once
per mutant."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `files` every test whose fixtures touch the disk, so `-m "not files"` keeps the
    fast unit tests only."""
    for item in items:
        if FILE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.files)
