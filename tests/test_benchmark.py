"""The benchmark's synthetic content: the real sheet grown to N copies still builds, with every
copy's records on pages of their own. (Speed itself is measured by benchmarks/run.py.)"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from generator.build import build
from generator.project import Project
from tests.support import REPO


def _synthetic():
    spec = importlib.util.spec_from_file_location(
        "benchmark_synthetic", REPO / "benchmarks" / "synthetic.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


synthetic = _synthetic()


def test_grown_sheet_has_twice_the_records_and_pages_and_builds(sheet: Path):
    real = synthetic.count(sheet)
    assert real["figures"] and real["statements"] and real["pages"]
    figure = synthetic.real_records(sheet / "content")["figures"][0]

    grown = synthetic.grow(sheet, 2)

    assert grown == {kind: 2 * n for kind, n in real.items()}
    report = build(Project.load(sheet))
    assert report.pages == 2 * real["pages"]
    copy_page = sheet / "site" / f"bench-x001-{figure['topic']}" / "index.html"
    assert f'id="{figure["id"]}-x001"' in copy_page.read_text(encoding="utf-8")


def test_copies_rename_ids_references_and_texts_and_keep_the_home_page_as_it_was():
    records = {
        "sources": [{"id": "src", "via": ["outlet"]}],
        "figures": [
            {
                "id": "f",
                "label": "Deaths",
                "topic": "t",
                "source": "src",
                "via": None,
                "headline": True,
            }
        ],
        "derived": [{"id": "d", "topic": "t", "inputs": ["f"]}],
        "statements": [{"id": "s", "topic": "t", "source": "src"}],
        "events": [{"id": "e", "source": "src"}],
        "notes": [{"id": "n", "about": ["f", "s"], "article": "src", "source": "src"}],
    }

    copy = synthetic.copy_records(records, 7)

    assert copy["sources"] == [{"id": "src-x007", "via": ["outlet-x007"]}]
    assert copy["figures"] == [
        {
            "id": "f-x007",
            "label": "Deaths (copy 7)",
            "topic": "t-x007",
            "source": "src-x007",
            "via": None,
            "headline": False,
        }
    ]
    assert copy["derived"][0]["inputs"] == ["f-x007"]
    assert copy["notes"][0]["about"] == ["f-x007", "s-x007"]
    assert records["figures"][0]["id"] == "f", "the real records are left as they were"
