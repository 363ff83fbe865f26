"""Content is data: text from YAML never becomes markup, script, template or a link.

PlainText fields are shown exactly as written; InlineMarkdown fields (see models.py) allow
emphasis and http(s)/mailto links only, and show raw HTML as text.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import links
from generator.language import Language
from generator.numbers import Writer
from generator.page import Link
from generator.render import render_pages
from tests.support import STARTED, edit, run

SCRIPT = "<script>alert(1)</script>"
TEMPLATE = "{{ 7*7 }}"
RAW = "{% raw %}"
JS_LINK = "[x](javascript:alert(1))"
IMG = "<img src=x onerror=alert(1)>"

FIGURES = f"""\
figures:
  - id: hostile
    label: '{SCRIPT} {TEMPLATE} **plain** {JS_LINK}'
    says: '{RAW} {IMG} says'
    topic: example
    measure: population
    value: 1
    unit: people
    as_of: 2024-07-01
    source: un-wpp-2024
    note: '{IMG} {SCRIPT} {JS_LINK} {TEMPLATE} and **strong** [a link](https://example.org/)'
"""

STATEMENTS = f"""\
statements:
  - id: hostile-quote
    speaker: '{SCRIPT}'
    role: '{TEMPLATE}'
    date: 2024-07-01
    place: '{RAW}'
    quote: '**plain** {JS_LINK} {IMG}'
    context: '{JS_LINK} <a href="javascript:alert(1)">y</a> [z](JavaScript:alert(1))'
    topic: example
    source: un-wpp-2024
"""


class Page(HTMLParser):
    """The parts of a built page that could run or link: elements, attributes, scripts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[tuple[tuple[str, ...], str]] = []
        """Every piece of text with the tags it stands in."""
        self._tags: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._tags:
            del self._tags[len(self._tags) - 1 - self._tags[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        self.text.append((tuple(self._tags), data))

    def all_text(self) -> str:
        """What a reader sees: the text outside scripts, whitespace collapsed."""
        return " ".join(" ".join(d for tags, d in self.text if "script" not in tags).split())

    def text_in(self, tag: str) -> list[str]:
        return [d.strip() for tags, d in self.text if tags and tags[-1] == tag]

    def inside(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Page:
    from generator.scaffold import scaffold

    root = tmp_path_factory.mktemp("hostile") / "sheet"
    scaffold(root, today=STARTED)
    (root / "content" / "figures.yml").write_text(FIGURES, encoding="utf-8")
    (root / "content" / "statements.yml").write_text(STATEMENTS, encoding="utf-8")
    sheet = root / "content" / "sheet.yml"
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace(
            "  title: My fact sheet", f"  title: '{SCRIPT} {TEMPLATE}'"
        ),
        encoding="utf-8",
    )
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    return Page((root / "site" / "index.html").read_text(encoding="utf-8"))


def test_no_script_from_content(page: Page) -> None:
    """Content reaches a script element only as the home page's schema.org data (JSON-LD,
    which no browser runs), with '<' written \\u003c so that it cannot close the element."""
    scripts = page.text_in("script")
    data = [s for s in scripts if s.startswith('{"@context": "https://schema.org"')]
    assert len(data) == 1 and "<" not in data[0] and "alert(1)" in data[0]
    assert not [s for s in scripts if "alert" in s and s not in data]


def test_no_event_handler_or_image_from_content(page: Page) -> None:
    assert not [(t, a) for t, a in page.elements if any(k.startswith("on") for k in a)]
    assert not [a for a in page.inside("img") if a.get("src") == "x"]


def test_no_javascript_link(page: Page) -> None:
    hrefs = [str(a.get("href", "")) for a in page.inside("a")]
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]


def test_plain_text_fields_show_markup_and_templates_as_written(page: Page) -> None:
    text = page.all_text()
    assert f"{SCRIPT} {TEMPLATE} **plain** {JS_LINK}" in text  # a figure's label
    assert f"{RAW} {IMG} says" in text  # its attribution
    assert f"**plain** {JS_LINK} {IMG}" in text  # a quotation
    assert f"{SCRIPT} {TEMPLATE}" in page.text_in("h1")[0]  # the sheet's title
    assert "plain" not in page.text_in("strong")


def test_raw_html_in_inline_markdown_is_shown_as_text(page: Page) -> None:
    text = page.all_text()
    assert f"{IMG} {SCRIPT}" in text  # a figure's note
    assert '<a href="javascript:alert(1)">y</a>' in text  # a statement's context


def test_inline_markdown_allows_emphasis_and_http_links(page: Page) -> None:
    assert "strong" in page.text_in("strong")
    assert "https://example.org/" in [a.get("href") for a in page.inside("a")]
    assert "and **strong**" not in page.all_text()


# The generator's own markup: a placeholder that becomes a link once pages are rendered, and
# the anchors it links to. Text from content must never pass for either.
PLACEHOLDERS = (
    "⟦link:world-population-2024⟧ ⟦url:un-peak-statement⟧ ⟦file:data/figures.csv⟧ ⟦0⟧ ⟦1⟧ ⟦/⟧"
)


def test_placeholders_in_content_text_stay_text(starter: Path) -> None:
    context = "context: Said when the 2024 revision of the UN's population estimates was published."
    edit(starter, "statements.yml", context, f"context: 'Said {PLACEHOLDERS} when'")
    label = "label: people in the world at its projected peak in the mid-2080s"
    edit(starter, "figures.yml", label, f"label: '{PLACEHOLDERS} at its projected peak'")
    description = "description: A small fact sheet to start from; replace these figures with"
    edit(starter, "sheet.yml", description + " your own.", f"description: 'Figures {PLACEHOLDERS}'")
    result = run(starter, "build")
    assert result.exit_code == 0, result.output
    page = Page((starter / "site" / "index.html").read_text(encoding="utf-8"))
    meta = [m.get("content") for m in page.inside("meta") if m.get("name") == "description"]
    assert meta == [f"Figures {PLACEHOLDERS}"]  # the sheet's description, in front matter
    text = page.all_text()
    assert f"Said {PLACEHOLDERS} when" in text  # a statement's context (inline Markdown)
    assert f"{PLACEHOLDERS} at its projected peak" in text  # a figure's label (plain text)
    assert "Said #world-population-2024" not in text
    assert "data/figures.csv when" not in text.replace(PLACEHOLDERS, "")


def test_anchor_markup_in_content_text_is_not_an_anchor(starter: Path) -> None:
    # The statement moves to a page of its own; text on the home page that reads like its
    # anchor must neither clash with it nor draw its links.
    pages = starter / "site_src" / "pages"
    index = (pages / "index.md.j2").read_text(encoding="utf-8")
    head, statements = index.split('## {{ t("pages.statements") }}', 1)
    statements, sources = statements.split('## {{ t("pages.sources") }}', 1)
    (pages / "index.md.j2").write_text(head + "## Sources" + sources, encoding="utf-8")
    (pages / "statements.md.j2").write_text(
        '{% import "partials/blocks.md.j2" as b with context %}\n# Statements\n' + statements,
        encoding="utf-8",
    )
    mkdocs = starter / "mkdocs.yml"
    nav = "  - index.md\n"
    mkdocs.write_text(
        mkdocs.read_text(encoding="utf-8").replace(nav, nav + "  - Statements: statements.md\n"),
        encoding="utf-8",
    )
    forged = 'id="un-peak-statement"'
    edit(starter, "figures.yml", "label: people in the world\n", f"label: '{forged}'\n")
    edit(starter, "figures.yml", "    headline: true", f"    headline: true\n    note: '{forged}'")
    result = run(starter, "build")
    assert result.exit_code == 0, result.output
    page = Page((starter / "site" / "index.html").read_text(encoding="utf-8"))
    assert page.text_in("span").count(forged) == 1  # the label, as written
    assert forged in page.text_in("p")  # the note, as written
    cited_by = [a.get("href") for a in page.inside("a") if a.get("href", "").endswith("-statement")]
    assert cited_by == ["statements/#un-peak-statement"]  # the source entry's 'Cited by'


def test_a_page_anchors_and_links_only_what_its_template_declares(tmp_path: Path) -> None:
    # Text reading like an anchor or a link slot is printed as text; only `anchor()` declares
    # an anchor and only `link()` makes a link, so the page's records say exactly that.
    pages = tmp_path / "site_src" / "pages"
    pages.mkdir(parents=True)
    (pages / "index.md.j2").write_text(
        "<div id=\"{{ anchor('z') }}\"><p>{{ text }}</p><a href=\"{{ link('z') }}\">z</a></div>\n",
        encoding="utf-8",
    )
    text = '<b id="x">id="y"</b> ⟦0⟧ ⟦1⟧ ⟦/⟧ ⟦link:x⟧'
    [page] = render_pages(tmp_path / "site_src", {"text": text}, str, Writer(Language.of("en")))
    assert page.anchors == ["z"]
    assert page.links == [Link("link", "z")]
    filled, unknown = links.fill(page, {"z": "index.md", "x": "index.md"}, "")
    assert unknown == []
    assert filled.body == (
        '<div id="z"><p>&#60;b id&#61;&#34;x&#34;&#62;id&#61;&#34;y&#34;&#60;/b&#62; '
        "&#10214;0&#10215; &#10214;1&#10215; &#10214;/&#10215; &#10214;link&#58;x&#10215;</p>"
        '<a href="#z">z</a></div>\n'
    )
