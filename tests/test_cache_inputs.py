"""Each kind of input a build is made from (cache/inputs.py), edited in turn: `build` and
the preview (`serve`) both rebuild what depends on it and nothing else.

What was made again is read off the cache: a new entry in yaml/ is a content file parsed
again, in charts/ a chart drawn again, in pages/ a page MkDocs converted again (one entry
for its HTML and one for its search entries).
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import build as builds
from generator.cache import code
from generator.project import Project
from generator.serve import Preview
from tests.support import replace_in

PAGES = 4
CHARTS = 6
CONTENT_FILES = 8
PREVIEW_URL = "http://127.0.0.1:8000/"


@dataclass
class Made:
    """What one build made anew, from the cache's entries."""

    kept: bool
    parsed: int
    charts: int
    pages: int


def entries(root: Path) -> dict[str, set[str]]:
    cache = root / ".cache/factsheet"
    return {
        kind: {p.name for p in (cache / kind).iterdir()} if (cache / kind).is_dir() else set()
        for kind in ("yaml", "charts", "pages")
    }


def build(root: Path) -> Made:
    before = entries(root)
    report = builds.build(Project.load(root))
    after = entries(root)
    new = {kind: len(after[kind] - before[kind]) for kind in after}
    assert report.charts_rendered == new["charts"] // 3  # two SVGs and a PNG per chart
    return Made(report.kept, new["yaml"], report.charts_rendered, new["pages"] // 2)


@pytest.fixture
def overridden(rich: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The rich fixture with a theme override folder outside site_src, and code and
    library keys this test can change (a copy of the generator, a fake installed library)."""
    replace_in(rich / "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: theme\n")
    (rich / "theme/partials").mkdir(parents=True)
    (rich / "theme/partials/copyright.html").write_text("<p>Override one</p>\n", "utf-8")
    package = tmp_path / "code" / "generator"
    shutil.copytree(code.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    libraries = tmp_path / "libraries"
    (libraries / "somelib-1.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(code, "PACKAGE", package)
    monkeypatch.setattr(sys, "path", [*sys.path, str(libraries)])
    code.code_key.cache_clear()
    code.part_key.cache_clear()
    yield rich
    code.code_key.cache_clear()
    code.part_key.cache_clear()


def upgrade(tmp_path: Path) -> None:
    (tmp_path / "libraries/somelib-1.0.dist-info").rename(
        tmp_path / "libraries/somelib-2.0.dist-info"
    )
    code.code_key.cache_clear()
    code.part_key.cache_clear()


def edit_code(name: str) -> None:
    path = code.PACKAGE / name
    path.write_text(path.read_text("utf-8") + "\nEDITED = True\n", "utf-8")
    code.code_key.cache_clear()
    code.part_key.cache_clear()


def page(root: Path, name: str = "") -> str:
    return (root / "site" / name / "index.html").read_text("utf-8")


def test_build_makes_again_what_each_input_decides_and_nothing_else(overridden: Path, tmp_path):
    assert build(overridden) == Made(False, CONTENT_FILES, CHARTS, PAGES)
    assert build(overridden) == Made(True, 0, 0, 0)

    # Content: the file parsed again, the three charts of south-crossings (by bank, over
    # time, by year) drawn again, the pages showing it converted.
    replace_in(overridden / "content/figures.yml", "low: 500000\n", "low: 510000\n")
    assert build(overridden) == Made(False, 1, 3, 2)
    # A page template: only its page.
    replace_in(overridden / "site_src/pages/sources.md.j2", "\n", "\n\nSee the timeline.\n")
    assert build(overridden) == Made(False, 0, 0, 1)
    assert "See the timeline." in page(overridden, "sources")
    # mkdocs.yml: every page goes through MkDocs again; content and charts are kept.
    replace_in(overridden / "mkdocs.yml", "site_name: Rich test sheet", "site_name: Renamed")
    assert build(overridden) == Made(False, 0, 0, PAGES)
    assert "<title>Home – Renamed</title>" in page(overridden)
    # A theme override: the same.
    (overridden / "theme/partials/copyright.html").write_text("<p>Override two</p>\n", "utf-8")
    assert build(overridden) == Made(False, 0, 0, PAGES)
    assert "Override two" in page(overridden) and "Override one" not in page(overridden)
    # A generator module the charts do not use: all but the charts.
    edit_code("serve.py")
    assert build(overridden) == Made(False, CONTENT_FILES, 0, PAGES)
    # One they use: the charts too.
    edit_code("numbers.py")
    assert build(overridden) == Made(False, CONTENT_FILES, CHARTS, PAGES)
    # A library the charts do not import: all but the charts.
    upgrade(tmp_path)
    assert build(overridden) == Made(False, CONTENT_FILES, 0, PAGES)
    assert build(overridden) == Made(True, 0, 0, 0)


def test_the_preview_rebuilds_on_each_input_build_does(overridden: Path, tmp_path: Path):
    """The preview decides with the key `build` uses: it served stale pages after an edit to
    mkdocs.yml or to a theme override (#21.12)."""
    preview = Preview(overridden, PREVIEW_URL, tmp_path / "preview", say=lambda line: None)
    said: list[str] = []
    preview.say = said.append

    def rebuild() -> str:
        said.clear()
        preview.rebuild()
        assert preview.problems == [], said
        return said[-1].split(" in ")[0]

    def served(name: str = "") -> str:
        return (preview.site / name / "index.html").read_text("utf-8")

    assert rebuild() == "Built"
    assert rebuild() == "Nothing changed"
    figures = overridden / "content/figures.yml"
    figures.write_text(figures.read_text("utf-8") + "# A comment.\n", "utf-8")
    assert rebuild() == "Checked; the pages did not change"
    replace_in(overridden / "content/figures.yml", "low: 500000\n", "low: 510000\n")
    assert rebuild() == "Rebuilt"
    replace_in(overridden / "site_src/pages/sources.md.j2", "\n", "\n\nSee the timeline.\n")
    assert rebuild() == "Rebuilt" and "See the timeline." in served("sources")
    replace_in(overridden / "mkdocs.yml", "site_name: Rich test sheet", "site_name: Renamed")
    assert rebuild() == "Rebuilt" and "<title>Home – Renamed</title>" in served()
    (overridden / "theme/partials/copyright.html").write_text("<p>Override two</p>\n", "utf-8")
    assert rebuild() == "Rebuilt" and "Override two" in served()
    edit_code("serve.py")
    assert rebuild() == "Rebuilt"
    upgrade(tmp_path)
    assert rebuild() == "Rebuilt"
    assert rebuild() == "Nothing changed"
    watched = preview.watched()
    assert overridden / "theme" in watched and overridden / "mkdocs.yml" in watched
