"""Errors that know how editors write in their own language: a decimal comma, '13,2 milliards',
'16 décembre 2022', '€' or 'EURO' each get the exact YAML to write, at their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import local_input
from tests.support import edit, run


def first_line(root: Path) -> str:
    result = run(root, "check", "--today", "2024-07-12")
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    return result.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("text", "number", "currency"),
    [
        ("13,2 milliards", "13200000000", None),
        ("13,2 milliards d’euros", "13200000000", "EUR"),
        ("3,3 Md€", "3300000000", "EUR"),
        ("13,2 Mrd.", "13200000000", None),
        ("13,2 Milliarden Euro", "13200000000", "EUR"),
        ("1.2 billion", "1200000000", None),
        ("1,2 Billionen", "1200000000000", None),
        ("13,2 млрд", "13200000000", None),
        ("1,5 мільйона гривень", "1500000", "UAH"),
        ("1 200,5 millions", "1200500000", None),
    ],
)
def test_a_number_with_a_scale_word_is_read_in_its_language(
    text: str, number: str, currency: str | None
) -> None:
    assert local_input.scaled_number(text) == (number, currency)


@pytest.mark.parametrize(
    "text",
    [
        "2 billion",  # a thousand million in English, a million million in German
        "1,234 million",  # a decimal comma in French, a thousands comma in English
        "12 bananas",
    ],
)
def test_a_number_that_reads_two_ways_or_none_is_not_guessed(text: str) -> None:
    assert local_input.scaled_number(text) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("16/12/2022", "2022-12-16"),
        ("16.12.2022", "2022-12-16"),
        ("16 décembre 2022", "2022-12-16"),
        ("1er mars 2020", "2020-03-01"),
        ("16. Dezember 2022", "2022-12-16"),
        ("16 грудня 2022 р.", "2022-12-16"),
        ("December 16, 2022", "2022-12-16"),
        ("décembre 2022", "2022-12"),
        ("Dezember 2022", "2022-12"),
        ("грудень 2022", "2022-12"),
        ("janv. 2020", "2020-01"),
        ("12/2022", "2022-12"),
        ("05/06/2022", "2022-06-05 if the day comes first, 2022-05-06 if the month does"),
    ],
)
def test_a_date_written_the_local_way_gets_its_iso_form(text: str, iso: str) -> None:
    assert local_input.iso_date_meant(text) == iso


def test_a_date_that_is_no_date_gets_no_iso_form() -> None:
    assert local_input.iso_date_meant("31/02/2022") is None
    assert local_input.iso_date_meant("sometime in spring") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("€", "EUR"), ("EURO", "EUR"), ("euros", "EUR"), ("Euro", "EUR"), ("£", "GBP"),
     ("₴", "UAH"), ("гривень", "UAH"), ("livres sterling", "GBP"), ("eur", "EUR")],
)  # fmt: skip
def test_a_currency_symbol_or_name_gets_its_code(text: str, code: str) -> None:
    assert local_input.currency_meant(text) == code


def test_a_currency_name_many_currencies_share_gets_no_code() -> None:
    assert local_input.currency_meant("dollars") is None  # US, Canadian, Australian…


# As `check` reports them, at their line, on the starter sheet.


def test_a_decimal_comma_gets_both_readings_never_a_wrong_one_alone(starter: Path) -> None:
    edit(starter, "figures.yml", "value: 8200000000", "value: 13,2")
    assert first_line(starter) == (
        "content/figures.yml:9:12: figures[0].value: expected a number, got the text '13,2'; "
        "YAML writes a decimal comma as a point: 13.2, or, when the source says millions or "
        "billions, the whole number (13,2 million: 13200000; 13,2 billion: 13200000000)"
    )


def test_a_number_in_words_gets_the_whole_number(starter: Path) -> None:
    edit(starter, "figures.yml", "value: 8200000000", "value: 13,2 milliards d’euros")
    assert first_line(starter) == (
        "content/figures.yml:9:12: figures[0].value: expected a number, got the text '13,2 "
        "milliards d’euros'; write the whole number, without words: 13200000000, with `unit: "
        "EUR`"
    )


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("16/12/2022", "2022-12-16"),
        ("16 décembre 2022", "2022-12-16"),
        ("16. Dezember 2022", "2022-12-16"),
    ],
)
def test_a_local_date_in_a_figure_gets_its_iso_form(starter: Path, written: str, iso: str) -> None:
    edit(starter, "figures.yml", "as_of: 2024-07-01", f"as_of: {written}")
    assert first_line(starter) == (
        f"content/figures.yml:12:12: figures[0].as_of: expected a date as YYYY, YYYY-MM or "
        f"YYYY-MM-DD, got '{written}'; write {iso}"
    )


@pytest.mark.parametrize("written", ["EURO", "€"])
def test_a_currency_as_unit_gets_its_code(starter: Path, written: str) -> None:
    edit(starter, "figures.yml", "unit: people", f"unit: {written}")
    assert first_line(starter) == (
        f"content/figures.yml:11:11: figures[0].unit: '{written}' is a currency: a unit of "
        "money is written as its ISO 4217 code, `unit: EUR`"
    )


def test_a_currency_name_as_unit_gets_its_code(starter: Path) -> None:
    edit(starter, "figures.yml", "unit: people", "unit: euros")
    assert first_line(starter) == (
        "content/figures.yml:11:11: world-population-2024.unit: unknown unit 'euros': a "
        "currency is written as its ISO 4217 code, `unit: EUR`"
    )


COSTS = """\
figures:
  - id: cost-2006
    label: for the reactor
    says: EDF announced
    topic: example
    measure: cost
    value: 3300000000
    unit: EUR
    as_of: 2006
    historical: true
    source: un-wpp-2024
  - id: cost-2020
    label: for the reactor
    says: The auditor estimates
    topic: example
    measure: cost
    value: 13.2
    unit: EUR
    as_of: 2020
    historical: true
    source: un-wpp-2024
"""


def test_a_value_far_smaller_than_the_others_of_its_unit_is_warned_at_its_line(
    starter: Path,
) -> None:
    (starter / "content" / "costs.yml").write_text(COSTS, encoding="utf-8")
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 0, result.output  # a warning: the value may be right
    assert result.stdout.splitlines()[0] == (
        "content/costs.yml:17:12: warning: cost-2020.value: 13.2 is over 1000 times smaller "
        "than the other EUR figures of the measure 'cost' (the smallest: 3,300,000,000); if the "
        "source writes it in millions or billions ('13,2 milliards'), write the whole number "
        "(13.2 billion is 13200000000)"
    )
    assert run(starter, "check", "--strict", "--today", "2024-07-12").exit_code == 1


def test_figures_of_one_order_of_magnitude_are_not_warned(starter: Path) -> None:
    (starter / "content" / "costs.yml").write_text(
        COSTS.replace("value: 13.2", "value: 13200000000"), encoding="utf-8"
    )
    result = run(starter, "check", "--strict", "--today", "2024-07-12")
    assert result.exit_code == 0, result.output


THIRD_COST = """\
  - id: cost-2010
    label: for the reactor
    says: EDF announced
    topic: example
    measure: cost
    value: 9900000000
    unit: EUR
    as_of: 2010
    historical: true
    source: un-wpp-2024
"""


def test_the_smallest_figure_is_set_against_the_next_smallest_and_twins_against_each_other(
    starter: Path,
) -> None:
    """Three figures of one kind: 13.2 against the next smallest (3.3 billion) is warned, the
    next smallest against 13.2 is not; two figures of 13.2 are each other's smallest."""
    three = COSTS + THIRD_COST
    (starter / "content" / "costs.yml").write_text(three, encoding="utf-8")
    warned = run(starter, "check", "--today", "2024-07-12").stdout.splitlines()

    (starter / "content" / "costs.yml").write_text(
        three.replace("value: 9900000000", "value: 13.2"), encoding="utf-8"
    )
    twins = run(starter, "check", "--strict", "--today", "2024-07-12")

    assert [line for line in warned if "times smaller" in line] == [
        "content/costs.yml:17:12: warning: cost-2020.value: 13.2 is over 1000 times smaller "
        "than the other EUR figures of the measure 'cost' (the smallest: 3,300,000,000); if the "
        "source writes it in millions or billions ('13,2 milliards'), write the whole number "
        "(13.2 billion is 13200000000)"
    ]
    assert twins.exit_code == 0, twins.output
