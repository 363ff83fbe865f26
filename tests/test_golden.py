"""The generator's output for each fixture sheet is exactly its committed golden files.

A failure prints a unified diff; when the change is meant, `make golden` (see tests/golden.py)
rewrites them, and the diff is reviewed with the code that caused it."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.golden import copy_fixture, expected, fixture_sheets, render


def diff(path: str, want: str, got: str) -> str:
    lines = difflib.unified_diff(
        want.splitlines(keepends=True),
        got.splitlines(keepends=True),
        fromfile=f"expected/{path}",
        tofile=f"generated/{path}",
    )
    return "".join(lines)


def test_there_is_a_minimal_and_a_rich_fixture_sheet():
    assert {"minimal", "rich"} <= set(fixture_sheets())


@pytest.mark.parametrize("name", fixture_sheets())
def test_the_rendered_markdown_and_data_are_the_golden_files(name: str, tmp_path: Path):
    want = expected(name)
    assert want, f"tests/fixtures/{name}/expected/ is empty: run `make golden`"
    got = render(copy_fixture(name, tmp_path / name))
    assert sorted(got) == sorted(want), "files added or missing: run `make golden` and review"
    diffs = [diff(path, want[path], got[path]) for path in want if want[path] != got[path]]
    if diffs:
        pytest.fail(
            "output differs from the golden files (`make golden` if meant):\n" + "\n".join(diffs),
            pytrace=False,
        )
