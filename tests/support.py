"""Helpers shared by the test modules: the repository, copies of fact sheets, the CLI."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli import main
from generator.language import Language
from generator.numbers import Writer

ENGLISH = Writer(Language.of("en"))
"""The English writer, for tests of how figures read."""

REPO = Path(__file__).resolve().parent.parent
STARTED = dt.date(2024, 6, 30)
"""The day the `starter` fixture is made, so that its dates and staleness limit (180 days,
the starter's figures being then a day from their date) never change with the day tests run."""
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


def run(root: Path, *args: str) -> Result:
    """Run a `factsheet` verb as a user would, in the fact sheet at `root`."""
    return CliRunner().invoke(main, [*args[:1], "--root", str(root), *args[1:]])


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to prove a folder did not change."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


ONE_FIGURE = """\
figures:
  - id: world-population
    label: people in the world
    says: The UN estimates
    topic: example
    measure: population
    value: 8200000000
    unit: people
    as_of: 2024-07-01
    source: un-wpp-2024
"""
"""The starter's figures cut to one (as of 1 July 2024; its source was published on 11 July
2024), so that tests can read line numbers off here."""


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the first `old` with `new` in the file at `path`, failing if `old` is not there:
    the one way tests edit a copied sheet's files."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Replace the first `old` with `new` in `content/<name>` of the sheet at `root`."""
    replace_in(root / "content" / name, old, new)


def edition_folders(site: Path) -> set[str]:
    """The folders of a built site that hold its other editions (`sheet.editions`: site/uk/),
    read from the sheet beside it: tests of the source edition's words leave them out."""
    import yaml

    sheet_file = site.parent / "content" / "sheet.yml"
    if not sheet_file.is_file():
        return set()
    sheet = yaml.safe_load(sheet_file.read_text(encoding="utf-8")).get("sheet") or {}
    return set(sheet.get("editions") or [])
