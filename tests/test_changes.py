"""The corrections and updates log: content/changes.yml, the Changes page, the line at each
changed record, the Atom feed, and `check --against` a published figures.json."""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from generator.feed import feed_xml
from generator.validation import load_and_validate
from tests.support import REPO, STARTED, run, snapshot

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
    """The starter with `log` as its changes.yml, reviewed (`updated`) on its latest entry's
    day, as a sheet's `updated` may not be earlier than its latest change."""
    (starter / "content" / "changes.yml").write_text(log, encoding="utf-8")
    dates = re.findall(r"(?m)^    date: (\d{4}-\d\d-\d\d)$", log)
    if dates:
        sheet = starter / "content" / "sheet.yml"
        text = sheet.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^  updated: .*$", f"  updated: {max(dates)}", text, count=1)
        sheet.write_text(text, encoding="utf-8")
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
    assert feed.findtext(f"{ATOM}title") == "My fact sheet – corrections and updates"
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
    # A date never parts at a line's end: no-break spaces inside it.
    assert entries[1].p.get_text() == "20\u00a0July\u00a02024 · Corrected: people in the world"
    assert "We misread the table <b>&</b> fixed it." in entries[1].get_text()


def test_a_corrected_figure_says_so_and_links_its_entry(published_site: Path) -> None:
    page = BeautifulSoup((published_site / "index.html").read_text("utf-8"), "html.parser")
    figure = page.find(id="world-population-2024")
    assert figure is not None
    lines = [(a.get_text(), a.get("href")) for a in figure.select(".fs-changed a")]
    assert lines == [("Corrected 20\u00a0July\u00a02024", "changes/#population-revised")]
    statement = page.find(id="un-peak-statement")
    assert statement is not None
    assert [(a.get_text(), a.get("href")) for a in statement.select(".fs-changed a")] == [
        ("Clarified 2\u00a0August\u00a02024", "changes/#peak-wording")
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


def test_a_records_line_links_one_entry_a_kind_and_day(starter: Path) -> None:
    """Two clarifications of one day would give the record two links reading 'Clarified 20
    July 2024' to two places: the line links the day's last written; the log keeps both."""
    again = """\
  - id: same-day-wording
    date: 2024-07-20
    kind: clarification
    ids: [world-population-2024]
    what: Wording.
    why: Clearer.
  - id: same-day-twin
    date: 2024-07-20
    kind: clarification
    ids: [world-population-2024]
    what: Rounding of the equivalent.
    why: Too precise.
"""
    content = load_and_validate(with_log(starter, LOG + again))
    assert [c.id for c in content.changes_to("world-population-2024")] == [
        "same-day-twin",
        "same-day-wording",
        "population-revised",
    ]
    assert [c.id for c in content.changed_lines("world-population-2024")] == [
        "same-day-twin",
        "population-revised",
    ]


# --- issue 22: every record kind, a git revision, removed records, the review date --------------

STATEMENTS = {
    "title": "My fact sheet",
    "updated": "2024-07-15",
    "statements": [
        {
            "id": "un-peak-statement",
            "speaker": "Li Junhua",
            "quote": "The demographic landscape has changed.",
            "source": "un-wpp-2024",
            "source_publisher": "United Nations, Department of Economic and Social Affairs",
        }
    ],
}


def test_check_against_compares_the_statements_published_beside_the_figures(
    starter: Path,
) -> None:
    path = published(starter, {**PUBLISHED, "figures": PUBLISHED["figures"][1:]})  # type: ignore[index]
    (starter / "statements.json").write_text(json.dumps(STATEMENTS), encoding="utf-8")
    result = run(starter, "check", "--today", "2024-08-03", "--against", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "content/statements.yml:8:12: warning: un-peak-statement.quote: quotation changed since "
        "the published statements of 2024-07-15 (quote was 'The demographic landscape has "
        "changed.', now 'The demographic landscape has evolved gr'… (62 characters)) and no "
        "entry in changes.yml dated on or after then names it; log the change"
    )
    # No events.json beside it, and notes are never published: said, not silently skipped.
    assert result.stderr == (f"note: events, notes not compared (not published in {path})\n")
    with_log(starter)  # peak-wording, a clarification of 2 August, names the statement
    logged = run(starter, "check", "--today", "2024-08-03", "--against", path, "--strict")
    assert logged.exit_code == 0, logged.output


def test_a_published_record_no_longer_in_the_sheet_needs_an_entry_listing_it_removed(
    starter: Path,
) -> None:
    gone = {**PUBLISHED["figures"][1], "id": "world-population-1950"}  # type: ignore[index]
    path = published(starter, {**PUBLISHED, "figures": [*PUBLISHED["figures"][1:], gone]})  # type: ignore[index]
    result = run(starter, "check", "--today", "2024-08-03", "--against", path, "--strict")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "content/changes.yml:1:1: warning: changes: the figure 'world-population-1950' of the "
        "published figures of 2024-07-15 is no longer in the sheet, and no entry dated on or "
        "after then lists it under `removed`; log the removal with what it said"
    )
    removal = """\
changes:
  - id: population-1950-removed
    date: 2024-07-20
    kind: correction
    removed:
      - id: world-population-1950
        said: The UN estimates about 2.5 billion people in the world in 1950.
    what: The figure for 1950 was removed.
    why: It was from an older revision of the estimates.
    source: un-wpp-2024
"""
    logged = run(with_log(starter, removal), "check", "--today", "2024-08-03", "--against", path)
    assert logged.exit_code == 0, logged.output
    assert "removed" not in logged.stdout


def test_a_removed_record_is_listed_on_the_changes_page_and_in_the_feed(starter: Path) -> None:
    removal = """\
changes:
  - id: ratio-removed
    date: 2024-07-20
    kind: correction
    ids: [world-population-2024]
    removed:
      - id: old-ratio
        said: "People in 2100 for each in 1950: about 4.1 <b>"
    what: A ratio computed by this site was removed.
    why: Its inputs were not like for like.
    source: un-wpp-2024
"""
    from generator.generate import render_in_memory
    from generator.project import Project

    content = load_and_validate(with_log(starter, removal))
    feed = ET.fromstring(feed_xml(content, lambda i: f"changes/#{i}", SITE))
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [
        "Correction: people in the world; "
        "“People in 2100 for each in 1950: about 4.1 <b>” (removed)"
    ]
    page = next(
        p
        for p in render_in_memory(Project.load(starter), content).pages
        if p.path.startswith("changes")
    )
    entry = BeautifulSoup(page.body, "html.parser").select_one("#ratio-removed")
    assert entry is not None
    assert entry.select_one(".fs-change__removed").get_text() == (
        "“People in 2100 for each in 1950: about 4.1 <b>” (removed)"
    )
    # The removed record is not a link: its id no longer resolves to any page.
    assert [a.get_text() for a in entry.select("p")[0].select("a")] == ["people in the world"]


def test_a_change_that_only_removes_records_reads_once_labelled_on_the_page_and_in_the_feed(
    starter: Path,
) -> None:
    # Native review round 3 (de E2): "Korrigiert: Entfernt: …" had two colons in a row.
    removal = """\
changes:
  - id: ratios-removed
    date: 2024-07-20
    kind: correction
    removed:
      - id: old-ratio
        said: "People in 2100 for each in 1950: about 4.1"
      - id: older-ratio
        said: "People in 2050 for each in 1950: about 3.8"
    what: Two ratios computed by this site were removed.
    why: Their inputs were not like for like.
    source: un-wpp-2024
"""
    from generator.generate import render_in_memory
    from generator.project import Project

    content = load_and_validate(with_log(starter, removal))
    feed = ET.fromstring(feed_xml(content, lambda i: f"changes/#{i}", SITE))
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [
        "Correction: “People in 2100 for each in 1950: about 4.1” (removed); "
        "“People in 2050 for each in 1950: about 3.8” (removed)"
    ]
    page = next(
        p
        for p in render_in_memory(Project.load(starter), content).pages
        if p.path.startswith("changes")
    )
    entry = BeautifulSoup(page.body, "html.parser").select_one("#ratios-removed")
    assert entry is not None
    assert entry.select("p")[0].get_text() == (
        "20\u00a0July\u00a02024 · Corrected: “People in 2100 for each in 1950: about 4.1”"
        " (removed); "
        "“People in 2050 for each in 1950: about 3.8” (removed)"
    )


def test_an_entry_cannot_list_as_removed_a_record_still_in_the_sheet(starter: Path) -> None:
    removal = """\
changes:
  - id: not-gone
    date: 2024-07-20
    kind: clarification
    removed:
      - {id: world-population-2024, said: About 8.2 billion people.}
    what: Nothing was removed.
    why: A test.
"""
    result = run(with_log(starter, removal), "check", "--today", "2024-08-03")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "content/changes.yml:6:14: not-gone.removed[0].id: 'world-population-2024' is still in "
        "the sheet; name it under `ids`, not `removed`"
    )


def test_the_sheet_may_not_be_reviewed_before_its_latest_change(starter: Path) -> None:
    (starter / "content" / "changes.yml").write_text(LOG, encoding="utf-8")  # updated: 30 June
    result = run(starter, "check", "--today", "2024-08-03")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "content/sheet.yml:6:12: sheet.updated: 2024-06-30 is earlier than the latest change in "
        "changes.yml ('peak-wording', 2024-08-02); set it to the day the sheet was last "
        "reviewed, on or after 2024-08-02"
    )
    assert run(starter, "build").exit_code == 1
    assert not (starter / "site").exists()


def _git(root: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": os.environ["PATH"],
    }
    done = subprocess.run(
        ["git", "-C", str(root), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


NOTE = """\
notes:
  - id: peak-note
    about: [world-population-2100]
    title: The peak is a projection
    claim: The world will have 10.3 billion people.
    claim_source: un-wpp-2024
    source_says: The UN *projects* a peak of about 10.3 billion in the mid-2080s.
    source: un-wpp-2024
"""


def test_check_against_rev_compares_every_kind_of_record_at_that_revision(
    tmp_path: Path,
) -> None:
    """The sheet in a subfolder of a repository, as in examples/: its content at the tag is
    read from git, never checked out, and compared with the working tree's, notes included."""
    from generator.scaffold import scaffold

    repo = tmp_path / "repo"
    sheet = repo / "sheets" / "mine"
    scaffold(sheet, today=STARTED)
    (sheet / "content" / "notes.yml").write_text(NOTE, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "published")
    _git(repo, "tag", "v1")
    replace = [
        ("statements.yml", "evolved greatly", "changed greatly"),
        ("notes.yml", "title: The peak is a projection", "title: The peak is projected"),
    ]
    for name, old, new in replace:
        path = sheet / "content" / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    before = snapshot(repo)
    result = run(sheet, "check", "--today", "2024-07-12", "--against-rev", "v1")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "content/notes.yml:4:12: warning: peak-note.title: title changed since the published "
        "notes of revision 'v1' (title was 'The peak is a projection', now 'The peak is "
        "projected') and no entry in changes.yml new since revision 'v1' names it; log the "
        "change",
        "content/statements.yml:8:12: warning: un-peak-statement.quote: quotation changed since "
        "the published statements of revision 'v1' (quote was 'The demographic landscape has "
        "evolved gr'… (62 characters), now 'The demographic landscape has changed gr'… (62 "
        "characters)) and no entry in changes.yml new since revision 'v1' names it; log the "
        "change",
    ]
    assert snapshot(repo) == before  # nothing checked out, nothing written
    log = LOG.replace(
        "ids: [un-peak-statement, world-population-2100]", "ids: [un-peak-statement, peak-note]"
    )
    with_log(sheet, log.replace("2024-08-02", "2024-07-12").replace("2024-07-20", "2024-07-12"))
    strict = run(sheet, "check", "--today", "2024-07-12", "--against-rev", "v1", "--strict")
    assert strict.exit_code == 0, strict.output


@pytest.mark.parametrize("rev", ["no-such-tag", "-h", "HEAD~5"])
def test_an_unknown_revision_is_a_usage_error(tmp_path: Path, rev: str) -> None:
    from generator.scaffold import scaffold

    scaffold(tmp_path / "s", today=STARTED)
    _git(tmp_path / "s", "init", "-q")
    _git(tmp_path / "s", "add", "-A")
    _git(tmp_path / "s", "commit", "-qm", "one")
    result = run(tmp_path / "s", "check", "--against-rev", rev)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: --against-rev {rev!r}: not a revision")
    assert len(result.stderr.splitlines()) == 1


# --- issue 21 items 9 and 14: what --against reads is untrusted --------------------------------


def test_deeply_nested_json_is_a_usage_error(starter: Path) -> None:
    path = starter / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    result = run(starter, "check", "--against", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --against ")
    assert result.stderr.endswith(": not JSON the build writes\n")


def test_a_published_number_of_any_size_is_compared_not_a_crash(starter: Path) -> None:
    huge = {**PUBLISHED["figures"][1], "value": 10**400}  # type: ignore[index]
    data = json.dumps({**PUBLISHED, "figures": [huge]})
    (starter / "published.json").write_text(data, encoding="utf-8")
    result = run(
        starter, "check", "--today", "2024-08-03", "--against", str(starter / "published.json")
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "content/figures.yml:21:12: warning: world-population-2100.value: value changed since "
        "the published figures of 2024-07-15 (value was '1000000000000000000000000000000000000000'"
        "… (401 characters), now 10300000000) and no entry in changes.yml dated on or after "
        "then names it; log the change"
    )


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_against_reads_only_a_regular_file(starter: Path, kind: str) -> None:
    path = starter / "published.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path = Path("/dev/zero")
    result = run(starter, "check", "--against", str(path))  # a FIFO blocked here for ever
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --against ")
    assert result.stderr.endswith(": not a regular file\n")
    assert len(result.stderr.splitlines()) == 1


def _raw_server(answer: Callable[[socket.socket], None]) -> Iterator[str]:
    """A loopback server whose every connection gets `answer`, raw bytes on the socket."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:  # closed at the end of the test
                return
            threading.Thread(target=_answer, args=(conn, answer), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/figures.json"
    finally:
        stop.set()
        listener.close()


def _answer(conn: socket.socket, answer: Callable[[socket.socket], None]) -> None:
    with conn:
        try:
            conn.recv(65536)
            answer(conn)
        except OSError:
            pass


def _long_header(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 200_000 + b"\r\n\r\n{}")


def _many_headers(conn: socket.socket) -> None:
    headers = b"".join(b"X-H%d: 1\r\n" % i for i in range(150))
    conn.sendall(b"HTTP/1.1 200 OK\r\n" + headers + b"Content-Length: 2\r\n\r\n{}")


def _slow_body(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
    for _ in range(100):
        conn.sendall(b" ")
        time.sleep(0.5)


@pytest.mark.parametrize("answer", [_long_header, _many_headers], ids=["long", "many"])
def test_a_hostile_answers_headers_are_a_usage_error(
    starter: Path, answer: Callable[[socket.socket], None]
) -> None:
    for url in _raw_server(answer):
        result = run(starter, "check", "--against", url)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"error: --against {url!r}: could not fetch it (")
        assert len(result.stderr.splitlines()) == 1


def test_the_timeout_is_for_the_whole_fetch(starter: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A byte every half second never lets a read time out; the deadline still ends it."""
    from generator import changes

    monkeypatch.setattr(changes, "TIMEOUT_SECONDS", 2)
    for url in _raw_server(_slow_body):
        started = time.monotonic()
        result = run(starter, "check", "--against", url)
        assert time.monotonic() - started < 5
        assert result.exit_code == 2
        assert result.stderr == (f"error: --against {url!r}: no complete answer within 2 seconds\n")


def test_an_answer_larger_than_the_cap_is_refused(
    starter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import changes

    monkeypatch.setattr(changes, "MAX_BYTES", 1000)

    def big(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + b" " * 5000)

    for url in _raw_server(big):
        result = run(starter, "check", "--against", url)
        assert result.exit_code == 2
        assert result.stderr == f"error: --against {url!r}: larger than 1,000 bytes\n"


def test_fail_unlogged_fails_on_an_unlogged_change_and_not_on_a_stale_figure(
    starter: Path,
) -> None:
    """What the Pages workflow runs: an unlogged change stops the deployment, while figures
    that grew old (warnings `--strict` would fail on) do not."""
    path = published(starter)
    result = run(starter, "check", "--today", "2030-01-01", "--against", path, "--fail-unlogged")
    assert result.exit_code == 1
    assert UNLOGGED.replace("2024-08-03", "2030-01-01") in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == (
        "content/ fails (--fail-unlogged: 1 change(s) with no log entry): 0 error(s), "
        "2 warning(s) in 4 file(s)."
    )
    with_log(starter)
    logged = run(starter, "check", "--today", "2030-01-01", "--against", path, "--fail-unlogged")
    assert logged.exit_code == 0, logged.output
    assert "stale_after_days" in logged.stdout  # the stale figures are still reported


def test_a_change_dated_after_today_is_refused_by_check_and_build(starter: Path) -> None:
    """A change dated 2999-12-31 was accepted, and the feed's <updated> became 2999."""
    import datetime as dt

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    root = with_log(starter, LOG.replace("2024-08-02", tomorrow.isoformat()))
    line = (
        f"content/changes.yml:10:11: peak-wording.date: dated {tomorrow.isoformat()}, after "
        f"today ({dt.date.today().isoformat()}); a change is dated the day it is published"
    )
    checked = run(root, "check")
    assert checked.exit_code == 1 and line in checked.output.splitlines()
    built = run(root, "build")
    assert built.exit_code == 1 and line in built.output.splitlines()
    assert not (root / "site").exists()
    assert (
        run(root, "check", "--today", (tomorrow + dt.timedelta(days=1)).isoformat()).exit_code == 0
    )


def test_a_broken_sheet_yml_beside_a_change_log_is_reported_not_crashed(starter: Path) -> None:
    """The fuzz test's `stale_after_days: n/a`: the review-date rule read the missing sheet."""
    root = with_log(starter)
    sheet = root / "content" / "sheet.yml"
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(re.sub(r"(?m)^  updated: .*$", "  updated: n/a", text, count=1), "utf-8")
    result = run(root, "check")
    assert result.exit_code == 1, result.output
    assert (
        "sheet.updated: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got 'n/a'" in result.output
    )


def test_check_against_rev_reads_a_built_site_branch_such_as_gh_pages(starter: Path) -> None:
    """A revision holding the built site, not the sheet (a `gh-pages` branch): its
    data/figures.json and the statements.json beside it, read from git."""
    _git(starter, "init", "-q")
    _git(starter, "add", "-A")
    _git(starter, "commit", "-qm", "the sheet")

    def blob(data: object) -> str:
        path = starter / "blob.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        sha = _git(starter, "hash-object", "-w", str(path))
        path.unlink()
        return sha

    listing = f"100644 blob {blob(PUBLISHED)}\tfigures.json\n"
    listing += f"100644 blob {blob(STATEMENTS)}\tstatements.json\n"
    data = subprocess.run(
        ["git", "-C", str(starter), "mktree"], input=listing, capture_output=True, text=True
    ).stdout.strip()
    top = subprocess.run(
        ["git", "-C", str(starter), "mktree"],
        input=f"040000 tree {data}\tdata\n",
        capture_output=True,
        text=True,
    ).stdout.strip()
    site = _git(starter, "commit-tree", top, "-m", "the site as published")
    _git(starter, "update-ref", "refs/heads/gh-pages", site)
    result = run(starter, "check", "--today", "2024-08-03", "--against-rev", "gh-pages")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == UNLOGGED
    assert "un-peak-statement.quote: quotation changed" in result.stdout
    assert (
        result.stderr == "note: events, notes not compared (not published in revision 'gh-pages')\n"
    )


def test_two_quotations_of_one_speaker_on_one_day_are_told_apart_by_their_words(
    starter: Path,
) -> None:
    # A change to several statements of one speaker and day listed them under one name
    # ("Li Junhua, 11 July 2024" twice): two links that read alike but lead apart.
    statements = starter / "content" / "statements.yml"
    statements.write_text(
        statements.read_text(encoding="utf-8")
        + """\
  - id: un-peak-second
    speaker: Li Junhua
    role: UN Under-Secretary-General for Economic and Social Affairs
    date: 2024-07-11
    quote: The world's population is projected to peak within this century.
    context: Said at the same launch.
    topic: example
    source: un-wpp-2024
""",
        encoding="utf-8",
    )
    log = """\
changes:
  - id: role-wording
    date: 2024-07-20
    kind: clarification
    ids: [un-peak-statement, un-peak-second]
    what: The role reads in lower case.
    why: A job description follows the name.
"""
    from generator.generate import render_in_memory
    from generator.project import Project

    content = load_and_validate(with_log(starter, log))
    page = next(
        p
        for p in render_in_memory(Project.load(starter), content).pages
        if p.path.startswith("changes")
    )
    entry = BeautifulSoup(page.body, "html.parser").select_one("#role-wording")
    assert entry is not None
    assert [a.get_text() for a in entry.select("p")[0].select("a")] == [
        "Li Junhua, 11 July 2024: “The demographic landscape has evolved…”",
        "Li Junhua, 11 July 2024: “The world's population is projected to…”",
    ]
    feed = ET.fromstring(feed_xml(content, lambda i: f"changes/#{i}", SITE))
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [
        "Clarification: Li Junhua, 11 July 2024: “The demographic landscape has evolved…”; "
        "Li Junhua, 11 July 2024: “The world's population is projected to…”"
    ]


def test_a_speakers_only_quotation_that_day_is_named_by_speaker_and_date(starter: Path) -> None:
    content = load_and_validate(with_log(starter))
    assert content.title_of("un-peak-statement") == "Li Junhua, 11 July 2024"


def test_a_records_later_change_notes_read_in_lower_case_after_the_semicolon(
    starter: Path,
) -> None:
    # Native review round 5 (en E1): "(Clarified 7 December 2026; Clarified 6 December 2026;
    # Updated 26 November 2026)" put a capital after a semicolon.
    log = """\
changes:
  - id: peak-update
    date: 2024-07-18
    kind: update
    ids: [un-peak-statement]
    what: The context gives the new revision.
    why: The UN published it.
    source: un-wpp-2024
  - id: peak-context
    date: 2024-07-20
    kind: clarification
    ids: [un-peak-statement]
    what: The context says when the peak comes.
    why: Readers asked.
"""
    from generator.generate import render_in_memory
    from generator.project import Project

    content = load_and_validate(with_log(starter, log))
    pages = render_in_memory(Project.load(starter), content).pages
    soups = [BeautifulSoup(p.body, "html.parser") for p in pages]
    note = next(
        s.select_one("#un-peak-statement .fs-changed")
        for s in soups
        if s.select_one("#un-peak-statement .fs-changed")
    )
    assert note.get_text() == "(Clarified 20\u00a0July\u00a02024; updated 18\u00a0July\u00a02024)"
    # Read out alone, each link still opens with its capital.
    assert [a["aria-label"].split(":")[0] for a in note.select("a")] == [
        "Clarified 20\u00a0July\u00a02024",
        "Updated 18\u00a0July\u00a02024",
    ]


@pytest.mark.parametrize(
    ("tag", "said", "later"),
    [
        ("de", "Präzisiert am 20. Juli 2024", "präzisiert am 20. Juli 2024"),
        ("fr", "Mise à jour du 20 juillet 2024", "mise à jour du 20 juillet 2024"),
        ("uk", "Уточнено 20 липня 2024 року", "уточнено 20 липня 2024 року"),
    ],
)
def test_a_later_change_note_is_in_lower_case_in_every_language(tag, said, later) -> None:
    from generator.language import Language
    from generator.typography import in_text

    assert in_text(Language.of(tag), said, "after_semicolon") == later


def test_a_changes_source_known_through_an_outlet_takes_one_aside(rich_drawn: Path) -> None:
    """Fifth round, en E2 and de A1: '(source: …, as reported by The Gazette (the original was
    not consulted))' had two parentheses in a row; the change's source is an inner reference,
    as a note's is."""
    shutil.copy(
        REPO / "generator" / "scaffold" / "site_src" / "pages" / "changes.md.j2",
        rich_drawn / "site_src" / "pages" / "changes.md.j2",
    )
    log = LOG.replace("ids: [world-population-2024]", "ids: [north-crossings]")
    log = log.replace("ids: [un-peak-statement, world-population-2100]", "ids: [north-crossings]")
    log = log.replace("source: un-wpp-2024", "source: river-survey-2025")
    with_log(
        rich_drawn, log.replace("2024-08-02", "2025-06-30").replace("2024-07-20", "2025-06-29")
    )
    result = run(rich_drawn, "build")
    assert result.exit_code == 0, result.output
    page = BeautifulSoup(
        (rich_drawn / "site" / "changes" / "index.html").read_text("utf-8"), "html.parser"
    )
    why = page.find(id="population-revised").select("p")[2].get_text()
    assert why == (
        "Why: We misread the table <b>&</b> fixed it. (source: The survey, “Annual river survey"
        " 2025”, 1\u00a0March\u00a02025, as reported by The Gazette; the original was not"
        " consulted)"  # the title is for screen readers
    )
