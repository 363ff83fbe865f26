"""A sheet's language and its own wording: `sheet.language` and `sheet.messages` in
content/sheet.yml, checked at the line written, and what they change on the pages and in the
theme (Material's `theme.language`, set by the build from `sheet.language` alone)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.engine_folder import material_language
from tests.golden import copy_fixture, render
from tests.support import edit, replace_in, run

SHEET_END = "    world: The world\n"
LANGUAGE = "  language: en\n"
"""The starter's own language line."""
"""The last line of the starter's content/sheet.yml (line 9); what a test adds starts on 10."""


def _page_text(markdown: str) -> str:
    return " ".join(BeautifulSoup(markdown, "html.parser").get_text(" ").split())


def test_a_sheets_own_wording_replaces_the_generators(tmp_path: Path):
    root = copy_fixture("minimal", tmp_path / "minimal")
    edit(
        root,
        "sheet.yml",
        "  sides:\n",
        '  messages:\n    blocks.source: "According to: { $source }"\n'
        '    cite.as: "Quote us as { $sheet } / { $title } ({ $date })"\n  sides:\n',
    )
    text = _page_text(render(root)["index.md"])
    assert "According to: The UN, “World Population Prospects 2024” , 11 July 2024" in text
    assert "Quote us as Minimal sheet / people in the world (31 July 2024)" in text
    assert "Source:" not in text and "Cite as" not in text


def test_a_sheets_wording_chooses_its_words_by_the_dates_precision(starter: Path):
    edit(starter, "sheet.yml", LANGUAGE, "  language: fr\n")
    edit(
        starter,
        "sheet.yml",
        SHEET_END,
        SHEET_END + "  messages:\n    dates.as_of: |-\n      { $precision ->\n"
        "          [day] à la date du { $date }\n         *[other] courant { $date }\n      }\n",
    )
    result = run(starter, "check")
    assert result.exit_code == 0, result.output
    assert "sheet.yml" not in result.output


def test_wording_in_the_format_before_fluent_still_works_with_a_warning(tmp_path: Path):
    root = copy_fixture("minimal", tmp_path / "minimal")
    edit(
        root,
        "sheet.yml",
        "  sides:\n",
        '  messages:\n    blocks.source: "According to: {source}"\n'
        "    units.km.amount: {one: '{n} km', other: '{n} kms'}\n  sides:\n",
    )
    text = _page_text(render(root)["index.md"])
    assert "According to: The UN" in text
    result = run(root, "check")
    assert result.exit_code == 0, result.output
    assert (
        "content/sheet.yml:8:5: warning: sheet.messages.blocks.source: the format before "
        "Fluent ({name}, plural forms as a mapping) works until 0.3.0: write "
        "'According to: { $source }'"
    ) in result.output.splitlines()
    assert (
        "content/sheet.yml:9:5: warning: sheet.messages.units.km.amount: the format before "
        "Fluent ({name}, plural forms as a mapping) works until 0.3.0: write "
        "'{ $n ->\\n    [one] { $n } km\\n   *[other] { $n } kms\\n}'"
    ) in result.output.splitlines()


def test_a_sheets_wording_is_text_never_markup(tmp_path: Path):
    root = copy_fixture("minimal", tmp_path / "minimal")
    edit(
        root,
        "sheet.yml",
        "  sides:\n",
        "  messages:\n"
        '    blocks.source: "<b>From</b> **here** [x](https://x.example) ⟦0⟧: { $source }"\n'
        "  sides:\n",
    )
    markdown = render(root)["index.md"]
    soup = BeautifulSoup(markdown, "html.parser")
    assert soup.find("b") is None
    assert "**" not in markdown and "⟦0⟧" not in markdown and "[x](" not in markdown
    assert "<b>From</b> **here** [x](https://x.example) ⟦0⟧: The UN" in _page_text(markdown)


@pytest.mark.parametrize(
    ("written", "error"),
    [
        (
            '  messages:\n    blocks.sorce: "Quelle: { $source }"\n',
            "content/sheet.yml:16:5: sheet.messages.blocks.sorce: unknown message "
            "'blocks.sorce'; did you mean 'blocks.source'?",
        ),
        (
            '  messages:\n    cite.as: "Cite as: { $sheet }, updated { $date }"\n',
            "content/sheet.yml:16:5: sheet.messages.cite.as: missing { $title }, which the "
            "generator's message fills in",
        ),
        (
            '  messages:\n    changes.corrected: "Corrected on { $date } by { $editor }"\n',
            "content/sheet.yml:16:5: sheet.messages.changes.corrected: unknown variable "
            "{ $editor }; this message has { $date }",
        ),
        (
            "  messages:\n    units.km.amount: |-\n"
            "      { $n ->\n         [one] { $n } km\n         [few] { $n } km\n"
            "        *[other] { $n } km\n      }\n",
            "content/sheet.yml:16:5: sheet.messages.units.km.amount: 'en' has no plural form "
            "'few'; expected one, other",
        ),
        (
            "  messages:\n    units.km.amount: |-\n"
            "      { $n ->\n         [one] { $n } km\n         [other] { $n } km\n      }\n",
            "content/sheet.yml:16:5: sheet.messages.units.km.amount: expected a message in "
            "Fluent syntax: Expected one of the variants to be marked as default (*)",
        ),
        (
            '  messages:\n    dates.as_of: "{ $precision -> [day] on *[other] in } { $date }"\n',
            "content/sheet.yml:16:5: sheet.messages.dates.as_of: expected a message in "
            "Fluent syntax: a selector's variants go on lines of their own, the default "
            "marked *: '{ $x ->⏎ [a] …⏎ *[b] …⏎ }'",
        ),
        (
            "  messages:\n    dates.as_of: |-\n      { $precision ->\n"
            "          [week] in the week of { $date }\n         *[other] as of { $date }\n"
            "      }\n",
            "content/sheet.yml:16:5: sheet.messages.dates.as_of: $precision is never 'week'; "
            "expected day, month, other, period, year",
        ),
        (
            '  messages:\n    blocks.source: "Source: { $source } { -brand }"\n',
            "content/sheet.yml:16:5: sheet.messages.blocks.source: a message may use only "
            "{ $variables } and selectors, not the term -brand",
        ),
        (
            '  messages:\n    blocks.source: "Source: { $source } { NUMBER($source) }"\n',
            "content/sheet.yml:16:5: sheet.messages.blocks.source: a message may use only "
            "{ $variables } and selectors, not the function NUMBER()",
        ),
        (
            '  messages:\n    units.km.amount: {one: "one km", other: "{n} km"}\n',
            "content/sheet.yml:16:23: sheet.messages.units.km.amount: missing { $n }, which the "
            "generator's message fills in",
        ),
        (
            "  messages:\n    units.km.amount:\n"
            '      one: "{n} km"\n      few: "{n} km"\n      other: "{n} km"\n',
            "content/sheet.yml:18:7: sheet.messages.units.km.amount: 'en' has no plural form "
            "'few'; expected one, other",
        ),
        (
            '  messages:\n    units.km.amount: {one: "{n} km"}\n',
            "content/sheet.yml:16:5: sheet.messages.units.km.amount: missing the plural "
            "form(s) other: 'en' needs one, other",
        ),
        (
            "  messages:\n    blocks.link: {one: Link, other: Links}\n",
            "content/sheet.yml:16:5: sheet.messages.blocks.link: expected a text: this message "
            "has no plural forms",
        ),
        (
            "  language: xx\n",
            "content/sheet.yml:5:13: sheet.language: no messages for the language 'xx'; "
            "expected one of de, en, fr, uk",
        ),
    ],
)
def test_a_sheets_language_and_wording_are_checked_where_written(
    starter: Path, written: str, error: str
):
    if written.startswith("  language:"):  # the starter names its language: replace it
        edit(starter, "sheet.yml", LANGUAGE, written)
    else:
        edit(starter, "sheet.yml", SHEET_END, SHEET_END + written)
    result = run(starter, "check")
    assert result.exit_code == 1
    assert error in result.output.splitlines()


def test_a_plural_override_has_the_forms_of_the_sheets_language(starter: Path):
    """Ukrainian numbers have 'few' and 'many'; an override may give them."""
    edit(starter, "sheet.yml", LANGUAGE, "  language: uk\n")
    edit(
        starter,
        "sheet.yml",
        SHEET_END,
        SHEET_END + "  messages:\n    units.km.amount: |-\n"
        "      { $n ->\n          [one] { $n } км\n          [few] { $n } км\n"
        "          [many] { $n } км\n         *[other] { $n } км\n      }\n",
    )
    result = run(starter, "check")
    assert result.exit_code == 0, result.output


def test_a_regional_tag_reads_its_languages_messages(starter: Path):
    edit(starter, "sheet.yml", LANGUAGE, "  language: de-AT\n")
    result = run(starter, "build")
    assert result.exit_code == 0, result.output
    home = BeautifulSoup((starter / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert home.html["lang"] == "de"
    assert "Quelle: " in home.select_one("article").get_text(" ")


def test_an_editors_note_with_the_old_field_names_says_the_new_ones(starter: Path):
    """Accepted until 0.3.0 with a warning naming the new field (deprecated.py)."""
    (starter / "content" / "notes.yml").write_text(
        "notes:\n"
        "  - id: peak-note\n"
        "    about: [world-population-2024]\n"
        "    title: On the peak\n"
        "    article_said: the peak comes in 2080\n"
        "    source_says: The UN projects the peak in the mid-2080s.\n"
        "    article: un-wpp-2024\n"
        "    source: un-wpp-2024\n",
        encoding="utf-8",
    )
    result = run(starter, "check", "--strict")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if "notes.yml" in line] == [
        "content/notes.yml:5:5: warning: notes[0].article_said: 'article_said' is deprecated and "
        "will be refused from version 0.3.0: rename it to 'claim'",
        "content/notes.yml:7:5: warning: notes[0].article: 'article' is deprecated and will be "
        "refused from version 0.3.0: rename it to 'claim_source'",
    ]


def test_the_build_sets_the_themes_language_from_the_sheets(starter: Path):
    edit(starter, "sheet.yml", LANGUAGE, "  language: fr\n")
    result = run(starter, "build")
    assert result.exit_code == 0, result.output
    home = BeautifulSoup((starter / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert home.html["lang"] == "fr"
    assert home.find("input", attrs={"name": "query"})["placeholder"] == "Rechercher"
    assert {a["title"] for a in home.select("a.headerlink")} == {"Lien permanent"}
    missing = BeautifulSoup((starter / "site" / "404.html").read_text("utf-8"), "html.parser")
    assert missing.find("h1").get_text() == "404 – Page introuvable"


def test_mkdocs_yml_naming_another_language_is_refused(starter: Path):
    replace_in(starter / "mkdocs.yml", "  name: material\n", "  name: material\n  language: fr\n")
    edit(starter, "sheet.yml", LANGUAGE, "  language: de\n")
    result = run(starter, "build")
    assert result.exit_code == 1
    assert (
        "mkdocs.yml:12:13: theme.language is 'fr', but content/sheet.yml:5:13: sheet.language "
        "is 'de'; remove theme.language from mkdocs.yml: the build sets it from sheet.language"
    ) in result.output


def test_mkdocs_yml_naming_the_sheets_language_is_accepted(starter: Path):
    replace_in(starter / "mkdocs.yml", "  name: material\n", "  name: material\n  language: en\n")
    result = run(starter, "build")
    assert result.exit_code == 0, result.output


def test_mkdocs_yml_naming_a_language_when_the_sheet_names_none_says_so(starter: Path):
    edit(starter, "sheet.yml", LANGUAGE, "")
    replace_in(starter / "mkdocs.yml", "  name: material\n", "  name: material\n  language: de\n")
    result = run(starter, "build")
    assert result.exit_code == 1
    assert (
        "mkdocs.yml:12:13: theme.language is 'de', but content/sheet.yml:3:3: sheet.language "
        "is not set, so it is 'en'; remove theme.language from mkdocs.yml: the build sets it "
        "from sheet.language"
    ) in result.output


@pytest.mark.parametrize(
    ("tag", "material"),
    [("en", "en"), ("de", "de"), ("de-AT", "de"), ("uk", "uk"), ("pt-BR", "pt-BR"), ("xx", None)],
)
def test_a_sheets_language_maps_to_materials_own_or_its_primary_subtag(tag, material):
    assert material_language(tag) == material


def test_a_replaced_message_a_sheet_rewords_is_still_shown_with_a_warning(tmp_path: Path):
    """'Link zu { $title }' could not say 'zum Zitat': blocks.link_to_quotation replaced
    blocks.quotation_of; a sheet that rewords the old one keeps its words for a version."""
    root = copy_fixture("german", tmp_path / "german")
    edit(
        root,
        "sheet.yml",
        "  language: de\n",
        "  language: de\n  messages:\n"
        '    blocks.quotation_of: "die Aussage von { $speaker }: { $quote }"\n',
    )
    text = _page_text(render(root)["index.md"])
    assert "Link zu „die Aussage von Dr. Anna Beispiel: Jede Impfung zählt“" in text
    result = run(root, "check")
    assert (
        "content/sheet.yml:6:5: warning: sheet.messages.blocks.quotation_of: "
        "'blocks.quotation_of' is replaced by 'blocks.link_to_quotation', which words the whole "
        "phrase; yours is still used until 0.3.0: reword 'blocks.link_to_quotation' instead"
    ) in result.output.splitlines()
