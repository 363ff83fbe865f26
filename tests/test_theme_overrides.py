"""The Material templates the generator ships: they reach every sheet's site, a sheet's own
overrides still win, and each stays a copy of Material's with only its fix."""

from __future__ import annotations

import re
from pathlib import Path

import material

from generator.engine import THEME_OVERRIDES
from tests.support import run

MATERIAL = Path(material.__file__).parent / "templates"
DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_DIALOG = (
    '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
)


def _without_leading_comment(template: str) -> str:
    return re.sub(r"\A\{#-.*?-#\}\n", "", template, count=1, flags=re.S)


def test_the_search_partial_is_materials_with_only_a_dialog_name():
    """Fails when a Material upgrade changes its partial: bring the copy up to date."""
    theirs = _without_leading_comment((MATERIAL / "partials" / "search.html").read_text("utf-8"))
    ours = _without_leading_comment((THEME_OVERRIDES / "partials" / "search.html").read_text())
    assert theirs.count(DIALOG) == 1
    named = DIALOG.replace('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">')
    assert ours == theirs.replace(DIALOG, named)


def test_every_page_of_the_real_sheet_names_its_search_dialog(built: Path):
    """Every page of the real sheet, which has no theme overrides of its own."""
    pages = sorted((built / "site").rglob("*.html"))
    assert len(pages) >= 7
    assert [p.name for p in pages if NAMED_DIALOG not in p.read_text("utf-8")] == []


def test_a_sheet_without_overrides_gets_the_named_dialog(starter: Path):
    result = run(starter, "build")
    assert result.exit_code == 0, result.output
    assert NAMED_DIALOG in (starter / "site" / "index.html").read_text("utf-8")


def test_a_sheets_own_partial_wins_over_the_generators(starter: Path):
    config = starter / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  name: material\n" in text
    config.write_text(
        text.replace("  name: material\n", "  name: material\n  custom_dir: site_src/overrides\n"),
        "utf-8",
    )
    partial = starter / "site_src" / "overrides" / "partials" / "search.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<div class="md-search" role="dialog" aria-label="Find a figure"></div>\n')

    result = run(starter, "build")

    assert result.exit_code == 0, result.output
    home = (starter / "site" / "index.html").read_text("utf-8")
    assert 'aria-label="Find a figure"' in home and NAMED_DIALOG not in home
