"""The rules by which a derived figure is computed, on small figures made here (no sheet on
disk): units and dates carried over, what may be divided by, the qualifier of the result, and
the order in which figures computed from figures are resolved. Values are hand calculations."""

from __future__ import annotations

import pytest

from generator.derive import DerivedProblems, compute, resolve_all
from generator.models import Derived, Figure, PartialDate


def figure(fid: str, **fields) -> Figure:
    base = dict(id=fid, label=fid, says="X says", topic="t", measure="m", unit="people")
    return Figure.model_validate({"as_of": "2025", "source": "s", **base, **fields})


def derived(did: str, op: str, *inputs: str, **fields) -> Derived:
    return Derived(id=did, label=did, topic="t", op=op, inputs=list(inputs), **fields)


YEAR = {"start": "2025", "end": "2025"}


def test_a_difference_is_in_its_inputs_unit_unless_the_derivation_names_one():
    a, b = figure("a", value=10, unit="km"), figure("b", value=4, unit="km")
    assert compute(derived("d", "difference", "a", "b"), [a, b]).unit == "km"
    assert compute(derived("d", "difference", "a", "b", unit="m"), [a, b]).unit == "m"


def test_a_rate_is_in_its_inputs_unit_unless_the_derivation_names_one():
    a = figure("a", value=730, unit="km", as_of=None, period=YEAR)
    per_day = compute(derived("d", "per-day", "a", unit="km-per-day"), [a])
    assert (per_day.unit, per_day.exact) == ("km-per-day", (2.0, 2.0))  # 730 km in 365 days
    per_week = compute(derived("w", "per-period", "a", days=7), [a])
    assert (per_week.unit, per_week.exact) == ("km", (14.0, 14.0))


def test_a_rate_a_day_is_a_day_whatever_days_it_is_given():
    a = figure("a", value=730, unit="km", as_of=None, period=YEAR)
    assert compute(derived("d", "per-day", "a", days=7), [a]).exact == (2.0, 2.0)


def test_a_share_is_a_hundred_times_the_quotient():
    result = compute(derived("s", "share", "a", "b"), [figure("a", value=3), figure("b", value=8)])
    assert result.exact == (37.5, 37.5)  # 3 ÷ 8 = 0.375
    assert result.unit == "percent"


def test_a_figure_can_be_divided_by_anything_above_zero_and_by_nothing_else():
    half = figure("b", value=0.5, unit="times")
    assert compute(derived("r", "ratio", "a", "b"), [figure("a", value=3), half]).exact == (
        6.0,
        6.0,
    )
    zero = figure("z", low=0, high=10)
    with pytest.raises(ValueError) as refused:
        compute(derived("r", "ratio", "a", "z"), [figure("a", value=3), zero])
    assert str(refused.value) == "cannot divide by z: its value can be zero or less"


def test_a_rate_needs_an_input_with_a_period():
    with pytest.raises(ValueError) as refused:
        compute(derived("d", "per-day", "a"), [figure("a", value=3)])
    assert str(refused.value) == "per-day needs an input with a period; a has none"


def test_a_result_keeps_the_date_its_inputs_share_and_no_other():
    same = [figure("a", value=6, as_of="2025-10"), figure("b", value=3, as_of="2025-10")]
    kept = compute(derived("r", "ratio", "a", "b"), same)
    assert (kept.as_of, kept.period) == (PartialDate(year=2025, month=10), None)
    apart = [figure("a", value=6, as_of="2025-10"), figure("b", value=3, as_of="2024")]
    assert compute(derived("r", "ratio", "a", "b"), apart).as_of is None
    years = [
        figure("a", value=6, as_of=None, period=YEAR),
        figure("b", value=3, as_of=None, period={"start": "2024", "end": "2025"}),
    ]
    assert compute(derived("r", "ratio", "a", "b"), years).period is None
    one_year = [figure(i, value=6, as_of=None, period=YEAR) for i in "ab"]
    assert compute(derived("r", "ratio", "a", "b"), one_year).period == one_year[0].period


@pytest.mark.parametrize(
    ("qualifiers", "result"),
    [
        (("exactly", None), None),  # 'exactly' hedges nothing
        (("exactly", "exactly"), None),
        (("about", None), "about"),
        (("nearly", "exactly"), "about"),
    ],
)
def test_a_result_is_approximate_only_when_an_input_is(qualifiers, result):
    a = figure("a", value=6, qualifier=qualifiers[0])
    b = figure("b", value=3, qualifier=qualifiers[1])
    assert compute(derived("r", "ratio", "a", "b"), [a, b]).qualifier == result


def test_a_one_sided_hedge_carries_through_a_rate_of_one_figure():
    a = figure("a", value=730, qualifier="up to", as_of=None, period=YEAR)
    assert compute(derived("d", "per-day", "a"), [a]).qualifier == "up to"


def test_two_one_sided_hedges_are_named_in_the_refusal():
    a = figure("a", value=6, qualifier="up to")
    b = figure("b", value=3, qualifier="over")
    with pytest.raises(ValueError) as refused:
        compute(derived("r", "ratio", "a", "b"), [a, b])
    assert str(refused.value) == (
        "cannot combine 'over' and 'up to' figures in a ratio: a one-sided bound does not "
        "carry through; use figures given as values or ranges"
    )


# Resolving every derived figure


def test_derived_figures_resolve_in_any_order_and_from_each_other():
    figures = {"a": figure("a", value=12), "b": figure("b", value=3)}
    specs = [derived("twice", "ratio", "ratio", "b"), derived("ratio", "ratio", "a", "b")]
    done = resolve_all(specs, figures)
    assert list(done) == ["ratio", "twice"]
    assert done["ratio"].exact == (4.0, 4.0)
    assert done["twice"].exact == pytest.approx((4 / 3, 4 / 3))


def test_no_derived_figures_resolve_to_none():
    assert resolve_all([], {"a": figure("a", value=1)}) == {}


def test_a_figure_that_cannot_be_computed_is_reported_and_so_is_each_computed_from_it():
    figures = {"a": figure("a", value=12), "z": figure("z", value=0)}
    specs = [
        derived("later", "ratio", "after", "a"),
        derived("after", "ratio", "broken", "a"),
        derived("broken", "ratio", "a", "z"),
        derived("fine", "ratio", "a", "a"),
    ]
    with pytest.raises(DerivedProblems) as failed:
        resolve_all(specs, figures)
    assert failed.value.problems == [
        ("broken", "cannot divide by z: its value can be zero or less"),
        ("after", "cannot be computed: an input has a problem of its own"),
        ("later", "cannot be computed: an input has a problem of its own"),
    ]
    assert str(failed.value) == (
        "broken: cannot divide by z: its value can be zero or less; "
        "after: cannot be computed: an input has a problem of its own; "
        "later: cannot be computed: an input has a problem of its own"
    )


def test_derived_figures_that_wait_on_each_other_are_a_cycle():
    figures = {"a": figure("a", value=12)}
    specs = [
        derived("fine", "ratio", "a", "a"),
        derived("x", "ratio", "y", "a"),
        derived("y", "ratio", "x", "a"),
    ]
    with pytest.raises(DerivedProblems) as failed:
        resolve_all(specs, figures)
    assert failed.value.problems == [
        ("x", "derived figures form a cycle through their inputs"),
        ("y", "derived figures form a cycle through their inputs"),
    ]


def test_a_cycle_is_reported_after_the_problems_found_before_it():
    figures = {"a": figure("a", value=12), "z": figure("z", value=0)}
    specs = [
        derived("broken", "ratio", "a", "z"),
        derived("x", "ratio", "y", "a"),
        derived("y", "ratio", "x", "a"),
    ]
    with pytest.raises(DerivedProblems) as failed:
        resolve_all(specs, figures)
    assert failed.value.problems == [
        ("broken", "cannot divide by z: its value can be zero or less"),
        ("x", "derived figures form a cycle through their inputs"),
        ("y", "derived figures form a cycle through their inputs"),
    ]


def test_money_in_one_years_prices_stays_in_them_and_two_years_prices_do_not_mix():
    a = figure("a", value=10, unit="USD", price_base=2015)
    b = figure("b", value=4, unit="USD", price_base=2015)
    assert compute(derived("d", "difference", "a", "b"), [a, b]).price_base == 2015
    assert compute(derived("r", "ratio", "a", "b"), [a, b]).price_base is None  # times: no money
    today = figure("c", value=4, unit="USD")
    with pytest.raises(ValueError) as refused:
        compute(derived("d", "difference", "a", "c"), [a, today])
    assert str(refused.value) == (
        "cannot combine a (2015 prices) and c (current prices) in a difference: give both in "
        "the same year's prices"
    )
    with pytest.raises(ValueError) as reversed_:
        compute(derived("d", "difference", "c", "a"), [today, a])
    assert str(reversed_.value).startswith("cannot combine c (current prices) and a (2015 prices)")
