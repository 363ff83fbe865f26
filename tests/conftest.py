"""Fixtures: copies of the fixture sheets (tests/fixtures/), of the real fact sheet and of the
starter one, built in tmp folders. Generator tests use the fixture sheets; tests of the real
sheet's own content live in tests/sheet/ (`pytest tests/sheet` runs them alone).

Tests never build into the checkout itself, so they can run while an editor works in it.
Helpers shared by test modules live in `tests/support.py` (import `tests.support`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

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
    return built_once(
        tmp_path_factory, f"built-{engine}", _published(lambda f: copy_sheet(f / "sheet"), engine)
    )


@pytest.fixture
def rich(tmp_path: Path) -> Path:
    """A fresh, unbuilt copy of the rich fixture sheet (tests/fixtures/rich): two sources, one
    known through the other, values and ranges, derived figures, a statement, events, a note
    and a chart of each kind."""
    return copy_fixture("rich", tmp_path / "rich")


@pytest.fixture
def rich_drawn(rich: Path, rich_cache: Path) -> Path:
    """`rich`, with the `.cache/factsheet` of an earlier build of it, as a sheet has after its
    first build (or a CI run after `actions/cache` restores it): its next build draws no chart.
    For tests of what a build keeps or rebuilds, which need not wait for vl-convert each time."""
    shutil.copytree(rich_cache, rich / ".cache", symlinks=True)
    return rich


@pytest.fixture(scope="session")
def rich_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `.cache` folder a build of the rich fixture sheet leaves; copy it, don't change it."""

    def make(folder: Path) -> Path:
        root = copy_fixture("rich", folder / "rich")
        result = run(root, "build")
        assert result.exit_code == 0, result.output
        return root / ".cache"

    return built_once(tmp_path_factory, "rich-cache", make)


@pytest.fixture(scope="session")
def built_rich(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rich fixture sheet, built once per test session at PUBLISHED_URL; read it, don't
    change it."""
    return built_once(tmp_path_factory, "built-rich", _published(_fixture("rich")))


@pytest.fixture(scope="session")
def built_editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rich sheet in two editions (tests/fixtures/editions: English and Ukrainian), built
    once per test session at PUBLISHED_URL; read it, don't change it."""
    return built_once(tmp_path_factory, "built-editions", _published(_fixture("editions")))


def _fixture(name: str) -> Callable[[Path], Path]:
    """Copies tests/fixtures/<name> into a folder."""
    return lambda folder: copy_fixture(name, folder / name)


def _published(copy: Callable[[Path], Path], engine: str | None = None) -> Callable[[Path], Path]:
    """What `built_once` makes: the sheet `copy` puts in a folder, published at PUBLISHED_URL
    and built with `engine` (the sheet's own, MkDocs, if None)."""

    def make(folder: Path) -> Path:
        root = copy(folder)
        with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
            config.write(f"site_url: {PUBLISHED_URL}\n")
        build(Project.load(root, engine=engine))
        return root

    return make


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Path]
) -> Path:
    """What `make` builds in an empty folder, made once per test run: under pytest-xdist
    (`make test` runs two workers) the first worker to ask builds it, under a file lock, and
    every other worker reads the same folder rather than building it again."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return make(tmp_path_factory.mktemp(name))
    folder = tmp_path_factory.getbasetemp().parent / name
    done = folder.with_name(name + ".done")
    with FileLock(str(folder) + ".lock"):
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)  # left by a worker that failed mid-build
            folder.mkdir()
            done.write_text(str(make(folder)), encoding="utf-8")
    return Path(done.read_text(encoding="utf-8"))


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


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """Under pytest-xdist (`make test` runs two workers), hand out the tests in the units
    `xdist_unit` names. (Its `--dist loadgroup` reads `xdist_group` marks through a node
    attribute pytest 9 no longer has, so it handed out every test alone.)"""
    from xdist.scheduler import LoadScopeScheduling

    class ByUnit(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return xdist_unit(nodeid)

    return ByUnit(config, log)


SHARED_VISITS = "tests/browser/test_browser_pages.py"
"""The browser tests that read one engine's visits of every page (`light_visits`,
`dark_visits` in tests/browser/conftest.py), made once per worker that asks for them."""


def xdist_unit(nodeid: str) -> str:
    """What one worker runs together: a test alone (either worker takes the next one, so both
    stay busy to the end), but the tests of SHARED_VISITS for one site engine together, so that
    engine's pages are visited once, not on both workers."""
    file = nodeid.split("::")[0]
    if file != SHARED_VISITS:
        return nodeid
    params = nodeid.rpartition("[")[2].rstrip("]").split("-")
    return "-".join([file, *(p for p in params if p in ("mkdocs", "zensical"))])
