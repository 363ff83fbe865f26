"""Derived figures are computed from stored ones, ranges propagating as ranges; each value
here is checked against a hand calculation, on figures made here or on the rich fixture
sheet (the war sheet's own are checked in tests/sheet/test_war_sheet_derived.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.derive import compute
from generator.models import Derived, Figure, Quantity
from generator.render import render_pages
from generator.validation import load_and_validate
from tests.golden import FIXTURES
from tests.support import ENGLISH, replace_in


@pytest.fixture(scope="module")
def content():
    return load_and_validate(FIXTURES / "rich")


def exact(d) -> tuple[float, float]:
    """A derived figure's unrounded result, to compare with a hand calculation."""
    return (d.low, d.high)


def figure(fid: str, **kw) -> Figure:
    base = dict(
        id=fid,
        label=fid,
        says="X says",
        topic="t",
        measure="m",
        unit="people",
        as_of="2025",
        source="s",
    )
    return Figure.model_validate({**base, **kw})


def test_a_ratio_of_two_ranges_runs_from_the_smallest_to_the_largest_quotient():
    a = figure("a", low=275_000, high=325_000)
    b = figure("b", low=100_000, high=140_000)
    result = compute(Derived(id="r", label="r", topic="t", op="ratio", inputs=["a", "b"]), [a, b])
    assert exact(result) == pytest.approx((275_000 / 140_000, 325_000 / 100_000))
    assert ENGLISH.shown(result) == "2–3.3 times"  # 3.25 rounds half up, as readers round


def test_a_share_is_a_percentage_and_a_hedged_input_makes_the_result_approximate():
    a = figure("a", value=300, qualifier="about")
    b = figure("b", value=1200)
    result = compute(Derived(id="s", label="s", topic="t", op="share", inputs=["a", "b"]), [a, b])
    assert result.bounds == (25.0, 25.0)
    assert ENGLISH.shown(result) == "about 25%"


def test_a_figure_computed_from_a_projection_says_it_is_projected():
    projected = figure(
        "p",
        value=2_000_000,
        qualifier="about",
        projection=True,
        as_of=None,
        period={"start": "2022-02-24", "end": "2026-05"},
    )
    per_day = compute(
        Derived(id="d", label="d", topic="t", op="per-day", inputs=["p"]), [projected]
    )
    assert per_day.projection
    assert ENGLISH.when(per_day) == "24 February 2022 – May 2026 (projected)"


def test_one_sided_hedges_are_not_softened_into_about():
    up_to = figure("a", value=1_800_000, qualifier="up to")
    about = figure("b", value=1_200_000, qualifier="about")
    spec = Derived(id="r", label="r", topic="t", op="ratio", inputs=["a", "b"])
    with pytest.raises(ValueError, match="cannot combine 'up to'"):
        compute(spec, [up_to, about])


def _interface() -> list[str]:
    """The members the Quantity protocol declares (its properties, in order)."""
    return [name for name, value in vars(Quantity).items() if isinstance(value, property)]


def test_stored_and_computed_figures_answer_every_question_of_the_quantity_interface():
    stored = figure("a", value=300, via="outlet", note="A *note*.")
    result = compute(
        Derived(id="d", label="d", topic="t", op="share", inputs=["a", "b"], explain="Why."),
        [stored, figure("b", value=1200, source="other")],
    )
    assert len(_interface()) >= 24
    for name in _interface():
        getattr(stored, name), getattr(result, name)  # neither raises: both implement it all
    assert (stored.computed, stored.says, stored.note, stored.via) == (
        False,
        "X says",
        "A *note*.",
        "outlet",
    )
    assert (stored.sources, stored.inputs, stored.derivation, stored.decimals) == (
        ("s",),
        (),
        None,
        None,
    )
    assert (result.computed, result.says, result.note, result.via, result.side) == (
        True,
        None,
        "Why.",
        None,
        None,
    )
    assert (result.sources, result.measure, result.decimals) == (("s", "other"), "share", 1)
    assert [i.id for i in result.inputs] == ["a", "b"]


def test_sources_of_a_result_computed_from_results_are_listed_once_in_order():
    a, b, c = (
        figure("a", value=2, source="s1"),
        figure("b", value=4, source="s2"),
        figure("c", value=8, source="s1"),
    )
    first = compute(Derived(id="x", label="x", topic="t", op="ratio", inputs=["a", "b"]), [a, b])
    second = compute(
        Derived(id="y", label="y", topic="t", op="ratio", inputs=["x", "c"]), [first, c]
    )
    assert second.sources == ("s1", "s2")
    assert second.exact == pytest.approx((2 / 4 / 8, 2 / 4 / 8))


def test_templates_tell_computed_figures_by_a_property_and_write_them_with_filters(tmp_path):
    pages = tmp_path / "site_src" / "pages"
    pages.mkdir(parents=True)
    (pages / "index.md.j2").write_text(
        '{{ items | rejectattr("computed") | map(attribute="id") | join(",") }}|'
        '{% for q in items | selectattr("computed") %}{{ q | shown }}; {{ q | formula }}; '
        "{{ q | working }}{% endfor %}|{{ items[0] | when }}\n",
        encoding="utf-8",
    )
    a, b = figure("a", value=300, qualifier="about"), figure("b", value=1200)
    share = compute(Derived(id="s", label="s", topic="t", op="share", inputs=["a", "b"]), [a, b])
    (page,) = render_pages(tmp_path / "site_src", {"items": [a, b, share]}, str, ENGLISH)
    assert (
        page.body == "a,b|about 25%; a ÷ b × 100; 300 ÷ 1,200 × 100 &#61; 25%|as of 2025\n"
    )  # "=" escaped as text


def test_derived_figures_show_their_formula_and_working(content):
    per_day = content.derived["north-crossings-per-day"]
    assert "÷" in ENGLISH.formula(per_day) and "days" in ENGLISH.formula(per_day)
    assert ENGLISH.working(per_day).startswith("1.2 million ÷ 366 days ≈ ")


def test_a_rate_a_day_spreads_the_count_over_the_periods_days(content):
    # about 1,200,000 crossings over 2024, a leap year: 366 days
    assert exact(content.derived["north-crossings-per-day"]) == pytest.approx(
        (1_200_000 / 366, 1_200_000 / 366)
    )


def test_a_ratio_of_a_value_and_a_range_is_a_range(content):
    # about 1,200,000 from the north against 500,000-600,000 from the south
    assert exact(content.derived["north-south-ratio"]) == pytest.approx(
        (1_200_000 / 600_000, 1_200_000 / 500_000)
    )


def test_a_derived_figure_follows_an_edited_input(rich: Path):
    replace_in(rich / "content" / "figures.yml", "value: 1200000", "value: 1464000")
    assert exact(load_and_validate(rich).derived["north-crossings-per-day"]) == pytest.approx(
        (4000, 4000)
    )


@pytest.mark.parametrize(
    ("figure_", "decimals", "shown", "working"),
    [
        # Seven figures in: `decimals` is applied as written, 0 or 2 places.
        ({"value": 1_234_567}, 0, "877", "1,234,567 ÷ 1,407 days ≈ 877 a day"),
        ({"value": 1_234_567}, 2, "877.45", "1,234,567 ÷ 1,407 days ≈ 877.45 a day"),
        # One figure in (500,000–600,000): 355.4–426.4 is shown to two figures, 360–430,
        # fewer than `decimals: 0` asks, so the result is 'about' it (issue 22, item 6).
        (
            {"low": 500_000, "high": 600_000},
            0,
            "about 360–430",
            "(500,000–600,000) ÷ 1,407 days ≈ 355–426 a day, rounded to about 360–430",
        ),
    ],
)
def test_decimals_are_applied_and_rounding_to_fewer_figures_says_about(
    figure_, decimals, shown, working
):
    stored = figure("a", **figure_, as_of=None, period={"start": "2022-02-24", "end": "2025-12-31"})
    spec = Derived(id="d", label="d", topic="t", op="per-day", inputs=["a"], decimals=decimals)
    result = compute(spec, [stored])
    assert ENGLISH.shown(result).removesuffix(" people") == shown
    assert ENGLISH.working(result) == working


@pytest.mark.parametrize(
    ("tag", "shown", "working"),
    [
        (
            "fr",
            "800 millions d’euros",
            "13,2 milliards d’euros − 12,4 milliards d’euros = 800 millions d’euros",
        ),
        (
            "de",
            "800 Millionen Euro",
            "13,2 Milliarden Euro − 12,4 Milliarden Euro = 800 Millionen Euro",
        ),
        ("en", "€800 million", "€13.2 billion − €12.4 billion = €800 million"),
        (
            "uk",
            "800 мільйонів євро",
            "13,2 мільярда євро − 12,4 мільярда євро = 800 мільйонів євро",
        ),
    ],
)
def test_a_computed_sum_in_millions_is_scaled_as_a_sourced_one(tag, shown, working):
    """A French sample read '800 000 000 euros': `decimals` (0 here) is for a ratio's '2.4
    times', not a reason to write a difference of billions out in full."""
    from generator.language import Language
    from generator.numbers import Writer

    cost_2022 = figure("a", value=13_200_000_000, unit="EUR")
    cost_2019 = figure("b", value=12_400_000_000, unit="EUR")
    spec = Derived(id="d", label="d", topic="t", op="difference", inputs=["a", "b"], decimals=0)
    result = compute(spec, [cost_2022, cost_2019])
    write = Writer(Language.of(tag))
    assert write.shown(result) == shown
    assert write.working(result) == working
