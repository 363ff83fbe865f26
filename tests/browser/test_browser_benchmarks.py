"""What a reader downloads on a first visit, and the benchmark scripts that need a browser.

Every page of the rich fixture (every kind of record and chart) stays within the weight
budget, counted as Chromium loads it (benchmarks/weight.py); the war sheet's pages are
measured in tests/sheet/test_war_sheet_weight.py. The live preview's timer
(benchmarks/reload.py) gets a one-save run, so it cannot break unnoticed again.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.support import REPO
from tests.test_benchmark import EXTRA_FIGURE

pytestmark = pytest.mark.browser


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


sys.path.insert(0, str(REPO / "benchmarks"))
weight = _load("weight")
reload = _load("reload")


def test_every_page_of_the_rich_fixture_loads_at_most_100_kb_gzipped(browser, built_rich: Path):
    site = built_rich / "site"
    # Not the embeds (about 4 KB each, no theme): the war sheet's test measures those too.
    paths = [page for page in weight.pages_of(site) if not page.startswith("embed/")]
    pages = weight.measure_pages(site, paths, browser)

    assert sorted(pages) == [
        "figures/index.html",
        "index.html",
        "sources/index.html",
        "timeline/index.html",
    ]
    over = {page: m["gzip_bytes"] for page, m in pages.items() if m["gzip_bytes"] > 100_000}
    assert over == {}
    assert all(m["offsite_requests"] == [] for m in pages.values())
    figures = {f["path"] for f in pages["figures/index.html"]["files"]}
    # What Material loads on any page, and the page's own chart drawings: one per chart, the
    # light scheme's, of the width shown (the heavier visit's: 375 or 1280 px); the search
    # index only once the reader goes to search.
    assert {"figures/index.html", "assets/factsheet.css", "assets/images/favicon.svg"} <= figures
    drawings = sorted(path.removeprefix("charts/") for path in figures if "charts/" in path)
    charts = ["bridge-spans", "crossings-2019", "crossings-by-bank", "crossings-by-year"]
    charts.append("crossings-over-time")
    assert [d.rsplit("-light-", 1)[0] for d in drawings] == charts, drawings
    assert "search/search_index.json" not in figures
    assert all(m["search_gzip_bytes"] > 1_000 for m in pages.values())


def test_the_live_preview_timer_times_a_save_of_each_kind(browser, rich: Path):
    with (rich / "content" / "figures.yml").open("a", encoding="utf-8") as figures:
        figures.write(EXTRA_FIGURE)

    timed = reload.measure(rich, runs=1, browser=browser, say=lambda line: None)

    assert timed["uncharted"]["figure"] == "ferry-crossings"
    assert timed["charted"]["figure"] == "north-crossings"
    for case in ("uncharted", "charted", "server_rebuild"):
        assert 0 < timed[case]["median_s"] < 60
    assert "value: 1200000" in (rich / "content" / "figures.yml").read_text(encoding="utf-8")
