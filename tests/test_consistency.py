"""Rules across records, checked on loaded content without building: a part within its whole,
figures and quotations dated within what their sources could know, periods in order, derived
figures that can be computed, charts on one axis (unused sources and stale figures:
test_check.py). Each expected problem is the line an editor meets, written out by hand; one
test shows that a build refused by a rule exits 1 and leaves site/ as it was."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.validation import load_and_validate, validate
from tests.support import edit, run, snapshot

SHEET = """\
sheet:
  title: Rules
  description: A sheet for the rules across records.
  updated: 2024-07-11
  topics:
    example: Example
  sides:
    world: The world
  parts:
    deaths: casualties
"""

SOURCES = """\
sources:
  - id: report
    publisher: A Publisher
    title: A report
    date: 2024-07-11
    kind: report
"""

FIGURES = """\
figures:
  - id: casualties
    label: casualties on the world's side
    says: The report estimates
    topic: example
    measure: casualties
    side: world
    low: 500000
    high: 600000
    unit: people
    period: {start: 2022-02-24, end: 2024-06}
    source: report
  - id: deaths
    label: deaths on the world's side
    says: The report estimates
    topic: example
    measure: deaths
    side: world
    low: 100000
    high: 140000
    unit: people
    period: {start: 2022-02-24, end: 2024-06}
    source: report
  - id: ceiling
    label: people at most
    says: The report puts it at
    topic: example
    measure: population
    value: 900000
    qualifier: up to
    unit: people
    as_of: 2024-06-30
    source: report
"""
"""Line numbers below are read off here: `deaths` starts on line 13, `ceiling` on 24."""

STATEMENTS = """\
statements:
  - id: remark
    speaker: A Speaker
    role: Director
    date: 2024-07-11
    place: Geneva
    quote: Numbers matter.
    context: Said when the report came out.
    topic: example
    source: report
"""

DERIVED = """\
derived:
  - id: ceiling-per-day
    label: a rate of a figure with no period
    topic: example
    op: per-day
    inputs: [ceiling]
  - id: ceiling-ratio
    label: an upper bound over an estimate
    topic: example
    op: ratio
    inputs: [ceiling, casualties]
"""

SHARE = """\
derived:
  - id: deaths-share
    label: of casualties are deaths
    topic: example
    op: share
    inputs: [deaths, casualties]
"""

CHART = """\
charts:
  - id: losses
    title: Losses
    kind: bar
    figures: [casualties, deaths]
"""


@pytest.fixture
def rules_sheet(starter: Path) -> Path:
    """The starter, its content replaced by the records above: a sheet that passes every rule
    and builds (its page template shows every figure, statement and source)."""
    for name, text in (
        ("sheet.yml", SHEET),
        ("sources.yml", SOURCES),
        ("figures.yml", FIGURES),
        ("statements.yml", STATEMENTS),
    ):
        (starter / "content" / name).write_text(text, encoding="utf-8")
    return starter


def problems(root: Path) -> list[str]:
    """The error lines of `root/content`, as `check` and `build` print them; [] if it passes."""
    try:
        load_and_validate(root)
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_the_fixture_passes_every_rule(rules_sheet: Path) -> None:
    content = load_and_validate(rules_sheet)
    assert sorted(content.figures) == ["casualties", "ceiling", "deaths"]
    assert content.warnings == ()


def test_deaths_may_not_exceed_casualties_of_the_same_side_and_period(rules_sheet: Path) -> None:
    edit(rules_sheet, "figures.yml", "    high: 140000\n", "    high: 1325000\n")
    assert problems(rules_sheet) == [
        "content/figures.yml:13:5: deaths: deaths (100,000–1,325,000) exceed casualties "
        "'casualties' (500,000–600,000) for the same side and period"
    ]


def test_the_rules_are_a_pure_function_of_loaded_content(rules_sheet: Path) -> None:
    """`validate` reads no file: the same rule, on content changed in memory."""
    content = load_and_validate(rules_sheet)
    deaths = content.figures["deaths"].model_copy(update={"high": 1325000})
    changed = replace(content, figures={**content.figures, "deaths": deaths})
    _, found = validate(changed)
    assert [str(p) for p in found] == [
        "content/figures.yml:13:5: deaths: deaths (100,000–1,325,000) exceed casualties "
        "'casualties' (500,000–600,000) for the same side and period"
    ]
    assert validate(content)[1] == []


def test_a_part_may_start_above_the_wholes_low_end(rules_sheet: Path) -> None:
    """Deaths of 100,000–140,000 fit casualties of 90,000–600,000: only a part reaching past
    the whole's top is impossible."""
    edit(rules_sheet, "figures.yml", "    low: 500000\n", "    low: 90000\n")
    assert problems(rules_sheet) == []


def test_a_part_of_another_period_is_not_compared(rules_sheet: Path) -> None:
    edit(rules_sheet, "figures.yml", "    high: 140000\n", "    high: 1325000\n")
    edit(
        rules_sheet,
        "figures.yml",
        "end: 2024-06}\n    source: report\n  - id: ceiling",
        "end: 2024-05}\n    source: report\n  - id: ceiling",
    )
    assert problems(rules_sheet) == []


def test_a_figure_cannot_cover_time_after_its_source_was_published(rules_sheet: Path) -> None:
    edit(rules_sheet, "figures.yml", "end: 2024-06}", "end: 2024-12}")
    assert problems(rules_sheet) == [
        "content/figures.yml:11:13: casualties.period: covers a time after its source 'report' "
        "was published (2024-07-11); mark it `projection: true` if it is a forecast"
    ]
    edit(
        rules_sheet,
        "figures.yml",
        "    source: report\n",
        "    source: report\n    projection: true\n",
    )
    assert problems(rules_sheet) == []


def test_a_quotation_cannot_postdate_its_source(rules_sheet: Path) -> None:
    edit(rules_sheet, "statements.yml", "date: 2024-07-11", "date: 2024-07-12")
    assert problems(rules_sheet) == [
        "content/statements.yml:5:11: remark.date: dated 2024-07-12, after its source 'report' "
        "(2024-07-11)"
    ]


def test_a_period_must_start_before_it_ends(rules_sheet: Path) -> None:
    edit(rules_sheet, "figures.yml", "start: 2022-02-24", "start: 2025-02-24")
    assert problems(rules_sheet) == [
        "content/figures.yml:11:13: figures[0].period: the period starts (2025-02-24) after it "
        "ends (2024-06)"
    ]


@pytest.mark.parametrize(
    "value, problem",
    [
        ('"nan"', "expected a number, got 'nan'"),  # quoted: text, never a number
        ('"1e999"', "expected a number, got '1e999'"),
        (".inf", "expected a number, got '.inf'"),
    ],
)
def test_a_figure_must_be_a_finite_number(rules_sheet: Path, value: str, problem: str) -> None:
    edit(rules_sheet, "figures.yml", "    low: 500000\n", f"    low: {value}\n")
    assert problems(rules_sheet) == [f"content/figures.yml:8:10: figures[0].low: {problem}"]


def test_every_derived_figure_that_cannot_be_computed_is_named_at_its_line(
    rules_sheet: Path,
) -> None:
    (rules_sheet / "content" / "derived.yml").write_text(DERIVED, encoding="utf-8")
    assert problems(rules_sheet) == [
        "content/derived.yml:6:13: ceiling-per-day.inputs: per-day needs an input with a "
        "period; ceiling has none",
        "content/derived.yml:11:13: ceiling-ratio.inputs: cannot combine 'up to' figures in a "
        "ratio: a one-sided bound does not carry through; use figures given as values or ranges",
    ]


def test_a_chart_mixing_units_is_refused_at_the_chart(rules_sheet: Path) -> None:
    """People and a share cannot share one axis; `check` used to pass it and `build` refuse."""
    chart = CHART.replace("[casualties, deaths]", "[casualties, deaths-share]")
    (rules_sheet / "content" / "charts.yml").write_text(chart + SHARE, encoding="utf-8")
    assert problems(rules_sheet) == [
        "content/charts.yml:2:5: losses.figures: mixes units that cannot share one axis: "
        "people (casualties), per cent (deaths-share); chart figures of one kind of quantity "
        "only"
    ]


def test_units_that_convert_to_one_another_share_an_axis(rules_sheet: Path) -> None:
    """Kilometres and miles both convert to metres: one axis, no problem."""
    figures = (rules_sheet / "content" / "figures.yml").read_text(encoding="utf-8")
    first, rest = figures.split("  - id: deaths", 1)
    figures = (
        first.replace("unit: people", "unit: km")
        + "  - id: deaths"
        + rest.replace("unit: people", "unit: mi", 1)
    )
    (rules_sheet / "content" / "figures.yml").write_text(figures, encoding="utf-8")
    (rules_sheet / "content" / "charts.yml").write_text(CHART, encoding="utf-8")
    assert problems(rules_sheet) == []


def test_a_logarithmic_chart_needs_values_above_zero(rules_sheet: Path) -> None:
    edit(rules_sheet, "figures.yml", "    low: 100000\n", "    low: 0\n")
    chart = CHART + "    scale: log\n"
    (rules_sheet / "content" / "charts.yml").write_text(chart, encoding="utf-8")
    assert problems(rules_sheet) == [
        "content/charts.yml:2:5: losses.scale: a logarithmic scale cannot show 'deaths' "
        "(0–140,000): values must be above zero; use `scale: linear`"
    ]


def test_every_rule_reports_in_the_same_run_as_the_others(rules_sheet: Path) -> None:
    """A reference problem, a part past its whole, derived figures that cannot be computed and
    a chart mixing units, all in one run: no problem waits for another to be fixed. A chart
    naming a figure that could not be computed is not checked: that figure's problem says why."""
    edit(rules_sheet, "statements.yml", "source: report", "source: reprot")
    edit(rules_sheet, "figures.yml", "    high: 140000\n", "    high: 1325000\n")
    derived = DERIVED + SHARE.removeprefix("derived:\n")
    (rules_sheet / "content" / "derived.yml").write_text(derived, encoding="utf-8")
    charts = CHART.replace("[casualties, deaths]", "[casualties, deaths-share]")
    charts += "  - id: rates\n    title: Rates\n    kind: bar\n"
    charts += "    figures: [ceiling-ratio, deaths-share]\n"
    (rules_sheet / "content" / "charts.yml").write_text(charts, encoding="utf-8")
    assert problems(rules_sheet) == [
        "content/charts.yml:2:5: losses.figures: mixes units that cannot share one axis: "
        "people (casualties), per cent (deaths-share); chart figures of one kind of quantity "
        "only",
        "content/derived.yml:6:13: ceiling-per-day.inputs: per-day needs an input with a "
        "period; ceiling has none",
        "content/derived.yml:11:13: ceiling-ratio.inputs: cannot combine 'up to' figures in a "
        "ratio: a one-sided bound does not carry through; use figures given as values or ranges",
        "content/figures.yml:13:5: deaths: deaths (100,000–1,325,000) exceed casualties "
        "'casualties' (500,000–600,000) for the same side and period",
        "content/statements.yml:10:13: remark.source: unknown source 'reprot'",
    ]


def test_a_missing_input_is_one_problem_not_a_cycle(rules_sheet: Path) -> None:
    """A derived figure naming an unknown figure, and one computed from it: the unknown name
    is the one problem; neither is reported as a cycle or as not computable."""
    derived = SHARE.replace("[deaths, casualties]", "[deaths, casualtie]")
    derived += "  - id: share-per-day\n    label: a rate\n    topic: example\n"
    derived += "    op: per-day\n    inputs: [deaths-share]\n"
    (rules_sheet / "content" / "derived.yml").write_text(derived, encoding="utf-8")
    assert problems(rules_sheet) == [
        "content/derived.yml:6:22: deaths-share.inputs[1]: unknown figure 'casualtie'"
    ]


def test_a_chart_of_a_figure_in_an_unknown_unit_is_left_to_that_problem(
    rules_sheet: Path,
) -> None:
    edit(rules_sheet, "figures.yml", "    unit: people\n", "    unit: persons\n")
    (rules_sheet / "content" / "charts.yml").write_text(CHART, encoding="utf-8")
    assert problems(rules_sheet) == [
        "content/figures.yml:10:11: casualties.unit: unknown unit 'persons'; expected one of "
        "people, count, percent, percentage-points, times, km2, m, km, yd, mi, m-per-day, "
        "km-per-day, yd-per-day, mi-per-day, hours, days, weeks, months, years, a currency code "
        "(USD, EUR, …), a rate (per-1000, per-100000-people, …), or define it under sheet.units"
    ]


def test_a_build_refused_by_a_rule_leaves_site_as_it_was(rules_sheet: Path) -> None:
    assert run(rules_sheet, "build").exit_code == 0
    before = snapshot(rules_sheet / "site")
    edit(rules_sheet, "figures.yml", "    high: 140000\n", "    high: 1325000\n")
    result = run(rules_sheet, "build")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "content/figures.yml:13:5: deaths: deaths (100,000–1,325,000) exceed casualties "
        "'casualties' (500,000–600,000) for the same side and period",
        "1 error(s); nothing was written.",
    ]
    assert snapshot(rules_sheet / "site") == before
