"""How figures read: one formatting module decides, and these are its rules."""

from __future__ import annotations

import pytest

from generator import numbers
from generator.derive import Computed, compute
from generator.language import Language
from generator.models import Derived, Figure, PartialDate, Period
from generator.numbers import Writer

write = Writer(Language.of("en"))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (47434, "47,434"),
        (275000, "275,000"),
        (1_200_000, "1.2 million"),
        (2_000_000, "2 million"),
        (141_900_000, "141.9 million"),
        (8_200_000_000, "8.2 billion"),
        (1_230_000_000, "1.23 billion"),
        (1_250_000, "1.25 million"),
        (1_234_567, "1,234,567"),  # not a round million: every digit stays
        (0.8, "0.8"),
        (12, "12"),
    ],
)
def test_numbers_get_thousands_separators_and_round_millions_in_words(value, text):
    assert write.number(value) == text


def test_a_range_is_written_with_an_en_dash():
    assert write.span(275_000, 325_000) == "275,000–325,000"
    assert write.span(25_000_000, 27_000_000) == "25–27 million"


def test_the_sources_qualifier_is_kept_in_front():
    assert write.quantity(140_000, 140_000, "up to", "people") == "up to 140,000"
    assert write.quantity(1_000, 1_000, "more than", "km") == "more than 1,000 kilometres"
    assert write.quantity(12, 12, "about", "percent") == "about 12%"


def test_units_are_spelled_out():
    assert write.quantity(590, 590, "about", "m-per-day") == "about 590 metres a day"
    assert write.quantity(4831, 4831, None, "km2") == "4,831 square kilometres"
    assert write.quantity(1, 1, None, "km") == "1 kilometre"


def test_imperial_units_get_their_metric_equivalent():
    # 25 yd = 22.86 m; 1,000 mi = 1,609.344 km: the twin is no more precise than the figure
    assert write.quantity(25, 25, "below", "yd-per-day") == (
        "below 25 yards a day (23 metres a day)"
    )
    assert write.quantity(1000, 1000, "more than", "mi") == (
        "more than 1,000 miles (1,600 kilometres)"
    )


def test_dates_are_as_precise_as_the_source():
    assert write.date(PartialDate.model_validate("2025-10-12")) == "12 October 2025"
    assert write.date(PartialDate.model_validate("2025-12")) == "December 2025"
    assert write.date(PartialDate.model_validate(2022)) == "2022"


def test_a_period_reads_from_first_to_last_day():
    period = Period.model_validate({"start": "2022-02-24", "end": "2025-12"})
    assert write.period(period) == "24 February 2022 – December 2025"
    assert period.days == 1407  # 24 Feb 2022 to 31 Dec 2025, both ends counted


def test_a_projection_says_so():
    as_of = PartialDate.model_validate("2026-05")
    assert write.time_phrase(None, as_of, projection=True) == "by May 2026"
    assert write.time_phrase(None, as_of) == "as of May 2026"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (3.25, 1, "3.3"),  # half to even would give 3.2
        (0.125, 2, "0.13"),  # exactly representable; half to even gives 0.12
        (2.675, 2, "2.68"),  # stored as 2.67499999…; the reader wrote 2.675
        (-3.25, 1, "-3.3"),  # half away from zero, as a reader rounds
        (1234.5, 0, "1,235"),
        (3.24, 1, "3.2"),
    ],
)
def test_halves_round_up_as_readers_round(value, decimals, text):
    assert write.number(value, decimals) == text


@pytest.mark.parametrize(
    ("value", "digits", "rounded"),
    [(3.25, 2, 3.3), (0.0125, 2, 0.013), (852.5, 2, 850.0), (8_550, 2, 8_600.0)],
)
def test_significant_figures_round_halves_up(value, digits, rounded):
    assert numbers.round_significant(value, digits) == rounded


def _figure(fid: str, **fields) -> Figure:
    base = dict(id=fid, label=fid, says="X says", topic="t", measure="m", unit="people")
    return Figure.model_validate({"as_of": "2025", "source": "s", **base, **fields})


def _computed(op: str, *inputs: Figure, **fields) -> Computed:
    spec = Derived(id="d", label="d", topic="t", op=op, inputs=[i.id for i in inputs], **fields)
    return compute(spec, list(inputs))


def test_a_stored_and_a_computed_figure_read_through_the_same_functions():
    stored = _figure("a", low=275_000, high=325_000, qualifier="about", as_of="2025-10")
    result = _computed("ratio", stored, _figure("b", low=100_000, high=140_000, as_of="2025-10"))
    assert write.shown(stored) == "about 275,000–325,000"
    assert write.when(stored) == "as of October 2025"
    assert write.shown(result) == "about 2–3.3 times"
    assert write.when(result) == "as of October 2025"


def test_a_label_that_says_when_gets_no_date_phrase_nor_does_a_result_computed_from_it():
    stored = _figure("a", value=80, unit="m-per-day", dated_in_label=True, as_of="1916")
    assert write.when(stored) == ""
    per_year = _figure("b", value=365, period={"start": "2025", "end": "2025"})
    assert write.when(_computed("ratio", stored, per_year)) == ""
    assert write.when(per_year) == "2025"


def test_a_stored_figure_has_no_formula_or_working():
    stored = _figure("a", value=12)
    assert (write.formula(stored), write.working(stored)) == (None, None)


@pytest.mark.parametrize(
    ("op", "inputs", "days", "formula", "working"),
    [
        (
            "ratio",
            [{"low": 275_000, "high": 325_000}, {"low": 100_000, "high": 140_000}],
            None,
            "a ÷ b",
            "(275,000–325,000) ÷ (100,000–140,000) ≈ 2–3.3",
        ),
        (
            "share",
            [{"value": 300}, {"value": 1200}],
            None,
            "a ÷ b × 100",
            "300 ÷ 1,200 × 100 = 25%",
        ),
        ("difference", [{"value": 10}, {"value": 4}], None, "a − b", "10 − 4 = 6"),
        (
            "per-period",
            [{"value": 415_000, "as_of": None, "period": {"start": "2025", "end": "2025"}}],
            42,
            "a ÷ days in 2025 × 42",
            "415,000 ÷ 365 days × 42 ≈ 47,753.4 per 42 days, rounded to about 47,800",
        ),
        (
            "per-day",
            [
                {
                    "value": 1_200_000,
                    "as_of": None,
                    "period": {"start": "2022-02-24", "end": "2025-12"},
                }
            ],
            None,
            "a ÷ days from 24 February 2022 to December 2025",
            "1.2 million ÷ 1,407 days ≈ 852.9 a day, rounded to about 850",
        ),
    ],
)
def test_a_computed_figure_shows_its_formula_in_words_and_its_working_in_numbers(
    op, inputs, days, formula, working
):
    figures = [_figure(fid, **fields) for fid, fields in zip("ab", inputs, strict=False)]
    result = _computed(op, *figures, days=days)
    assert write.formula(result) == formula
    assert write.working(result) == working


@pytest.mark.parametrize(
    ("value", "digits", "decimals", "rounded"),
    [
        # 141.9 million ÷ 33.4 million: three figures would be 4.25, then 4.3 at one place;
        # rounded once it is 4.2, as the quotient is.
        (4.248502994, 3, 1, 4.2),
        (47_834.7, 3, 0, 47_800.0),  # the figures are the coarser precision here
        (3.25, 2, 1, 3.3),
    ],
)
def test_a_derived_figure_is_rounded_once_to_the_coarser_precision(
    value, digits, decimals, rounded
):
    assert numbers.round_significant(value, digits, decimals) == rounded
