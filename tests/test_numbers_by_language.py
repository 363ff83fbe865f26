"""How the writer puts a figure into words, case by case, in each shipped language: the cases a
mutation run (`make mutation`) found no test for. Every expected string is written out by hand.

Each test makes its own Writer: a Writer remembers the dates it wrote, so one shared between
tests would answer from memory and hide a change in how a date is written.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator import numbers
from generator.derive import compute
from generator.language import Language
from generator.models import Derived, Figure, PartialDate, Period
from generator.numbers import Writer
from generator.units import Unit

LANGUAGES = ("en", "de", "fr", "uk")
NB, NNB = "\u00a0", "\u202f"  # no-break space; narrow no-break space (French thousands)


def writer(tag: str) -> Writer:
    return Writer(Language.of(tag))


def by_language(**texts: str) -> list[tuple[str, str]]:
    return list(texts.items())


# Numbers: how many decimals a number shows when the source gives none


@pytest.mark.parametrize(
    ("tag", "texts"),
    by_language(
        en=("12.3", "1.6", "0.12", "0.1235"),
        de=("12,3", "1,6", "0,12", "0,1235"),
        fr=("12,3", "1,6", "0,12", "0,1235"),
        uk=("12,3", "1,6", "0,12", "0,1235"),
    ),
)
def test_a_fraction_shows_one_decimal_from_one_up_two_below_and_what_the_source_asks(tag, texts):
    write = writer(tag)
    # 12.34 and 1.55 are at least 1: one place, halves up; 0.123 is below 1: two places;
    # four places asked for are four places, more than the locale's pattern shows by itself.
    assert (
        write.number(12.34),
        write.number(1.55),
        write.number(0.123),
        write.number(0.12345, 4),
    ) == texts


@pytest.mark.parametrize(
    ("tag", "text"),
    by_language(
        en="900 million–1.2 billion",
        de="900 Millionen–1,2 Milliarden",
        fr="900 millions–1,2 milliard",
        uk="900 мільйонів–1,2 мільярда",
    ),
)
def test_a_range_across_two_scale_words_keeps_both(tag, text):
    assert writer(tag).span(900_000_000, 1_200_000_000) == text


# Units whose words agree with the number


@pytest.mark.parametrize(
    ("tag", "millions", "one_million", "year"),
    [
        ("en", "1.2 million kilometres", "1 million kilometres", "1 year"),
        ("de", "1,2 Millionen Kilometer", "1 Million Kilometer", "1 Jahr"),
        ("uk", "1,2 мільйона кілометрів", "1 мільйон кілометрів", "1 рік"),
    ],
)
def test_a_unit_agrees_with_the_whole_number_a_scale_word_stands_for(
    tag, millions, one_million, year
):
    """1.2 million is 1,200,000 things: in Ukrainian, 'кілометрів' as after 'мільйон', never
    the form a fraction takes ('1,2 кілометра'). A number rounded to no decimals (1.04 shown
    as 1) takes the singular."""
    write = writer(tag)
    assert write.quantity(1_200_000, 1_200_000, None, "km") == millions
    assert write.quantity(1_000_000, 1_000_000, None, "km") == one_million
    assert write.quantity(1.04, 1.04, None, "years", 0) == year


@pytest.mark.parametrize(
    ("tag", "text"),
    by_language(en="40 kilometres", de="40 Kilometer", fr="40 kilomètres", uk="40 кілометрів"),
)
def test_exactly_adds_no_word(tag, text):
    assert writer(tag).quantity(40, 40, "exactly", "km") == text


@pytest.mark.parametrize(
    ("tag", "under_100", "from_100"),
    [
        ("en", "100 yards (91.4 metres)", "110 yards (101 metres)"),
        ("de", "100 Yards (91,4 Meter)", "110 Yards (101 Meter)"),
        ("fr", "100 yards (91,4 mètres)", "110 yards (101 mètres)"),
        ("uk", "100 ярдів (91,4 метра)", "110 ярдів (101 метр)"),
    ],
)
def test_a_metric_twin_shows_a_decimal_below_100_and_none_from_100(tag, under_100, from_100):
    write = writer(tag)  # 100 yd = 91.44 m; 110 yd = 100.584 m
    assert write.quantity(100, 100, None, "yd") == under_100
    assert write.quantity(110, 110, None, "yd") == from_100


def test_a_sheets_own_unit_is_written_with_the_sheets_words():
    language = Language.of(
        "en", {"units.furlong.amount": {"one": "{n} furlong", "other": "{n} furlongs"}}
    )
    write = Writer(language, {"furlong": Unit("furlong", "furlong", "furlongs", message="")})
    assert write.quantity(8, 8, None, "furlong") == "8 furlongs"
    assert write.quantity(1, 1, "about", "furlong") == "about 1 furlong"


# Percentages


@pytest.mark.parametrize(
    ("tag", "texts"),
    by_language(
        en=("13%", "92.5%", "12%", "12–13%"),
        de=(f"13{NB}%", f"92,5{NB}%", f"12{NB}%", f"12–13{NB}%"),
        fr=(f"13{NNB}%", f"92,5{NNB}%", f"12{NNB}%", f"12–13{NNB}%"),
        uk=("13%", "92,5%", "12%", "12–13%"),
    ),
)
def test_a_percentage_shows_the_decimals_asked_for_and_a_range_only_when_its_ends_differ(
    tag, texts
):
    write = writer(tag)
    assert (
        write.quantity(12.5, 12.5, None, "percent", 0),  # no decimals: 12.5 rounds up
        write.quantity(92.46, 92.46, None, "percent"),  # one decimal when the source gives some
        write.quantity(12.4, 12.45, None, "percent", 0),  # both ends read 12: one value
        write.quantity(12.4, 12.6, None, "percent", 0),
    ) == texts


# Money


@pytest.mark.parametrize(
    ("tag", "texts"),
    by_language(
        en=("€12", "€12.50", "€1,234.50"),
        de=("12 Euro", "12,50 Euro", "1.234,50 Euro"),
        fr=("12 euros", "12,50 euros", f"1{NNB}234,50 euros"),
        uk=("12 євро", "12,50 євро", f"1{NB}234,50 євро"),
    ),
)
def test_money_shows_cents_only_when_it_has_some_and_groups_its_thousands(tag, texts):
    write = writer(tag)
    assert (
        write.quantity(12, 12, None, "EUR"),
        write.quantity(12.5, 12.5, None, "EUR"),  # one amount, not '12.50–12.50'
        write.quantity(1234.5, 1234.5, None, "EUR"),
    ) == texts


@pytest.mark.parametrize(
    ("tag", "text"),
    by_language(
        en="¥1,235",
        de="1.235 Japanische Yen",
        fr=f"1{NNB}235 yens japonais",
        uk=f"1{NB}235 японської єни",
    ),
)
def test_money_in_a_currency_without_cents_rounds_to_whole_units(tag, text):
    assert writer(tag).quantity(1234.5, 1234.5, None, "JPY") == text


# Units' names


@pytest.mark.parametrize(
    ("tag", "names"),
    by_language(
        en=("kilometres", "US dollars", "per 100,000 people"),
        de=("Kilometer", "US-Dollar", "je 100.000 Personen"),
        fr=("kilomètres", "dollars", f"pour 100{NNB}000 habitants"),
        uk=("кілометри", "долари США", f"на 100{NB}000 осіб"),
    ),
)
def test_a_units_name_for_an_axis_or_a_heading(tag, names):
    write = writer(tag)
    assert (
        write.unit_name("km"),
        write.unit_name("USD"),
        write.unit_name("per-100000-people"),
    ) == names


# Dates and periods


@pytest.mark.parametrize(
    ("tag", "dates"),
    by_language(
        en=("2 October 2025", "March 2025", "2025"),
        de=("2. Oktober 2025", "März 2025", "2025"),
        fr=("2 octobre 2025", "mars 2025", "2025"),
        uk=("2 жовтня 2025", "березень 2025", "2025"),
    ),
)
def test_a_date_is_as_precise_as_its_source_in_each_language(tag, dates):
    write = writer(tag)
    assert (
        tuple(write.date(PartialDate.model_validate(d)) for d in ("2025-10-02", "2025-03", 2025))
        == dates
    )


def period(start: str | int, end: str | int) -> Period:
    return Period.model_validate({"start": start, "end": end})


@pytest.mark.parametrize(
    ("tag", "texts"),
    by_language(
        en=("2006–2019", "2006 – October 2019", "March 2006 – 2019"),
        de=("2006–2019", "2006 – Oktober 2019", "März 2006 – 2019"),
        fr=("2006–2019", "2006 – octobre 2019", "mars 2006 – 2019"),
        uk=("2006–2019", "2006 – жовтень 2019", "березень 2006 – 2019"),
    ),
)
def test_a_period_is_a_span_of_years_only_when_both_ends_are_years(tag, texts):
    """A period from 2006 to October 2019 must not read '2006–2019'."""
    write = writer(tag)
    assert (
        write.period(period(2006, 2019)),
        write.period(period(2006, "2019-10")),
        write.period(period("2006-03", 2019)),
    ) == texts


# Stored and computed figures


def figure(fid: str, **fields) -> Figure:
    base = dict(id=fid, label=fid, says="X says", topic="t", measure="m", unit="people")
    return Figure.model_validate({"as_of": "2025", "source": "s", **base, **fields})


@pytest.mark.parametrize(
    ("tag", "shown", "working"),
    [
        ("en", "2.34 times", "2,345 ÷ 1,001 = 2.34"),
        ("de", "2,34-mal", "2.345 ÷ 1.001 = 2,34"),
        ("fr", "2,34 fois", f"2{NNB}345 ÷ 1{NNB}001 = 2,34"),
        ("uk", "2,34 раза", f"2{NB}345 ÷ 1{NB}001 = 2,34"),
    ],
)
def test_a_computed_figure_shows_the_decimals_its_derivation_asks_for(tag, shown, working):
    """2,345 ÷ 1,001 = 2.3427 (four figures each): two decimals asked for, 2.34, not the one
    decimal a number shows by itself."""
    spec = Derived(id="d", label="d", topic="t", op="ratio", inputs=["a", "b"], decimals=2)
    result = compute(spec, [figure("a", value=2345), figure("b", value=1001)])
    write = writer(tag)
    assert write.shown(result) == shown
    assert write.working(result) == working


def test_a_computed_input_is_written_with_its_own_decimals_in_a_working():
    """A ratio of a ratio: the inner result (2.34, at two decimals) is written as it is shown."""
    inner = compute(
        Derived(id="r", label="r", topic="t", op="ratio", inputs=["a", "b"], decimals=2),
        [figure("a", value=2345), figure("b", value=1001)],
    )
    outer = compute(
        Derived(id="o", label="o", topic="t", op="ratio", inputs=["r", "c"], decimals=2),
        [inner, figure("c", value=1.5, unit="times")],
    )
    # 2.3427 ÷ 1.5 = 1.5618, to the two figures of 1.5: 1.6
    assert writer("en").working(outer) == "2.34 ÷ 1.5 = 1.56 ≈ 1.6"


# Significant figures


@pytest.mark.parametrize(
    ("value", "figures"),
    [(0, 1), (0.8, 1), (47_434, 5), (1_200_000, 2), (1.5e-7, 2), (1.25e15, 3), (2.5, 2)],
)
def test_significant_figures_of_a_number_as_written(value, figures):
    assert numbers.significant_figures(value) == figures


@pytest.mark.parametrize(
    ("value", "digits", "rounded"), [(0, 2, 0.0), (1, 2, 1.0), (0.0, 3, 0.0), (-852.9, 2, -850.0)]
)
def test_rounding_to_significant_figures_keeps_zero_and_one(value, digits, rounded):
    assert numbers.round_significant(value, digits) == rounded


def test_the_days_of_a_period_are_written_in_full_in_a_working():
    """1,000,000 days (1 January 1 to 28 November 2738) is a count, never '1 million days'."""
    spec = Derived(id="d", label="d", topic="t", op="per-day", inputs=["a"])
    long_ago = figure("a", value=2_000_000, as_of=None, period=period("0001-01-01", "2738-11-28"))
    assert writer("en").working(compute(spec, [long_ago])) == "2 million ÷ 1,000,000 days = 2"


@pytest.mark.parametrize(
    ("tag", "text"),
    by_language(
        en="2,000,000 billion",
        de="2.000.000 Milliarden",
        fr=f"2{NNB}000{NNB}000 milliards",
        uk=f"2{NB}000{NB}000 мільярдів",
    ),
)
def test_a_million_billions_uses_the_scale_words_other_form_where_cldr_has_no_other(tag, text):
    """French calls 2,000,000 'many', for which CLDR has no pattern of billions: 'other' it is."""
    assert writer(tag).number(2e15) == text


@pytest.mark.parametrize(
    ("tag", "text"),
    by_language(
        en="31–62.1 miles (50–100 kilometres)",
        de="31–62,1 Meilen (50–100 Kilometer)",
        fr="31–62,1 miles (50–100 kilomètres)",
        uk="31–62,1 милі (50–100 кілометрів)",
    ),
)
def test_a_metric_twin_of_exactly_100_shows_no_decimal_at_either_end(tag, text):
    # 62.13711922373339 mi is 100.0 km exactly in floating point; 31 mi is 49.89 km
    assert writer(tag).quantity(31, 62.13711922373339, None, "mi") == text


def test_a_sheets_own_unit_has_its_own_name():
    language = Language.of("de", {"units.furlong.name": "Achtelmeilen"})
    write = Writer(language, {"furlong": Unit("furlong", "furlong", "furlongs")})
    assert write.unit_name("furlong") == "Achtelmeilen"


@pytest.mark.parametrize(
    ("x", "unit", "decimals", "zero"),
    [
        (0, "km", None, False),  # zero is written as zero, rightly
        (0.004, "km", None, True),  # two places below 1: 0.00
        (0.005, "km", None, False),  # 0.01
        (0.04, "percent", None, True),  # one place for a percentage: 0.0%
        (0.05, "percent", None, False),  # 0.1%
        (0.04, "percent", 2, False),
        (0.004, "USD", None, True),  # cents: $0.00
        (0.4, "JPY", None, True),  # no cents in yen: ¥0
        (0.5, "JPY", None, False),  # ¥1
        (0.4, "JPY", 1, False),
    ],
)
def test_a_number_that_would_show_as_zero_is_told_apart(x, unit, decimals, zero):
    assert writer("en").shows_as_zero(x, unit, decimals) is zero


@pytest.mark.parametrize(
    ("tag", "text"),
    by_language(
        en="€12.50 at 2015 prices",
        de="12,50 Euro zu Preisen von 2015",
        fr="12,50 euros aux prix de 2015",
        uk="12,50 євро в цінах 2015 року",
    ),
)
def test_money_in_constant_prices_names_the_year_of_its_prices(tag, text):
    in_2015_euros = figure("a", value=12.5, unit="EUR", price_base=2015)
    assert writer(tag).shown(in_2015_euros) == text


THIRTY_ZEROS = ("000",) * 10


@pytest.mark.parametrize(
    ("tag", "text"),
    by_language(
        en=",".join(("1", *THIRTY_ZEROS)),
        de=".".join(("1", *THIRTY_ZEROS)),
        fr=NNB.join(("1", *THIRTY_ZEROS)),
        uk=NB.join(("1", *THIRTY_ZEROS)),
    ),
)
def test_a_number_beyond_decimals_default_28_digits_is_written_in_full(tag, text):
    """1e30 (as a float, 1,000,000,000,000,000,019,884,624,838,656: no round ten million, so
    no scale word) is written with its 31 digits as the source gave them, in every language."""
    assert writer(tag).number(1e30) == text


def test_a_percentage_beyond_28_digits_is_written_in_full():
    assert writer("en").percent(1.2345678901234568e30) == (
        "1,234,567,890,123,456,800,000,000,000,000%"
    )


HUGE = float(78125 * 2**80)
"""94,447,329,657,392,904,273,920,000,000: a float that is a multiple of ten million, so it is
written in billions, with more digits than decimal's default 28."""


def grouped(separator: str, *groups: str) -> str:
    return separator.join(groups)


@pytest.mark.parametrize(
    ("tag", "text"),
    by_language(
        en=grouped(",", "94", "447", "329", "657", "392", "900", "000") + " billion kilometres",
        de=grouped(".", "94", "447", "329", "657", "392", "900", "000") + " Milliarden Kilometer",
        fr=grouped(NNB, "94", "447", "329", "657", "392", "900", "000")
        + " milliards de kilomètres",
        uk=grouped(NB, "94", "447", "329", "657", "392", "900", "000") + " мільярдів кілометрів",
    ),
)
def test_a_huge_figure_in_billions_takes_its_units_words_without_overflow(tag, text):
    """The seventeen digits a float keeps, then zeros; the unit agrees with the whole count."""
    assert writer(tag).quantity(HUGE, HUGE, None, "km") == text


@pytest.mark.parametrize(
    ("tag", "text"),
    by_language(
        en="€12.50–" + grouped(",", "1", *THIRTY_ZEROS) + ".00",
        de="12,50–" + grouped(".", "1", *THIRTY_ZEROS) + ",00 Euro",
        fr="12,50–" + grouped(NNB, "1", *THIRTY_ZEROS) + ",00 euros",
        uk="12,50–" + grouped(NB, "1", *THIRTY_ZEROS) + ",00 євро",
    ),
)
def test_a_range_of_money_with_cents_to_a_huge_amount_is_written_in_full(tag, text):
    assert writer(tag).quantity(12.5, 1e30, None, "EUR") == text


def test_a_sheets_own_unit_can_show_as_zero_too():
    write = Writer(Language.of("en"), {"furlong": Unit("furlong", "furlong", "furlongs")})
    assert write.shows_as_zero(0.001, "furlong") is True


def test_a_message_about_a_date_is_given_its_precision_year_and_month():
    write = writer("uk")
    day = write.date_words(dt.date(2019, 10, 16))
    assert (day["date"], day["precision"], day["year"]) == ("16 жовтня 2019", "day", "2019")
    assert (day["month"], day["month"].written) == (10, "10")
    year = write.date_words(PartialDate.model_validate(2019))
    assert (year["date"], year["precision"], year["year"]) == ("2019", "year", "2019")
    assert (year["month"], year["month"].written) == (1, "1")  # a year alone: January's case
