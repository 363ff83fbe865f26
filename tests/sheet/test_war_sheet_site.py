"""The war sheet's own site: its logged corrections, its data package and its search dialog
(the generator's behaviour behind each is tested on fixtures beside the modules imported here)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browser.site_server import serve
from tests.support import edition_folders
from tests.test_changes import ATOM
from tests.test_datapackage import errors, package, validate
from tests.test_publishing import (
    assert_every_link_answers_200,
    assert_no_web_fonts_analytics_or_cdn,
    assert_the_404_page_works,
    requests_elsewhere,
)
from tests.test_theme_overrides import NAMED_DIALOG


@pytest.fixture(scope="module")
def served(built: Path) -> Iterator[str]:
    """The war sheet's site as GitHub Pages serves it, under a sub-path."""
    with serve(built / "site") as base:
        yield base


def test_the_war_sheets_links_and_assets_answer_200_under_a_sub_path(served: str, built: Path):
    assert_every_link_answers_200(served, built)


def test_the_war_sheets_404_page_works_from_a_deep_address(served: str, built: Path):
    assert_the_404_page_works(served, built, "casualties/no/such/thing.html")


def test_the_war_sheet_loads_nothing_from_another_host(built: Path):
    assert requests_elsewhere(built / "site") == []
    assert_no_web_fonts_analytics_or_cdn(built / "site")


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
        ("Corrected 26\u00a0November\u00a02026", "../changes/#mi6-handover-date")
    ]


def test_the_real_sheet_package_validates_with_every_chart(built):
    report = validate(built)
    assert report.valid, errors(report)
    paths = [r["path"] for r in package(built)["resources"]]
    charts = sorted(f"charts/{p.name}" for p in (built / "site/charts").glob("*.csv"))
    assert sorted(p for p in paths if p.startswith("charts/")) == charts
    assert len(charts) >= 4
    data = built / "site/data"
    written = {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()}
    assert written == {*paths, "datapackage.json"}
    for path in charts:
        assert (built / "site/data" / path).read_bytes() == (built / "site" / path).read_bytes()


def test_the_about_page_links_the_package_for_reusers(built):
    about = (built / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../data/datapackage.json">Frictionless Data Package</a>' in about


def test_every_page_of_the_real_sheet_names_its_search_dialog(built: Path):
    """Every page of the real sheet, which has no theme overrides of its own."""
    site = built / "site"
    # Not the charts' embed pages: the theme plays no part in them (see test_embed.py); only
    # the source edition's pages, whose dialog is named in English (the uk edition's "Пошук").
    skipped = {"embed", *edition_folders(site)}
    pages = sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in skipped)
    assert len(pages) >= 7
    assert [p.name for p in pages if NAMED_DIALOG not in p.read_text("utf-8")] == []
