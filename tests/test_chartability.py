"""Chartability's automatic checks on every chart of the fixture sheet and the examples
(tests/chartability.py): a title, a text alternative and a data table for each block; the
root <title> and <desc>, text at 4.5:1 and marks at 3:1 for each drawing; and each series of
a chart named on it and drawn in a shape of its own, so no reader needs its colour."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.charts import chart_data
from generator.validation import load_and_validate
from tests.chartability import contrast, drawing_problems, site_problems
from tests.test_examples import EXAMPLES, build_example


def series_of(root: Path) -> dict[str, list[str]]:
    """Each chart's series (the names its legend or line ends show), by chart id."""
    content = load_and_validate(root)
    return {
        chart.id: [name for _, name in chart_data(content, chart).series()]
        for chart in content.charts.values()
        if chart.kind != "timeline"
    }


def test_every_chart_of_the_rich_sheet_passes(built_rich: Path):
    series = series_of(built_rich)
    assert series["crossings-over-time"] == ["The north bank", "The south bank"]
    assert site_problems(built_rich / "site", series) == []


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_chart_of_each_example_passes(name: str, tmp_path: Path):
    root = build_example(name, tmp_path)
    assert site_problems(root / "site", series_of(root)) == []


def test_the_checks_find_what_they_look_for():
    """A drawing without <desc>, with pale text, a pale mark and one shape for two series."""
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # WCAG's own example, by hand
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>T</title>'
        '<g><text fill="#aaaaaa">pale</text><path d="M0,0h1v1h-1Z" fill="#dddddd"/>'
        '<path d="M0,0h1v1h-1Z" fill="#dddddd" opacity="0.45"/></g></svg>'
    )
    assert list(drawing_problems("x-light-wide.svg", svg)) == [
        "x-light-wide.svg: the root <title> and <desc> are not its first elements "
        "(['{http://www.w3.org/2000/svg}title', '{http://www.w3.org/2000/svg}g'])",
        "x-light-wide.svg: no <desc>",
        "x-light-wide.svg: text 'pale' in #aaaaaa is under 4.5:1",
        "x-light-wide.svg: a mark in #dddddd is under 3:1",
    ]
