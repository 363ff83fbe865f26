"""The Material templates the generator ships: they reach every sheet's site, a sheet's own
overrides still win, and each stays a copy of Material's with only its fix."""

from __future__ import annotations

import re
import textwrap
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


def _block(template: str, name: str) -> str:
    """The inside of block `name` of a template, dedented."""
    found = re.search(
        r"^( *)\{% block " + name + r" %\}\n(.*?)^\1\{% endblock %\}\n", template, flags=re.S | re.M
    )
    assert found, name
    return textwrap.dedent(found.group(2))


def test_the_browser_title_is_base_htmls_with_the_languages_dash():
    """Material's base.html (and Zensical's) join page and site with ' - ', where the site's own
    names write a dash (« Vue d’ensemble - Rougeole – fiche d’information », review 4, fr T3).
    Fails when either engine's block changes: bring the copy up to date."""
    import zensical

    main = (THEME_OVERRIDES / "main.html").read_text("utf-8")
    assert _block(main, "htmltitle") == '{% include "partials/factsheet-title.html" %}\n'
    partial = (THEME_OVERRIDES / "partials" / "factsheet-title.html").read_text("utf-8")
    joined = (
        "{%- set joined = config.extra.factsheet.title_separator if config.extra.factsheet "
        'else " - " %}\n'
    )
    for engine in (MATERIAL, Path(zensical.__file__).parent / "templates"):
        theirs = _block((engine / "base.html").read_text("utf-8"), "htmltitle")
        assert theirs.count(" - {{ config.site_name }}") == 2
        ours = theirs.replace(" - {{ config.site_name }}", "{{ joined | e }}{{ config.site_name }}")
        assert _without_leading_comment(partial) == joined + ours, engine


def test_a_pages_browser_title_joins_page_and_site_with_the_languages_dash(
    built_rich: Path, built_editions: Path
):
    def title(page: Path) -> str:
        found = re.search(r"<title>(.*?)</title>", page.read_text("utf-8"))
        assert found, page
        return found.group(1)

    assert title(built_rich / "site" / "figures" / "index.html") == "Figures – Rich test sheet"
    assert title(built_rich / "site" / "404.html") == "Rich test sheet"
    uk = built_editions / "site" / "uk"
    assert title(uk / "figures" / "index.html") == "Показники — Річки й мости"
    assert title(built_editions / "site" / "timeline" / "index.html") == (
        "Timeline – Rivers and bridges"
    )
