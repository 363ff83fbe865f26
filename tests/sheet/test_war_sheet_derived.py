"""The war sheet's derived figures, each checked against a hand calculation on its content
(moved from tests/test_derived.py, whose tests of the computation use fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.validation import load_and_validate
from tests.support import ENGLISH, REPO


@pytest.fixture(scope="module")
def content():
    return load_and_validate(REPO)


def exact(d) -> tuple[float, float]:
    """A derived figure's unrounded result, to compare with a hand calculation."""
    return (d.low, d.high)


def test_derived_figures_show_their_formula_and_working(content):
    per_day = content.derived["ru-casualties-per-day"]
    assert "÷" in ENGLISH.formula(per_day) and "days" in ENGLISH.formula(per_day)
    assert ENGLISH.working(per_day) == "1.2 million ÷ 1,407 days ≈ 853 a day, rounded to about 850"


def test_casualties_per_day_over_the_period(content):
    # 1,200,000 casualties over 24 Feb 2022 – 31 Dec 2025 (1,407 days)
    assert exact(content.derived["ru-casualties-per-day"]) == pytest.approx(
        (1_200_000 / 1407, 1_200_000 / 1407)
    )
    assert exact(content.derived["ua-casualties-per-day"]) == pytest.approx(
        (500_000 / 1407, 600_000 / 1407)
    )


def test_ratio_of_the_two_sides(content):
    assert exact(content.derived["ru-ua-casualties-ratio"]) == pytest.approx((2.0, 2.4))
    assert exact(content.derived["ru-ua-deaths-ratio"]) == pytest.approx(
        (275_000 / 140_000, 325_000 / 100_000)
    )


def test_deaths_as_a_share_of_casualties(content):
    assert exact(content.derived["ru-deaths-share"]) == pytest.approx(
        (275_000 / 1_200_000 * 100, 325_000 / 1_200_000 * 100)
    )
    assert exact(content.derived["ua-deaths-share"]) == pytest.approx(
        (100_000 / 600_000 * 100, 140_000 / 500_000 * 100)
    )


def test_russian_casualties_per_six_weeks_in_2025(content):
    six_weeks = 415_000 / 365 * 42  # about 47,753
    assert exact(content.derived["ru-casualties-2025-per-six-weeks"]) == pytest.approx(
        (six_weeks, six_weeks)
    )


def test_no_figure_divides_casualties_by_deaths(content):
    """Casualties set against deaths is the comparison the sheet warns against (issue 14)."""

    def measure(q):  # a rate of a figure measures what the figure measures
        if not q.computed:
            return q.measure
        return measure(q.inputs[0]) if q.measure in ("per-day", "per-period") else None

    for d in content.derived.values():
        if d.measure in ("ratio", "share"):
            assert [measure(i) for i in d.inputs] != ["casualties", "deaths"], d.id


def test_population_ratio(content):
    assert exact(content.derived["ru-ua-population-ratio"]) == pytest.approx(
        (141.9 / 40.1, 141.9 / 40.1)
    )
    assert exact(content.derived["ru-ua-kyiv-held-population-ratio"]) == pytest.approx(
        (141.9 / 27, 141.9 / 25)
    )


def test_a_derived_figure_follows_an_edited_input(sheet: Path):
    figures = sheet / "content" / "figures.yml"
    text = figures.read_text(encoding="utf-8")
    assert "value: 1200000" in text
    figures.write_text(text.replace("value: 1200000", "value: 1407000", 1), encoding="utf-8")
    assert exact(load_and_validate(sheet).derived["ru-casualties-per-day"]) == pytest.approx(
        (1000, 1000)
    )


def test_a_result_carries_no_more_precision_than_its_inputs(content):
    """1.2 million has two significant figures, so its rate a day is about 850, not 853; a
    three-figure 415,000 gives 47,800 for six weeks."""
    assert content.derived["ru-casualties-per-day"].bounds == (850, 850)
    assert content.derived["ru-casualties-2025-per-six-weeks"].bounds == (47_800, 47_800)
    assert ENGLISH.shown(content.derived["ru-casualties-per-day"]) == "about 850"
