"""Shared fixtures: copies of the real fact sheet and of the starter one, built in tmp folders.

Tests never build into the checkout itself, so they can run while an editor works in it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.build import build
from generator.cli import main
from generator.project import Project
from generator.scaffold import scaffold

REPO = Path(__file__).resolve().parent.parent
SHEET_PARTS = ("mkdocs.yml", "content", "site_src")


def copy_sheet(target: Path) -> Path:
    """A copy of the real fact sheet's sources (not its build output) at `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in SHEET_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        else:
            shutil.copy2(src, target / part)
    return target


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    """A fresh, unbuilt copy of the real fact sheet."""
    return copy_sheet(tmp_path / "sheet")


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    """A fresh, unbuilt copy of the `factsheet new` starter."""
    target = tmp_path / "starter"
    scaffold(target)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real fact sheet, built once per test session; read it, don't change it."""
    root = copy_sheet(tmp_path_factory.mktemp("built") / "sheet")
    build(Project.load(root))
    return root


def run(root: Path, *args: str) -> Result:
    """Run the `factsheet` command as a user would, in `root`."""
    return CliRunner().invoke(main, [*args[:1], "--root", str(root), *args[1:]])


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to prove a folder did not change."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
