"""What a unit key names (built-in, rate, currency, the sheet's own), the English words editors
read in messages about it, and what a chart converts it to: each written out by hand."""

from __future__ import annotations

import pytest

from generator.units import (
    UNITS,
    Unit,
    base_unit,
    is_currency,
    known,
    unit,
    unit_words,
    unknown_unit,
)

FURLONG = Unit("furlong", "furlong", "furlongs", "fur")
SHEET = {"furlong": FURLONG}


def test_a_rate_per_n_is_a_unit_with_its_base_in_words():
    assert unit("per-1000") == Unit(
        "per-1000", "per 1,000", "per 1,000", per=1000, message="units.per"
    )
    assert unit("per-100000-people") == Unit(
        "per-100000-people",
        "per 100,000 people",
        "per 100,000 people",
        per=100_000,
        message="units.per-people",
    )


def test_a_currency_is_a_unit_named_by_cldr_in_english():
    assert unit("USD") == Unit("USD", "USD", "US dollars", "USD", currency="USD")
    assert unit("UAH") == Unit("UAH", "UAH", "Ukrainian hryvnias", "UAH", currency="UAH")


def test_a_currencys_english_name_does_not_depend_on_the_machines_locale(monkeypatch):
    monkeypatch.setattr("babel.numbers.LC_MONETARY", "de_DE")  # as LANG=de_DE.UTF-8 makes it
    assert unit("USD").plural == "US dollars"


def test_a_built_in_unit_comes_before_the_sheets_and_the_sheets_before_nothing():
    assert unit("km", {"km": FURLONG}) is UNITS["km"]
    assert unit("furlong", SHEET) is FURLONG
    for sheet in (None, {}, SHEET):
        with pytest.raises(KeyError) as missing:
            unit("league", sheet)
        assert missing.value.args == ("league",)


def test_known_says_whether_a_key_names_a_unit():
    assert [known(k) for k in ("km", "per-10", "EUR", "furlong", "league")] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert known("furlong", SHEET)


def test_a_currency_is_a_code_cldr_knows_in_capitals():
    assert [is_currency(c) for c in ("USD", "UAH", "usd", "ABC", "US")] == [
        True,
        True,
        False,
        False,
        False,
    ]


def test_an_unknown_unit_is_explained_by_what_it_looks_like():
    assert unknown_unit("usd") == (
        "unknown unit 'usd'; for the currency, write its ISO 4217 code 'USD'"
    )
    assert unknown_unit("euros") == (
        "unknown unit 'euros': a currency is written as its ISO 4217 code, `unit: EUR`"
    )
    assert unknown_unit("ABC") == (
        "unknown currency 'ABC': not an ISO 4217 code (e.g. USD, EUR, GBP, UAH); write the code "
        "as the standard gives it"
    )
    everything = (
        "people, count, percent, percentage-points, times, km2, m, km, yd, mi, m-per-day, "
        "km-per-day, yd-per-day, mi-per-day, hours, days, weeks, months, years"
    )
    assert unknown_unit("league") == (
        f"unknown unit 'league'; expected one of {everything}, a currency code (USD, EUR, …), "
        "a rate (per-1000, per-100000-people, …), or define it under sheet.units"
    )
    assert unknown_unit("league", {"furlong": FURLONG, "fathom": FURLONG}) == (
        f"unknown unit 'league'; expected one of {everything}, a currency code (USD, EUR, …), "
        "a rate (per-1000, per-100000-people, …); the sheet's own: furlong, fathom "
        "(sheet.units), or define it under sheet.units"
    )


def test_a_units_english_words_for_editors():
    assert unit_words(UNITS["percent"]) == "per cent"
    assert unit_words(UNITS["km-per-day"]) == "kilometres a day"
    assert unit_words(Unit("per-sq-km", "", "")) == "per sq km"


@pytest.mark.parametrize(
    ("key", "base", "factor"),
    [
        ("yd", "m", 0.9144),
        ("km", "m", 1000.0),
        ("mi", "m", 1609.344),  # a mile is 1.609344 km, a km 1,000 m
        ("mi-per-day", "m-per-day", 1609.344),
        ("per-1000", "per-100000", 100.0),
        ("per-1000000-people", "per-100000-people", 0.1),
        ("people", "people", 1.0),
        ("USD", "USD", 1.0),
    ],
)
def test_a_chart_that_mixes_units_converts_each_to_its_base(key, base, factor):
    found, by = base_unit(key)
    assert (found, by) == (base, pytest.approx(factor))
