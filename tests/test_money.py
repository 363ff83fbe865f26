"""Money as newsrooms write it, per language, written out by hand: the currency's name in the
plural form the number takes (CLDR), 'de' after a scale word and its elision in French, and
CLDR's short form as an option a sheet takes by rewording `money.amount`."""

from __future__ import annotations

import pytest

from generator.language import Language
from generator.numbers import Writer

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "low", "high", "code", "text"),
    [
        ("fr", 3.3e9, 3.3e9, "EUR", "3,3 milliards d’euros"),
        ("fr", 1e6, 1e6, "USD", "1 million de dollars"),
        ("fr", 12.5, 12.5, "EUR", "12,50 euros"),
        ("fr", 1.5, 1.5, "EUR", "1,50 euro"),
        ("de", 3.3e9, 3.3e9, "EUR", "3,3 Milliarden Euro"),
        ("de", 8.4e6, 8.4e6, "USD", "8,4 Millionen US-Dollar"),
        ("uk", 3.3e9, 3.3e9, "EUR", "3,3 мільярда євро"),
        ("uk", 5e6, 5e6, "USD", "5 мільйонів доларів США"),
        ("uk", 2, 2, "UAH", "2 гривні"),
        ("en", 3.3e9, 3.3e9, "EUR", "€3.3 billion"),
        ("en", 8.4e6, 8.4e6, "USD", "$8.4 million"),
    ],
)
def test_money_is_written_in_the_languages_words(language, low, high, code, text):
    assert Writer(Language.of(language)).quantity(low, high, None, code) == text


def test_a_qualifier_and_a_range_keep_the_currencys_words():
    write = Writer(Language.of("fr"))
    assert write.quantity(3.3e9, 3.3e9, "about", "EUR") == "environ 3,3 milliards d’euros"
    assert write.quantity(3e9, 4e9, None, "EUR") == "3–4 milliards d’euros"


@pytest.mark.parametrize(
    ("language", "code", "short"),
    [
        ("fr", "EUR", f"3,3{NBSP}Md{NBSP}€"),
        ("de", "EUR", f"3,3{NBSP}Mrd.{NBSP}€"),
        ("uk", "UAH", f"3,3{NBSP}млрд{NBSP}₴"),
        ("en", "USD", "$3.3B"),
    ],
)
def test_the_short_form_is_cldrs_for_a_sheet_that_asks_for_it(language, code, short):
    write = Writer(Language.of(language, {"money.amount": "{ $short }"}))
    assert write.quantity(3.3e9, 3.3e9, None, code) == short


def test_english_words_are_an_override_away():
    write = Writer(Language.of("en", {"money.amount": "{ $n } { $currency }"}))
    assert write.quantity(8.4e6, 8.4e6, None, "USD") == "8.4 million US dollars"
    assert write.quantity(1, 1, None, "EUR") == "1 euro"


NNB = "\u202f"  # narrow no-break space: French thousands, and inside 'F CFA'


@pytest.mark.parametrize(
    ("language", "symbol"),
    [("fr", f"8,4 millions{NBSP}$US"), ("uk", f"8,4 мільйона{NBSP}USD")],
)
def test_the_symbol_is_the_languages_own_for_a_sheet_that_asks_for_it(language, symbol):
    write = Writer(Language.of(language, {"money.amount": "{ $symbol }"}))
    assert write.quantity(8.4e6, 8.4e6, None, "USD") == symbol


def test_a_symbol_in_letters_before_the_number_is_spaced_from_it():
    write = Writer(Language.of("en", {"money.amount": "{ $symbol }"}))
    assert write.quantity(2e9, 2e9, None, "UAH") == f"UAH{NBSP}2 billion"
    assert write.quantity(5e9, 5e9, None, "XOF") == f"F{NNB}CFA{NBSP}5 billion"


def test_english_says_hryvnias_where_it_has_no_sign_for_them():
    """Round 3, en A8: 'UAH 2 billion' is CLDR's pattern with the ISO code where English has
    no sign; a newsroom writes '2 billion hryvnias'. '$', '€', '£' and 'CA$' stay signs."""
    write = Writer(Language.of("en"))
    assert write.quantity(2e9, 2e9, None, "UAH") == "2 billion hryvnias"
    assert write.quantity(1, 1, None, "UAH") == "1 hryvnia"
    assert write.quantity(5, 5, "about", "UAH") == "about 5 hryvnias"
    assert write.quantity(1.5, 2.5, None, "UAH") == "1.50–2.50 hryvnias"
    assert write.quantity(2e9, 2e9, None, "CHF") == "2 billion Swiss francs"
    assert write.quantity(2e9, 2e9, None, "USD") == "$2 billion"
    assert write.quantity(12.5, 12.5, None, "EUR") == "€12.50"
    assert write.quantity(3e6, 3e6, None, "GBP") == "£3 million"
    assert write.quantity(2e9, 2e9, None, "CAD") == "CA$2 billion"
    assert write.unit_name("UAH") == "hryvnias"  # an axis title, a table's heading


def test_the_decimals_a_source_asks_for_decide_the_number_its_words_and_de():
    assert Writer(Language.of("de")).quantity(12.34, 12.34, None, "EUR", 1) == "12,3 Euro"
    french = Writer(Language.of("fr"))
    # 1.6 written '2' is plural ('2 euro' would agree with 1.6, which the reader does not see)
    assert french.quantity(1.6, 1.6, None, "EUR", 0) == "2 euros"
    # written in full, with no scale word, so no 'de' either
    assert french.quantity(3e9, 3e9, None, "EUR", 0) == f"3{NNB}000{NNB}000{NNB}000 euros"


def test_a_whole_number_with_decimals_asked_for_is_singular_when_it_reads_one():
    # 1 at one decimal is written '1': one euro, not the '1.0' a plural rule would count
    write = Writer(Language.of("en", {"money.amount": "{ $n } { $currency }"}))
    assert write.quantity(1, 1, None, "EUR", 1) == "1 euro"


def test_the_short_form_is_for_one_scaled_sum_and_anything_else_is_written_in_full():
    write = Writer(Language.of("fr", {"money.amount": "{ $short }"}))
    assert write.quantity(3e9, 3e9, None, "EUR") == f"3{NBSP}Md{NBSP}€"
    assert write.quantity(3.3e9, 3.3e9, None, "EUR", 0) == (f"3{NNB}300{NNB}000{NNB}000{NBSP}€")
    assert write.quantity(12.5, 12.5, None, "EUR") == f"12,50{NBSP}€"
    assert write.quantity(3e9, 4e9, None, "EUR") == f"3–4 milliards{NBSP}€"


def test_the_initial_of_the_currencys_name_is_given_as_vowel_or_consonant():
    # French elides 'de' before a vowel ('d’euros'); any language may choose by it
    initial = "{ $initial ->\n [consonant] consonant\n *[vowel] vowel\n}"
    write = Writer(Language.of("en", {"money.amount": initial}))
    assert write.quantity(1, 1, None, "GBP") == "consonant"  # 'British pounds'
    assert write.quantity(1, 1, None, "EUR") == "vowel"
