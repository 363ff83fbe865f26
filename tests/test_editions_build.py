"""Editions built: each into its own path, in its own language, linked to each other page by
page, with every number, date and source the source edition's record.

On the rich sheet in two editions (`built_editions`, built once per session)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

from generator.changes import read_published
from generator.editions.published import compare
from generator.editions.site import edition_project
from generator.generate import render_in_memory
from generator.project import Project
from generator.validation import load_and_validate
from tests.conftest import PUBLISHED_URL
from tests.support import REPO, run

PAGES = ["", "figures/", "sources/", "timeline/"]
"""The fixture's pages, as paths below an edition's root."""
WORDS = {
    "figures": {
        "label",
        "title",
        "short",
        "attribution",
        "text",
        "note",
        "cite_as",
        "formula",
        "working",
    },
    "statements": {
        "speaker",
        "role",
        "place",
        "context",
        "translation",
        "date_text",
        "source_title",
    },
    "events": {"title", "summary", "date_text", "source_title"},
    "sources": {"short", "in_text", "note", "title"},
}
"""The fields of each download that hold words (written out here, not taken from the code):
everything else must be the same in every edition. `permalink` is the page's address, the
same path below each edition's root; `source_title` differs only for a described source."""


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_each_edition_is_a_site_of_its_own_in_its_language(built_editions: Path) -> None:
    site = built_editions / "site"
    for path in PAGES:
        assert 'lang="en"' in html(site, path).split(">", 2)[1]
        assert 'lang="uk"' in html(site / "uk", path).split(">", 2)[1]
    for name in (
        "search/search_index.json",
        "feed.xml",
        "data/figures.csv",
        "data/datapackage.json",
        "assets/social.png",
        "charts/crossings-by-bank.png",
        "embed/crossings-by-bank/index.html",
        "sitemap.xml",
        "404.html",
    ):
        assert (site / name).is_file() and (site / "uk" / name).is_file(), name
    feed = (site / "uk" / "feed.xml").read_text(encoding="utf-8")
    assert 'xml:lang="uk"' in feed
    assert "<title>Річки й мости: тестовий аркуш: виправлення та оновлення</title>" in feed
    search = json.loads((site / "uk" / "search" / "search_index.json").read_text("utf-8"))
    assert search["docs"][0]["title"] == "Річки й мости: тестовий аркуш"
    assert "<title>Показники — Річки й мости</title>" in html(site / "uk", "figures/")
    assert re.search(r">\s*Хронологія\s*<", html(site / "uk", "figures/"))  # the nav
    # The source's site lists none of the edition's pages in its own search or sitemap (they
    # are only its pages' alternates there).
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" in sitemap and not re.search(r"<loc>[^<]*/uk/", sitemap)
    assert f"<loc>{PUBLISHED_URL}uk/figures/</loc>" in (site / "uk" / "sitemap.xml").read_text(
        "utf-8"
    )


def test_the_root_sitemaps_name_each_page_in_every_edition(built_editions: Path) -> None:
    """The engine's sitemap at each edition's root lists its pages alone; the sitemaps beside
    each page name it in every edition: the root ones do too now, as a search engine reads."""
    site = built_editions / "site"
    entry = (
        "    <url>\n"
        "         <loc>https://example.github.io/factsheet/uk/figures/</loc>\n"
        "         <lastmod>2025-06-30</lastmod>\n"
        '         <xhtml:link rel="alternate" hreflang="en" '
        'href="https://example.github.io/factsheet/figures/"/>\n'
        '         <xhtml:link rel="alternate" hreflang="uk" '
        'href="https://example.github.io/factsheet/uk/figures/"/>\n'
        '         <xhtml:link rel="alternate" hreflang="x-default" '
        'href="https://example.github.io/factsheet/figures/"/>\n'
        "    </url>\n"
    )
    uk = (site / "uk" / "sitemap.xml").read_text("utf-8")
    assert entry in uk
    assert uk.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
        'sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    )
    home = (site / "sitemap.xml").read_text("utf-8")
    assert (
        "         <loc>https://example.github.io/factsheet/</loc>\n"
        "         <lastmod>2025-06-30</lastmod>\n"
        '         <xhtml:link rel="alternate" hreflang="en" '
        'href="https://example.github.io/factsheet/"/>\n'
        '         <xhtml:link rel="alternate" hreflang="uk" '
        'href="https://example.github.io/factsheet/uk/"/>\n'
    ) in home
    assert home.count("<url>") == home.count('hreflang="x-default"') == 4
    for folder in (site, site / "uk"):  # MkDocs' packed copy says the same
        packed = gzip.decompress((folder / "sitemap.xml.gz").read_bytes()).decode("utf-8")
        assert packed == (folder / "sitemap.xml").read_text("utf-8")


HREFLANG = {
    "": {
        "en": "https://reader.test/",
        "uk": "https://reader.test/uk/",
        "x-default": "https://reader.test/",
    },
    "figures/": {
        "en": "https://reader.test/figures/",
        "uk": "https://reader.test/uk/figures/",
        "x-default": "https://reader.test/figures/",
    },
    "sources/": {
        "en": "https://reader.test/sources/",
        "uk": "https://reader.test/uk/sources/",
        "x-default": "https://reader.test/sources/",
    },
    "timeline/": {
        "en": "https://reader.test/timeline/",
        "uk": "https://reader.test/uk/timeline/",
        "x-default": "https://reader.test/timeline/",
    },
}
"""Each page's `hreflang` links (relative: here, as read from a site at reader.test), the
same from both editions' copy of the page."""


def test_every_page_links_the_same_page_in_every_edition(built_editions: Path) -> None:
    """The switcher and the head's `hreflang` links (with `x-default`, the source's) both
    name the page the reader is on, in each edition, both ways."""
    site = built_editions / "site"
    for path in PAGES:
        for prefix in ("", "uk/"):
            here = f"https://reader.test/{prefix}{path}"
            text = html(site, prefix + path)
            heads = re.findall(r'<link rel="alternate" hreflang="([^"]*)" href="([^"]*)">', text)
            assert {lang: urljoin(here, href) for lang, href in heads} == HREFLANG[path], here
            assert len(heads) == 3, here
            # Material's own, to each edition's home page, are not written.
            assert not re.search(r'<link rel="alternate" href="[^"]*" hreflang=', text), here
            switcher = re.findall(
                r'<a href="([^"]*)" hreflang="([^"]*)" lang="[^"]*" class="md-select__link"',
                text,
            )
            assert [(urljoin(here, href), lang) for href, lang in switcher] == [
                (f"https://reader.test/{path}", "en"),
                (f"https://reader.test/uk/{path}", "uk"),
            ], here
    # The 404 page is no page of an edition: it names none.
    for prefix in ("", "uk/"):
        missing = (site / prefix / "404.html").read_text(encoding="utf-8")
        assert '<link rel="alternate" hreflang' not in missing, prefix


def test_a_sitemap_lies_beside_every_hreflang_link(built_editions: Path) -> None:
    """Material's script fetches the sitemap.xml beside each `hreflang` link: every page's
    folder has one, listing the page in each edition (absolute, with the sheet's site_url),
    so no visit asks for a missing file."""
    site = built_editions / "site"
    assert PUBLISHED_URL == "https://example.github.io/factsheet/"
    for links in HREFLANG.values():
        for url in links.values():
            folder = site / url.removeprefix("https://reader.test/")
            assert (folder / "sitemap.xml").is_file(), url
    assert (site / "uk" / "figures" / "sitemap.xml").read_text(encoding="utf-8") == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        "  <url>\n"
        "    <loc>https://example.github.io/factsheet/uk/figures/</loc>\n"
        '    <xhtml:link rel="alternate" hreflang="en" '
        'href="https://example.github.io/factsheet/figures/"/>\n'
        '    <xhtml:link rel="alternate" hreflang="uk" '
        'href="https://example.github.io/factsheet/uk/figures/"/>\n'
        '    <xhtml:link rel="alternate" hreflang="x-default" '
        'href="https://example.github.io/factsheet/figures/"/>\n'
        "  </url>\n"
        "</urlset>\n"
    )


def test_every_number_date_and_source_is_the_source_records(built_editions: Path) -> None:
    site = built_editions / "site"
    for name, kind in (
        ("figures.json", "figures"),
        ("statements.json", "statements"),
        ("events.json", "events"),
        ("sources.json", "sources"),
    ):
        ours = json.loads((site / "data" / name).read_text("utf-8"))[kind]
        theirs = json.loads((site / "uk" / "data" / name).read_text("utf-8"))[kind]
        assert [r["id"] for r in ours] == [r["id"] for r in theirs]
        for a, b in zip(ours, theirs, strict=True):
            # The same page's address below each edition's root.
            assert b["permalink"] == a["permalink"].replace(PUBLISHED_URL, f"{PUBLISHED_URL}uk/")
            kept = {k: v for k, v in a.items() if k not in WORDS[kind] | {"permalink"}}
            assert {k: b[k] for k in kept} == kept, a["id"]
            assert set(a) == set(b)
    # Values as the downloads give them, written out: the edition's own words, the same numbers.
    figures = json.loads((site / "uk" / "data" / "figures.json").read_text("utf-8"))["figures"]
    south = next(f for f in figures if f["id"] == "south-crossings")
    assert (
        south["low"],
        south["high"],
        south["unit"],
        south["period_start"],
        south["source_id"],
    ) == (500000, 600000, "people", "2024-01-01", ["river-survey-2025"])
    assert south["text"] == "500\xa0000–600\xa0000"  # CLDR: a no-break space
    assert south["label"] == "перетинів з південного берега"
    csv_en = (site / "data" / "charts" / "crossings-by-bank.csv").read_text("utf-8").splitlines()
    csv_uk = (site / "uk" / "data" / "charts" / "crossings-by-bank.csv").read_text("utf-8")
    assert [line.split(",")[0] for line in csv_en] == [
        line.split(",")[0] for line in csv_uk.splitlines()
    ]


def test_every_page_shows_the_same_records_as_in_the_source() -> None:
    """The records behind the pages: each page of the edition anchors exactly the records the
    same page of the source does, and each is the source's record with its words changed."""
    root = REPO / "tests" / "fixtures" / "editions"
    project, content = Project.load(root), load_and_validate(root)
    uk = content.editions["uk"]
    ours = render_in_memory(project, content)
    theirs = render_in_memory(edition_project(project, "uk"), uk, "uk")
    assert theirs.page_of == ours.page_of
    assert len(ours.page_of) == 28  # 11 + 2 + 1 + 3 + 1 + 6 + 4
    for kind in ("figures", "statements", "events", "sources", "notes", "charts", "changes"):
        for item_id, record in getattr(content, kind).items():
            mine = record.model_dump()
            other = getattr(uk, kind)[item_id].model_dump()
            changed = {k for k in mine if mine[k] != other[k]}
            assert changed <= {
                "label",
                "name",
                "short",
                "in_text",
                "says",
                "note",
                "speaker",
                "role",
                "place",
                "context",
                "translation",
                "quote_language",
                "title",
                "summary",
                "source_says",
                "claim_translation",
                "caption",
                "others",
                "what",
                "why",
                "explain",
            }, (kind, item_id, changed)
    for item_id, computed in content.derived.items():
        assert uk.derived[item_id].bounds == computed.bounds
        assert uk.derived[item_id].exact == computed.exact


def published_copy(built_editions: Path, tmp_path: Path) -> Path:
    """A copy of the built site as if published, for `check --against` to read."""
    site = tmp_path / "published"
    shutil.copytree(built_editions / "site", site)
    return site


def test_check_against_compares_every_editions_published_values(
    built_editions: Path, tmp_path: Path
) -> None:
    """A value one edition published otherwise than the source edition (a late deploy, a
    download edited by hand) is an error naming the edition, the record and both values;
    words (the Ukrainian label) are not compared."""
    site = published_copy(built_editions, tmp_path)
    figures = site / "uk" / "data" / "figures.json"
    lines = figures.read_text(encoding="utf-8").split("\n")
    assert lines[7].startswith('  {"id": "north-crossings", ') and '"value": 1200000' in lines[7]
    lines[7] = lines[7].replace('"value": 1200000', '"value": 1300000')
    figures.write_text("\n".join(lines), encoding="utf-8")
    statements = site / "uk" / "data" / "statements.json"
    text = statements.read_text(encoding="utf-8")
    assert text.count('"date": "2025-03-02"') == 1
    statements.write_text(text.replace('"date": "2025-03-02"', '"date": "2025-03-03"'), "utf-8")

    result = run(built_editions, "check", "--against", str(site / "data" / "figures.json"))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "edition" in line]
    assert errors == [
        f"{site}/uk/data/figures.json:8:3: figures.north-crossings.value: the uk edition "
        f"publishes 1300000 where the source edition ({site}/data/) publishes 1200000; an "
        "edition carries the source's values only: build and publish every edition together",
        f"{site}/uk/data/statements.json:8:3: statements.mayor-on-bridges.date: the uk edition "
        f"publishes '2025-03-03' where the source edition ({site}/data/) publishes "
        "'2025-03-02'; an edition carries the source's values only: build and publish every "
        "edition together",
    ]


def test_check_against_finds_records_and_editions_not_published(
    built_editions: Path, tmp_path: Path
) -> None:
    site = published_copy(built_editions, tmp_path)
    events = site / "uk" / "data" / "events.json"
    document = json.loads(events.read_text(encoding="utf-8"))
    gone = document["events"].pop()["id"]
    events.write_text(json.dumps(document), encoding="utf-8")
    published = read_published(str(site / "data" / "figures.json"))
    assert [(p.field, p.level) for p in compare(published, ["uk"])] == [("events", "error")]
    assert f"does not publish the event '{gone}' that the source edition does" in str(
        compare(published, ["uk"])[0]
    )
    # Unchanged, the editions agree: nothing to say.
    shutil.rmtree(site)
    site = published_copy(built_editions, tmp_path)
    assert compare(read_published(str(site / "data" / "figures.json")), ["uk"]) == []
    # An edition the sheet has but the site never published: said, not guessed.
    shutil.rmtree(site / "uk")
    [missing] = compare(read_published(str(site / "data" / "figures.json")), ["uk"])
    assert missing.level == "warning"
    assert "the uk edition publishes no downloads beside the source edition's" in str(missing)
