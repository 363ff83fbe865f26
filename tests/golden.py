"""Golden files: what the generator writes for each fixture sheet under `tests/fixtures/`,
committed under `tests/fixtures/<sheet>/expected/` and compared byte for byte by
`tests/test_golden.py`, as mkdocs-gen-files does. A change to the output then shows as a diff
in review, and every expected value is written out rather than computed by the code under test.

After a change you mean, rewrite them and read the diff before committing:

    .venv/bin/python -m tests.golden --update      (or `make golden`)
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from generator.editions.site import edition_project
from generator.generate import generate
from generator.project import Project
from generator.validation import load_and_validate

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHEET_PARTS = ("mkdocs.yml", "content", "site_src")
EXPECTED = "expected"
GOLDEN_SUFFIXES = (".md", ".json", ".csv", ".html")
"""The rendered Markdown, the data and chart tables beside it, and the charts' embed pages.
Not the SVGs (drawn by vl-convert, whose bytes change with its version) nor the PNGs."""


def fixture_sheets() -> list[str]:
    """The names of the fixture sheets: each folder of `tests/fixtures/` with a mkdocs.yml."""
    return sorted(p.parent.name for p in FIXTURES.glob("*/mkdocs.yml"))


def copy_fixture(name: str, target: Path) -> Path:
    """A copy of fixture sheet `name`'s sources (never its expected files) at `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in SHEET_PARTS:
        src = FIXTURES / name / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        elif src.is_file():
            shutil.copy2(src, target / part)
    return target


def render(root: Path) -> dict[str, str]:
    """The golden files' text as the generator writes them for the sheet at `root`: the
    generator stage only (MkDocs never reads them back), into `root/build/golden`."""
    docs = root / "build" / "golden"
    project, content = Project.load(root), load_and_validate(root)
    generate(project, content, docs, share_image=False)
    for tag, edition in content.editions.items():  # each other edition under editions/<tag>/
        own = edition_project(project, tag)
        generate(own, edition, docs / "editions" / tag, share_image=False, edition=tag)
    return _texts(docs)


def expected(name: str) -> dict[str, str]:
    """The committed golden files of fixture sheet `name`."""
    return _texts(FIXTURES / name / EXPECTED)


def _texts(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in GOLDEN_SUFFIXES
    }


def update(name: str) -> list[str]:
    """Rewrite fixture sheet `name`'s golden files; returns the paths that changed."""
    with tempfile.TemporaryDirectory(prefix="factsheet-golden-") as tmp:
        actual = render(copy_fixture(name, Path(tmp) / name))
    before = expected(name)
    folder = FIXTURES / name / EXPECTED
    shutil.rmtree(folder, ignore_errors=True)
    for path, text in actual.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8", newline="")
    return sorted(p for p in before.keys() | actual.keys() if before.get(p) != actual.get(p))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__)
    parser.add_argument("--update", action="store_true", help="rewrite the golden files")
    parser.add_argument("sheets", nargs="*", help="fixture sheets (default: all)")
    args = parser.parse_args(argv)
    if not args.update:
        parser.error("nothing to do: pass --update (the comparison is tests/test_golden.py)")
    for name in args.sheets or fixture_sheets():
        if name not in fixture_sheets():
            parser.error(f"no fixture sheet {name!r} in {FIXTURES}")
        changed = update(name)
        print(f"{name}: {len(changed)} file(s) changed" + "".join(f"\n  {p}" for p in changed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
