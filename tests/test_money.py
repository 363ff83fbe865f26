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
