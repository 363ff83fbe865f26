"""A sheet in German reads in German: every word the generator writes on its pages, in its
404 page and its tooltips comes from the German catalog, and Material speaks German too.

The fixture (tests/fixtures/german) is a small public-health sheet: three figures and a
derived one, a statement, an event, an editor's note, a correction and one source."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.build import build
from generator.language import catalog
from generator.messages import words as fluent_words
from generator.project import Project
from tests.golden import FIXTURES, copy_fixture

ENGLISH_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_WORD = re.compile(r"[^\W\d_]{2,}")
TEXT_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The German fixture sheet, built once for this module; read it, don't change it."""
    root = copy_fixture("german", tmp_path_factory.mktemp("german") / "german")
    build(Project.load(root))
    return root


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _message_words(message: object) -> set[str]:
    texts = [message] if isinstance(message, str) else list(message.values())  # type: ignore[union-attr]
    # Placeholders and code spans aside: `about`, a code a German message quotes, is no
    # German word.
    return {w for text in texts for w in _words(re.sub(r"`[^`]*`", " ", fluent_words(text)))}


def english_words() -> set[str]:
    """Every word of an English message whose German one differs, and the English month
    names; less any word the German catalog or the sheet's own content also uses (Link,
    Details, in), which is German too."""
    english, german_catalog = catalog("en"), catalog("de")
    words: set[str] = set()
    for key, message in english.items():
        if key.startswith("dates.") and key in ("dates.day", "dates.month"):
            continue  # CLDR patterns ('d MMMM y'), not words
        if message != german_catalog[key]:
            words |= _message_words(message)
    words |= {m.lower() for m in ENGLISH_MONTHS}
    shared = set().union(*(_message_words(m) for m in german_catalog.values()))
    for path in (FIXTURES / "german" / "content").glob("*.yml"):
        shared |= _authored_words(yaml.safe_load(path.read_text("utf-8")))
    return words - shared


AUTHORED = {"title", "description", "topics", "sides", "publisher", "short", "label", "name"}
AUTHORED |= {"says", "speaker", "role", "quote", "context", "summary", "claim", "source_says"}
AUTHORED |= {"what", "why"}
"""The fields of the sheet's own words, shown as written (not ids, kinds or units)."""


def _authored_words(data: object, shown: bool = False) -> set[str]:
    if isinstance(data, str):
        return _words(data) if shown else set()
    if isinstance(data, dict):
        return set().union(
            set(), *(_authored_words(v, shown or k in AUTHORED) for k, v in data.items())
        )
    if isinstance(data, list):
        return set().union(set(), *(_authored_words(v, shown) for v in data))
    return set()


def _reader_text(html: str) -> str:
    """What a reader meets: the text, and the attributes read out or shown as tooltips."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "svg"]):
        hidden.decompose()
    # "Material for MkDocs", in the footer's credit, is the theme's name, not English words.
    parts = [soup.get_text(" ").replace("Material for MkDocs", "")]
    parts += [str(tag[a]) for a in TEXT_ATTRIBUTES for tag in soup.find_all(attrs={a: True})]
    return " ".join(parts)


def test_the_english_words_checked_for_are_real_ones():
    """The check below cannot pass by looking for nothing."""
    words = english_words()
    for word in ("source", "cite", "updated", "note", "claim", "computed", "october", "about"):
        assert word in words


@pytest.mark.parametrize("page", ["index.html", "404.html"])
def test_no_english_word_the_generator_writes_reaches_a_german_page(german: Path, page: str):
    found = _words(_reader_text((german / "site" / page).read_text("utf-8"))) & english_words()
    assert found == set()


def test_a_german_page_reads_in_german(german: Path):
    soup = BeautifulSoup((german / "site" / "index.html").read_text("utf-8"), "html.parser")
    text = " ".join(soup.select_one("article").get_text(" ").split())
    assert soup.html["lang"] == "de"
    source = "Quelle: Das Gesundheitsamt, „Epidemiologisches Bulletin 41/2025“ , 12. Oktober 2025"
    assert source in text
    assert "Zitiervorschlag: Masern in Beispielland, „Impfquote“, Stand: 12. Oktober 2025" in text
    # As it reads: the span marking the words sits inside the parentheses.
    assert "(das Original wurde nicht eingesehen)" in soup.select_one("article").get_text()
    assert "Anmerkung der Redaktion: Mehr als verdoppelt?" in text
    assert "Behauptung: „Die Fälle haben sich mehr als verdoppelt.“" in text
    assert "Was die Quelle belegt: Die Tabelle nennt" in text
    assert "Eigene Berechnung: " in text
    assert "Zahl Wert Zeitraum Quelle" in text
    assert "( Korrigiert am 12. Oktober 2025 )" in text
    assert "Korrigiert : Impfquote Was sich geändert hat: 92,5 statt 95,2 Prozent. Warum:" in text
    assert "Bericht ; das Original wurde nicht eingesehen." in text
    assert "Zitiert in: Zahl „Masernfälle 2025“ ;" in text  # no second colon (round 4, de E3)
    assert "berechnete Zahl „Fälle 2025 im Verhältnis zu 2024“" in text
    assert "Link zum Zitat von Dr. Anna Beispiel: „Jede Impfung zählt“" in text
    assert "Weitere Zitate : Dr. Anna Beispiel, „Jede Impfung zählt“" in text
    assert "Ereignis „Bulletin erschienen“" in text


def test_the_theme_speaks_german_too(german: Path):
    home = BeautifulSoup((german / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert {a["title"] for a in home.select("a.headerlink")} == {"Dauerhafter Link"}
    feed = home.find("link", type="application/atom+xml")
    assert feed["title"] == "Korrekturen, Aktualisierungen und Präzisierungen"
    assert home.find("input", attrs={"name": "query"})["placeholder"] == "Suche"
    missing = BeautifulSoup((german / "site" / "404.html").read_text("utf-8"), "html.parser")
    assert missing.html["lang"] == "de"
    assert missing.find("h1").get_text() == "404 – Seite nicht gefunden"


def test_the_fixture_sets_no_theme_language_the_build_does():
    config = yaml.safe_load((FIXTURES / "german" / "mkdocs.yml").read_text("utf-8"))
    assert "language" not in config["theme"]


def test_the_datasets_downloads_are_named_in_german(german: Path):
    """The schema.org Dataset the generator puts in the home page's front matter."""
    markdown = (german / "build" / "docs" / "index.md").read_text("utf-8")
    meta = yaml.safe_load(markdown.split("---\n")[1])
    dataset = json.loads(meta["dataset_jsonld"])
    assert [d["name"] for d in dataset["distribution"]] == [
        "Zahlen (CSV)",
        "Zahlen (JSON)",
        "Aussagen (JSON)",
        "Ereignisse (JSON)",
        "Quellen (JSON)",
        "Frictionless-Datenpaket (JSON)",
    ]
