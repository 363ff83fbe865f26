"""Every exit code the CLI can give is documented, and each comes from one kind of outcome:
a verb raises, and one place (`cli.reports_errors`) turns that into lines and a code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import REPO, run


def _commands_section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_documents_every_exit_code() -> None:
    documented = re.findall(r"^\| (\d+) \| ", _commands_section(), re.M)
    assert documented == ["0", "1", "2", "3", "130"]


def test_a_bug_of_ours_is_exit_3_with_one_line(
    starter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import check

    def broken(root: Path) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(check, "load_and_validate", broken)
    result = run(starter, "check")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "internal error: KeyError: 'oops' (run with --debug for details)"
    ]


def test_a_failed_check_is_exit_1_and_says_nothing_more(starter: Path) -> None:
    (starter / "content" / "figures.yml").write_text("figures: 3\n", encoding="utf-8")
    result = run(starter, "check", "--debug")
    assert result.exit_code == 1
    assert result.stderr == ""  # no traceback for a verdict, even with --debug
    assert (
        result.stdout.splitlines()[-1] == "content/ fails: 1 error(s), 0 warning(s) in 4 file(s)."
    )


def test_an_out_of_date_schema_is_exit_1_with_its_verdict(starter: Path) -> None:
    (starter / "schemas" / "content.schema.json").write_text("{}\n", encoding="utf-8")
    result = run(starter, "schema", "--check")
    assert result.exit_code == 1
    assert result.stderr == "schemas/content.schema.json is out of date; run `factsheet schema`.\n"
