"""The war sheet as a reader meets it (issue 14): worded as its sources word them, in words
for readers rather than our working notes, and quick to read. Expected texts are written out
by hand from the research (`../shared/research/sources.md`), never computed by the generator."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from tests.support import edition_folders, run

SITE = "https://reader.test/"  # pages are joined onto a made-up origin to compare link targets


def pages(root: Path) -> dict[str, BeautifulSoup]:
    """Every built page of the site, by its URL path below it ('' is the home page); not the
    charts' bare embed pages, made for other sites (see `test_every_chart_has_an_embed_page`)."""
    site = root / "site"
    return {
        ("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"): BeautifulSoup(
            p.read_text("utf-8"), "html.parser"
        )
        for p in site.rglob("index.html")
        if p.relative_to(site).parts[0] not in {"embed", *edition_folders(site)}
    }


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def visible_text(node) -> str:
    """What a sighted reader sees of `node`: without words for screen readers only."""
    node = BeautifulSoup(str(node), "html.parser")
    for hidden in node.select(".md-visually-hidden"):
        hidden.decompose()
    return text(node)


def article(soup: BeautifulSoup):
    return soup.select_one("article")


# --- misleading and minor items ---------------------------------------------------------------

# (figure id, the whole claim as a reader should read it), written out from the research.
CLAIMS = [
    (
        "combined-losses-ap",
        "AP reports that there may already be up to 1.8 million Russian and Ukrainian military "
        "casualties (killed, wounded and missing) combined as of 28 January 2026.",
    ),
    ("us-vietnam-battle-deaths", "CSIS gives 47,434 US battle deaths in the Vietnam War."),
    (
        "us-vietnam-wounded-hospitalized",
        "The Department of Defense counts 153,303 US military wounded in the Vietnam War who "
        "needed hospital care.",
    ),
    (
        "us-vietnam-wounded-va",
        "The Department of Veterans Affairs speaks of more than 300,000 US military wounded in "
        "the Vietnam War.",
    ),
    (
        "ua-population",
        "Estimates described as “UN-style”, publisher not known, give about 40.1 million as the "
        "population of Ukraine (year of the estimate not known).",
    ),
    (
        "combined-casualties-projection",
        "CSIS projects about 2 million Russian and Ukrainian military casualties combined by "
        "spring 2026, counting from 24 February 2022.",
    ),
    (
        "ua-kharkiv-counteroffensive-2022",
        "CSIS’s table of offensive speeds gives up to about 7.5 kilometres a day for Ukraine’s "
        "Kharkiv counteroffensive in 2022.",
    ),
    (
        "somme-1916-pace",
        "CSIS gives, for scale, about 80 metres a day for the advance in the Battle of the "
        "Somme in 1916.",
    ),
]


@pytest.mark.parametrize(("figure_id", "claim"), CLAIMS, ids=[c[0] for c in CLAIMS])
def test_each_figure_reads_as_its_source_words_it(built, figure_id, claim):
    node = next(s.find(id=figure_id) for s in pages(built).values() if s.find(id=figure_id))
    # A copy without the "Corrected …" note the changes log adds after the sentence.
    sentence = copy.copy(node.select_one(".fs-figure__claim"))
    for note in sentence.select(".fs-changed"):
        note.decompose()
    assert text(sentence).replace(" ,", ",").replace(" .", ".") == claim


def test_casualties_are_never_divided_by_deaths_on_the_site(built):
    casualties = text(article(pages(built)["casualties/"]))
    assert "1.01 times" not in casualties and "0.82 times" not in casualties
    for row in pages(built)["casualties/"].select(".fs-figtable tbody tr"):
        assert "against US" not in text(row), text(row)


def test_the_population_source_names_no_publisher_the_research_does_not_establish(built):
    entry = pages(built)["sources/"].find(id="population-estimates")
    assert "United Nations" not in text(entry)
    assert text(entry).startswith("Publisher not known")


def test_the_population_ratio_is_given_for_each_estimate_with_its_basis(built):
    """The research: estimates differ widely; about 3.5 times on the "UN-style" estimates,
    about 4.2 times with the IMF's 2024 figure (known through Athens News)."""
    page = pages(built)["casualties/"]
    imf = text(page.find(id="ua-population-imf-2024"))
    assert imf.startswith(
        "The IMF’s April 2024 World Economic Outlook estimates 33.4 million people living in"
        " Ukraine in 2024"
    )
    assert "as reported by Athens News" in imf
    assert "about 3.5 times" in text(page.find(id="ru-ua-population-ratio"))
    assert "about 4.2 times" in text(page.find(id="ru-ua-population-ratio-imf"))
    note = text(page.find(id="note-five-times-smaller"))
    assert "about 3.5 times smaller" in note and "about 4.2 times smaller" in note


def test_the_mi6_handover_follows_moores_speech_on_the_timeline(built):
    events = [li["id"] for li in pages(built)["diplomacy/"].select(".fs-timeline .fs-event")]
    assert events.index("moore-istanbul-speech") < events.index("mi6-leadership-change")
    handover = text(pages(built)["diplomacy/"].find(id="mi6-leadership-change"))
    assert "around 1 October 2025" in handover and "unconfirmed" in handover


def test_the_note_on_25_yards_says_kupiansk_is_roughly_at_it(built):
    note = text(pages(built)["territory/"].find(id="note-below-25-yards"))
    assert "Kupiansk roughly at it" in note


def test_no_date_prints_a_year_twice(built):
    for name, soup in pages(built).items():
        repeated = re.findall(r"\b(1\d{3}|20\d{2}) ?, \1\b", text(article(soup)))
        assert not repeated, f"{name or 'home'}: {repeated}"


# --- words for readers ------------------------------------------------------------------------

WORKING_NOTES = [
    "our research notes",
    "our notes",
    "headline not recorded",
    "descriptive title",
    "(secondary)",
    "known through",
    "seed article",
]


@pytest.mark.parametrize("phrase", WORKING_NOTES)
def test_no_page_reads_as_our_working_notes(built, phrase):
    for name, soup in pages(built).items():
        assert phrase not in text(soup).lower(), f"{name or 'home'} says {phrase!r}"


LABELS = (
    "h1, h2, h3, h4, h5, h6, th, caption, summary, .fs-chart__title, .admonition-title, "
    ".fs-figure--derived .fs-label, .fs-headline__label, .fs-figtable td:last-child"
)


def test_no_heading_or_label_starts_in_lower_case(built):
    wrong = []
    for name, soup in pages(built).items():
        for node in article(soup).select(LABELS):
            words = visible_text(node)
            first = next((c for c in words if c.isalpha()), "")
            if first.islower():
                wrong.append(f"{name or 'home'}: {words[:60]!r}")
    assert wrong == []


# --- quick to read ----------------------------------------------------------------------------


def test_the_home_page_gives_the_diplomacy_at_a_glance(built):
    home = pages(built)[""]
    glance = home.select_one(".fs-glance-block")
    assert glance is not None and "Diplomacy at a glance" in text(glance)
    latest = (
        "12 October 2025: Trump raises the prospect of sending Tomahawk missiles to Ukraine (AP)"
    )
    assert latest in text(glance).replace(" :", ":")
    quotes = [text(q) for q in home.select(".fs-glance-quote")]
    assert any("absolutely no evidence" in q and "19 September 2025" in q for q in quotes)
    assert all("Source:" in q for q in quotes)


@pytest.mark.parametrize("name", ["casualties/", "territory/"])
def test_a_topic_page_opens_with_a_table_of_every_figure_with_its_source(built, name):
    soup = pages(built)[name]
    table = article(soup).find(["table", "figure", "div"], recursive=False)
    assert table is not None and "fs-figtable" in table.get("class", [])
    rows = {
        a["href"].rsplit("#", 1)[1]: tr
        for tr in table.select("tbody tr")
        for a in tr.select("th a")
    }
    shown = {div["id"] for div in soup.select(".fs-figure")}
    assert set(rows) == shown
    for tr in rows.values():
        source = tr.select("td")[-1]
        assert re.search(r"\d{4}", text(source)), text(tr)  # who and when


def test_citations_and_details_fold_behind_a_disclosure(built):
    for figure in pages(built)["casualties/"].select(".fs-figure"):
        more = figure.select_one("details.fs-more")
        assert more is not None and more.select_one(".fs-cite") is not None, figure["id"]
        assert figure.select_one(".fs-figure__claim").find_parent("details") is None


def test_the_sources_page_says_what_each_citation_is(built):
    entry = pages(built)["sources/"].find(id="ap-tomahawk-2025-10-12")
    cited = [visible_text(a) for a in entry.select(".fs-cited-by a")]
    assert "Quotation: Donald Trump, “look great”" in cited
    assert "Timeline: Trump raises the prospect of sending Tomahawk missiles to Ukraine" in cited
    assert len(set(cited)) == len(cited)


def test_a_chart_with_many_sources_names_them_briefly(built):
    chart = pages(built)["diplomacy/"].find(id="diplomacy-timeline")
    caption = text(chart.select_one(".fs-chart__source"))
    assert len(caption) < 400, caption
    assert "14 in all" in caption  # with Metreweli’s speech (issue 22)
    # Under a timeline the sources support events, not figures; "the Kremlin" in running
    # English, and a government in lower case (native review, round 3, en E2 and E4).
    assert "each is cited in full next to what it supports and on the Sources page" in caption
    assert "figures" not in caption
    assert ", the Kremlin," in caption and ", the UK government," in caption
    assert "Kremlin," not in caption.replace("the Kremlin,", "")


def test_sources_known_only_by_description_read_in_lower_case_after_their_publisher(built):
    # Native review, round 3, en A10-A12: "UNILAD, UNILAD article on…", "Ukrainian law, Law
    # lowering…", the IMF's published title unquoted, and "since 24 February 2022, by spring".
    site = " ".join(text(article(s)) for name, s in pages(built).items() if name != "changes/")
    site = re.sub(r"([“(]) ", r"\1", re.sub(r" ([,.;:)”])", r"\1", site))
    assert "Ukraine, law lowering the mobilisation age from 27 to 25, April 2024" in site
    assert "IMF, “World Economic Outlook”, April 2024" in site
    assert "AP, report on the CSIS estimates of Russian and Ukrainian losses" in site
    assert "UNILAD, article on the CSIS estimates of Russian losses" in site
    for old in ("UNILAD, UNILAD article on the CSIS", "Ukrainian law, Law", "Report on the CSIS"):
        assert old not in site, old
    assert (
        "CSIS projects about 2 million Russian and Ukrainian military casualties combined by "
        "spring 2026, counting from 24 February 2022"
    ) in site.replace("\u00a0", " ")


def test_the_sheets_own_words_write_dates_day_first_as_the_site_does(built):
    # Native review, round 4, en E1: "May 8–10", "Monday, May 12", "April 2, 2024" beside the
    # site's "11 May 2025". Quotations keep their words; the Changes page says what lines read.
    month = "January|February|March|April|May|June|July|August|September|October|November|December"
    american = re.compile(rf"\b(?:{month}) \d{{1,2}}(?:[–-]\d{{1,2}}| or \d{{1,2}})?\b")
    found = []
    for name, soup in pages(built).items():
        if name == "changes/":
            continue
        page = copy.copy(article(soup))
        for quote in page.select("blockquote"):
            quote.decompose()
        words = text(page).replace("Donald Trump’s post of 11 May 2025", "")  # its title
        found += [f"{name}: {m.group(0)}" for m in american.finditer(words)]
    assert found == []


CHARTS = {
    # chart id: the page that holds its anchor
    "casualties-by-side": "casualties/",
    "advance-pace": "territory/",
    "territory-share": "territory/",
    "ua-population-imf": "casualties/",
    "diplomacy-timeline": "diplomacy/",
    "war-timeline": "diplomacy/",
}


def test_every_chart_has_an_embed_page(built):
    site = pages(built)
    for chart_id, home in CHARTS.items():
        embed = BeautifulSoup(
            (built / "site" / "embed" / chart_id / "index.html").read_text("utf-8"), "html.parser"
        )
        chart = site[home].find(id=chart_id)
        assert chart is not None, f"{chart_id} is not on {home}"
        assert text(embed.h1) == text(chart.select_one(".fs-chart__title"))
        assert embed.select_one(".fs-chart__source") == chart.select_one(".fs-chart__source")
        back = embed.select_one(".fs-embed__back a")["href"]
        assert urljoin(f"{SITE}embed/{chart_id}/", back) == f"{SITE}{home}#{chart_id}"
        code = chart.select_one(".fs-chart__embed pre code").get_text()
        assert f'<iframe src="https://example.github.io/factsheet/embed/{chart_id}/"' in code


def link_name(a) -> str:
    """A link's accessible name: its aria-label, or its text with visually hidden words."""
    return " ".join((a.get("aria-label") or a.get_text(" ")).split())


def test_no_two_links_on_a_page_share_text_but_not_their_target(built):
    clashes = []
    for name, soup in pages(built).items():
        targets: dict[str, set[str]] = {}
        for a in article(soup).select("a[href]"):
            if "headerlink" in a.get("class", []):
                continue  # Material's ¶ beside a heading: named by its `title`, the heading
            targets.setdefault(link_name(a), set()).add(urljoin(SITE + name, a["href"]))
        clashes += [
            f"{name or 'home'}: {t!r} -> {sorted(h)}" for t, h in targets.items() if len(h) > 1
        ]
    assert clashes == []


# --- no placeholder address -------------------------------------------------------------------


def test_a_build_without_site_url_prints_no_made_up_address(sheet: Path, built: Path):
    assert "site_url" not in (sheet / "mkdocs.yml").read_text(encoding="utf-8").split("#")[0]
    # The session's build drew the charts: the address is in no drawing, and a cache entry is
    # named by the hash of what decides it and checked on read, so this build reuses them.
    for folder in ("charts", "social"):
        shutil.copytree(
            built / ".cache" / "factsheet" / folder, sheet / ".cache" / "factsheet" / folder
        )
    result = run(sheet, "build")
    assert result.exit_code == 0, result.output
    for page in (sheet / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "example.github.io" not in html and "example.org" not in html, page
    cites = [text(c) for s in pages(sheet).values() for c in s.select(".fs-cite")]
    assert cites and not any("http" in c for c in cites)
    assert cites[0].endswith("updated 7 December 2026")


def test_every_chart_passes_chartabilitys_automatic_checks(built):
    """A title, a text alternative and a data table; <title> and <desc> in every drawing,
    text at 4.5:1 and marks at 3:1; each series named on the chart, in a shape of its own."""
    from tests.chartability import site_problems
    from tests.test_chartability import series_of

    series = series_of(built)
    assert series["casualties-by-side"] == ["Casualties", "Deaths"]
    assert site_problems(built / "site", series) == []
