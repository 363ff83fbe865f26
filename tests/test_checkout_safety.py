"""Nothing in mkdocs.yml and no second build breaks the checkout: a build replaces only folders
factsheet made, reads mkdocs.yml without running code, runs one at a time, never leaves a
moment without `site/`, and cleans up after a build that was killed."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import engine
from generator.build import swap
from tests.support import REPO, run, snapshot

MARKER_START = "This folder was made by `factsheet build`"


def set_config(root: Path, key: str, value: str) -> None:
    """Set `key` in the sheet's mkdocs.yml, replacing its line or adding one."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = f"{key}: {value}"
    if re.search(rf"^{key}:", text, flags=re.M):
        text = re.sub(rf"^{key}:.*$", lambda _: line, text, count=1, flags=re.M)
    else:
        text += f"\n{line}\n"
    config.write_text(text, encoding="utf-8")


def line_of(root: Path, key: str) -> int:
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.startswith(f"{key}:"))


# --- 3. Output folders: replace only what factsheet made -------------------------------------


@pytest.mark.parametrize(
    ("key", "folder", "files"),
    [
        ("site_dir", ".git", {"HEAD": "ref: refs/heads/main\n", "objects/ab/cdef": "blob"}),
        ("site_dir", "generator", {"__init__.py": "", "cli.py": "print('hi')\n"}),
        ("site_dir", "schemas", {"content.schema.json": "{}\n"}),
        ("docs_dir", "tests", {"test_x.py": "def test(): pass\n"}),
        ("docs_dir", "docs", {"my-notes.md": "# My notes\n\nHand-written.\n"}),
    ],
)
def test_a_folder_factsheet_did_not_make_is_refused_and_left_alone(
    starter: Path, key: str, folder: str, files: dict[str, str]
):
    for name, text in files.items():
        (starter / folder / name).parent.mkdir(parents=True, exist_ok=True)
        (starter / folder / name).write_text(text, encoding="utf-8")
    set_config(starter, key, folder)

    result = run(starter, "build")

    assert result.exit_code == 2, result.output
    assert f"{key} '{folder}' holds files factsheet did not make" in result.output
    assert f"rm -r '{folder}'" in result.output
    assert "Built" not in result.output
    assert snapshot(starter / folder) == {n: t.encode() for n, t in files.items()}
    assert not (starter / "site").exists() and not (starter / "build").exists()


def test_a_file_named_as_the_site_folder_is_refused_and_kept(starter: Path):
    (starter / "README.md").write_text("# Read me\n", encoding="utf-8")
    set_config(starter, "site_dir", "README.md")

    result = run(starter, "build")

    assert result.exit_code == 2, result.output
    assert "site_dir 'README.md' is a file, not a folder" in result.output
    assert (starter / "README.md").read_text(encoding="utf-8") == "# Read me\n"


def test_missing_empty_and_marked_folders_are_built_and_marked(starter: Path):
    (starter / "site").mkdir()  # empty: nothing to lose
    first = run(starter, "build")
    assert first.exit_code == 0, first.output
    for folder in ("site", "build/docs"):
        marker = (starter / folder / ".factsheet-output").read_text(encoding="utf-8")
        assert marker.startswith(MARKER_START), folder
    # The marker is a dotfile: MkDocs skips it in the docs, so it makes no page and no entry
    # in the search index; the site's own marker is the only dotfile in the site.
    site = snapshot(starter / "site")
    assert [name for name in site if "/." in f"/{name}"] == [".factsheet-output"]
    assert b"factsheet-output" not in site["search/search_index.json"]

    (starter / "site" / "stray.html").write_text("left by hand", encoding="utf-8")
    second = run(starter, "build")
    assert second.exit_code == 0, second.output
    assert not (starter / "site" / "stray.html").exists()  # a marked folder is replaced whole
    assert (starter / "site" / "index.html").is_file()


def test_an_earlier_build_without_a_marker_is_replaced_on_upgrade(starter: Path):
    """A checkout built by a version before markers is not stuck: a folder holding only files
    the new build makes is recognised as an earlier build and replaced."""
    assert run(starter, "build").exit_code == 0
    for folder in ("site", "build/docs"):
        (starter / folder / ".factsheet-output").unlink()

    result = run(starter, "build")

    assert result.exit_code == 0, result.output
    assert (starter / "site" / ".factsheet-output").is_file()
    assert (starter / "build" / "docs" / ".factsheet-output").is_file()


def test_an_earlier_build_holding_a_file_of_its_own_is_refused_and_kept(starter: Path):
    assert run(starter, "build").exit_code == 0
    (starter / "site" / ".factsheet-output").unlink()
    (starter / "site" / "my-notes.txt").write_text("mine", encoding="utf-8")
    before = snapshot(starter / "site")

    result = run(starter, "build")

    assert result.exit_code == 2, result.output
    assert "site_dir 'site' looks like an earlier build" in result.output
    assert "does not make: my-notes.txt" in result.output
    assert snapshot(starter / "site") == before


# --- 5. mkdocs.yml is read safely, and its text never becomes HTML ----------------------------


def test_a_python_tag_in_mkdocs_yml_is_refused_and_never_runs(starter: Path, tmp_path: Path):
    proof = tmp_path / "ran"
    set_config(starter, "site_name", f'!!python/object/apply:os.system ["touch {proof}"]')

    result = run(starter, "build")

    assert result.exit_code == 2, result.output
    line = line_of(starter, "site_name")
    assert f"error: mkdocs.yml:{line}:12: the tag !!python/object/apply:os.system is not" in (
        result.output
    )
    assert not proof.exists()
    assert not (starter / "site").exists()


def test_a_python_tag_in_an_inherited_config_is_refused_too(starter: Path, tmp_path: Path):
    proof = tmp_path / "ran"
    (starter / "base.yml").write_text(
        f'extra:\n  x: !!python/object/apply:os.system ["touch {proof}"]\n', encoding="utf-8"
    )
    set_config(starter, "INHERIT", "base.yml")

    result = run(starter, "build")

    assert result.exit_code == 2, result.output
    assert "error: base.yml:2:6: the tag !!python/object/apply:os.system" in result.output
    assert not proof.exists()


def test_mkdocs_builds_from_the_derived_settings_never_reading_the_file_back(tmp_path: Path):
    """MkDocs takes the derived settings as data (engine_folder.write returns them), so a
    config file changed after it was written (a tag that runs Python, say) is never loaded."""
    proof = tmp_path / "ran"
    folder = tmp_path / "folder"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Hi\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        f'site_name: !!python/object/apply:os.system ["touch {proof}"]\n', encoding="utf-8"
    )
    settings = {"site_name": "From the settings", "docs_dir": "docs", "site_dir": "site"}

    engine.build_site(folder, settings, 0)

    assert not proof.exists()
    assert "<title>From the settings</title>" in (folder / "site" / "index.html").read_text(
        encoding="utf-8"
    )


def test_mkdocs_own_env_tag_still_works(starter: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FACTSHEET_TEST_NAME", "Named from the environment")
    set_config(starter, "site_name", "!ENV [FACTSHEET_TEST_NAME, 'A default']")

    result = run(starter, "build")

    assert result.exit_code == 0, result.output
    html = (starter / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Home – Named from the environment</title>" in html


@pytest.mark.parametrize("key", ["site_name", "site_description"])
@pytest.mark.parametrize(
    "text", ['Facts" onmouseover="alert(1)', "<img src=x onerror=alert(1)>", "Facts & figures"]
)
def test_html_characters_in_the_site_name_or_description_are_refused(
    starter: Path, key: str, text: str
):
    set_config(starter, key, "'" + text.replace("'", "''") + "'")

    result = run(starter, "build")

    assert result.exit_code == 2, result.output
    line = line_of(starter, key)
    assert f'error: mkdocs.yml:{line}:{len(key) + 3}: {key}: the characters < > " & are not' in (
        result.output
    )
    assert not (starter / "site").exists()


# --- 6. One build at a time, never a moment without site/, cleanup after a kill --------------


def start_build(root: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--root", str(root)],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_four_builds_at_once_all_succeed_and_site_never_disappears(starter: Path):
    assert run(starter, "build").exit_code == 0
    index = starter / "site" / "index.html"
    stop = threading.Event()
    looks: list[bool] = []

    def watch() -> None:
        while not stop.is_set():
            looks.append(index.is_file())

    watcher = threading.Thread(target=watch)
    watcher.start()
    # Each with its own SOURCE_DATE_EPOCH, an input of the build: none finds the site of the
    # one before it up to date (and keeps it), so all four build and replace it.
    builds = [start_build(starter, SOURCE_DATE_EPOCH=str(1767225600 + n)) for n in range(4)]
    try:
        outputs = [b.communicate(timeout=600) for b in builds]
    finally:
        stop.set()
        watcher.join(timeout=10)
        for b in builds:
            b.kill()

    assert [b.returncode for b in builds] == [0, 0, 0, 0], outputs
    assert all("Built 2 pages into site/" in out for out, _ in outputs)
    assert len(looks) > 100 and all(looks), f"site/index.html missing {looks.count(False)} times"
    assert not list(starter.glob(".factsheet-build-*")) and not list(starter.glob(".site.old-*"))


def test_a_second_build_waits_for_the_lock_then_gives_up_with_exit_2(
    starter: Path, monkeypatch: pytest.MonkeyPatch
):
    assert run(starter, "build").exit_code == 0
    before = snapshot(starter / "site")
    lock = starter / ".cache" / "factsheet" / "build.lock"
    monkeypatch.setenv("FACTSHEET_LOCK_TIMEOUT", "0.2")
    with open(lock, "w") as held:  # as another build holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        result = run(starter, "build")

    assert result.exit_code == 2, result.output
    assert "Waiting for another build of this sheet" in result.stderr
    assert "another build of this sheet" in result.stderr
    assert "still holds .cache/factsheet/build.lock after 0.2 s" in result.stderr
    assert snapshot(starter / "site") == before


def test_a_build_killed_mid_way_is_cleaned_up_by_the_next(starter: Path):
    assert run(starter, "build").exit_code == 0
    before = snapshot(starter / "site")
    # Another SOURCE_DATE_EPOCH, an input of the build, so that it builds rather than keeps.
    build = start_build(starter, SOURCE_DATE_EPOCH="1767225600")
    try:
        deadline = time.monotonic() + 120
        while not list(starter.glob(".factsheet-build-*")) and build.poll() is None:
            assert time.monotonic() < deadline, "the build never made its staging folder"
            time.sleep(0.005)
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=30)
    finally:
        build.kill()
        build.communicate(timeout=30)
    assert build.returncode == -signal.SIGKILL
    assert list(starter.glob(".factsheet-build-*")), "the killed build left nothing to clean"
    assert snapshot(starter / "site") == before  # the killed build never touched site/

    result = run(starter, "build")

    assert result.exit_code == 0, result.output
    assert not list(starter.glob(".factsheet-build-*"))


def test_leftovers_of_killed_builds_are_removed_and_others_kept(starter: Path):
    """What a build killed mid-swap leaves, made by hand: its staging folder and the old site
    moved aside. A user's own similarly named folder stays."""
    assert run(starter, "build").exit_code == 0
    leftovers = [
        starter / ".factsheet-build-4242-x1y2z3" / "site" / "index.html",
        starter / ".factsheet-build-k9j8h7" / "docs" / "index.md",  # an older version's name
        starter / ".site.old-4242" / "index.html",
        starter / "build" / ".docs.old-4242" / "index.md",
    ]
    kept = starter / ".site.old-backup" / "notes.txt"
    for path in [*leftovers, kept]:
        path.parent.mkdir(parents=True)
        path.write_text("x", encoding="utf-8")

    result = run(starter, "build")

    assert result.exit_code == 0, result.output
    assert [p.parent for p in leftovers if p.parent.exists()] == []
    assert kept.read_text(encoding="utf-8") == "x"


def test_the_swap_leaves_no_moment_without_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Checked after every rename the swap makes: a two-rename swap moves the old folder
    away first, and `site/` is missing until the second rename."""
    target, new = tmp_path / "site", tmp_path / "new"
    for folder, text in ((target, "old"), (new, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    seen: list[bool] = []
    plain_replace = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        plain_replace(src, dst)
        seen.append((target / "index.html").is_file())

    monkeypatch.setattr(os, "replace", replace)

    swap(new, target)

    assert False not in seen
    assert snapshot(target) == {"index.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_without_an_atomic_exchange_the_swap_falls_back_to_two_renames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Off Linux (or on a file system that cannot exchange) the swap still works."""
    monkeypatch.setattr("generator.outputs._renameat2", lambda: None)
    target, new = tmp_path / "site", tmp_path / "new"
    for folder, text in ((target, "old"), (new, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")

    swap(new, target)

    assert snapshot(target) == {"index.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftover_names_are_ignored_by_git():
    names = [".factsheet-build-4242-x1y2z3/site/index.html", ".site.old-4242/index.html"]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", *names],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.stdout.split() == names, result.stderr
