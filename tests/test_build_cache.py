"""What a new `factsheet build` keeps from the last one (cache/inputs.py, the compiled
templates, the parsed content files, inline Markdown and MkDocs' converted pages), and that
none of it ever serves a stale site: every kind of input edited shows in the output, and a
cache cut short or garbled is built past, never trusted and never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import run, snapshot


@pytest.fixture
def rich(rich_drawn: Path) -> Path:
    """Every test here starts from the rich sheet with the cache of an earlier build, as an
    editor's sheet has after its first build: what is kept or rebuilt is the subject, not the
    drawing of charts, which tests/test_charts.py covers."""
    return rich_drawn


KEPT = "Kept (nothing changed since the last build) 4 pages in site/"


def build(root: Path, *options: str) -> str:
    result = run(root, "build", *options)
    assert result.exit_code == 0, result.output
    return result.output


def page(root: Path, name: str = "index") -> str:
    path = root / "site" / (f"{name}/index.html" if name != "index" else "index.html")
    return path.read_text(encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_build_with_nothing_changed_keeps_the_site_as_it_was(rich: Path):
    assert build(rich).startswith("Built 4 pages into site/")
    before = snapshot(rich / "site")
    home = rich / "site" / "index.html"
    made = home.stat().st_mtime_ns

    assert KEPT in build(rich)
    assert home.stat().st_mtime_ns == made  # not written again
    assert snapshot(rich / "site") == before


def test_an_edited_content_value_is_built(rich: Path):
    build(rich)
    # north-crossings in the figures' table and in three charts' data tables; the stacked
    # bar's 2019 whole, which keeps its value, in the figures' table and its chart's table
    assert page(rich, "figures").count("<td>about 1.2 million</td>") == 6
    edit(rich / "content/figures.yml", "value: 1200000", "value: 1400000")

    assert build(rich).startswith("Built 4 pages")
    assert page(rich, "figures").count("<td>about 1.4 million</td>") == 4
    assert page(rich, "figures").count("<td>about 1.2 million</td>") == 2


def test_an_edited_page_template_is_built(rich: Path):
    build(rich)
    edit(rich / "site_src/pages/index.md.j2", "# {{ sheet.title }}", "# {{ sheet.title }}\n\nLede.")

    assert build(rich).startswith("Built 4 pages")
    assert "<p>Lede.</p>" in page(rich)


def test_an_edited_partial_is_built(rich: Path):
    partial = rich / "site_src/partials/lede.md.j2"
    partial.parent.mkdir()
    partial.write_text("First lede.\n", encoding="utf-8")
    edit(
        rich / "site_src/pages/index.md.j2",
        "# {{ sheet.title }}",
        '# {{ sheet.title }}\n\n{% include "partials/lede.md.j2" %}',
    )
    build(rich)
    assert "<p>First lede.</p>" in page(rich)

    partial.write_text("Second lede.\n", encoding="utf-8")
    assert build(rich).startswith("Built 4 pages")
    assert "<p>Second lede.</p>" in page(rich)


def test_an_edited_mkdocs_option_is_built(rich: Path):
    build(rich)
    assert "<title>Home – Rich test sheet</title>" in page(rich)
    edit(rich / "mkdocs.yml", "site_name: Rich test sheet", "site_name: Renamed sheet")

    assert build(rich).startswith("Built 4 pages")
    assert "<title>Home – Renamed sheet</title>" in page(rich)


def test_another_site_url_is_built(rich: Path):
    build(rich, "--site-url", "https://one.example/sheet/")
    assert 'href="https://one.example/sheet/"' in page(rich)

    assert build(rich, "--site-url", "https://two.example/").startswith("Built 4 pages")
    assert 'href="https://two.example/"' in page(rich)
    assert "one.example" not in page(rich)


def test_a_changed_or_deleted_output_file_is_built_again(rich: Path):
    build(rich)
    before = snapshot(rich / "site")
    (rich / "site/index.html").write_text("edited by hand", encoding="utf-8")
    assert build(rich).startswith("Built 4 pages")
    assert snapshot(rich / "site") == before

    (rich / "build/docs/figures.md").unlink()
    assert build(rich).startswith("Built 4 pages")
    assert snapshot(rich / "site") == before


def test_a_build_after_an_edit_makes_what_a_clean_build_makes(rich: Path):
    """Pages MkDocs converted for the last build are reused for this one only where their
    Markdown is the same; the site equals one built from nothing."""
    build(rich)
    edit(rich / "content/figures.yml", "value: 12\n", "value: 13\n")
    edit(rich / "site_src/pages/sources.md.j2", "\n", "\n\nSee also the timeline.\n")
    build(rich)
    kept = snapshot(rich / "site")
    assert b"See also the timeline." in kept["sources/index.html"]

    shutil.rmtree(rich / ".cache")
    shutil.rmtree(rich / "site")
    build(rich)
    assert snapshot(rich / "site") == kept


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="cut-in-half"),
        pytest.param(lambda data: b"\x00\xffnot what was written" * 3, id="garbled"),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_spoilt_cache_is_built_past(rich: Path, spoil):
    build(rich)
    before = snapshot(rich / "site")
    cache = rich / ".cache/factsheet"
    spoilt = [p for p in cache.rglob("*") if p.is_file() and p.name != "build.lock"]
    kinds = {p.relative_to(cache).parts[0] for p in spoilt}
    assert kinds == {"last-build.json", "code", "charts", "social", "templates", "pages", "yaml"}
    assert any(p.name == "inline-md.json" for p in spoilt)
    for path in spoilt:
        path.write_bytes(spoil(path.read_bytes()))

    assert build(rich).startswith("Built 4 pages")
    assert snapshot(rich / "site") == before
    assert KEPT in build(rich)


def test_a_kept_content_file_still_points_problems_at_its_lines(rich: Path):
    build(rich)  # keeps content/figures.yml parsed, with its positions
    statements = rich / "content/statements.yml"
    statements.write_text(
        statements.read_text(encoding="utf-8")
        + "\n  - id: north-crossings\n    speaker: Grace Hopper\n    role: Mayor\n"
        "    context: Said twice.\n    date: 2025-03-02\n"
        "    quote: A second record with a figure's id.\n    topic: bridges\n"
        "    source: gazette-2025\n",
        encoding="utf-8",
    )
    result = run(rich, "build")
    assert result.exit_code == 1
    assert "duplicate id 'north-crossings' (first in content/figures.yml:2)" in result.output


def test_a_kept_build_repeats_the_warnings(rich: Path):
    sources = rich / "content/sources.yml"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + "\n  - id: unused-source\n    publisher: Nobody\n    title: Never cited\n"
        "    date: 2024\n    url: https://example.org/unused\n    kind: dataset\n",
        encoding="utf-8",
    )
    first = run(rich, "build")
    assert first.exit_code == 0, first.output
    assert "unused-source" in first.output
    second = run(rich, "build")
    assert KEPT in second.output
    assert "unused-source" in second.output


def test_a_reworded_theme_message_is_built_though_no_page_changes(rich: Path):
    """The 404 title and the permalink tooltips reach the site through the engine's settings,
    not the generated Markdown: the kept pages must not hide a change to them."""
    build(rich)
    assert "404 – Page not found" in (rich / "site" / "404.html").read_text("utf-8")
    assert 'title="Permanent link"' in page(rich, "figures")
    edit(
        rich / "content/sheet.yml",
        "  sides:\n",
        '  messages:\n    theme.not_found: "Nothing here"\n'
        '    theme.permalink: "Link to this heading"\n  sides:\n',
    )

    assert build(rich).startswith("Built 4 pages")
    assert "Nothing here" in (rich / "site" / "404.html").read_text("utf-8")
    assert 'title="Link to this heading"' in page(rich, "figures")
