"""The example sheets in `examples/`: each builds with no generator change, passes `check
--strict`, and reads in its own language everywhere the generator writes.

`examples/gesundheit` is German (a thousands separator '.' and a decimal comma);
`examples/naselennia` is Ukrainian (Cyrillic; a no-break space between thousands);
`examples/flamanville` is French (money in constant prices, a narrow no-break space between
thousands and before ':' and ';'). The test
reads what a reader gets (every page's text and tooltips, the chart drawings, the data
downloads, the feed) and looks for what only English writes: a word of the generator's English
messages that the sheet's language does not use, an English month or day name, or a number
written the English way. The author's own words (the content, the sheet's templates and
`mkdocs.yml`) are taken out first: a German sheet may quote an English title, and does.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
import yaml
from babel.dates import get_day_names, get_month_names
from bs4 import BeautifulSoup

from generator.language import catalog
from generator.messages import words as fluent_words
from generator.render import THEME, inline_md
from tests.support import REPO, run

EXAMPLES = {"flamanville": "fr", "gesundheit": "de", "naselennia": "uk"}
"""Each example sheet and the language its sheet.yml gives."""

TODAY = "2025-02-01"
"""The day `check --strict` judges staleness on: the examples were reviewed on 2025-01-15."""

ISSUE_WORDS = """
Source Sources Link Cite as updated Details Editor's note The article said The source says
Computed by this site from the figures below known through as reported by Cited by Data table
Download this chart's data Figure Value Period Low High per cent Corrections and updates
What changed Why Corrected Updated Clarified on Quotation Timeline Computed figure
the original was not consulted unconfirmed report news article official speech social
broadcast dataset reference million billion thousand
"""
"""Words issue #15 found a German sheet printing in English, and the labels and source kinds the
generator printed then, written out by hand: until every one comes from a catalog, the
catalog alone would not name them."""

_NUMBER = re.compile(r"\d(?:[\d.,]*\d)?%?")
"""A number as a page writes it, digits with its separators, and a '%' right after it."""

NUMBER_FORMATS = {
    # English separators, and a percent sign with no space. German's decimal comma is never
    # followed by exactly three digits in this sheet, whose decimals have one place at most.
    "de": [r",\d{3}(?!\d)", r"\.\d{1,2}(?!\d)", r"\d%"],
    # Ukrainian groups thousands with a space and writes no '.' in a number.
    "uk": [r",\d{3}(?!\d)", r"\."],
    # French groups thousands with a narrow no-break space and writes no '.' in a number.
    "fr": [r",\d{3}(?!\d)", r"\."],
}
"""What marks a number (_NUMBER) as written the English way in each example's language:
'2,065', '92.5', '92.5%' (German writes '2.065', '92,5' and '92,5 %'; Ukrainian '2 065' and
'92,5%')."""

DATE_FORMATS = {"de": [r"\b\d{1,2} (?:April|August|September|November)\b"], "uk": [], "fr": []}
"""English dates whose month German spells as English does: '14 November' (German writes
'14. November'); the other English months are English words, found as such."""

CODE_FIELDS = {
    "id",
    "kind",
    "unit",
    "qualifier",
    "side",
    "measure",
    "topic",
    "source",
    "source_id",
    "via",
    "inputs",
    "cited_by",
    "confidence",
    "source_confidence",
    "@type",
    "@context",
    "encodingFormat",
    "licenses",
}
"""Fields of the downloads that hold codes from the content model ('people', 'nearly',
'dataset'), for programs, not prose: they are the same in every language, like the column
names. Dates, numbers and URLs are skipped by their form. `licenses` holds the licence's Open
Definition id and the author's own name for it ('CC-BY-4.0', 'CC BY 4.0')."""

PACKAGE_CODES = {
    "$schema",
    "name",
    "path",
    "type",
    "format",
    "mediatype",
    "encoding",
    "enum",
    "pattern",
    "primaryKey",
    "missingValues",
}
"""Fields of data/datapackage.json that hold names, paths, types and codes (a column's name
'label', a resource's type 'table', the qualifiers' codes 'about', 'up to'): the Frictionless
spec's machine fields, the same in every language. Its titles and descriptions are prose."""

_CODE_SPAN = re.compile(r"`[^`]*`")
"""A Markdown code span: the package's descriptions (Markdown) quote codes and column names
in one, as a German description quotes the column `value` or the kind `derived`."""

CONTENT_CODES = {
    "op",
    "scale",
    "language",
    "figures",
    "events",
    "about",
    "ids",
    "url",
    "license_url",
}
"""Fields of content/ that hold codes or ids, not the author's words; with CODE_FIELDS. A
unit code such as 'people' is English, and must not hide the generator's 'people'."""

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_CODE_VALUE = re.compile(r"^(?:https?://\S*|/\S*|[\d.eE+-]+|\d{4}(?:-\d{2}){0,2}|true|false)$")


def _words(text: str) -> set[str]:
    """The words of a message, its placeholders and code spans (`derived`, a code that a
    German message quotes as it is) aside: a code is no word of the language."""
    return {w.lower() for w in _WORD.findall(re.sub(r"\{[^}]*\}|`[^`]*`", " ", text))}


def _messages(tag: str) -> Iterator[str]:
    """The words of each message of the catalog, its variables and selectors aside."""
    for message in catalog(tag).values():
        yield fluent_words(message)


def template_text(source: str) -> list[str]:
    """The lines of text a Jinja template writes itself: its literal text outside tags, each
    expression a line break, and the strings inside its expressions."""
    literal: list[str] = []
    strings: list[str] = []
    for _, kind, value in jinja2.Environment().lex(source):
        if kind == "data":
            literal.append(value)
        elif kind in ("variable_begin", "block_begin"):
            literal.append("\n")
        elif kind == "string":
            strings.append(value)
    html = BeautifulSoup("".join(literal), "html.parser").get_text("\n")
    return [line for line in (*html.splitlines(), *strings) if line.strip()]


def _theme_english() -> set[str]:
    """The words the generator's own theme templates write."""
    words: set[str] = set()
    for template in (THEME / "partials").rglob("*.j2"):
        words |= _words(" ".join(template_text(template.read_text("utf-8"))))
    return words


def english_words(tag: str) -> set[str]:
    """What only English writes, lower-cased: every word of the English catalog, of the
    generator's templates and of ISSUE_WORDS, and the English month and day names, less every
    word the language's own catalog and calendar use ('in' is German too, 'April' as well)."""
    english = set(_words(" ".join(_messages("en")))) | _theme_english() | _words(ISSUE_WORDS)
    for width in ("wide", "abbreviated"):
        english |= _words(" ".join(get_month_names(width, locale="en").values()))
        english |= _words(" ".join(get_day_names(width, locale="en").values()))
    own = set(_words(" ".join(_messages(tag))))
    for width in ("wide", "abbreviated"):
        own |= _words(" ".join(get_month_names(width, locale=tag).values()))
        own |= _words(" ".join(get_day_names(width, locale=tag).values()))
    return english - own


def _values(node: object) -> Iterator[str]:
    """The text values of parsed YAML, keys and codes (CODE_FIELDS, CONTENT_CODES) aside; a
    list of records ('figures:' in figures.yml) is text, a list of ids ('figures:' in a chart)
    is not."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            records = isinstance(value, list) and all(isinstance(v, dict) for v in value)
            if records or key not in CODE_FIELDS | CONTENT_CODES:
                yield from _values(value)
    elif isinstance(node, list):
        for value in node:
            yield from _values(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def author_text(root: Path) -> list[str]:
    """The author's own words, longest first: every text of content/ (as written, as its inline
    Markdown shows it, and cut short at a word after 15 characters or more, as a permalink's
    name cuts a quotation), the literal text of the site_src/ templates, and the site's name,
    description, navigation and scheme-toggle names in mkdocs.yml."""
    pieces: set[str] = set()
    for path in [*(root / "content").glob("*.yml"), *(root / "content").glob("editions/*/*.yml")]:
        for text in _values(yaml.safe_load(path.read_text("utf-8"))):
            text = _one_line(text)
            shown = BeautifulSoup(inline_md(text), "html.parser").strings
            pieces |= {text, *(_one_line(s) for s in shown)}
            words = text.split(" ")
            cut = (" ".join(words[:n]) for n in range(1, len(words)))
            pieces |= {c for c in cut if len(c) >= 15}
    for template in (root / "site_src").rglob("*.j2"):
        for line in template_text(template.read_text("utf-8")):
            pieces |= {_one_line(line), _one_line(line.partition(": ")[2])}
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    pieces |= {config["site_name"], config.get("site_description", "")}
    pieces |= {title for entry in config.get("nav", []) for title in entry}
    pieces |= {p["toggle"]["name"] for p in config["theme"].get("palette", []) if "toggle" in p}
    return sorted((p for p in pieces if re.search(r"\w", p)), key=len, reverse=True)


def generated(text: str, author: list[str]) -> str:
    """`text` without the author's words."""
    text = _one_line(text)
    for piece in author:
        if piece in text:
            text = text.replace(piece, " ")
    return text


NO_PROSE = ["script", "style", "code"]
"""Elements of a page that hold no words of its language: scripts, styles, and code, which a
reader types as it stands (the setting `site_url` in the no-embed notice, an embed snippet),
as the downloads' code spans are skipped (_CODE_SPAN)."""


def page_texts(site: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a reader meets on the pages: the text of the page (scripts
    and styles aside), its tooltips, labels and image descriptions, its link-preview tags and
    the names in its schema.org Dataset."""
    for path in own_files(site, "*.html"):
        where = path.relative_to(site).as_posix()
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for script in soup.find_all("script", type="application/ld+json"):
            for entry in json.loads(script.string).get("distribution", []):
                yield f"{where} (Dataset)", entry["name"]
        for tag in soup.find_all(NO_PROSE):
            tag.decompose()
        for text in soup.strings:
            # The footer's credit names the theme, "Material for MkDocs": a name, not words.
            yield where, str(text).replace("Material for MkDocs", "")
        for tag in soup.find_all(True):
            for attribute in ("title", "alt", "aria-label", "placeholder"):
                if tag.has_attr(attribute):
                    yield f"{where} [{attribute}]", tag[attribute]
            if tag.name == "meta" and (
                tag.get("name") == "description"
                or str(tag.get("property", tag.get("name", ""))).startswith(("og:", "twitter:"))
            ):
                if not str(tag.get("content", "")).startswith("http"):
                    yield f"{where} [meta]", tag.get("content", "")


def chart_texts(site: Path) -> Iterator[tuple[str, str]]:
    """Every text of every chart drawing: its labels, ticks and titles, and its ARIA names."""
    for path in sorted((site / "charts").glob("*.svg")):
        where = path.relative_to(site).as_posix()
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for text in soup.strings:
            yield where, str(text)
        for tag in soup.find_all(True):
            for attribute in ("aria-label", "aria-roledescription"):
                if tag.has_attr(attribute):
                    yield f"{where} [{attribute}]", tag[attribute]


def _prose(node: object, key: str = "") -> Iterator[str]:
    """The text values of downloaded data, codes (CODE_FIELDS, PACKAGE_CODES, code spans) and
    dates, numbers and URLs aside."""
    if isinstance(node, dict):
        for k, value in node.items():
            if k not in CODE_FIELDS | PACKAGE_CODES:
                yield from _prose(value, k)
    elif isinstance(node, list):
        for value in node:
            yield from _prose(value, key)
    elif isinstance(node, str) and not _CODE_VALUE.match(node):
        yield _CODE_SPAN.sub(" ", node)


def data_texts(site: Path) -> Iterator[tuple[str, str]]:
    """Every text field of the data downloads (data/*.json, data/*.csv, the charts' CSVs) and
    of the feed."""
    for path in own_files(site / "data", "*.json"):
        where = path.relative_to(site).as_posix()
        for text in _prose(json.loads(path.read_text("utf-8"))):
            yield where, text
    for path in sorted([*own_files(site / "data", "*.csv"), *(site / "charts").glob("*.csv")]):
        where = path.relative_to(site).as_posix()
        for row in csv.DictReader(io.StringIO(path.read_text("utf-8"))):
            for text in _prose(dict(row)):
                yield where, text
    for element in ET.parse(site / "feed.xml").iter():
        tag = element.tag.rpartition("}")[2]
        if tag not in ("id", "updated", "published") and element.text and element.text.strip():
            if not _CODE_VALUE.match(element.text.strip()):
                yield "feed.xml", element.text


def edition_tags(site: Path) -> list[str]:
    """The other editions of the sheet whose site is `site` (`sheet.editions`)."""
    sheet = yaml.safe_load((site.parent / "content" / "sheet.yml").read_text("utf-8"))["sheet"]
    return list(sheet.get("editions", []))


def editions_of(root: Path) -> dict[str, Path]:
    """Each edition of a built example by its language: the source at site/, the others at
    site/<tag>/."""
    site = root / "site"
    return {EXAMPLES[root.name]: site, **{tag: site / tag for tag in edition_tags(site)}}


def own_files(folder: Path, pattern: str) -> list[Path]:
    """The files of one edition's `folder` (site/ or site/<tag>/, or a folder in it) matching
    `pattern`, below it, without those of the other editions built inside the source's."""
    root = next((p for p in folder.parents if (p / "content" / "sheet.yml").is_file()), None)
    others = {folder / tag for tag in edition_tags(root / "site")} if root else set()
    return [p for p in sorted(folder.rglob(pattern)) if not others & set(p.parents)]


def build_example(name: str, target: Path, engine: str = "mkdocs") -> Path:
    """A copy of `examples/<name>` (its sources only), checked with --strict and built with
    `engine`, starting from the drawings of this session's first build of it (see DRAWN)."""
    root = target / name
    shutil.copytree(
        REPO / "examples" / name, root, ignore=shutil.ignore_patterns("site", "build", ".cache")
    )
    checked = run(root, "check", "--strict", "--today", TODAY)
    assert checked.exit_code == 0, checked.output
    for folder in DRAWN.get(name, ()):
        if folder.is_dir():
            shutil.copytree(folder, root / ".cache" / "factsheet" / folder.name)
    built = run(root, "build", "--engine", engine)
    assert built.exit_code == 0, built.output
    cache = root / ".cache" / "factsheet"
    DRAWN.setdefault(name, [cache / "charts", cache / "social"])
    return root


DRAWN: dict[str, list[Path]] = {}
"""Each example's chart and social-image cache from its first build in this session. Five
modules build each example (about 4 s of drawing each time); the drawings depend on the
content and the code alone, and each entry is named by their hash and checked on read
(generator/cache/), so a later build reuses them exactly as a second `factsheet build` would."""


@pytest.fixture(scope="module", params=sorted(EXAMPLES))
def example(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(request.param, tmp_path_factory.mktemp("examples"))


def leaks(root: Path, texts: Iterator[tuple[str, str]], tag: str = "") -> list[str]:
    """'where: what' for every English word or number format in `texts`, of the edition
    `tag` (default: the source edition)."""
    tag = tag or EXAMPLES[root.name]
    english = english_words(tag)
    formats = [re.compile(p) for p in NUMBER_FORMATS[tag]]
    dates = [re.compile(p) for p in DATE_FORMATS[tag]]
    author = author_text(root)
    found: dict[str, None] = {}
    for where, text in texts:
        rest = generated(text, author)
        for word in _WORD.findall(rest):
            if word.lower() in english:
                found[f"{where}: {word}"] = None
        for number in _NUMBER.findall(rest):
            if any(f.search(number) for f in formats):
                found[f"{where}: {number} (format)"] = None
        for date in dates:
            for match in date.finditer(rest):
                found[f"{where}: {match.group()} (format)"] = None
    return list(found)


def test_each_example_builds_and_passes_check_strict(example: Path) -> None:
    site = example / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in own_files(site, "index.html"))
    assert len([p for p in pages if not p.startswith("embed/")]) == 3
    assert list((site / "charts").glob("*-light-wide.svg"))
    assert (site / "data" / "figures.csv").is_file()


def test_each_example_declares_its_language_to_the_reader(example: Path) -> None:
    """Browsers, screen readers and search engines read a page's language from <html lang>."""
    for tag, site in editions_of(example).items():
        home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
        assert home.html["lang"] == tag


HOME_TITLES = {
    ("flamanville", "fr"): "Vue d’ensemble – Le coût de l’EPR de Flamanville",
    ("gesundheit", "de"): "Überblick | Masern – Faktenblatt",  # de A5, round 5
    ("gesundheit", "fr"): "Vue d’ensemble – Rougeole – fiche d’information",
    ("naselennia", "uk"): "Огляд — Населення України",
}
"""Each edition's home page title in the browser, written out: the page and the site joined
by the language's dash, not Material's hyphen (« Vue d’ensemble - Rougeole – fiche
d’information », French review 4, T3)."""


def test_the_browser_title_joins_page_and_site_with_the_languages_dash(example: Path) -> None:
    for tag, site in editions_of(example).items():
        home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
        assert home.title.string == HOME_TITLES[example.name, tag]


CHART_TABLE_HEADS = {
    ("gesundheit", "de"): ["Erste Dosis, weltweit 2023", "Zweite Dosis, weltweit 2023"]
    + ["Zwei Dosen, Schulanfänger 2017"],
    ("gesundheit", "fr"): ["Première dose, monde, 2023", "Deuxième dose, monde, 2023"]
    + ["Deux doses, entrée à l’école, 2017"],
}
"""The row heads of a chart's data table where its figures have short names, as the drawing
labels them (German review, round 5, A2: the whole sentence said the value twice)."""


def test_a_chart_tables_rows_are_named_by_their_short_names(example: Path) -> None:
    for tag, site in editions_of(example).items():
        if (example.name, tag) not in CHART_TABLE_HEADS:
            continue
        home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
        heads = home.select("details.fs-chart__data tbody th")
        assert [th.get_text() for th in heads] == CHART_TABLE_HEADS[example.name, tag]


def test_no_english_on_the_pages(example: Path) -> None:
    for tag, site in editions_of(example).items():
        assert leaks(example, page_texts(site), tag) == [], tag


def test_no_english_in_the_charts(example: Path) -> None:
    for tag, site in editions_of(example).items():
        assert leaks(example, chart_texts(site), tag) == [], tag


def test_no_english_in_the_downloads(example: Path) -> None:
    for tag, site in editions_of(example).items():
        assert leaks(example, data_texts(site), tag) == [], tag


TEMPLATE_PUNCTUATION = re.compile(r"[:;!?“”„«»—–]")
"""Punctuation a language writes its own way ('Source : …', '„…“', a dash: '—' in English,
'–' in German): a template that wrote it would write it the English way in every language,
so it belongs in a message."""


def page_prose(site: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for each page's whole text, its elements' texts run together as a reader
    reads them ('Label' in one element, ': ' in the next)."""
    for path in own_files(site, "*.html"):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for tag in soup.find_all(NO_PROSE):
            tag.decompose()
        yield path.relative_to(site).as_posix(), soup.get_text("")


def test_the_generators_templates_write_no_punctuation_a_language_writes_its_own_way() -> None:
    found = [
        f"{template.relative_to(THEME).as_posix()}: {line.strip()!r}"
        for template in sorted(THEME.rglob("*"))
        if template.suffix in (".j2", ".html")
        for line in template_text(template.read_text("utf-8"))
        if TEMPLATE_PUNCTUATION.search(line)
    ]
    assert found == []


def test_the_page_checks_skip_code_but_not_the_words_around_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<p>Kein Einbettungscode: keine Adresse (<code>site_url</code>) hinterlegt.</p>"
        '<pre><code>&lt;iframe src="https://x.test/"&gt;</code></pre>',
        "utf-8",
    )
    texts = [text for _, text in page_texts(site)]
    assert texts == ["Kein Einbettungscode: keine Adresse (", ") hinterlegt."]
    assert [text for _, text in page_prose(site)] == [
        "Kein Einbettungscode: keine Adresse () hinterlegt."
    ]


def test_the_leak_finder_finds_english_and_spares_the_authors_words(tmp_path: Path) -> None:
    """The finder itself, on text written by hand: an author's English title is theirs, the
    generator's 'Source:' and '2,065' are not."""
    root = tmp_path / "gesundheit"
    shutil.copytree(REPO / "examples" / "gesundheit" / "content", root / "content")
    shutil.copy(REPO / "examples" / "gesundheit" / "mkdocs.yml", root / "mkdocs.yml")
    (root / "site_src").mkdir()
    title = "Measles cases surge worldwide, infecting 10.3 million people in 2023"
    texts = [
        ("a.html", f"Quelle: WHO, „{title}“, 14. November 2024"),
        ("b.html", "Source: WHO, 14 November 2024"),
        ("c.html", "2,065 Fälle, 92.5% davon"),
        ("d.html", "2.065 Fälle, 92,5 % davon, im April"),
    ]
    assert leaks(root, iter(texts)) == [
        "b.html: Source",
        "b.html: 14 November (format)",
        "c.html: 2,065 (format)",
        "c.html: 92.5% (format)",
    ]


FRENCH_GLUED = re.compile(r"(?<![\s\u00a0\u202f])(?:;|:(?!//|\d))")
"""An ASCII ':' or ';' with no space before it, as English writes it; French puts a narrow
no-break space (or a no-break space) before both. A URL's 'https://' and a time's '00:00' are
no punctuation."""


def glued_punctuation(root: Path, texts: Iterator[tuple[str, str]]) -> list[str]:
    """ "where: ':' in 'context'" for every ':' or ';' the generator writes glued to what comes
    before it, the author's own words aside (they answer for their own typography)."""
    author = author_text(root)
    found: dict[str, None] = {}
    for where, text in texts:
        rest = _one_line(text)
        for piece in author:  # a mark, not a space: 'EDF; ' must still read as glued
            rest = rest.replace(piece, "\u25aa")
        for match in FRENCH_GLUED.finditer(rest):
            context = rest[max(0, match.start() - 8) : match.end() + 3]
            found[f"{where}: {match.group()!r} in {context!r}"] = None
    return list(found)


def test_the_glued_punctuation_finder_spares_french_spacing_and_urls(tmp_path: Path) -> None:
    root = tmp_path / "flamanville"
    shutil.copytree(REPO / "examples" / "flamanville" / "content", root / "content")
    shutil.copy(REPO / "examples" / "flamanville" / "mkdocs.yml", root / "mkdocs.yml")
    (root / "site_src").mkdir()
    texts = [
        ("a.html", "Source\u202f: Cour des comptes\u202f; EDF, https://www.edf.fr/ à 11:48"),
        ("b.html", "Source : EDF"),
        ("c.html", "Source: EDF; Cour des comptes"),
    ]
    assert glued_punctuation(root, iter(texts)) == [
        "c.html: ':' in 'Source: ▪;'",
        "c.html: ';' in 'ource: ▪; ▪'",
    ]


def test_french_output_puts_a_space_before_colons_and_semicolons(tmp_path: Path) -> None:
    root = build_example("flamanville", tmp_path)
    site = root / "site"
    # A page as a reader reads it, its elements run together ('Label' + '\u00a0: '); its
    # attributes each alone.
    attributes = [(where, text) for where, text in page_texts(site) if "[" in where]
    texts = [*page_prose(site), *attributes, *chart_texts(site), *data_texts(site)]
    assert glued_punctuation(root, iter(texts)) == []


def template_punctuation() -> list[str]:
    """'template: text' for each piece of punctuation the generator's own templates write
    outside a message (', ', ': ', ' (', '.'), where no language can change it."""
    found = []
    for template in sorted((THEME / "partials").rglob("*.j2")):
        for line in template_text(template.read_text("utf-8")):
            if re.search(r"[:;,.()«»“”„]", line) and not re.search(r"\w\.\w", line):
                found.append(f"{template.name}: {line.strip()!r}")
    return found


def test_the_templates_add_no_punctuation_of_their_own() -> None:
    """Every ', ', ' (…)', '.' and ': ' of the blocks comes from a message, so a language
    sets its own ('X (zitiert nach AP)', '« … » ;', '27 січня 2026 року')."""
    assert template_punctuation() == []
