"""The committed result of `make mutation`: every mutant of the writer of numbers and dates that
no unit test kills is listed as equivalent, with the reason it cannot change any output, and
every listed one is a mutant of the code as it is. `make mutation` itself (minutes) is not part
of `make test`; this reads what its last run recorded in tests/mutation_summary.json."""

from __future__ import annotations

import json

import pytest

from tests.mutation_report import EQUIVALENT, REPO, SUMMARY, equivalent, modules

RERUN = "run `make mutation` and commit tests/mutation_summary.json"


@pytest.fixture(scope="module")
def summary() -> dict[str, dict]:
    return json.loads(SUMMARY.read_text(encoding="utf-8"))


def test_the_summary_covers_every_mutated_module(summary):
    assert sorted(summary) == sorted(modules()), RERUN


def test_each_equivalent_mutant_has_a_reason():
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition(" ")
            assert name.startswith("generator.") and "__mutmut_" in name, line
            assert len(reason.split()) >= 5, f"{name}: say why it cannot change any output"


def test_each_equivalent_mutant_is_one_the_last_run_left_alive(summary):
    alive = {name for module in summary.values() for name in module["alive"]}
    stale = sorted(set(equivalent()) - alive)
    assert not stale, f"not a surviving mutant of the last run: {stale}; {RERUN}"


def test_no_mutant_survives_outside_the_equivalent_list(summary):
    listed = equivalent()
    unexplained = [
        f"{name} ({found['status']}): {' / '.join(found['diff'])}"
        for module in summary.values()
        for name, found in module["alive"].items()
        if name not in listed
    ]
    assert not unexplained, "write a test that kills each, or list it with its reason:\n" + (
        "\n".join(unexplained)
    )


def test_each_equivalent_mutant_still_changes_a_line_of_the_code(summary):
    """A listed mutant changes a line that is still in its module: when the line changes, the
    mutant is another one, to be judged again."""
    listed = equivalent()
    for module, found in summary.items():
        source = {line.strip() for line in (REPO / module).read_text("utf-8").splitlines()}
        for name, mutant in found["alive"].items():
            removed = [line[1:].strip() for line in mutant["diff"] if line.startswith("-")]
            if name in listed:
                assert removed and all(line in source for line in removed), (
                    f"{name} changes {removed}, no longer in {module}; {RERUN}"
                )
