"""The built fact sheet, read the way a reader meets it: every figure and statement is on
the site with its source and date, worded as its source words it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import numbers
from generator.content import Content
from generator.numbers import shown
from generator.validation import load_and_validate
from tests.support import REPO


def page(root: Path, name: str) -> BeautifulSoup:
    path = root / "site" / (f"{name}/index.html" if name else "index.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def all_pages(root: Path) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(root / "site").as_posix(): BeautifulSoup(p.read_text("utf-8"), "html.parser")
        for p in (root / "site").rglob("*.html")
    }


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture(scope="module")
def content(built: Path) -> Content:
    return load_and_validate(built)


def find_anchor(pages: dict[str, BeautifulSoup], anchor: str):
    for soup in pages.values():
        node = soup.find(id=anchor)
        if node is not None:
            return node
    return None


def test_the_home_page_shows_each_headline_figure_with_its_source_and_date(built, content):
    home = page(built, "")
    cards = [text(c) for c in home.select(".fs-headline")]
    headlines = content.headlines()
    assert len(headlines) >= 4 and len(cards) == len(headlines)
    for q, card in zip(headlines, cards, strict=True):
        assert shown(q) in card
        source = content.sources[q.source]
        assert source.name in card and numbers.date(source.date) in card


def test_every_figure_is_worded_as_its_source_words_it(built, content):
    pages = all_pages(built)
    for f in content.figures.values():
        node = find_anchor(pages, f.id)
        assert node is not None, f"{f.id} is not on the site"
        claim = text(node.select_one(".fs-figure__claim"))
        assert claim.startswith(f"{f.says} {shown(f)} {f.label}"), claim
        source = text(node.select_one(".fs-figure__source"))
        assert content.sources[f.source].name in source
        assert numbers.date(content.sources[f.source].date) in source


def test_every_derived_figure_shows_its_formula_and_inputs(built, content):
    pages = all_pages(built)
    for d in content.derived.values():
        node = find_anchor(pages, d.id)
        assert node is not None, f"{d.id} is not on the site"
        assert d.working in text(node)
        assert len(node.select(".fs-figure__inputs li")) == len(d.inputs)


def test_every_statement_is_quoted_verbatim_with_speaker_date_and_source(built, content):
    pages = all_pages(built)
    for s in content.statements.values():
        node = find_anchor(pages, s.id)
        assert node is not None, f"{s.id} is not on the site"
        assert " ".join(s.quote.split()) in text(node.blockquote)
        caption = text(node.figcaption)
        assert s.speaker in caption and numbers.date(s.date) in caption
        assert content.sources[s.source].name in caption


def test_every_event_is_on_the_timeline_in_date_order(built, content):
    diplomacy = page(built, "diplomacy")
    ids = [li["id"] for li in diplomacy.select(".fs-timeline .fs-event")]
    assert ids == [e.id for e in content.timeline()]


def test_the_sources_page_lists_every_source_and_what_cites_it(built, content):
    sources = page(built, "sources")
    for source in content.sources.values():
        entry = sources.find(id=source.id)
        assert entry is not None, source.id
        assert source.title in text(entry) and numbers.date(source.date) in text(entry)
        if source.url:
            assert entry.find("a", href=source.url) is not None
        cited = {a["href"].rsplit("#", 1)[1] for a in entry.select(".fs-cited-by a")}
        assert cited == {i for _, i in content.citations(source.id)}


# The differences between the seed article and its sources that issue 4 names, each of which
# needs an editor's note on the site, found by what the article said.
ARTICLE_CLAIMS = [
    "lost over one million soldiers",
    "7,400 meters",
    "slower than any other army",
    "every six weeks as the US lost",
    "two million by Spring",
    "five times smaller",
    "all men over 25 are conscripted",
]


@pytest.mark.parametrize("claim", ARTICLE_CLAIMS)
def test_each_overstatement_of_the_article_has_an_editors_note(built, content, claim):
    notes = [n for soup in all_pages(built).values() for n in soup.select(".fs-note")]
    matching = [n for n in notes if claim.lower() in text(n).lower()]
    assert matching, f"no editor's note quotes the article's {claim!r}"
    note = matching[0]
    assert "The article said" in text(note) and "The source says" in text(note)
    source = content.sources[content.notes[note["id"]].source]
    # A source with no address of its own is linked to its entry on the sources page.
    target = source.url or re.compile(rf"#{source.id}$")
    assert note.find("a", href=target) is not None, "the note does not link its source"


@pytest.mark.parametrize("claim", ARTICLE_CLAIMS)
def test_no_page_repeats_a_wrong_claim_as_its_own(built, claim):
    for name, soup in all_pages(built).items():
        for note in soup.select(".fs-note"):
            note.decompose()
        for quoted in soup.select(".fs-statement blockquote"):
            quoted.decompose()
        # Words inside quotation marks are attributed to whoever is quoted, not the site's own.
        own = re.sub(r"“[^”]*”", "", text(soup))
        assert claim.lower() not in own.lower(), f"{name} states {claim!r}"


# Every figure of the seed article, as the site should show it (its source's wording, not the
# article's), written out by hand from ../shared/research/sources.md.
SEED_FIGURES = [
    ("ru-casualties", "about 1.2 million", "CSIS", "27 January 2026"),
    ("ru-deaths", "275,000–325,000", "CSIS", "27 January 2026"),
    ("ua-casualties", "500,000–600,000", "CSIS", "27 January 2026"),
    ("ua-deaths", "100,000–140,000", "CSIS", "27 January 2026"),
    ("ru-territory-share-total", "about 12%", "CSIS", "27 January 2026"),
    ("article-2022-advance", "up to 7,400 metres a day", "UNILAD", "29 January 2026"),
    ("article-pace-below-25yd", "below 25 yards a day (22.9 metres a day)", "UNILAD", "2026"),
    ("ru-casualties-2025", "about 415,000", "CSIS", "27 January 2026"),
    ("us-vietnam-battle-deaths", "47,434", "CSIS", "27 January 2026"),
    ("combined-casualties-projection", "about 2 million", "CSIS", "27 January 2026"),
    ("ua-population", "about 40.1 million", "“UN-style” estimates", "January 2026"),
    ("ua-mobilisation-age", "25 years", "Ukrainian law", "2 April 2024"),
    ("tomahawk-range", "more than 1,000 miles (1,609 kilometres)", "UNILAD", "October 2025"),
]


@pytest.mark.parametrize(("figure_id", "value", "who", "when"), SEED_FIGURES)
def test_every_seed_figure_is_on_the_site_with_its_source_and_date(
    built, figure_id, value, who, when
):
    node = find_anchor(all_pages(built), figure_id)
    assert node is not None, f"{figure_id} is not on the site"
    assert value in text(node.select_one(".fs-figure__claim"))
    source = text(node.select_one(".fs-figure__source"))
    assert who in source and when in source, source
    # Where the page opens with its table of figures, the row says the same.
    table = node.find_parent("article").select_one(".fs-figtable")
    if table is not None:
        row = table.find("a", href=f"#{figure_id}").find_parent("tr")
        assert value in text(row) and who.lower() in text(row).lower() and when in text(row)


def shared_research() -> Path | None:
    """../shared beside the checkout, or beside the folder of worktrees it may sit in."""
    for folder in (REPO.parent / "shared", REPO.parent.parent / "shared"):
        if folder.is_dir():
            return folder
    return None


def test_quotes_are_word_for_word_from_the_seed_or_the_verified_sources(content):
    shared = shared_research()
    if shared is None:
        pytest.skip("../shared (seed article and research) is not beside this checkout")
    seed = " ".join(
        p.read_text(encoding="utf-8")
        for p in [*shared.glob("seed/*.txt"), *shared.glob("research/*.md")]
    )

    def norm(s: str) -> str:
        s = re.sub(r"[“”«»\"]", '"', s)
        s = re.sub(r"[‘’']", "'", s)
        return " ".join(s.split())

    seed = norm(seed)
    missing = [
        s.id
        for s in content.statements.values()
        if not all(norm(p) in seed for p in re.split(r"\n\s*\n", s.quote) if p.strip())
    ]
    assert not missing, f"statements not found word for word in the seed: {missing}"
