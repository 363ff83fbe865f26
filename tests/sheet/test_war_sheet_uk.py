"""The war sheet's Ukrainian edition (issue 27) as a Ukrainian reader meets it: each figure one
Ukrainian sentence worded as its source words it, quotations given in translation and marked
as such with the words as said beside them, and none of the English edition's prose left on
its pages. Expected texts are written out by hand, never computed by the generator."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.support import REPO


def uk_pages(root: Path) -> dict[str, BeautifulSoup]:
    """Every page of the uk edition by its path below /uk/ ('' is its home), embeds aside."""
    site = root / "site" / "uk"
    return {
        ("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"): BeautifulSoup(
            p.read_text("utf-8"), "html.parser"
        )
        for p in site.rglob("index.html")
        if p.relative_to(site).parts[0] != "embed"
    }


def text(node) -> str:
    """The node's words, every run of spaces (the no-break space grouping thousands too) one."""
    return " ".join(node.get_text(" ").split())


def claim(soup: BeautifulSoup, record_id: str) -> str:
    """A figure's sentence without the "Уточнено …" note the changes log adds after it."""
    sentence = copy.copy(soup.find(id=record_id).select_one(".fs-figure__claim"))
    for note in sentence.select(".fs-changed"):
        note.decompose()
    return text(sentence).replace(" ,", ",").replace(" .", ".")


# (page, figure id, the sentence as a Ukrainian reader should read it): figures whose label
# says when, so no date phrase follows; the words agree with the number (47 434 →
# «військовослужбовці», 58 220 → «військовослужбовців»).
CLAIMS = [
    (
        "casualties/",
        "us-vietnam-battle-deaths",
        "За даними CSIS, у війні у В’єтнамі в боях загинули 47 434 військовослужбовці США.",
    ),
    (
        "casualties/",
        "us-vietnam-fatal-casualties",
        "За підрахунком Національного архіву США, у війні у В’єтнамі загинули "
        "58 220 військовослужбовців США.",
    ),
    (
        "casualties/",
        "ua-population",
        "За оцінками «у стилі ООН» невідомого видавця, населення України становить близько "
        "40,1 мільйона осіб (рік оцінки невідомий).",
    ),
]


@pytest.mark.parametrize(("page", "figure_id", "expected"), CLAIMS, ids=[c[1] for c in CLAIMS])
def test_each_uk_figure_reads_as_its_source_words_it(built, page, figure_id, expected):
    assert claim(uk_pages(built)[page], figure_id) == expected


def test_a_translated_quotation_shows_the_words_as_said_beside_it(built):
    """Zelenskyy's Fox News answer is known only in English: the uk edition gives it in
    translation, marked as one, and keeps the English as the source gives it."""
    quote = text(uk_pages(built)["diplomacy/"].find(id="zelenskyy-waiting-for-president"))
    assert "Ми над цим працюємо. Я чекаю від президента „так“." in quote
    assert "переклад" in quote.lower()
    assert "We work on it. I’m waiting for president to yes." in quote


def test_no_english_label_or_attribution_is_left_on_the_uk_pages(built):
    """What the English edition's figures say (their `says`, labels and names) is never
    printed on a uk page: every one has its Ukrainian words."""
    figures = yaml.safe_load((REPO / "content" / "figures.yml").read_text("utf-8"))["figures"]
    english = {f[k] for f in figures for k in ("label", "says", "name") if f.get(k)}
    # The Changes page quotes what the English edition's labels once read, marked as English.
    pages = {
        name: text(soup.select_one("article"))
        for name, soup in uk_pages(built).items()
        if name != "changes/"
    }
    left = sorted(
        f"{name or 'home'}: {words}"
        for name, page in pages.items()
        for words in english
        if words in page
    )
    assert left == []
