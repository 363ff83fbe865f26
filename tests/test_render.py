"""Content is data: what YAML text becomes when a template prints it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import links
from generator.language import Language
from generator.page import Link
from generator.render import (
    _PLAIN,
    _marked_up,
    escape_text,
    inline_md,
    list_separator,
    render_pages,
)
from tests.support import ENGLISH


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("*emphasis* and **strong**", "<em>emphasis</em> and <strong>strong</strong>"),
        (
            "[CSIS](https://www.csis.org/)",
            '<a href="https://www.csis.org/" rel="noopener">CSIS</a>',
        ),
        (
            "[mail](mailto:desk@example.org)",
            '<a href="mailto:desk@example.org" rel="noopener">mail</a>',
        ),
        ("[x](javascript:alert(1))", "x"),
        ("[x](//elsewhere.example/page)", "x"),  # no scheme: off-site, unannounced
        ("[x](/root/page)", "x"),  # breaks under a GitHub Pages sub-path
        ("<b onmouseover=alert(1)>hi</b>", "&lt;b onmouseover=alert(1)&gt;hi&lt;/b&gt;"),
        ("![img](https://tracker.example/pixel.png)", ""),
    ],
)
def test_inline_markdown_keeps_emphasis_and_absolute_links_only(text: str, html: str):
    assert str(inline_md(text)) == html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        # Plain sentences, which skip the Markdown parser: the text itself.
        (
            "CSIS estimates about 1.2 million, “killed, wounded and missing”.",
            "CSIS estimates about 1.2 million, “killed, wounded and missing”.",
        ),
        ("Ukraine’s population:\n  41 million in 2021", "Ukraine’s population: 41 million in 2021"),
        ("1.5 million by 2024.", "1.5 million by 2024."),
        # The writer's no-break spaces stay (French « », before %): only line breaks fold.
        ("«\u202fenviron\u202f» -- 3,3 milliards", "«\u202fenviron\u202f» -- 3,3 milliards"),
        # Starts Markdown reads as blocks, and characters it acts on: the parser's result.
        ("1. first", "first"),
        ("- item", "item"),
        ("---", ""),
        ("# Heading", "Heading"),
        ("> quoted", "&gt; quoted"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("a_b_c", "a_b_c"),
        ("a \\*b", "a *b"),
    ],
)
def test_a_plain_text_is_its_own_html_and_markdown_still_reads_the_rest(text: str, html: str):
    assert str(inline_md(text)) == html
    # Both ways agree where the plain one is taken (it never is for the second group).
    plain = re.sub(r"[^\S\u00a0\u2007\u202f]+", " ", text).strip()
    if _PLAIN.fullmatch(plain):
        assert _marked_up(plain) == html


def test_plain_text_is_inert_in_html_and_markdown_alike():
    out = str(escape_text("<script>x</script> **b** [l](u) {{ 7*7 }} # h\n- item"))
    bare = re.sub(r"&#\d+;", "", out)  # what is left outside character references
    for raw in ("<", ">", "*", "[", "]", "{", "}", "#", "\n"):
        assert raw not in bare
    assert "&#60;script&#62;" in out and "7&#42;7" in out


def test_each_page_records_the_anchors_it_declares_and_the_links_it_makes(tmp_path: Path):
    pages = tmp_path / "site_src" / "pages"
    (pages / "topics").mkdir(parents=True)
    (pages / "index.md.j2").write_text(
        "---\ntitle: Home\n---\n"
        "<p id=\"{{ anchor('a') }}\">{{ link('b') }} {{ url(item) }} {{ once('n') }}"
        " {{ once('n') }}</p><p id=\"{{ anchor(item) }}\" data-again=\"{{ anchor('a') }}\"></p>\n",
        encoding="utf-8",
    )
    (pages / "topics" / "index.md.j2").write_text(
        "<p id=\"{{ anchor('b') }}\">{{ link('a') }} {{ once('n') }}</p>\n", encoding="utf-8"
    )
    home, topics = render_pages(tmp_path / "site_src", {"item": Item("c")}, str, ENGLISH)
    assert (home.path, home.title, home.meta) == ("index.md", "Home", {"title": "Home"})
    assert home.anchors == ["a", "c"]
    assert home.links == [Link("link", "b"), Link("url", "c")]
    assert home.body == '<p id="a">⟦0⟧ ⟦1⟧ True False</p><p id="c" data-again="a"></p>\n'
    assert (topics.path, topics.meta, topics.anchors) == ("topics/index.md", {}, ["b"])
    assert topics.body == '<p id="b">⟦0⟧ True</p>\n'  # slots and `once` start again per page

    page_of = {"a": "index.md", "b": "topics/index.md", "c": "index.md"}
    assert links.fill(home, page_of, "https://x.test/sheet/")[0].body == (
        '<p id="a">topics/#b https://x.test/sheet/#c True False</p><p id="c" data-again="a"></p>\n'
    )
    assert links.fill(topics, page_of, "")[0].body == '<p id="b">../#a True</p>\n'


@dataclass
class Item:
    id: str


@pytest.mark.parametrize(
    ("language", "two", "three"),
    [
        ("en", "A and B", "A, B and C"),
        ("de", "A und B", "A, B und C"),
        ("fr", "A et B", "A, B et C"),
        ("uk", "A і B", "A, B і C"),
    ],
)
def test_a_list_is_joined_as_the_language_joins_one(language: str, two: str, three: str):
    separator = list_separator(Language.of(language))
    assert "".join(x + separator(i, 2) for i, x in enumerate("AB")) == two
    assert "".join(x + separator(i, 3) for i, x in enumerate("ABC")) == three


def test_text_keeps_the_no_break_spaces_a_locale_writes():
    assert (
        escape_text("2\u202f065 und 92,5\u00a0%\n  weiter") == "2\u202f065 und 92,5\u00a0% weiter"
    )


def test_markdown_text_keeps_the_no_break_spaces_its_writer_typed():
    """A French note or summary typed with U+202F before '%' and inside « » (folded YAML
    breaks its lines) printed an ordinary space there: the fold's breaks are collapsed, the
    writer's no-break spaces kept, whether Markdown has something to do or not."""
    assert str(inline_md("Une hausse de 20\u202f% par\nrapport à 2022.")) == (
        "Une hausse de 20\u202f% par rapport à 2022."
    )
    assert str(inline_md("de **95\u202f%**,\n«\u202fplus de 95 pour cent\u202f»")) == (
        "de <strong>95\u202f%</strong>, «\u202fplus de 95 pour cent\u202f»"
    )
