"""What a reader of the war sheet downloads on a first visit to each page, gzipped: every file
Chromium loads for it (benchmarks/weight.py, run in a process of its own, as the browser tests
hold this process's Playwright).

The budget is 100 KB a page, at a phone's width and a desktop's, the page read to its end.
What every page of this theme loads before any of its own bytes (Material's JavaScript with its
search worker, its stylesheets and ours) is about 75 KB, which leaves about 25 KB for a page's
HTML and its chart drawings, one per chart (README, "Performance"). The search index (15 KB
gzipped in English, 24 KB in Ukrainian) loads only once a reader goes to search.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from tests.support import REPO


def load_weight() -> ModuleType:
    spec = importlib.util.spec_from_file_location("weight", REPO / "benchmarks" / "weight.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["weight"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


BUDGET = 100_000


def test_every_page_of_the_war_sheet_loads_within_its_budget_gzipped(built: Path):
    site = built / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    embeds = [page for page in pages if "embed/" in page]
    measured = json.loads(
        subprocess.run(
            [sys.executable, str(REPO / "benchmarks" / "weight.py"), str(site)]
            + [page for page in pages if page not in embeds],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        ).stdout
    )

    assert measured["index.html"]["method"] == "chromium"
    assert len(measured) == 14 and len(embeds) == 12  # 7 pages and 6 embeds, in en and uk
    weights = {page: m["gzip_bytes"] for page, m in measured.items()}
    over = {page: w for page, w in weights.items() if w > BUDGET}
    assert over == {}
    # The search index is fetched when the reader goes to search, never on a first visit.
    assert all(m["search_gzip_bytes"] > 10_000 for m in measured.values())
    assert not any("search_index" in f["path"] for m in measured.values() for f in m["files"])
    assert all(m["offsite_requests"] == [] for m in measured.values())
    # The embeds (about 4-6 KB: no theme, one chart) counted from their HTML, every drawing
    # their <picture> names included: more than a browser loads, and still far within budget.
    weight = load_weight()
    for embed in embeds:
        assert weight.measure_pages(site, [embed], method="static")[embed]["gzip_bytes"] < 20_000
