"""A sheet written for an earlier version of the format keeps building: every renamed or
removed name is accepted for one minor version, with a warning naming its replacement
(generator/deprecated.py, CHANGELOG.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden import copy_fixture
from tests.support import replace_in, run

ARTICLE_SAID = (
    "content/records.yml:20:5: warning: notes[0].article_said: 'article_said' is deprecated "
    "and will be refused from version 0.3.0: rename it to 'claim'"
)
ARTICLE = (
    "content/records.yml:21:5: warning: notes[0].article: 'article' is deprecated and will be "
    "refused from version 0.3.0: rename it to 'claim_source'"
)
IS_NOT_DERIVED = (
    "site_src/pages/index.md.j2:17:39: warning: the test 'is derived' is deprecated and will "
    "be removed in version 0.3.0: write q.computed instead"
)
IS_DERIVED = (
    "site_src/pages/index.md.j2:23:39: warning: the test 'is derived' is deprecated and will "
    "be removed in version 0.3.0: write q.computed instead"
)


@pytest.fixture
def first(tmp_path: Path) -> Path:
    return copy_fixture("german-0.1", tmp_path / "german-0.1")


def test_the_german_sheet_of_the_first_format_builds_with_warnings_only(first: Path):
    result = run(first, "build")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for warning in (ARTICLE_SAID, ARTICLE, IS_NOT_DERIVED, IS_DERIVED):
        assert warning in lines, result.output
    page = (first / "site" / "index.html").read_text("utf-8")
    # The renamed fields' values are published as before, under their new names.
    assert "Die Fälle haben sich mehr als verdoppelt." in page
    # `is derived` still tells the computed figure from the given ones.
    numbers, computed = page.split('id="berechnet"')
    assert 'id="faelle-verhaeltnis"' in computed and 'id="faelle-2025"' in numbers
    assert 'id="faelle-verhaeltnis"' not in numbers and 'id="faelle-2025"' not in computed


def test_check_lists_the_same_warnings_and_strict_fails_on_them(first: Path):
    result = run(first, "check", "--today", "2025-10-20")
    assert result.exit_code == 0, result.output
    assert ARTICLE_SAID in result.output and IS_DERIVED in result.output
    assert run(first, "check", "--strict", "--today", "2025-10-20").exit_code == 1


def test_the_new_names_build_without_a_warning(first: Path):
    records = first / "content/records.yml"
    replace_in(records, "    article_said:", "    claim:")
    replace_in(records, "    article:", "    claim_source:")
    page = first / "site_src/pages/index.md.j2"
    replace_in(page, "if q is not derived", "if not q.computed")
    replace_in(page, "if q is derived", "if q.computed")

    result = run(first, "build")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_an_old_and_a_new_name_together_are_refused(first: Path):
    replace_in(
        first / "content/records.yml", "    article_said:", "    claim: Zweimal.\n    article_said:"
    )
    result = run(first, "check", "--today", "2025-10-20")
    assert result.exit_code == 1
    assert (
        "content/records.yml:21:5: notes[0].article_said: 'article_said' is now called 'claim'; "
        "rename the field"
    ) in result.output
