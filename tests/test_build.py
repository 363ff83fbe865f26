"""`factsheet build` end to end, and the promise that the generator is general: another fact
sheet is another content/ and site_src/, built by the same code and by another engine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.golden import copy_fixture
from tests.support import REPO, run


def test_build_writes_the_site_and_says_what_it_did(rich: Path):
    result = run(rich, "build")
    assert result.exit_code == 0, result.output
    assert re.search(
        r"Built 4 pages into site/ \(generator [\d.]+ s, MkDocs [\d.]+ s; "
        r"charts: 6 rendered, 0 from cache\)",
        result.output,
    )
    for page in ("index", "figures/index", "timeline/index", "sources/index", "404"):
        assert (rich / "site" / f"{page}.html").is_file(), page
    # The generated Markdown stays for inspection and for other engines, outside content/.
    assert (rich / "build" / "docs" / "figures.md").is_file()
    assert not list(rich.glob(".factsheet-build-*")), "staging folder left behind"


def test_every_figure_gets_a_permalink_anchor_from_its_id(built_rich: Path):
    html = (built_rich / "site" / "figures" / "index.html").read_text(encoding="utf-8")
    assert 'id="north-crossings"' in html
    assert 'href="#north-crossings"' in html
    assert "https://example.github.io/factsheet/figures/#north-crossings" in html


def test_links_between_pages_are_relative_so_they_work_under_any_sub_path(built_rich: Path):
    html = (built_rich / "site" / "index.html").read_text(encoding="utf-8")
    # A headline figure on the home page links to its own page, relatively.
    assert 'href="figures/#north-crossings"' in html


def test_the_starter_fact_sheet_builds_at_once(tmp_path: Path):
    target = tmp_path / "mine"
    result = CliRunner().invoke(main, ["new", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / "content" / "figures.yml").is_file()
    result = run(target, "build")
    assert result.exit_code == 0, result.output
    home = (target / "site" / "index.html").read_text(encoding="utf-8")
    assert "The UN estimates" in home and "about 8.2 billion" in home
    # With no site_url given, no page prints an address as if it were the site's.
    for page in (target / "site").rglob("*.html"):
        assert "example.org" not in page.read_text(encoding="utf-8"), page


def test_new_refuses_a_folder_that_has_files(tmp_path: Path):
    (tmp_path / "keep.txt").write_text("mine")
    result = CliRunner().invoke(main, ["new", str(tmp_path)])
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_the_generator_knows_nothing_of_this_war():
    words = re.compile(r"ukrain|russia|putin|csis|kyiv|casualt|tomahawk|mi6", re.IGNORECASE)
    offenders = [
        f"{p.relative_to(REPO)}:{n}"
        for p in (REPO / "generator").rglob("*")
        if p.is_file() and p.suffix in (".py", ".j2", ".css", ".html", ".yml")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if words.search(line)
    ]
    assert not offenders, offenders


def test_outside_a_fact_sheet_build_is_a_usage_error(tmp_path: Path):
    result = run(tmp_path, "build")
    assert result.exit_code == 2
    assert "no mkdocs.yml" in result.output
    assert "Traceback" not in result.output


def test_zensical_builds_the_finished_folder_in_the_sheets_language(tmp_path: Path):
    """`build --engine zensical`: the German fixture, with the language, the generator's
    theme templates and their words, all from the finished folder, not from run time."""
    root = copy_fixture("german", tmp_path / "german")
    result = run(root, "build", "--engine", "zensical")
    assert result.exit_code == 0, result.output
    assert re.search(
        r"Built \d+ pages into site/ \(generator [\d.]+ s, Zensical [\d.]+ s;", result.output
    )
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in home
    assert "Erstellt mit" in home  # the generator's copyright partial, in German
    assert "<title>Start | Masern in Beispielland</title>" in home  # its htmltitle block
    assert 'title="Korrekturen, Aktualisierungen und Präzisierungen"' in home  # its feed link
    assert 'title="Dauerhafter Link"' in home  # the permalinks' tooltip
    missing = (root / "site" / "404.html").read_text(encoding="utf-8")
    assert "404 – Seite nicht gefunden" in missing
    assert (root / "site" / "search.json").is_file()  # Zensical's own search index
    # Zensical's own search partial (its script builds the dialog from the button; with
    # Material's partial the search stayed at "Initializing search"), its dialog named.
    assert re.search(
        r'<div class="md-search" data-md-component="search" role="dialog" aria-label="\w+">\s*'
        r'<button type="button" class="md-search__button">',
        home,
    )
    assert "md-search__input" not in home


def test_zensical_links_every_record_where_mkdocs_does(built_rich: Path, tmp_path: Path):
    """Zensical reads relative URLs in a page's HTML from the Markdown file, MkDocs from the
    page's URL: the generator writes each engine's kind, so both sites link the same."""
    root = copy_fixture("rich", tmp_path / "rich")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("site_url: https://example.github.io/factsheet/\nengine: zensical\n")
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    assert "Zensical" in result.output  # chosen by `engine:` in mkdocs.yml
    for page in ("figures", "sources"):
        ours = (root / "site" / page / "index.html").read_text(encoding="utf-8")
        theirs = (built_rich / "site" / page / "index.html").read_text(encoding="utf-8")
        # The generator's links, not the theme's own files (each engine ships its own).
        links = re.compile(
            r'(?:href|src|srcset)="(\.\./(?!assets/(?:javascripts|stylesheets|images))[^"]*)"'
        )
        assert sorted(set(links.findall(ours))) == sorted(set(links.findall(theirs)))
        assert links.findall(ours)
        title = re.compile(r"<title>.*?</title>")  # the language's dash, as MkDocs' site has
        assert title.findall(ours) == title.findall(theirs)
    # A chart's embed page is a finished file of the generator's: copied as it is.
    embed = "embed/crossings-by-bank/index.html"
    assert (root / "site" / embed).read_bytes() == (built_rich / "site" / embed).read_bytes()


@pytest.mark.parametrize(
    ("args", "config", "said"),
    [
        (["--engine", "hugo"], "", "Invalid value for '--engine'"),
        (
            [],
            "engine: hugo\n",
            "error: mkdocs.yml: engine: expected one of mkdocs, zensical, got 'hugo'",
        ),
    ],
)
def test_an_unknown_engine_is_a_usage_error(starter: Path, args: list[str], config: str, said: str):
    with (starter / "mkdocs.yml").open("a", encoding="utf-8") as file:
        file.write(config)
    result = run(starter, "build", *args)
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert not (starter / "site").exists()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("docs_dir", "content"),
        ("site_dir", "."),
        ("site_dir", "../elsewhere"),
        ("docs_dir", "site_src/pages"),
        ("site_dir", "build/docs"),
    ],
)
def test_output_folders_can_never_be_the_sheets_own_sources(rich: Path, key: str, value: str):
    """A build replaces docs_dir and site_dir whole, so mkdocs.yml may not point them at
    content/, the sheet itself or outside it."""
    sheet = rich
    config = sheet / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(rf"^{key}: .*$", f"{key}: {value}", text, flags=re.M), "utf-8")
    before = {p: p.read_bytes() for p in (sheet / "content").glob("*.yml")}
    result = run(sheet, "build")
    assert result.exit_code == 2, result.output
    assert f"{key} must be a folder inside" in result.output or "must be separate" in result.output
    assert {p: p.read_bytes() for p in (sheet / "content").glob("*.yml")} == before


def _add_page(root: Path, name: str, template: str) -> None:
    (root / "site_src" / "pages" / f"{name}.md.j2").write_text(
        '{% import "partials/blocks.md.j2" as b with context %}\n---\ntitle: More\n---\n'
        + template,
        encoding="utf-8",
    )
    mkdocs = root / "mkdocs.yml"
    nav = "  - index.md\n"
    text = mkdocs.read_text(encoding="utf-8")
    assert nav in text
    mkdocs.write_text(text.replace(nav, nav + f"  - More: {name}.md\n"), encoding="utf-8")


def test_a_record_anchored_on_two_pages_is_named_where_it_is_written(starter: Path):
    _add_page(starter, "more", '{{ b.figure(content.figures["world-population-2100"]) }}\n')
    result = run(starter, "build")
    assert result.exit_code == 1
    assert (
        "content/figures.yml:15:5: world-population-2100: is shown with its anchor on index.md"
        " and more.md; its permalink can name one page only"
    ) in result.output
    assert not (starter / "site").exists()


def test_a_record_on_no_page_is_named_where_it_is_written(starter: Path):
    index = starter / "site_src" / "pages" / "index.md.j2"
    text = index.read_text(encoding="utf-8")
    loop = "{% for q in content.quantities() %}"
    assert loop in text
    index.write_text(
        text.replace(loop, loop[:-2] + ' if q.id != "world-population-2100" %}'), "utf-8"
    )
    result = run(starter, "build")
    assert result.exit_code == 1
    assert (
        "content/figures.yml:15:5: world-population-2100: is not shown on any page (add it to a"
        " page template in site_src/pages/)"
    ) in result.output


def test_a_link_to_an_id_no_page_shows_names_the_template(starter: Path):
    _add_page(starter, "more", '<a href="{{ link("no-such-record") }}">x</a>\n')
    result = run(starter, "build")
    assert result.exit_code == 1
    assert (
        "site_src/pages/more.md.j2:1:1: links to 'no-such-record', which no page shows"
    ) in result.output
