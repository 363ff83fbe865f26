"""Only regular files kept in content/ are read: a link, a device, a pipe or a folder is refused
with one line naming it, and no error quotes more than a short prefix of what a file holds."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.scaffold import scaffold
from tests.support import ONE_FIGURE, STARTED, run, snapshot

SECRET = "API_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzSECRETEND"
REFUSED = "not a regular file; content/ reads only files kept in it (copy the file in instead)"


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("files") / "sheet"
    scaffold(root, today=STARTED)
    assert run(root, "build").exit_code == 0
    return root


@pytest.fixture
def root(built_once: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built_once, tmp_path / "sheet", symlinks=True))


def fails(root: Path, verb: str, *expected: str) -> str:
    """Run `verb`; assert exit 1, exactly these problem lines, and site/ as it was."""
    site = snapshot(root / "site")
    result = run(root, verb, *(["--today", "2024-08-01"] if verb == "check" else []))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.output.splitlines()[: len(expected)] == list(expected)
    assert snapshot(root / "site") == site
    return result.output


def outside_figures(root: Path) -> Path:
    """A valid figures file kept outside the sheet, as a link would find it."""
    target = root.parent / "elsewhere" / "figures.yml"
    target.parent.mkdir()
    target.write_text(ONE_FIGURE.replace("world-population", "linked-in"), encoding="utf-8")
    return target


def secret_file(root: Path) -> Path:
    target = root.parent / ".env"
    target.write_text(SECRET + "\n", encoding="utf-8")
    return target


def make_fifo(path: Path) -> None:
    if not hasattr(os, "mkfifo"):  # pragma: no cover - Windows
        pytest.skip("no named pipes here")
    os.mkfifo(path)


CASES: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "link-to-a-sheet-file-outside": (
        lambda root, path: path.symlink_to(outside_figures(root)),
        "a symbolic link",
    ),
    "link-to-a-secret": (lambda root, path: path.symlink_to(secret_file(root)), "a symbolic link"),
    "link-to-the-password-file": (
        lambda root, path: path.symlink_to("/etc/passwd"),
        "a symbolic link",
    ),
    "link-to-the-zero-device": (lambda root, path: path.symlink_to("/dev/zero"), "a symbolic link"),
    "link-loop": (lambda root, path: path.symlink_to(path.name), "a symbolic link"),
    "named-pipe": (lambda root, path: make_fifo(path), "a named pipe"),
    "folder": (lambda root, path: path.mkdir(), "a folder"),
}


@pytest.mark.parametrize("verb", ["check", "build"])
@pytest.mark.parametrize("case", list(CASES))
def test_only_regular_files_are_read(root: Path, case: str, verb: str) -> None:
    make, kind = CASES[case]
    make(root, root / "content" / "extra.yml")
    output = fails(root, verb, f"content/extra.yml:1:1: the file is {kind}, {REFUSED}")
    assert "SECRETEND" not in output and "root:x:0" not in output


def test_a_linked_content_folder_is_refused(root: Path) -> None:
    moved = root.parent / "real-content"
    (root / "content").rename(moved)
    (root / "content").symlink_to(moved)
    fails(root, "build", "content:1:1: content/ is a symbolic link; keep the files in it")


def test_a_file_over_ten_megabytes_is_refused_unread(root: Path) -> None:
    with (root / "content" / "huge.yml").open("wb") as out:
        out.truncate(10 * 1024 * 1024 + 1)  # sparse: costs no disk
    fails(
        root,
        "check",
        "content/huge.yml:1:1: the file is larger than 10 MB; "
        "split it, or check that it is the file you meant",
    )


def test_a_file_of_ten_megabytes_is_read(root: Path) -> None:
    padding = b"#" * 1023 + b"\n"
    text = ONE_FIGURE.encode()
    path = root / "content" / "figures.yml"
    path.write_bytes(text + padding * ((10 * 1024 * 1024 - len(text)) // 1024))
    assert path.stat().st_size <= 10 * 1024 * 1024
    assert run(root, "check", "--today", "2024-08-01").exit_code == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            SECRET + "\n",
            "content/extra.yml:1:1: expected a mapping (key: value) at the top of the file, "
            "got the value 'API_TOKEN=ghp_0123456789abcdefghijklmnop'… (59 characters)",
        ),
        (
            f"figures:\n  - {SECRET}: 1\n",
            "content/extra.yml:2:5: figures[0].API_TOKEN=ghp_0123456789abcdefghijklmnop…: "
            "unknown field 'API_TOKEN=ghp_0123456789abcdefghijklmnop'… (59 characters); "
            "expected one of:",
        ),
        (
            f"events:\n  - date: {SECRET}\n",
            "content/extra.yml:2:11: events[0].date: expected a date as YYYY, YYYY-MM or "
            "YYYY-MM-DD, got 'API_TOKEN=ghp_0123456789abcdefghijklmnop'… (59 characters)",
        ),
        (
            f"{SECRET}: 1\n{SECRET}: 2\n",
            "content/extra.yml:2:1: API_TOKEN=ghp_0123456789abcdefghijklmnop…: duplicate key "
            "'API_TOKEN=ghp_0123456789abcdefghijklmnop'… (59 characters) (first on line 1)",
        ),
        (
            f"a: !!{SECRET} x\n",
            "content/extra.yml:1:4: a: the tag '!!API_TOKEN=ghp_0123456789abcdefghijklmn'… "
            "(61 characters) is not supported; remove it",
        ),
    ],
    ids=["top-level-text", "unknown-key", "bad-date", "duplicate-key", "tag"],
)
def test_errors_quote_only_a_short_prefix(root: Path, text: str, expected: str) -> None:
    (root / "content" / "extra.yml").write_text(text, encoding="utf-8")
    result = run(root, "check", "--today", "2024-08-01")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert any(line.startswith(expected) for line in result.output.splitlines()), result.output
    assert "SECRETEND" not in result.output


@pytest.mark.parametrize("escape", ["\\x01", "\\0", "\\u0007"])
def test_a_control_character_in_a_charted_label_is_refused_by_check_and_build(
    rich: Path, escape: str
) -> None:
    figures = rich / "content" / "figures.yml"
    old = "label: crossings from the north bank\n"
    text = figures.read_text(encoding="utf-8")
    assert text.startswith("figures:\n  - id: north-crossings\n    " + old)  # charted
    figures.write_text(text.replace(old, f'label: "crossings{escape} north"\n', 1), "utf-8")
    code = {"\\x01": "0001", "\\0": "0000", "\\u0007": "0007"}[escape]
    line = (
        f"content/figures.yml:3:12: figures[0].label: the control character U+{code} "
        "is not allowed in text; delete it"
    )
    for verb in ("check", "build"):
        result = run(rich, verb, *(["--today", "2025-07-01"] if verb == "check" else []))
        assert result.exit_code == 1, result.output
        assert result.output.splitlines()[0] == line
    # Nothing left behind but the build's own cache (its lock lives there).
    left = sorted(p.name for p in rich.iterdir())
    assert left == [".cache", "content", "mkdocs.yml", "site_src"]
