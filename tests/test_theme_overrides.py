"""The Material templates the generator ships: they reach every sheet's site, a sheet's own
overrides still win, and each stays a copy of Material's with only its fix."""

from __future__ import annotations

import re
from pathlib import Path

import material

from generator.engine_folder import THEME_OVERRIDES
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


def _materials_own(name: str) -> str:
    """Material's template, without its 'automatically generated' comment."""
    return re.sub(r"\A\{#-\n.*?\n-#\}\n", "", (MATERIAL / name).read_text("utf-8"), flags=re.S)


def test_the_404_page_is_materials_with_its_heading_in_the_sheets_language():
    """Fails when a Material upgrade changes its page: bring the copy up to date."""
    theirs = _materials_own("404.html")
    ours = _without_leading_comment((THEME_OVERRIDES / "404.html").read_text("utf-8"))
    heading = "<h1>404 - Not found</h1>"
    assert theirs.count(heading) == 1
    translated = (
        '<h1>{{ config.extra.factsheet.not_found | e if config.extra.factsheet else "404 - Not '
        'found" }}</h1>'
    )
    assert ours == theirs.replace(heading, translated)


def test_the_copyright_partial_is_materials_with_its_words_in_the_sheets_language():
    theirs = _materials_own("partials/copyright.html")
    ours = _without_leading_comment(
        (THEME_OVERRIDES / "partials" / "copyright.html").read_text("utf-8")
    )
    words = "    Made with\n"
    translated = (
        "    {{ config.extra.factsheet.made_with | e if config.extra.factsheet "
        'else "Made with" }}\n'
    )
    assert theirs.count(words) == 1
    assert ours == theirs.replace(words, translated)


def test_materials_script_still_asks_for_the_search_index_as_search_on_demand_holds_it_back():
    """partials/search-on-demand.html holds back one XMLHttpRequest, for
    search/search_index.json, until a reader goes to search. Fails when a Material upgrade
    fetches the index otherwise (the index would then load on every first visit again)."""
    (bundle,) = (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")
    script = bundle.read_text("utf-8")
    assert script.count('new URL("search/search_index.json",') == 1
    assert "new XMLHttpRequest" in script and "fetch(" not in script
    ours = (THEME_OVERRIDES / "partials" / "search-on-demand.html").read_text("utf-8")
    assert r"/\/search\/search_index\.json$/" in ours


def test_every_page_holds_the_search_index_back_until_a_reader_searches(starter: Path):
    result = run(starter, "build")
    assert result.exit_code == 0, result.output
    for page in ("index.html", "404.html"):
        html = (starter / "site" / page).read_text("utf-8")
        head = html.split("</head>", 1)[0]
        assert "XMLHttpRequest.prototype.send" in head, page
