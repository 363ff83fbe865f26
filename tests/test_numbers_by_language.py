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
    ("tag", "hundred", "hundred_and_ten"),
    [
        ("en", "100 yards (91 metres)", "110 yards (100 metres)"),
        ("de", "100 Yards (91 Meter)", "110 Yards (100 Meter)"),
        ("fr", "100 yards (91 mètres)", "110 yards (100 mètres)"),
        ("uk", "100 ярдів (91 метр)", "110 ярдів (100 метрів)"),
    ],
)
def test_a_round_figures_twin_has_two_significant_figures(tag, hundred, hundred_and_ten):
    """A round figure's zeros count for one figure: '100 yards' is neither '1 hundred' (90 m)
    nor exact to the yard (91.4 m)."""
    write = writer(tag)  # 100 yd = 91.44 m; 110 yd = 100.584 m
    assert write.quantity(100, 100, None, "yd") == hundred
    assert write.quantity(110, 110, None, "yd") == hundred_and_ten


def test_a_figure_whose_source_gives_its_decimals_has_its_twin_in_full_too():
    """Decimals asked for write a figure unscaled, in full: its twin is written the same way,
    not rounded to the figures of a scaled one."""
    assert writer("en").quantity(1_200_000, 1_200_000, None, "mi", 0) == (
        "1,200,000 miles (1,931,213 kilometres)"
    )


def test_a_sheets_own_unit_is_written_with_the_sheets_words():
    language = Language.of(
        "en", {"units.furlong.amount": {"one": "{n} furlong", "other": "{n} furlongs"}}
    )
    write = Writer(language, {"furlong": Unit("furlong", "furlong", "furlongs", message="")})
    assert write.quantity(8, 8, None, "furlong") == "8 furlongs"
    assert write.quantity(1, 1, "about", "furlong") == "about 1 furlong"


def test_a_range_of_a_sheets_own_count_stays_in_figures_in_a_sentence():
    """A count of the sheet's own unit has its noun after it ('4–6 Dosen'), which a range in
    words would have to decline; a count of people has none ('4 bis 6')."""
    language = Language.of("de", {"units.doses.amount": "{ $n } Dosen"})
    write = Writer(language, {"doses": Unit("doses", "dose", "doses", counts=True)})
    assert write.quantity(4, 6, None, "doses", sentence=True) == "4–6 Dosen"
    assert write.quantity(4, 6, None, "people", sentence=True) == "4 bis 6"


def test_a_range_in_words_with_decimals_asked_for_has_no_scale_word():
    """Ukrainian says a range in words ('від … до …') only where no scale word follows: a
    million written in full at the decimals asked for has none."""
    write = writer("uk")
    assert write.quantity(1e6, 2e6, None, "people", 0, sentence=True) == (
        f"від 1{NB}000{NB}000 до 2{NB}000{NB}000"
    )
    assert write.quantity(1e6, 2e6, None, "people", sentence=True) == "1–2 мільйони"


def test_a_units_words_are_told_when_the_number_has_no_scale_word():
    """`$scale` is 'none' for a number written without a scale word, also when the decimals
    asked for write a million in full."""
    times = "{ $scale ->\n [none] { $n } fois\n *[other] { $n } de fois\n}"
    write = Writer(Language.of("fr", {"units.times.amount": times}))
    assert write.quantity(5, 5, None, "times") == "5 fois"
    assert write.quantity(2e6, 2e6, None, "times") == "2 millions de fois"
    kilometres = writer("fr").quantity(1.2e6, 1.2e6, None, "km", 0)
    assert kilometres == f"1{NNB}200{NNB}000 kilomètres"


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
        uk=("кілометри", "долари США", f"кількість на 100{NB}000 осіб"),
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
        ("en", "2.34 times", "2,345 ÷ 1,001 ≈ 2.34"),
        ("de", "das 2,34-Fache", "2.345 ÷ 1.001 ≈ 2,34"),
        ("fr", "2,34 fois", f"2{NNB}345 ÷ 1{NNB}001 ≈ 2,34"),
        ("uk", "2,34 раза", f"2{NB}345 ÷ 1{NB}001 ≈ 2,34"),
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


@pytest.mark.parametrize(
    ("op", "values", "working"),
    [
        ("ratio", (1250, 610), "1.250 ÷ 610 ≈ 2"),  # 2.05: a rounded result is never '='
        ("difference", (83, 74), "83 − 74 = 9"),  # exact, so '='
        ("ratio", (1250, 625), "1.250 ÷ 625 = 2"),
    ],
)
def test_a_working_says_equals_only_where_its_result_is_exact(op, values, working):
    """A fact sheet never prints a false equation (German review, round 4, E5)."""
    spec = Derived(id="d", label="d", topic="t", op=op, inputs=["a", "b"], decimals=0)
    a, b = values
    result = compute(spec, [figure("a", value=a), figure("b", value=b)])
    assert writer("de").working(result) == working


def test_a_figure_shown_keeps_its_range_in_figures_and_said_puts_it_in_words():
    q = figure("a", low=500_000, high=600_000)
    write = writer("de")
    assert write.shown(q) == "500.000–600.000"
    assert write.said(q) == "500.000 bis 600.000"


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
    assert writer("en").working(outer) == ("2.34 ÷ 1.5 ≈ 1.56, rounded to about 1.6 times")


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
    assert writer("en").working(compute(spec, [long_ago])) == (
        "2 million ÷ 1,000,000 days = 2 a day"
    )


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
        en="31–62.1 miles (49.9–100 kilometres)",
        de="31–62,1 Meilen (49,9–100 Kilometer)",
        fr="31–62,1 miles (49,9–100 kilomètres)",
        uk="31–62,1 милі (49,9–100 кілометрів)",
    ),
)
def test_a_range_twin_has_the_figures_of_its_more_precise_end_at_both_ends(tag, text):
    """'62.1' shows three figures, so both ends have three: 31 mi is 49.89 km, 49.9; the high
    end, 62.13711922373339 mi, is 100.0 km exactly in floating point, written '100'."""
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


def french_figure(**kw: object) -> Figure:
    """A French source's figure, as a sheet gives one; `kw` changes its fields."""
    base: dict[str, object] = dict(
        id="f",
        label="salariés",
        says="L’Insee compte",
        topic="t",
        measure="m",
        unit="people",
        as_of="2024",
        source="s",
    )
    return Figure.model_validate({**base, **kw})


# --- Writer.claim: the whole sentence ------------------------------------------------------


@pytest.mark.parametrize(
    ("kw", "text"),
    [
        ({"value": 1_000_000}, f"L’Insee compte 1{NB}million de salariés en 2024"),
        (
            {"value": 1_000_000, "label": "enfants"},
            f"L’Insee compte 1{NB}million d’enfants en 2024",
        ),
        ({"value": 25, "as_of": "2024-03"}, "L’Insee compte 25 salariés en mars 2024"),
        (
            {"value": 800_000, "qualifier": "about", "says": "Les effectifs sont de"},
            f"Les effectifs sont d’environ 800{NNB}000 salariés en 2024",
        ),
        (
            {"value": 800_000, "says": "Les effectifs sont de"},
            f"Les effectifs sont de 800{NNB}000 salariés en 2024",
        ),
        (
            # the unit's own words say 'de kilomètres': the label follows them as it stands
            {"value": 3_000_000, "unit": "km", "label": "de routes", "says": "La France compte"},
            f"La France compte 3{NB}millions de kilomètres de routes en 2024",
        ),
        (
            {"value": 2_000_000, "dated_in_label": True, "label": "salariés en 2024"},
            f"L’Insee compte 2{NB}millions de salariés en 2024",
        ),
        (
            {"low": 500_000, "high": 600_000, "qualifier": "about"},
            f"L’Insee compte environ 500{NNB}000 à 600{NNB}000 salariés en 2024",
        ),
    ],
)
def test_a_french_claim_elides_and_says_de_after_a_scale_word(kw, text):
    assert writer("fr").claim(french_figure(**kw)) == text


@pytest.mark.parametrize(
    ("tag", "says", "label", "text"),
    [
        ("en", "Insee counts", "employees", f"Insee counts 1{NB}million employees as of 2024"),
        (
            "de",
            "Destatis zählt",
            "Beschäftigte",
            f"Destatis zählt 1{NB}Million Beschäftigte im Jahr 2024",
        ),
        (
            "uk",
            "Держстат налічує",
            "працівників",
            f"Держстат налічує 1{NB}мільйон працівників у 2024 році",
        ),
    ],
)
def test_a_claim_in_other_languages_joins_says_value_label_and_when(tag, says, label, text):
    claim = french_figure(value=1_000_000, says=says, label=label)
    assert writer(tag).claim(claim) == text


# --- Writer.claim_words: what the catalog's blocks.claim chooses by ----------------------


def test_claim_words_say_how_the_source_words_join_the_value_and_how_the_label_opens():
    fr = writer("fr")
    assert fr.claim_words(french_figure(value=1_000_000, label="enfants")) == {
        "says": "L’Insee compte",
        "join": "space",
        "scale": "million",
        "initial": "vowel",
        "dated": "yes",
    }
    assert fr.claim_words(
        french_figure(value=800_000, qualifier="about", says="Les effectifs sont de")
    ) == {
        "says": "Les effectifs sont d’",
        "join": "elided",
        "scale": "none",
        "initial": "consonant",
        "dated": "yes",
    }


def test_claim_words_give_a_scale_word_only_when_the_label_follows_a_count():
    fr = writer("fr")
    assert fr.claim_words(french_figure(value=2_000_000_000))["scale"] == "billion"
    assert fr.claim_words(french_figure(value=3_000_000, unit="km"))["scale"] == "none"


def test_claim_words_say_undated_when_the_label_says_when():
    words = writer("en").claim_words(french_figure(value=3, dated_in_label=True))
    assert words["dated"] == "no"


def test_a_computed_figure_has_no_source_words_to_join():
    a = french_figure(id="a", value=300)
    b = french_figure(id="b", value=1200)
    share = compute(Derived(id="s", label="s", topic="t", op="share", inputs=["a", "b"]), [a, b])
    words = writer("fr").claim_words(share)
    assert (words["says"], words["join"]) == ("", "space")


# --- Writer.counted: a timeline's count ----------------------------------------------------


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (1, "La chronologie compte un seul événement"),
        (25, "La chronologie compte 25 événements"),
        (1_000_000, "La chronologie compte 1 million d’événements"),
        (2_500_000_000, "La chronologie compte 2,5 milliards d’événements"),
    ],
)
def test_a_french_timeline_says_de_after_a_scale_word(count, text):
    assert writer("fr").counted("charts.events", count, "events") == text


def test_a_count_takes_the_form_the_words_before_it_govern():
    """`counted` gives its number the form `numbers.form_after` names for the words before it
    (no shipped catalog has one for 'events' today; a language whose preposition governs a
    case writes one, as Ukrainian did for 'з 3 подій')."""
    tells_apart = "{ $n ->\n [few] { $n } F\n [many] { $n } M\n *[other] { $n } O\n}"
    governs = (
        "{ $after ->\n [events] { $form ->\n [few] many\n *[other] { $form }\n }\n"
        " *[other] { $form }\n}"
    )
    uk = Writer(Language.of("uk", {"charts.events": tells_apart, "numbers.form_after": governs}))
    assert uk.counted("charts.events", 3, "events") == "3 M"
    assert uk.counted("charts.events", 1, "events") == "1 O"
    assert uk.counted("charts.events", 3_000_000, "events") == "3 мільйонів M"
    assert (
        Writer(Language.of("uk", {"charts.events": tells_apart})).counted(
            "charts.events", 3, "events"
        )
        == "3 F"
    )


def test_a_sum_of_money_takes_the_form_its_qualifier_governs():
    """'близько' governs the genitive: 3 hryvnias after it take the form of 5 ('many'), in the
    currency's name and in the number `money.amount` is given (the catalog's own message
    does not choose by it; one that does shows which form it was given)."""
    tells_apart = "{ $n ->\n [few] { $n } F\n [many] { $n } M\n *[other] { $n } O\n}"
    uk = Writer(Language.of("uk", {"money.amount": tells_apart}))
    assert uk.quantity(3, 3, "about", "UAH") == "близько 3 M"
    assert uk.quantity(3, 3, None, "UAH") == "3 F"


@pytest.mark.parametrize(
    ("code", "about", "alone"),
    [
        ("USD", "близько 3 доларів США", "3 долари США"),
        ("GBP", "близько 3 англійських фунтів", "3 англійські фунти"),
    ],
)
def test_a_currencys_cldr_name_takes_the_case_its_qualifier_governs(code, about, alone):
    """CLDR's own name of a currency the catalog does not rename, in the form 'близько' asks."""
    assert writer("uk").quantity(3, 3, "about", code) == about
    assert writer("uk").quantity(3, 3, None, code) == alone


def test_a_currencys_name_is_given_its_number_as_written():
    write = Writer(Language.of("en", {"money.name": "{ $cldr } ({ $n })"}))
    assert write.unit_name("USD") == "US dollars (2)"


@pytest.mark.parametrize(
    ("tag", "text"),
    by_language(
        en="1,200,000%",
        de=f"1.200.000{NB}%",
        fr=f"1{NNB}200{NNB}000{NNB}%",
        uk=f"1{NB}200{NB}000%",
    ),
)
def test_a_percentage_is_never_written_with_a_scale_word(tag, text):
    assert writer(tag).quantity(1_200_000, 1_200_000, None, "percent") == text


def test_the_form_after_a_qualifier_is_that_of_the_number_as_shown_at_its_decimals():
    """2.04 at no decimals is 2 ('few'), which 'близько' makes 'many'; at one decimal it
    would be 2.0, a fraction ('other')."""
    assert writer("uk").quantity(2.04, 2.04, "about", "km", 0) == "близько 2 кілометрів"


def test_a_qualifier_is_told_whether_it_counts_things_or_measures_an_amount():
    by_kind = "{ $kind ->\n [count] C { $n }\n [amount] A { $n }\n *[other] ? { $n }\n}"
    write = Writer(Language.of("en", {"qualifiers.less than": by_kind}))
    assert write.quantity(3, 3, "less than", "km") == "A 3 kilometres"
    assert write.quantity(3, 3, "less than", "people") == "C 3"


def test_a_computed_result_is_scaled_only_when_whole_at_its_decimals():
    """1,240,000.5 − 10,000 is 1,230,000.5 at one decimal: the working writes it in full, then
    as shown (rounded to the inputs' precision); scaled, it would read 1.23 million."""
    a = french_figure(id="a", value=1_240_000.5, unit="km", label="A")
    b = french_figure(id="b", value=10_000.0, unit="km", label="B")
    spec = Derived(id="d", label="d", topic="t", op="difference", inputs=["a", "b"], decimals=1)
    difference = compute(spec, [a, b])
    assert writer("en").working(difference) == (
        "1.24 million kilometres − 10,000 kilometres = 1,230,000.5 kilometres, "
        "rounded to about 1.2 million kilometres"
    )


def test_claim_words_know_a_sheets_own_unit():
    furlongs = {"furlong": Unit("furlong", "furlong", "furlongs", counts=True)}
    write = Writer(Language.of("en", {"units.furlong.amount": "{ $n } furlongs"}), furlongs)
    claim = french_figure(value=2_000_000, unit="furlong", says="X counts", label="run")
    assert write.claim_words(claim)["scale"] == "million"
    assert write.claim(claim) == f"X counts 2{NB}million furlongs run as of 2024"


PERIOD = {"start": "2022-02-24", "end": "2025-12"}


def test_a_period_in_running_text_is_given_the_whole_period_and_its_precision():
    """`dates.during` may print `$date`, the period as a table writes it, and choose by
    `$precision`: 'period' for two dates, the date's own for one."""
    by_precision = "{ $date } { $precision ->\n [period] P\n *[other] O\n}"
    write = Writer(Language.of("en", {"dates.during": by_precision}))
    assert write.during(Period.model_validate(PERIOD)) == "24 February 2022 – December 2025 P"
    assert write.during(Period.model_validate({"start": "2023", "end": "2023"})) == "2023 O"


def test_a_period_of_one_month_in_running_text_is_in_the_case_its_preposition_governs():
    write = Writer(Language.of("uk", {"dates.during": "{ $date }"}))
    one_month = Period.model_validate({"start": "2025-12", "end": "2025-12"})
    assert write.during(one_month) == "грудня 2025"


def test_a_time_phrase_is_a_tables_unless_asked_for_a_sentence():
    assert writer("en").time_phrase(Period.model_validate(PERIOD), None) == (
        "24 February 2022 – December 2025"
    )


@pytest.mark.parametrize(
    ("period", "text"),
    [
        (PERIOD, "X ÷ days in 24 February 2022 – December 2025 / period"),
        ({"start": "2023", "end": "2023"}, "X ÷ days in 2023 / year"),
    ],
)
def test_a_rates_formula_is_given_the_period_as_a_table_writes_it_and_its_precision(period, text):
    days_in = "days in { $period } / { $precision }"
    write = Writer(Language.of("en", {"working.days_in": days_in}))
    x = french_figure(id="x", value=2_000_000, as_of=None, period=period, label="X")
    rate = compute(Derived(id="r", label="r", topic="t", op="per-day", inputs=["x"]), [x])
    assert write.formula(rate) == text


def test_a_span_from_a_year_to_a_month_writes_the_year_alone():
    assert writer("en").period(Period.model_validate({"start": "2022", "end": "2023-05"})) == (
        "2022 – May 2023"
    )
    assert writer("en").period(Period.model_validate({"start": "2022-05", "end": "2022"})) == (
        "May 2022 – 2022"
    )


def test_a_period_in_running_text_is_told_whether_it_lies_within_one_year():
    by_year = "{ $same_year ->\n [yes] Y\n [no] N\n *[other] ?\n}"
    write = Writer(Language.of("en", {"dates.during": by_year}))
    assert write.during(Period.model_validate(PERIOD)) == "N"
    assert write.during(Period.model_validate({"start": "2022-02-24", "end": "2022-12"})) == "Y"
    # a year at either end is no span within a year, even the same year
    assert write.during(Period.model_validate({"start": "2022", "end": "2022-05"})) == "N"
    assert write.during(Period.model_validate({"start": "2022-05", "end": "2022"})) == "N"
    assert write.during(Period.model_validate({"start": "2022-05", "end": "2022-05"})) == "N"


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ("2025-01-01", "2025-12-31", "in 2025"),
        ("2025-01", "2025-12", "in 2025"),
        ("2025-01-01", "2025-12", "in 2025"),
        ("2025-01-02", "2025-12-31", "from 2 January to 31 December 2025"),
        ("2025-01-01", "2025-12-30", "from 1 January to 30 December 2025"),
        ("2025-02", "2025-12", "from February to December 2025"),
        ("2025-01", "2025-11", "from January to November 2025"),
        ("2024-01-01", "2025-12-31", "from 1 January 2024 to 31 December 2025"),
    ],
)
def test_a_whole_calendar_year_in_running_text_is_the_year(start, end, text):
    assert writer("en").during(Period.model_validate({"start": start, "end": end})) == text


def test_a_whole_year_its_label_names_is_not_said_again():
    year = {"start": "2025-01-01", "end": "2025-12-31"}
    named = french_figure(
        value=25, as_of=None, period=year, says="X counts", label="deaths in 2025"
    )
    unnamed = french_figure(value=25, as_of=None, period=year, says="X counts", label="deaths")
    assert writer("en").claim(named) == "X counts 25 deaths in 2025"
    assert writer("en").claim_words(named)["dated"] == "no"
    assert writer("en").claim(unnamed) == "X counts 25 deaths in 2025"
    assert writer("en").claim_words(unnamed)["dated"] == "yes"
    other = french_figure(
        value=25, as_of=None, period=year, says="X counts", label="deaths in 2024"
    )
    assert writer("en").claim(other) == "X counts 25 deaths in 2024 in 2025"
