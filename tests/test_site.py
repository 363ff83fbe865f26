"""The built site, read the way a reader meets it: each figure and statement is on its page
with its source and date, in the words given. On the rich fixture sheet (tests/fixtures/rich),
with every expected text written out by hand from its content files; the war sheet's own
wording is tested in tests/sheet/."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def page(root: Path, name: str) -> BeautifulSoup:
    path = root / "site" / (f"{name}/index.html" if name else "index.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


SURVEY = "The survey, “Annual river survey 2025” , 1 March 2025, as reported by The Gazette"
REGISTER = "Bridge Authority, “Register of bridges” , 2024 ."


def test_the_home_page_shows_each_headline_figure_with_its_source_and_date(built_rich):
    cards = [text(c) for c in page(built_rich, "").select(".fs-headline")]
    assert len(cards) == 2
    assert cards[0].startswith("about 1.2 million The survey counts about 1.2 million crossings")
    assert cards[1].startswith("500,000–600,000 The survey estimates 500,000–600,000 crossings")
    for card in cards:
        assert "The survey , “Annual river survey 2025” , 1 March 2025" in card


FIGURES = {
    "north-crossings": (
        "The survey counts about 1.2 million crossings from the north bank in 2024 .",
        SURVEY,
    ),
    "south-crossings": (
        "The survey estimates 500,000–600,000 crossings from the south bank in 2024 .",
        SURVEY,
    ),
    "north-deaths": (
        "The survey counts 12 deaths on crossings from the north bank in 2024 .",
        SURVEY,
    ),
    "old-bridge-span": (
        "The register gives 120 metres the span of the old bridge as of 2024 .",
        REGISTER,
    ),
    "new-bridge-span": (
        "The register gives 1,500 metres the span of the new bridge by 2030 .",
        REGISTER,
    ),
}


def test_every_figure_is_worded_as_its_source_words_it(built_rich):
    data = page(built_rich, "figures")
    for figure_id, (claim, source) in FIGURES.items():
        node = data.find(id=figure_id)
        assert text(node.select_one(".fs-figure__claim")) == claim
        assert text(node.select_one(".fs-figure__source")).startswith(f"Source: {source}")


def test_every_derived_figure_shows_its_value_and_inputs(built_rich):
    data = page(built_rich, "figures")
    per_day = data.find(id="north-crossings-per-day")
    # 1,200,000 crossings over the 366 days of 2024: 3,278.7 a day, "about" as its input is.
    assert text(per_day.select_one(".fs-figure__claim")) == (
        # The label names its year: no date after it (a sentence, with its stop).
        "Crossings from the north bank a day in 2024, computed by this site : about 3,300 ."
    )
    assert [text(li) for li in per_day.select(".fs-figure__inputs li")] == [
        "crossings from the north bank : about 1.2 million"
    ]
    ratio = data.find(id="north-south-ratio")
    # 1,200,000 / 600,000 = 2 and 1,200,000 / 500,000 = 2.4.
    assert "about 2–2.4 times" in text(ratio.select_one(".fs-figure__claim"))
    assert [text(li) for li in ratio.select(".fs-figure__inputs li")] == [
        "crossings from the north bank : about 1.2 million",
        "crossings from the south bank : 500,000–600,000",
    ]


def test_a_statement_is_quoted_verbatim_with_speaker_date_and_source(built_rich):
    node = page(built_rich, "figures").find(id="mayor-on-bridges")
    assert text(node.blockquote) == "We will build the new bridge before the old one falls down."
    assert text(node.figcaption).startswith(
        "Grace Hopper , Mayor – Town hall, 2 March 2025. Said when the survey was published. "
        "Source: The Gazette , Report on the river survey , 2 March 2025 ."
    )


def test_an_editors_note_sets_the_claim_beside_what_the_source_says(built_rich):
    note = page(built_rich, "figures").find(id="note-crossings-are-not-people")
    assert text(note).startswith(
        "Editor’s note: Crossings, not people The claim: “Over a million people crossed "
        "the river” ( The Gazette , Report on the river survey , 2 March 2025 ) The source says: "
        "The survey counts about 1.2 million crossings ; one person can cross many times."
    )
    assert note.find("a", href="https://survey.example/2025") is not None


def test_every_event_is_on_the_timeline_in_date_order(built_rich):
    timeline = page(built_rich, "timeline")
    ids = [li["id"] for li in timeline.select(".fs-timeline .fs-event")]
    # 1 May 1900, September 2024, 1 March 2025: not the order of events.yml.
    assert ids == ["old-bridge-opens", "new-bridge-planned", "survey-published"]


def test_the_sources_page_lists_every_source_and_what_cites_it(built_rich):
    sources = page(built_rich, "sources")
    cited = {
        entry["id"]: [a["href"] for a in entry.select(".fs-cited-by a")]
        for entry in sources.select(".fs-source-entry")
    }
    # Sorted by publisher: Bridge Authority, River Survey Office, The Daily Gazette (twice).
    assert list(cited) == ["bridge-register", "river-survey-2025", "gazette-2025", "gazette-2022"]
    assert cited["bridge-register"] == [
        "../figures/#old-bridge-span",
        "../figures/#new-bridge-span",
        "../figures/#causeway-length",
        "../timeline/#old-bridge-opens",
        "../timeline/#new-bridge-planned",
    ]
    assert cited["gazette-2025"] == [
        "../figures/#mayor-on-bridges",
        "../figures/#note-crossings-are-not-people",
    ]
    assert len(cited["river-survey-2025"]) == 7
    assert cited["gazette-2022"] == [
        "../figures/#north-crossings-2019",
        "../figures/#north-crossings-2021",
        "../figures/#south-crossings-2021",
        "../figures/#south-crossings-2019",
        "../figures/#all-crossings-2019",
    ]
    survey = text(sources.find(id="river-survey-2025"))
    assert survey.startswith(
        "River Survey Office (Ada Lovelace and Alan Turing), “Annual river survey 2025” , "
        "1 March 2025. Report ; the original was not consulted; as reported by The Gazette"
    )
    assert sources.find(id="bridge-register").find("a", href="https://bridges.example/register")
