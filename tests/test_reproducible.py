"""Reproducible builds: the same sources give the same bytes, wherever and whenever they are
built, so a published site can be rebuilt and checked file by file. On the rich fixture sheet;
the real sheet's own site is checked the same way by whoever changes the generator."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

from generator.build import build
from generator.project import Project
from tests.golden import copy_fixture
from tests.support import snapshot


def test_two_builds_in_two_folders_are_byte_identical(built_rich: Path, tmp_path: Path):
    built = built_rich
    other = copy_fixture("rich", tmp_path / "somewhere" / "else")
    # The same sources: `built_rich` is published at a test address its mkdocs.yml names.
    (other / "mkdocs.yml").write_bytes((built / "mkdocs.yml").read_bytes())
    build(Project.load(other))

    for folder in ("site", "build/docs"):
        first, second = snapshot(built / folder), snapshot(other / folder)
        assert sorted(first) == sorted(second), f"{folder}: different files"
        differing = sorted(name for name in first if first[name] != second[name])
        assert differing == [], f"{folder}: these files differ between the two builds"
    names = set(snapshot(built / "site"))
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"} <= names
    assert "assets/social.png" in names


def test_the_build_date_comes_from_the_content_not_the_clock(built_rich: Path):
    built = built_rich
    # Midnight UTC of the day the rich sheet gives as `updated: 2025-06-30`.
    epoch = int(dt.datetime(2025, 6, 30, tzinfo=dt.UTC).timestamp())
    day = "2025-06-30"
    sitemap = (built / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>") == sitemap.count(f"<lastmod>{day}</lastmod>") > 0
    with gzip.open(built / "site" / "sitemap.xml.gz") as packed:
        assert packed.read().decode("utf-8") == sitemap
    header_mtime = int.from_bytes((built / "site" / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert header_mtime == epoch


def test_two_builds_of_a_sheet_in_two_editions_are_byte_identical(
    built_editions: Path, tmp_path: Path
):
    """Each edition is a site of its own (`site/uk/`), built from its own folder and cache:
    every one of its files is as reproducible as the source edition's."""
    other = copy_fixture("editions", tmp_path / "somewhere" / "else")
    (other / "mkdocs.yml").write_bytes((built_editions / "mkdocs.yml").read_bytes())
    build(Project.load(other))

    first, second = snapshot(built_editions / "site"), snapshot(other / "site")
    assert sorted(first) == sorted(second), "different files"
    differing = sorted(name for name in first if first[name] != second[name])
    assert differing == [], "these files differ between the two builds"
    # Both editions are there, each with its search index, sitemap, social image and PNGs.
    for edition in ("", "uk/"):
        for name in (
            "index.html",
            "sitemap.xml",
            "figures/sitemap.xml",
            "search/search_index.json",
            "assets/social.png",
            "charts/crossings-by-bank.png",
            "data/datapackage.json",
        ):
            assert edition + name in first, edition + name
