"""Data to take away: CSV and JSON of every figure, statement, event and source, generated
from the content models, with what a reuser needs to cite each one; linked from the pages."""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.content import Content
from generator.derive import Computed
from generator.exports import DOWNLOADS, FIGURE_COLUMNS
from generator.numbers import shown
from generator.project import Project
from generator.validation import load_and_validate


@pytest.fixture(scope="module")
def content(built: Path) -> Content:
    return load_and_validate(built)


def data(built: Path, name: str) -> dict:
    return json.loads((built / "site" / "data" / name).read_text(encoding="utf-8"))


def figures_csv(built: Path) -> list[dict[str, str]]:
    with (built / "site" / "data" / "figures.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def missing_anchors(built: Path, permalinks: list[str]) -> list[str]:
    """The permalinks whose page is not in site/ or has no element with the anchor's id."""
    site_url = Project.load(built).site_url
    ids: dict[str, set[str]] = {}
    missing = []
    for permalink in permalinks:
        assert permalink.startswith(site_url), permalink
        path, _, anchor = permalink[len(site_url) :].partition("#")
        if path not in ids:
            page = built / "site" / path / "index.html"
            html_ = page.read_text(encoding="utf-8") if page.is_file() else ""
            soup = BeautifulSoup(html_, "html.parser")
            ids[path] = {tag["id"] for tag in soup.find_all(id=True)}
        if not anchor or anchor not in ids[path]:
            missing.append(permalink)
    return missing


def test_every_figure_is_in_the_csv_and_the_json_with_its_value_or_range(built, content):
    records = {r["id"]: r for r in data(built, "figures.json")["figures"]}
    rows = {r["id"]: r for r in figures_csv(built)}
    assert list(records) == list(rows) == [q.id for q in content.quantities()]
    for q in content.quantities():
        record, row = records[q.id], rows[q.id]
        low, high = q.bounds
        if low == high:
            assert (record["value"], record["low"], record["high"]) == (
                pytest.approx(low),
                None,
                None,
            )
            assert float(row["value"]) == pytest.approx(low) and row["low"] == row["high"] == ""
        else:
            assert record["value"] is None and row["value"] == ""
            assert (record["low"], record["high"]) == (pytest.approx(low), pytest.approx(high))
            assert (float(row["low"]), float(row["high"])) == (
                pytest.approx(low),
                pytest.approx(high),
            )
        assert record["text"] == row["text"] == shown(q)
        assert record["qualifier"] == q.qualifier and row["qualifier"] == (q.qualifier or "")
        assert record["unit"] == row["unit"] == q.unit
        period = (q.period.start.iso(), q.period.end.iso()) if q.period else (None, None)
        assert (record["period_start"], record["period_end"]) == period
        assert (row["period_start"], row["period_end"]) == tuple(p or "" for p in period)
        as_of = q.as_of.iso() if q.as_of else None
        assert record["as_of"] == as_of and row["as_of"] == (as_of or "")


def test_each_figure_names_its_source_with_title_and_url_or_its_inputs(built, content):
    for record in data(built, "figures.json")["figures"]:
        q = content.quantity(record["id"])
        if isinstance(q, Computed):
            assert record["kind"] == "derived" and record["attribution"] == "computed by this site"
            assert record["inputs"] == [i.id for i in q.inputs] and record["working"] == q.working
            assert record["source_id"] == list(q.sources)
        else:
            source = content.sources[q.source]
            assert record["kind"] == "figure" and record["attribution"] == q.says
            assert record["source_id"] == [source.id]
            assert (record["source_title"], record["source_url"]) == (source.title, source.url)
            assert record["source_publisher"] == source.publisher
            assert record["source_date"] == source.date.iso()
            assert record["projection"] is q.projection


def test_the_csv_and_the_json_hold_the_same_fields_in_the_same_order(built):
    rows = figures_csv(built)
    records = data(built, "figures.json")["figures"]
    assert list(rows[0]) == list(records[0]) == FIGURE_COLUMNS
    for row, record in zip(rows, records, strict=True):
        for column in ("id", "label", "attribution", "source_url", "permalink", "cite_as"):
            assert row[column] == (record[column] or ""), (record["id"], column)


def test_every_permalink_leads_to_an_anchor_on_the_built_page(built):
    permalinks = [r["permalink"] for r in data(built, "figures.json")["figures"]]
    permalinks += [s["permalink"] for s in data(built, "statements.json")["statements"]]
    permalinks += [e["permalink"] for e in data(built, "events.json")["events"]]
    permalinks += [s["permalink"] for s in data(built, "sources.json")["sources"]]
    assert permalinks
    assert missing_anchors(built, permalinks) == []


def test_the_cite_as_line_on_the_page_is_the_one_in_the_data(built):
    pages = {
        p: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in (built / "site").rglob("index.html")
    }
    for record in data(built, "figures.json")["figures"]:
        node = next(s.find(id=record["id"]) for s in pages.values() if s.find(id=record["id"]))
        cite = " ".join(node.select_one(".fs-cite").get_text(" ").split())
        assert cite == f"Cite as: {record['cite_as']}"
        assert record["permalink"] in record["cite_as"]


def test_statements_events_and_sources_carry_their_source_and_date(built, content):
    statements = data(built, "statements.json")["statements"]
    assert [s["id"] for s in statements] == list(content.statements)
    for record in statements:
        s = content.statements[record["id"]]
        assert record["quote"] == s.quote and record["date"] == s.date.iso()
        assert record["source_title"] == content.sources[s.source].title
        assert record["source_url"] == content.sources[s.source].url
    events = data(built, "events.json")["events"]
    assert [e["id"] for e in events] == [e.id for e in content.timeline()]
    sources = data(built, "sources.json")["sources"]
    assert {s["id"] for s in sources} == set(content.sources)
    assert all(s["cited_by"] or s["id"] in _outlets(content) for s in sources)


def _outlets(content: Content) -> set[str]:
    return {v for s in content.sources.values() for v in s.via}


def test_the_downloads_say_what_they_are_and_under_which_licence(built, content):
    for name in ("figures.json", "statements.json", "events.json", "sources.json"):
        about = data(built, name)
        assert about["title"] == content.sheet.title
        assert about["updated"] == content.sheet.updated.iso()
        assert about["license"] == content.sheet.license
        assert about["url"] == Project.load(built).site_url


def test_every_download_is_linked_from_the_pages_with_a_link_that_works_there(built):
    site = built / "site"
    linked: set[str] = set()
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        folder = page.parent.relative_to(site).as_posix()
        here = "https://site.test/" + ("" if folder == "." else folder + "/")
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            target = urlsplit(urljoin(here, html.unescape(a["href"])))
            if target.netloc == "site.test" and target.path.startswith("/data/"):
                assert (site / target.path.lstrip("/")).is_file(), f"{page}: {a['href']}"
                linked.add(target.path.lstrip("/"))
    assert linked == set(DOWNLOADS.values())
