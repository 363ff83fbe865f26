"""Editions: one sheet's records in another language, with only their words changed.

The `editions` fixture is the rich sheet with a Ukrainian edition (`content/editions/uk/`,
`site_src/editions/uk/pages/`). These tests read its overlay and check what `check` says of
overlays that carry more than words, lack words, or translate words that have since changed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.validation import load_and_validate
from tests.support import REPO, replace_in, run, snapshot

FIXTURE = REPO / "tests" / "fixtures" / "editions"
UK = Path("content/editions/uk")


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    """A copy of the two-edition fixture."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "sheet"))


def review(root: Path, *args: str) -> Result:
    """`factsheet editions review --root ROOT ARGS…`, as an editor runs it."""
    return CliRunner().invoke(main, ["editions", "review", "--root", str(root), *args])


def check_lines(root: Path, *args: str) -> tuple[int, list[str]]:
    result = run(root, "check", "--strict", *args)
    return result.exit_code, result.output.splitlines()


def test_the_fixture_passes_check_strict() -> None:
    code, lines = check_lines(FIXTURE)
    assert lines == ["content/ passes: 0 error(s), 0 warning(s) in 8 file(s)."]
    assert code == 0


def test_an_edition_has_the_source_records_with_its_words() -> None:
    content = load_and_validate(FIXTURE)
    uk = content.editions["uk"]
    assert list(content.editions) == ["uk"]
    assert uk.sheet.language == "uk"
    assert uk.sheet.title == "Річки й мости: тестовий аркуш"
    assert uk.sheet.sides == {"north": "Північний берег", "south": "Південний берег"}
    ours, theirs = content.figures["south-crossings"], uk.figures["south-crossings"]
    assert theirs.label == "перетинів з південного берега"
    assert theirs.says == "За оцінкою обстеження,"
    assert (theirs.low, theirs.high, theirs.unit, theirs.source) == (
        500000,
        600000,
        "people",
        "river-survey-2025",
    )
    assert theirs.period == ours.period
    # Derived figures are computed again from the same figures: the same numbers, new words.
    assert uk.derived["north-south-ratio"].label == "Перетинів з півночі на кожен з півдня"
    assert uk.derived["north-south-ratio"].bounds == content.derived["north-south-ratio"].bounds
    assert uk.sources["gazette-2025"].title == "Звіт про обстеження річки"  # described
    assert uk.sources["gazette-2022"].title == "Crossings are back"  # its own title, as published
    assert uk.statements["mayor-on-bridges"].quote == (
        "We will build the new bridge before the old one falls down."
    )
    assert uk.statements["mayor-on-bridges"].translation == (
        "Ми збудуємо новий міст раніше, ніж упаде старий."
    )
    assert uk.statements["mayor-on-bridges"].quote_language == "en"


def test_an_edition_cannot_carry_a_number_a_date_a_source_or_an_id(sheet: Path) -> None:
    replace_in(
        sheet / UK / "figures.yml",
        "    says: Обстеження налічує\n",
        "    says: Обстеження налічує\n    value: 1300000\n    source: gazette-2022\n",
    )
    replace_in(
        sheet / UK / "events.yml",
        "    title: Відкрито старий міст\n",
        "    title: Відкрито старий міст\n    date: 1901-05-01\n",
    )
    replace_in(sheet / UK / "sheet.yml", "  corrections:", "  updated: 2026-01-01\n  corrections:")
    code, lines = check_lines(sheet)
    assert code == 1
    assert lines[:-1] == [
        "content/editions/uk/events.yml:8:5: events.old-bridge-opens.date: an edition carries "
        "only words: `date` is the source record's (content/events.yml:9) and is never written "
        "twice; remove it here (words of events: title, summary)",
        "content/editions/uk/figures.yml:5:5: figures.north-crossings.value: an edition carries "
        "only words: `value` is the source record's (content/figures.yml:8) and is never "
        "written twice; remove it here (words of figures: label, name, short, says, note)",
        "content/editions/uk/figures.yml:6:5: figures.north-crossings.source: an edition "
        "carries only words: `source` is the source record's (content/figures.yml:12) and is "
        "never written twice; remove it here (words of figures: label, name, short, says, note)",
        "content/editions/uk/sheet.yml:4:3: sheet.updated: an edition gives only the sheet's "
        "words (title, description, corrections, topics, sides, measures, messages); "
        "'updated' is the source sheet's",
    ]
    assert lines[-1] == "content/ fails: 4 error(s), 0 warning(s) in 8 file(s)."


def test_an_overlay_names_only_records_the_source_has(sheet: Path) -> None:
    replace_in(sheet / UK / "events.yml", "  old-bridge-opens:", "  old-bridge-open:")
    replace_in(sheet / UK / "charts.yml", "charts:", "chart:")
    code, lines = check_lines(sheet)
    assert code == 1
    assert lines[:2] == [
        "content/editions/uk/charts.yml:1:1: chart: unknown kind 'chart'; did you mean 'charts'?",
        "content/editions/uk/events.yml:6:3: events.old-bridge-open: no event 'old-bridge-open' "
        "in the source edition; did you mean 'old-bridge-opens'?",
    ]


def test_every_untranslated_record_is_one_line_at_the_source(sheet: Path) -> None:
    (sheet / UK / "events.yml").unlink()
    replace_in(sheet / UK / "figures.yml", "    note: Заплановано, не збудовано.\n", "")
    (sheet / "site_src/editions/uk/pages/timeline.md.j2").unlink()
    code, lines = check_lines(sheet)
    assert code == 1
    assert lines == [
        "content/events.yml:2:5: warning: events.survey-published: not translated in the uk "
        "edition: title, summary (add them under events: survey-published: in "
        "content/editions/uk/)",
        "content/events.yml:8:5: warning: events.old-bridge-opens: not translated in the uk "
        "edition: title, summary (add them under events: old-bridge-opens: in "
        "content/editions/uk/)",
        "content/events.yml:14:5: warning: events.new-bridge-planned: not translated in the uk "
        "edition: title, summary (add them under events: new-bridge-planned: in "
        "content/editions/uk/)",
        "content/figures.yml:49:5: warning: figures.new-bridge-span: not translated in the uk "
        "edition: note (add them under figures: new-bridge-span: in content/editions/uk/)",
        "site_src/pages/timeline.md.j2:1:1: warning: not translated in the uk edition: write "
        "site_src/editions/uk/pages/timeline.md.j2",
        "content/ fails (--strict: warnings fail): 0 error(s), 5 warning(s) in 8 file(s).",
    ]


def test_a_translation_is_stale_once_its_source_changes_until_reviewed(sheet: Path) -> None:
    replace_in(
        sheet / "content/events.yml",
        "It counts the year's crossings.",
        "It counts the year's crossings, bank by bank.",
    )
    code, lines = check_lines(sheet)
    assert code == 1
    assert lines[0] == (
        "content/editions/uk/events.yml:2:3: warning: events.survey-published: stale "
        "translation: the source's words changed (content/events.yml:2) since it was "
        "reviewed; update it, then run `factsheet editions review uk survey-published`"
    )
    replace_in(
        sheet / UK / "events.yml",
        "Воно налічує перетини за рік.",
        "Воно налічує перетини за рік, берег за берегом.",
    )
    before = snapshot(sheet)
    result = review(sheet, "uk", "survey-published")
    assert result.exit_code == 0, result.output
    assert result.output == "Marked reviewed in content/editions/uk/events.yml\n"
    after = snapshot(sheet)
    # Only the named entry's `reviewed:` line changed, in the one file that holds it.
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"content/editions/uk/events.yml"}
    old = before["content/editions/uk/events.yml"].decode().splitlines()
    new = after["content/editions/uk/events.yml"].decode().splitlines()
    assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [
        ("    reviewed: 6fcb53ec097a", "    reviewed: " + new[4].split(": ")[1])
    ]
    assert new[4] != "    reviewed: 6fcb53ec097a"
    assert check_lines(sheet)[0] == 0


def test_review_adds_the_line_keeping_comments_and_quoting(sheet: Path) -> None:
    path = sheet / UK / "statements.yml"
    path.write_text(
        "# The mayor, in Ukrainian.\n"
        "statements:\n"
        "  mayor-on-bridges:   # said at the town hall\n"
        "    speaker: 'Грейс Гоппер'\n"
        "    role: Мерка\n"
        "    place: Ратуша\n"
        "    context: >-\n"
        "      Сказано, коли опублікували обстеження.\n"
        '    translation: "Ми збудуємо новий міст раніше, ніж упаде старий."\n'
        "\n"
        "# end\n",
        encoding="utf-8",
    )
    result = review(sheet, "uk", "mayor-on-bridges")
    assert result.exit_code == 0, result.output
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:9] == [
        "# The mayor, in Ukrainian.",
        "statements:",
        "  mayor-on-bridges:   # said at the town hall",
        "    speaker: 'Грейс Гоппер'",
        "    role: Мерка",
        "    place: Ратуша",
        "    context: >-",
        "      Сказано, коли опублікували обстеження.",
        '    translation: "Ми збудуємо новий міст раніше, ніж упаде старий."',
    ]
    assert lines[9].startswith('    reviewed: "') and len(lines[9]) == len("    reviewed: ") + 14
    assert lines[10:] == ["", "# end"]
    assert check_lines(sheet)[0] == 0


def test_review_refuses_an_id_the_edition_has_not_translated(sheet: Path) -> None:
    before = snapshot(sheet)
    result = review(sheet, "uk", "north-crossings", "no-such-record")
    assert result.exit_code == 2
    assert result.output == (
        "error: no translation of 'no-such-record' in the uk edition (content/editions/uk/): "
        "translate it first, then review it\n"
    )
    assert snapshot(sheet) == before


def test_editions_are_languages_with_messages_listed_once(sheet: Path) -> None:
    replace_in(sheet / "content/sheet.yml", "editions: [uk]", "editions: [uk, en, xx, uk]")
    code, lines = check_lines(sheet)
    assert code == 1
    assert lines[0] == (
        "content/sheet.yml:4:18: sheet.editions[1]: 'en' is the sheet's own language: list "
        "only the others"
    )


def test_an_overlay_for_an_unlisted_edition_is_a_warning(sheet: Path) -> None:
    shutil.copytree(sheet / UK, sheet / "content/editions/fr")
    code, lines = check_lines(sheet)
    assert code == 1
    assert lines[0] == (
        "content/editions/fr:1:1: warning: an overlay for an edition the sheet does not list: "
        "add 'fr' to sheet.editions (content/sheet.yml:2), or remove the folder"
    )


CHANGES = """\
changes:
  - id: ferry-removed
    date: 2025-06-01
    kind: clarification
    removed:
      - id: ferry-crossings
        said: "Ferry crossings, 2024: about 10,000"
    what: The ferry's crossings were removed.
    why: The survey no longer counts them.
"""
CHANGES_PAGE = """\
# Changes

{% for c in content.change_log() %}
{{ b.change_entry(c) }}
{% endfor %}
"""


def test_a_publisher_and_what_a_removed_record_said_are_words(sheet: Path) -> None:
    (sheet / "content/changes.yml").write_text(CHANGES, encoding="utf-8")
    for pages in ("site_src/pages", "site_src/editions/uk/pages"):
        text = '{% import "partials/blocks.md.j2" as b with context %}\n' + CHANGES_PAGE
        (sheet / pages / "changes.md.j2").write_text(text, encoding="utf-8")
    code, lines = check_lines(sheet)
    assert lines[0] == (
        "content/changes.yml:2:5: warning: changes.ferry-removed: not translated in the uk "
        "edition: removed.ferry-crossings, what, why (add them under changes: ferry-removed: "
        "in content/editions/uk/)"
    )
    (sheet / UK / "changes.yml").write_text(
        "changes:\n"
        "  ferry-removed:\n"
        "    what: Перетини поромом вилучено.\n"
        "    why: Обстеження їх більше не налічує.\n"
        "    removed:\n"
        "      ferry-crossings: 'Перетини поромом, 2024: близько 10 000'\n",
        encoding="utf-8",
    )
    replace_in(
        sheet / UK / "sources.yml",
        "  bridge-register:\n",
        "  bridge-register:\n    publisher: Управління мостів\n",
    )
    assert review(sheet, "uk", "ferry-removed").exit_code == 0
    assert check_lines(sheet) == (0, ["content/ passes: 0 error(s), 0 warning(s) in 9 file(s)."])
    uk = load_and_validate(sheet).editions["uk"]
    assert uk.changes["ferry-removed"].removed[0].said == "Перетини поромом, 2024: близько 10 000"
    assert uk.changes["ferry-removed"].date.isoformat() == "2025-06-01"
    assert uk.sources["bridge-register"].publisher == "Управління мостів"
    assert uk.sources["bridge-register"].url == "https://bridges.example/register"
    written = (sheet / UK / "changes.yml").read_text(encoding="utf-8").splitlines()
    assert written[-2] == "      ferry-crossings: 'Перетини поромом, 2024: близько 10 000'"
    assert re.fullmatch(r'    reviewed: "[0-9a-f]{12}"', written[-1])  # quoted: never a number


def test_a_page_sitemap_escapes_its_addresses_for_xml():
    from generator.editions.site import page_sitemap

    editions = [
        {"lang": "en", "link": "./", "root": "https://example.org/a&b/"},
        {"lang": "uk", "link": "uk/", "root": 'https://example.org/a&b/"uk"/'},
    ]

    xml = page_sitemap("x<y>/", editions)

    assert "<loc>https://example.org/a&amp;b/x&lt;y&gt;/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="uk" '
        'href="https://example.org/a&amp;b/&quot;uk&quot;/x&lt;y&gt;/"/>'
    ) in xml


ZENSICAL_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url>
        <loc>https://x.test/uk/</loc>
      </url>
      <url>
        <loc>https://x.test/uk/a&amp;b/</loc>
      </url>
</urlset>"""


def test_the_root_sitemap_gets_each_pages_alternates_once_and_only_with_addresses(
    tmp_path: Path,
):
    """Zensical's sitemap (no lastmod, no .gz) as the engine writes it, for the uk edition."""
    from generator.editions.site import add_alternates

    editions = [
        {"name": "English", "link": "../", "lang": "en", "root": "https://x.test/"},
        {"name": "Українська", "link": "./", "lang": "uk", "root": "https://x.test/uk/"},
    ]
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(ZENSICAL_SITEMAP, "utf-8")
    add_alternates(tmp_path, editions)
    expected = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" \
xmlns:xhtml="http://www.w3.org/1999/xhtml">
      <url>
        <loc>https://x.test/uk/</loc>
        <xhtml:link rel="alternate" hreflang="en" href="https://x.test/"/>
        <xhtml:link rel="alternate" hreflang="uk" href="https://x.test/uk/"/>
        <xhtml:link rel="alternate" hreflang="x-default" href="https://x.test/"/>
      </url>
      <url>
        <loc>https://x.test/uk/a&amp;b/</loc>
        <xhtml:link rel="alternate" hreflang="en" href="https://x.test/a&amp;b/"/>
        <xhtml:link rel="alternate" hreflang="uk" href="https://x.test/uk/a&amp;b/"/>
        <xhtml:link rel="alternate" hreflang="x-default" href="https://x.test/a&amp;b/"/>
      </url>
</urlset>"""
    assert sitemap.read_text("utf-8") == expected
    add_alternates(tmp_path, editions)  # a second pass adds nothing
    assert sitemap.read_text("utf-8") == expected
    unpublished = [{k: v for k, v in e.items() if k != "root"} for e in editions]
    sitemap.write_text(ZENSICAL_SITEMAP, "utf-8")
    add_alternates(tmp_path, unpublished)
    assert sitemap.read_text("utf-8") == ZENSICAL_SITEMAP
