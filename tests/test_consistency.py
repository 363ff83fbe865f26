"""Rules across records that the generator checks before writing anything: a part within its
whole, figures and quotations dated within what their sources could know, periods in order,
derived figures that can be computed (unused sources: test_check.py). Each is shown the way an
editor meets it: one line naming file and line, exit 1, and site/ untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import edit, run, snapshot


@pytest.fixture
def built_sheet(sheet: Path) -> tuple[Path, dict[str, bytes]]:
    """The real sheet, built once, with a snapshot of its site/ to compare after a failure."""
    result = run(sheet, "build")
    assert result.exit_code == 0, result.output
    return sheet, snapshot(sheet / "site")


def assert_refused(sheet: Path, before: dict[str, bytes], *expected: str) -> str:
    result = run(sheet, "build")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for text in expected:
        assert text in result.output, result.output
    assert snapshot(sheet / "site") == before, "a failed build changed site/"
    return result.output


def test_deaths_may_not_exceed_casualties_of_the_same_side_and_period(built_sheet):
    sheet, before = built_sheet
    edit(
        sheet,
        "figures.yml",
        "    low: 275000\n    high: 325000\n",
        "    low: 275000\n    high: 1325000\n",
    )
    assert_refused(
        sheet,
        before,
        "content/figures.yml:",
        "ru-deaths: deaths (275,000–1,325,000) exceed casualties 'ru-casualties'",
    )


def test_a_figure_cannot_cover_time_after_its_source_was_published(built_sheet):
    sheet, before = built_sheet
    edit(
        sheet,
        "figures.yml",
        'period: {start: 2022-02-24, end: "2025-12"}\n    source: csis',
        'period: {start: 2022-02-24, end: "2026-12"}\n    source: csis',
    )
    assert_refused(
        sheet,
        before,
        "covers a time after its source 'csis-grinding-war'",
        "mark it `projection: true` if it is a forecast",
    )


def test_a_quotation_cannot_predate_its_source(built_sheet):
    sheet, before = built_sheet
    edit(
        sheet,
        "statements.yml",
        "    date: 2025-09-18\n    place: Chequers",
        "    date: 2025-10-18\n    place: Chequers",
    )
    assert_refused(sheet, before, "trump-let-me-down.date: dated 2025-10-18, after its source")


def test_a_period_must_start_before_it_ends(built_sheet):
    sheet, before = built_sheet
    edit(
        sheet,
        "figures.yml",
        'period: {start: 2022-02-24, end: "2025-12"}',
        'period: {start: 2026-02-24, end: "2025-12"}',
    )
    assert_refused(sheet, before, "the period starts (2026-02-24) after it ends (2025-12)")


def test_a_part_may_start_above_the_wholes_low_end(sheet: Path):
    """Deaths of 100,000–140,000 fit casualties of 90,000–600,000: only a part reaching past
    the whole's top is impossible."""
    edit(
        sheet,
        "figures.yml",
        "    low: 500000\n    high: 600000\n",
        "    low: 90000\n    high: 600000\n",
    )
    result = run(sheet, "build")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("value", ['"nan"', '"1e999"', ".inf"])
def test_a_figure_must_be_a_finite_number(built_sheet, value: str):
    sheet, before = built_sheet
    edit(sheet, "figures.yml", "    low: 275000\n", f"    low: {value}\n")
    output = assert_refused(sheet, before, "content/figures.yml:")
    assert len([line for line in output.splitlines() if "ru-deaths" in line or "low" in line]) >= 1


def test_every_derived_figure_that_cannot_be_computed_is_named_at_its_line(built_sheet):
    sheet, before = built_sheet
    derived = sheet / "content" / "derived.yml"
    text = derived.read_text(encoding="utf-8")
    lines = len(text.splitlines())
    derived.write_text(
        text + "\n  - id: vietnam-per-day\n    label: a rate of a figure with no period\n"
        "    topic: casualties\n    op: per-day\n    inputs: [us-vietnam-battle-deaths]\n"
        "\n  - id: upper-bound-ratio\n    label: an upper bound over an estimate\n"
        "    topic: casualties\n    op: ratio\n    inputs: [combined-losses-ap, ru-casualties]\n",
        encoding="utf-8",
    )
    output = assert_refused(sheet, before)
    assert (
        f"content/derived.yml:{lines + 6}:13: vietnam-per-day.inputs: per-day needs an input "
        "with a period; us-vietnam-battle-deaths has none"
    ) in output
    assert (
        f"content/derived.yml:{lines + 12}:13: upper-bound-ratio.inputs: cannot combine 'up to'"
        in output
    )
