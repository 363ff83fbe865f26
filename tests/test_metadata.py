"""Metadata for readers who share, search and cite: titles, descriptions, canonical URLs,
Open Graph and Twitter cards with a generated image, and a schema.org Dataset."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import metadata
from generator.exports import DOWNLOADS
from generator.page import Page
from generator.project import Project
from generator.validation import load_and_validate
from tests.support import run


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def meta(page: BeautifulSoup, key: str) -> str | None:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def pages(built: Path) -> dict[str, BeautifulSoup]:
    """{'casualties/': soup} for every page of the site and of its other editions (the 404 page
    aside; and the charts' embed pages, `embed/` and `uk/embed/`, which no one should find or
    share but through the chart's own page)."""
    site = built / "site"
    return {
        ("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"): soup(p)
        for p in sorted(site.rglob("index.html"))
        if "embed" not in p.relative_to(site).parts[:2]
    }


def jsonld(page: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]


def test_every_page_has_its_own_title_description_and_canonical_url(built_rich: Path):
    site_url = Project.load(built_rich).site_url
    found = pages(built_rich)
    assert sorted(found) == ["", "figures/", "sources/", "timeline/"]
    titles = [p.title.string for p in found.values()]
    assert len(set(titles)) == len(titles) and all(titles)
    assert {path: meta(page, "description") for path, page in found.items()} == {
        "": "A small sheet that exercises every kind of record and chart, for the tests.",
        "figures/": "Every figure, with its source.",
        "sources/": "Every source, and what cites it.",
        "timeline/": "The bridges, date by date.",
    }  # each page's own, from its template's front matter
    for path, page in found.items():
        assert page.find("link", rel="canonical")["href"] == site_url + path


def test_every_page_has_open_graph_and_twitter_tags_with_the_social_image(built_rich: Path):
    site_url = Project.load(built_rich).site_url
    for path, page in pages(built_rich).items():
        assert meta(page, "og:url") == site_url + path
        assert meta(page, "og:title") and meta(page, "twitter:title") == meta(page, "og:title")
        assert meta(page, "og:description") == meta(page, "description")
        assert (
            meta(page, "og:image") == meta(page, "twitter:image") == site_url + "assets/social.png"
        )
        assert meta(page, "twitter:card") == "summary_large_image"
        assert meta(page, "og:image:alt") and len(meta(page, "twitter:image:alt")) <= 420
    home = pages(built_rich)[""]
    assert meta(home, "og:title") == load_and_validate(built_rich).sheet.title


def test_the_social_image_is_a_1200_by_630_png_of_the_headline_figures(built_rich: Path):
    png = (built_rich / "site" / "assets" / "social.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 630)
    alt = meta(pages(built_rich)[""], "og:image:alt")
    for q in load_and_validate(built_rich).headlines()[:2]:
        assert q.says in alt  # an estimate is never shown as bare fact, in pixels or in words


def test_what_the_social_image_code_imports_is_remembered_in_the_cache(built_rich: Path):
    """Its cache key reads the code's imports once, then from the cache (issue 26: it was
    read again on every build: 0.21 s of CPU, 0.02 s remembered), as the charts' key does."""
    memo = built_rich / ".cache" / "factsheet" / "code"
    assert len(list(memo.glob("imports-social-*.json"))) == 1
    assert len(list(memo.glob("imports-charts-*.json"))) == 1


def test_the_home_page_describes_the_data_as_a_schema_org_dataset(built_rich: Path):
    site_url = Project.load(built_rich).site_url
    sheet = load_and_validate(built_rich).sheet
    (dataset,) = jsonld(pages(built_rich)[""])
    assert dataset["@context"] == "https://schema.org" and dataset["@type"] == "Dataset"
    assert dataset["name"] == sheet.title and dataset["description"] == sheet.description
    assert dataset["dateModified"] == sheet.updated.iso()
    assert dataset["license"] == sheet.license_url
    downloads = {d["contentUrl"]: d["encodingFormat"] for d in dataset["distribution"]}
    assert downloads == {
        site_url + path: "text/csv" if path.endswith(".csv") else "application/json"
        for path in [*DOWNLOADS.values(), "data/datapackage.json"]
    }
    assert all((built_rich / "site" / path).is_file() for path in DOWNLOADS.values())
    names = {d["contentUrl"]: d["name"] for d in dataset["distribution"]}
    assert names[site_url + "data/datapackage.json"] == "Frictionless Data Package (JSON)"
    assert all(not jsonld(p) for path, p in pages(built_rich).items() if path)


HOSTILE = '</script><script>alert(1)</script> "><img src=x onerror=alert(2)> & <!--'


def test_content_text_cannot_break_out_of_the_json_ld_or_a_meta_attribute(rich: Path):
    sheet_yml = rich / "content" / "sheet.yml"
    text = sheet_yml.read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^  title: .*$", "  title: " + json.dumps("Sheet " + HOSTILE), text)
    assert n == 1
    sheet_yml.write_text(text, encoding="utf-8")
    result = run(rich, "build")
    assert result.exit_code == 0, result.output

    home_html = (rich / "site" / "index.html").read_text(encoding="utf-8")
    home = BeautifulSoup(home_html, "html.parser")
    assert "alert(1)" not in "".join(
        s.string or ""
        for s in home.find_all("script", src=False)
        if s.get("type") != "application/ld+json"
    )
    assert home.find("img", src="x") is None and "onerror" not in str(home.find("head").attrs)
    assert [tag for tag in home.find_all(True) if tag.has_attr("onerror")] == []
    (dataset,) = jsonld(home)
    assert dataset["name"] == "Sheet " + HOSTILE
    assert meta(home, "og:title") == "Sheet " + HOSTILE


@pytest.mark.parametrize(
    "value",
    ["plain", 'a "quoted" word', "AT&amp;T", "<b>bold</b> & co", "&quot;already&quot;"],
)
def test_attribute_text_escapes_once_however_often_it_is_applied(value: str):
    once = metadata.attribute_text(value)
    assert metadata.attribute_text(once) == once
    assert '"' not in once and "<" not in once and ">" not in once


def test_script_json_never_contains_a_tag_or_an_ampersand():
    text = metadata.script_json({"name": "</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><!-- & -->"}


def test_metadata_is_added_to_a_page_as_data_and_written_once(starter: Path):
    body = "# A & B\n\n---\nnot: front matter\n---\n"
    page = Page("about.md", {"title": "A & B <i>", "hide": ["toc"]}, body, ["x"], [])
    (out,) = metadata.add_metadata(
        [page], load_and_validate(starter), "https://x.test/", "assets/social.png", "Alt", {}
    )
    assert out.meta == {
        "title": "A &amp; B &lt;i&gt;",
        "hide": ["toc"],
        "social_title": "A &amp; B &lt;i&gt;",
        "social_description": "A small fact sheet to start from; replace these figures with"
        " your own.",
        "social_image": "https://x.test/assets/social.png",
        "social_image_alt": "Alt",
    }
    assert (out.body, out.anchors) == (body, ["x"])
    assert page.meta == {"title": "A & B <i>", "hide": ["toc"]}  # the page given is unchanged
    assert out.markdown() == (
        "---\n"
        'title: "A &amp; B &lt;i&gt;"\n'
        'hide: ["toc"]\n'
        'social_title: "A &amp; B &lt;i&gt;"\n'
        'social_description: "A small fact sheet to start from; replace these figures with'
        ' your own."\n'
        'social_image: "https://x.test/assets/social.png"\n'
        'social_image_alt: "Alt"\n'
        "---\n" + body
    )


def test_front_matter_a_template_writes_reaches_the_engine_as_written(starter: Path):
    # A date, a list and a key with a space: values JSON has no type for are written as YAML.
    index = starter / "site_src" / "pages" / "index.md.j2"
    text = index.read_text(encoding="utf-8")
    title = 'title: {{ t("pages.home") | yaml }}\n'
    assert title in text
    fields = title + "date: 2024-07-01\nhide: [toc]\nsome key: x\n"
    index.write_text(text.replace(title, fields), encoding="utf-8")
    result = run(starter, "build")
    assert result.exit_code == 0, result.output
    docs = (starter / "build" / "docs" / "index.md").read_text(encoding="utf-8")
    assert docs.startswith('---\ntitle: "Home"\ndate: 2024-07-01\nhide: ["toc"]\n"some key": "x"\n')
    assert soup(starter / "site" / "index.html").title.string.startswith("Home")


def test_a_new_sheet_prints_the_link_preview_tags_and_the_dataset(starter: Path):
    """The tags come from the generator's theme, not from a sheet's own overrides: the starter
    has none, and its published home page still carries them."""
    assert not (starter / "site_src" / "overrides").exists()
    result = run(starter, "build", "--site-url", "https://example.org/health/")
    assert result.exit_code == 0, result.output
    home = soup(starter / "site" / "index.html")
    assert meta(home, "og:title") == "My fact sheet"
    assert meta(home, "og:image") == "https://example.org/health/assets/social.png"
    assert meta(home, "twitter:card") == "summary_large_image"
    (dataset,) = jsonld(home)
    assert dataset["@type"] == "Dataset" and dataset["name"] == "My fact sheet"
    changes = soup(starter / "site" / "changes" / "index.html")
    assert meta(changes, "og:title") == "Changes" and jsonld(changes) == []


def _own_main_html(starter: Path, body: str) -> None:
    config = starter / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  name: material\n" in text
    config.write_text(
        text.replace("  name: material\n", "  name: material\n  custom_dir: site_src/overrides\n"),
        "utf-8",
    )
    (starter / "site_src" / "overrides").mkdir()
    (starter / "site_src" / "overrides" / "main.html").write_text(body, "utf-8")


def test_a_sheets_own_main_html_keeps_the_tags_by_including_the_partial(starter: Path):
    _own_main_html(
        starter,
        '{% extends "base.html" %}\n{% block extrahead %}{{ super() }}'
        '<meta name="x-own" content="mine">'
        '{% include "partials/factsheet-meta.html" %}{% endblock %}\n',
    )
    result = run(starter, "build", "--site-url", "https://example.org/health/")
    assert result.exit_code == 0, result.output
    home = soup(starter / "site" / "index.html")
    assert meta(home, "x-own") == "mine"
    assert meta(home, "og:title") == "My fact sheet" and len(jsonld(home)) == 1


def test_a_sheets_own_main_html_without_the_partial_replaces_ours(starter: Path):
    """What docs/templates.md warns of: a main.html of one's own shadows the generator's."""
    _own_main_html(starter, '{% extends "base.html" %}\n')
    result = run(starter, "build", "--site-url", "https://example.org/health/")
    assert result.exit_code == 0, result.output
    home = soup(starter / "site" / "index.html")
    assert meta(home, "og:title") is None and jsonld(home) == []


def test_materials_main_html_only_extends_base_so_ours_loses_nothing():
    """The generator's main.html replaces Material's; fails when a Material upgrade puts
    anything else in it, which ours would then have to keep."""
    import material

    theirs = (Path(material.__file__).parent / "templates" / "main.html").read_text("utf-8")
    assert re.sub(r"\A\{#-.*?-#\}\n", "", theirs, flags=re.S) == '{% extends "base.html" %}\n'


def test_link_previews_show_the_title_and_description_exactly_as_typed(tmp_path: Path):
    """An editor who types an entity means the entity: 'Tom &amp; Jerry' was shown in
    og:title as 'Tom & Jerry'."""
    from tests.golden import copy_fixture
    from tests.support import edit

    root = copy_fixture("minimal", tmp_path / "minimal")
    edit(root, "sheet.yml", "title: Minimal sheet", "title: Tom &amp; Jerry")
    edit(root, "sheet.yml", "description: One figure and its source.", "description: A &lt;b&gt;")
    result = run(root, "build", "--site-url", "https://example.org/tj/")
    assert result.exit_code == 0, result.output
    home = soup(root / "site" / "index.html")
    assert meta(home, "og:title") == meta(home, "twitter:title") == "Tom &amp; Jerry"
    assert meta(home, "og:description") == "A &lt;b&gt;"
