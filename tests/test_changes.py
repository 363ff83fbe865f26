"""The corrections and updates log: content/changes.yml, the Changes page, the line at each
changed record, the Atom feed, and `check --against` a published figures.json."""

from __future__ import annotations

import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from generator.feed import feed_xml
from generator.validation import load_and_validate
from tests.support import STARTED, run

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.org/sheet/"

# Two entries written oldest first, so "newest first" is the code's doing, not the file's.
LOG = """\
changes:
  - id: population-revised
    date: 2024-07-20
    kind: correction
    ids: [world-population-2024]
    what: The figure read 8.1 billion; it reads 8.2 billion.
    why: We misread the table <b>&</b> fixed it.
    source: un-wpp-2024
  - id: peak-wording
    date: 2024-08-02
    kind: clarification
    ids: [un-peak-statement, world-population-2100]
    what: The context says when the peak comes.
    why: Readers asked.
"""


def with_log(starter: Path, log: str = LOG) -> Path:
    (starter / "content" / "changes.yml").write_text(log, encoding="utf-8")
    return starter


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter with LOG, built once as published at SITE; read it, don't change it."""
    from generator.scaffold import scaffold

    root = tmp_path_factory.mktemp("changes") / "starter"
    scaffold(root, today=STARTED)
    with_log(root)
    result = run(root, "build", "--site-url", SITE)
    assert result.exit_code == 0, result.output
    return root / "site"


def test_the_feed_is_atom_with_each_entry_right(published_site: Path) -> None:
    feed = ET.parse(published_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == "https://example.org/sheet/feed.xml"
    assert feed.findtext(f"{ATOM}title") == "My fact sheet: corrections and updates"
    assert feed.findtext(f"{ATOM}updated") == "2024-08-02T00:00:00Z"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "My fact sheet"
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == "https://example.org/sheet/feed.xml"
    entries = [
        (
            e.findtext(f"{ATOM}id"),
            e.findtext(f"{ATOM}title"),
            e.findtext(f"{ATOM}updated"),
            [link.get("href") for link in e.findall(f"{ATOM}link")],
        )
        for e in feed.findall(f"{ATOM}entry")
    ]
    assert entries == [
        (
            "tag:example.org,2024-08-02:/sheet/changes/peak-wording",
            "Clarification: Li Junhua, 11 July 2024; "
            "people in the world at its projected peak in the mid-2080s",
            "2024-08-02T00:00:00Z",
            ["https://example.org/sheet/changes/#peak-wording"],
        ),
        (
            "tag:example.org,2024-07-20:/sheet/changes/population-revised",
            "Correction: people in the world",
            "2024-07-20T00:00:00Z",
            ["https://example.org/sheet/changes/#population-revised"],
        ),
    ]
    # Content is text in the feed: escaped by the XML writer, read back exactly.
    summaries = [e.findtext(f"{ATOM}summary") for e in feed.findall(f"{ATOM}entry")]
    assert summaries[1] == (
        "The figure read 8.1 billion; it reads 8.2 billion. Why: We misread the table <b>&</b> "
        "fixed it."
    )


def test_every_page_links_the_feed_from_its_head(published_site: Path) -> None:
    heads = {
        page.relative_to(published_site).as_posix(): BeautifulSoup(
            page.read_text("utf-8"), "html.parser"
        ).head
        for page in published_site.rglob("*.html")
        if page.name != "404.html"
    }
    assert sorted(heads) == ["changes/index.html", "index.html"]
    hrefs = {
        path: [a.get("href") for a in head.find_all("link", type="application/atom+xml")]
        for path, head in heads.items()
    }
    assert hrefs == {"changes/index.html": ["../feed.xml"], "index.html": ["feed.xml"]}


def test_the_changes_page_lists_entries_newest_first(published_site: Path) -> None:
    page = BeautifulSoup(
        (published_site / "changes" / "index.html").read_text("utf-8"), "html.parser"
    )
    entries = page.select("div.fs-change")
    assert [e.get("id") for e in entries] == ["peak-wording", "population-revised"]
    assert entries[1].p.get_text() == "20 July 2024 · Corrected: people in the world"
    assert "We misread the table <b>&</b> fixed it." in entries[1].get_text()


def test_a_corrected_figure_says_so_and_links_its_entry(published_site: Path) -> None:
    page = BeautifulSoup((published_site / "index.html").read_text("utf-8"), "html.parser")
    figure = page.find(id="world-population-2024")
    assert figure is not None
    lines = [(a.get_text(), a.get("href")) for a in figure.select(".fs-changed a")]
    assert lines == [("Corrected on 20 July 2024", "changes/#population-revised")]
    statement = page.find(id="un-peak-statement")
    assert statement is not None
    assert [(a.get_text(), a.get("href")) for a in statement.select(".fs-changed a")] == [
        ("Clarified on 2 August 2024", "changes/#peak-wording")
    ]
    unchanged = page.find(id="growth-to-peak")
    assert unchanged is not None and unchanged.select(".fs-changed") == []


def test_a_local_feed_makes_up_no_address(starter: Path) -> None:
    """Without a site_url: tag ids of the reserved .invalid host, links relative to the feed."""
    content = load_and_validate(with_log(starter))
    feed = ET.fromstring(feed_xml(content, lambda i: f"changes/#{i}", ""))
    assert feed.findtext(f"{ATOM}id") == "tag:factsheet.invalid,2000:feed.xml"
    assert [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")] == [
        "tag:factsheet.invalid,2024-08-02:changes/peak-wording",
        "tag:factsheet.invalid,2024-07-20:changes/population-revised",
    ]
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == "feed.xml"


def test_an_empty_log_still_makes_a_valid_feed_dated_by_the_sheet(starter: Path) -> None:
    content = load_and_validate(starter)
    feed = ET.fromstring(feed_xml(content, lambda i: i, SITE))
    assert feed.findtext(f"{ATOM}updated") == "2024-06-30T00:00:00Z"
    assert feed.findall(f"{ATOM}entry") == []


def test_an_unknown_id_in_the_log_is_refused_at_its_line(starter: Path) -> None:
    log = LOG.replace(
        "ids: [un-peak-statement, world-population-2100]", "ids: [un-peak-statement, no-such]"
    )
    result = run(with_log(starter, log), "check", "--today", "2024-08-03")
    assert result.exit_code == 1
    assert (
        "content/changes.yml:12:30: peak-wording.ids[1]: unknown figure, derived figure, "
        "statement, event or note 'no-such'"
    ) in result.stdout.splitlines()


def test_a_correction_needs_a_source(starter: Path) -> None:
    log = LOG.replace("    source: un-wpp-2024\n", "")
    result = run(with_log(starter, log), "check", "--today", "2024-08-03")
    assert result.exit_code == 1
    assert "content/changes.yml:2:5" in result.stdout
    assert "a correction needs a source (only a clarification may have none)" in result.stdout


PUBLISHED = {
    "title": "My fact sheet",
    "updated": "2024-07-15",
    "figures": [
        {
            "id": "world-population-2024",
            "kind": "figure",
            "value": 8100000000,
            "low": None,
            "high": None,
            "qualifier": "about",
            "period_start": None,
            "period_end": None,
            "source_id": ["un-wpp-2024"],
        },
        {
            "id": "world-population-2100",
            "kind": "figure",
            "value": 10300000000,
            "low": None,
            "high": None,
            "qualifier": "about",
            "period_start": None,
            "period_end": None,
            "source_id": ["un-wpp-2024"],
        },
    ],
}
"""What the starter published on 15 July 2024: the 2024 population read 8.1 billion then."""

UNLOGGED = (
    "content/figures.yml:9:12: warning: world-population-2024.value: value changed since the "
    "published figures of 2024-07-15 (value was 8100000000, now 8200000000) and no entry "
    "in changes.yml dated on or after then names it; log the change"
)


def published(starter: Path, data: dict[str, object] = PUBLISHED) -> str:
    """The published file written into the starter: its path, as an editor would type it."""
    path = starter / "published.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_check_against_catches_a_changed_figure_with_no_entry(starter: Path) -> None:
    path = published(starter)
    result = run(starter, "check", "--today", "2024-08-03", "--against", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        UNLOGGED,
        "content/ passes: 0 error(s), 1 warning(s) in 4 file(s).",
    ]
    strict = run(starter, "check", "--today", "2024-08-03", "--against", path, "--strict")
    assert strict.exit_code == 1
    assert UNLOGGED in strict.stdout.splitlines()


def test_check_against_passes_when_an_entry_names_the_figure(starter: Path) -> None:
    path = published(with_log(starter))
    result = run(starter, "check", "--today", "2024-08-03", "--against", path, "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("0 error(s), 0 warning(s) in 5 file(s).\n")


def test_an_entry_older_than_the_published_file_does_not_cover_a_new_change(
    starter: Path,
) -> None:
    path = published(with_log(starter, LOG.replace("date: 2024-07-20", "date: 2024-07-10")))
    result = run(starter, "check", "--today", "2024-08-03", "--against", path)
    assert UNLOGGED in result.stdout.splitlines()


def test_check_against_names_every_changed_field(starter: Path) -> None:
    figure = {**PUBLISHED["figures"][1], "qualifier": None, "source_id": ["other"]}  # type: ignore[dict-item]
    data = {**PUBLISHED, "figures": [PUBLISHED["figures"][0] | {"value": 8200000000}, figure]}  # type: ignore[index]
    path = published(starter, data)
    result = run(starter, "check", "--today", "2024-08-03", "--against", path)
    assert result.stdout.splitlines()[0] == (
        "content/figures.yml:22:16: warning: world-population-2100.qualifier: qualifier and "
        "source changed since the published figures of 2024-07-15 (qualifier was not given, now "
        "'about') and no entry in changes.yml dated on or after then names it; log the change"
    )


@pytest.fixture
def server(starter: Path) -> Iterator[str]:
    """The starter's folder served on a loopback port, for the duration of one test."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(starter), **kwargs)  # type: ignore[arg-type]

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    httpd.timeout = 5
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_check_against_fetches_a_url(starter: Path, server: str) -> None:
    published(starter)
    url = f"{server}/published.json"
    result = run(starter, "check", "--today", "2024-08-03", "--against", url, "--strict")
    assert result.exit_code == 1
    assert UNLOGGED in result.stdout.splitlines()


def test_an_unreadable_published_file_is_a_usage_error(starter: Path) -> None:
    missing = run(starter, "check", "--against", "/nowhere/figures.json")
    assert missing.exit_code == 2
    assert missing.stderr == (
        "error: --against '/nowhere/figures.json': No such file or directory\n"
    )
    path = published(starter, {"figures": 3})
    bad = run(starter, "check", "--against", path)
    assert bad.exit_code == 2
    assert bad.stderr.startswith("error: --against ")
    assert "expected a figures.json the build writes" in bad.stderr


def test_the_analytics_partial_is_materials_with_only_the_feed_link() -> None:
    """The head's feed link rides on a partial every page includes; fails when a Material
    upgrade changes its partial: bring the copy up to date."""
    import material

    from generator.engine_folder import THEME_OVERRIDES

    name = Path("partials") / "integrations" / "analytics.html"
    comment = re.compile(r"\A\{#-.*?-#\}\n", re.S)
    theirs = comment.sub("", (Path(material.__file__).parent / "templates" / name).read_text())
    ours = comment.sub("", (THEME_OVERRIDES / name).read_text())
    link = (
        '<link rel="alternate" type="application/atom+xml" title="{{ config.extra.factsheet.feed '
        "| e if config.extra.factsheet else 'Corrections and updates' }}\" "
        "href=\"{{ 'feed.xml' | url }}\">\n"
    )
    assert ours == link + theirs


def test_the_log_reads_newest_first_whatever_order_it_is_written_in(starter: Path) -> None:
    """Entries of one day read last-written first; a later entry written earlier still leads."""
    middle = """\
  - id: between
    date: 2024-07-25
    kind: update
    ids: [world-population-2024]
    what: A newer edition.
    why: The UN revised it.
    source: un-wpp-2024
  - id: same-day
    date: 2024-07-20
    kind: clarification
    ids: [world-population-2024]
    what: Wording.
    why: Clearer.
"""
    content = load_and_validate(with_log(starter, LOG + middle))
    order = ["peak-wording", "between", "same-day", "population-revised"]
    assert [c.id for c in content.change_log()] == order
    assert [c.id for c in content.changes_to("world-population-2024")] == order[1:]


def test_the_war_sheet_logs_the_corrections_it_made(built: Path) -> None:
    """The real sheet's log: the MI6 handover's date was corrected on 26 November 2026."""
    site = built / "site"
    feed = ET.parse(site / "feed.xml").getroot()
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert "tag:example.github.io,2026-11-26:/factsheet/changes/mi6-handover-date" in ids
    page = BeautifulSoup((site / "diplomacy" / "index.html").read_text("utf-8"), "html.parser")
    event = page.find(id="mi6-leadership-change")
    assert event is not None
    assert [(a.get_text(), a.get("href")) for a in event.select(".fs-changed a")] == [
        ("Corrected on 26 November 2026", "../changes/#mi6-handover-date")
    ]
