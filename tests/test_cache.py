"""The sheet's cache is never trusted (cache/store.py): an entry that is damaged in any way,
or is a folder, is made again and never published; the cache folder or the lock being
something else is built past; a link anywhere in the cache, or a FIFO, is refused with exit 2
and one line, and nothing is written through it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.cache import store
from tests.support import replace_in, run, snapshot

BUILT = "Built 4 pages into site/"


def build(root: Path) -> str:
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    return result.output


def entries(root: Path, folder: str) -> list[Path]:
    found = sorted(p for p in (root / ".cache/factsheet" / folder).rglob("*") if p.is_file())
    assert found, f"no entry in {folder}"
    return found


def test_an_entry_reads_back_only_as_written(tmp_path: Path):
    path = tmp_path / "a" / "entry.svg"
    assert store.write(path, b"<svg/>")
    assert store.read(path) == b"<svg/>"
    whole = path.read_bytes()
    for spoilt in (whole[:-1], whole[: len(whole) // 2], b"", whole.replace(b"<svg/>", b"<svG/>")):
        path.write_bytes(spoilt)
        assert store.read(path) is None
        assert not path.exists()  # removed, so that a good one takes its place
    path.mkdir()
    assert store.read(path) is None
    assert store.write(path, b"again") and store.read(path) == b"again"


def test_an_entry_behind_a_link_is_not_read(tmp_path: Path):
    real = tmp_path / "real"
    store.write(real, b"data")
    (tmp_path / "link").symlink_to(real)
    assert store.read(tmp_path / "link") is None
    assert store.read(real) == b"data"  # the link is removed, never what it points to


@pytest.mark.parametrize("folder", ["charts", "social"])
@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"<svg>garbage</svg>", id="garbage"),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_drawing_is_drawn_again_never_published(rich_drawn: Path, folder: str, spoil):
    """Truncated SVGs in .cache/factsheet/charts/ were copied into site/ (issue #21.11)."""
    build(rich_drawn)
    before = snapshot(rich_drawn / "site")
    for path in entries(rich_drawn, folder):
        path.write_bytes(spoil(path.read_bytes()))
    (rich_drawn / "site/index.html").write_text("edited", encoding="utf-8")  # so the build runs

    assert build(rich_drawn).startswith(BUILT)
    assert snapshot(rich_drawn / "site") == before


def test_a_folder_in_place_of_an_entry_is_built_past(rich_drawn: Path):
    build(rich_drawn)
    before = snapshot(rich_drawn / "site")
    for kind in ("charts", "social", "yaml", "pages", "templates"):
        for path in entries(rich_drawn, kind):
            path.unlink()
            (path / "inside").mkdir(parents=True)
    (rich_drawn / ".cache/factsheet/last-build.json").unlink()
    (rich_drawn / ".cache/factsheet/last-build.json").mkdir()

    assert build(rich_drawn).startswith(BUILT)
    assert snapshot(rich_drawn / "site") == before
    assert "Kept" in build(rich_drawn)


def test_the_cache_folder_as_a_file_is_built_past(rich_drawn: Path):
    build(rich_drawn)
    before = snapshot(rich_drawn / "site")
    shutil.rmtree(rich_drawn / ".cache/factsheet")
    (rich_drawn / ".cache/factsheet").write_text("not a folder", encoding="utf-8")
    (rich_drawn / "site/index.html").write_text("edited", encoding="utf-8")

    assert build(rich_drawn).startswith(BUILT)
    assert snapshot(rich_drawn / "site") == before
    assert (rich_drawn / ".cache/factsheet").is_dir()


def test_the_lock_as_a_folder_is_built_past(rich: Path):
    (rich / ".cache/factsheet/build.lock/inside").mkdir(parents=True)
    assert build(rich).startswith(BUILT)
    assert (rich / ".cache/factsheet/build.lock").is_file()


def _refused(root: Path, shown: str) -> None:
    result = run(root, "build")
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and shown in lines[0], result.output
    assert "Traceback" not in result.output


def test_the_lock_as_a_link_is_refused_and_nothing_is_written_through_it(
    rich: Path, tmp_path: Path
):
    """With build.lock a link to any file, a build wrote its PID into that file (#21.1)."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (rich / ".cache/factsheet").mkdir(parents=True)
    (rich / ".cache/factsheet/build.lock").symlink_to(victim)

    _refused(rich, ".cache/factsheet/build.lock is a symbolic link")
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (rich / "site").exists()


@pytest.mark.parametrize(
    "where", [".cache", ".cache/factsheet", ".cache/factsheet/charts", ".cache/factsheet/x.svg"]
)
def test_a_link_anywhere_in_the_cache_is_refused(rich: Path, tmp_path: Path, where: str):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine\n", encoding="utf-8")
    link = rich / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(elsewhere)

    _refused(rich, f"{where} is a symbolic link")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert not (rich / "site").exists()


def test_a_fifo_in_the_cache_is_refused(rich: Path):
    (rich / ".cache/factsheet/yaml").mkdir(parents=True)
    os.mkfifo(rich / ".cache/factsheet/yaml/entry.marshal")

    _refused(rich, ".cache/factsheet/yaml/entry.marshal is neither a file nor a folder")


def test_entries_no_build_uses_are_pruned(rich_drawn: Path):
    """The chart and social-image caches grew with every edit (#25)."""
    build(rich_drawn)
    charts = set(entries(rich_drawn, "charts"))
    replace_in(rich_drawn / "content/figures.yml", "low: 500000\n", "low: 510000\n")
    build(rich_drawn)
    after = set(entries(rich_drawn, "charts"))
    assert len(after) == len(charts)  # the old drawings of the edited chart are gone
    assert 0 < len(charts - after) < len(charts)  # and only those
    assert len(entries(rich_drawn, "social")) == 1
