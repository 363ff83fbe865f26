"""The benchmark's peer against factsheet on the war sheet, the content both are written for
(the benchmark's parts are tested on their own in tests/test_benchmark.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import build
from generator.project import Project
from tests.test_benchmark import bench, copy_peer, peer_pages, peer_records, synthetic


def test_the_peer_shows_the_same_records_on_each_page_as_factsheet(built: Path, tmp_path: Path):
    root = tmp_path / "sheet"
    shutil.copytree(built / "content", root / "content")
    peer = copy_peer(root)
    ids = bench.record_ids(root / "content")

    ours = bench.page_records(built / "site", ids)
    theirs = peer_records(peer_pages(peer), ids)

    assert bench.same_pages(ours, theirs) == []
    assert theirs["casualties.md"] >= {"casualties-by-side", "ru-casualties", "ru-ua-deaths-ratio"}
    assert "note-over-one-million-soldiers" in theirs["casualties.md"]
    assert theirs["sources.md"] >= {"csis-grinding-war", "unilad-csis-2026-01-29"}


def test_the_peer_computes_derived_figures_and_words_them(built: Path, tmp_path: Path):
    root = tmp_path / "sheet"
    shutil.copytree(built / "content", root / "content")
    pages = peer_pages(copy_peer(root))

    # 275,000–325,000 Russian and 100,000–140,000 Ukrainian deaths (CSIS): a ratio of
    # 275/140 = 1.96 to 325/100 = 3.25, shown with one decimal.
    assert "Russian deaths for each Ukrainian death: **2.0–3.2 times**" in pages["casualties.md"]
    assert (
        "CSIS estimates **about 1.2 million** Russian military casualties"
        in (pages["casualties.md"])
    )


def test_grown_sheet_and_grown_peer_show_the_copies_records_on_pages_of_their_own(sheet: Path):
    real = synthetic.count(sheet)
    assert real["figures"] and real["statements"] and real["pages"]
    figure = synthetic.real_records(sheet / "content")["figures"][0]
    peer = copy_peer(sheet)

    added = synthetic.grow_peer(peer, sheet, 2)
    grown = synthetic.grow(sheet, 2)

    assert grown == {kind: 2 * n for kind, n in real.items()}
    assert added == real["pages"]
    report = build(Project.load(sheet))
    assert report.pages == 2 * real["pages"]
    copy_page = sheet / "site" / f"bench-x001-{figure['topic']}" / "index.html"
    assert f'id="{figure["id"]}-x001"' in copy_page.read_text(encoding="utf-8")
    ids = bench.record_ids(sheet / "content")
    theirs = peer_records(peer_pages(peer), ids)
    assert bench.same_pages(bench.page_records(sheet / "site", ids), theirs) == []
    assert f"{figure['id']}-x001" in theirs[f"{figure['topic']}-x001.md"]
