"""Typography from the locale, written out by hand per language: lists joined by CLDR's list
patterns, the space French puts before its high punctuation, and each language's quotation
marks."""

from __future__ import annotations

import re

import pytest

from generator.language import Language, catalog
from generator.messages import renderings
from generator.numbers import Writer
from generator.typography import elide, excerpt, join

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("language", "two", "three"),
    [
        ("en", "A and B", "A, B and C"),
        ("de", "A und B", "A, B und C"),
        ("fr", "A et B", "A, B et C"),
        ("uk", "A і B", "A, B і C"),
    ],
)
def test_names_are_joined_by_the_languages_list_pattern(language, two, three):
    assert join(Language.of(language), ["A", "B"]) == two
    assert join(Language.of(language), ["A", "B", "C"]) == three


@pytest.mark.parametrize(
    ("language", "three"),
    [
        ("en", "UN, 2024; CDC, 2025; WHO, 2023"),
        ("de", "UN, 2024; CDC, 2025; WHO, 2023"),
        ("fr", f"UN, 2024{NNBSP}; CDC, 2025{NNBSP}; WHO, 2023"),
        ("uk", "UN, 2024; CDC, 2025; WHO, 2023"),
    ],
)
def test_references_with_commas_of_their_own_are_a_series_joined_by_semicolons(language, three):
    refs = ["UN, 2024", "CDC, 2025", "WHO, 2023"]
    assert join(Language.of(language), refs, "series") == three


def test_entries_that_stand_alone_are_separated_with_no_conjunction():
    entries = ["Corrigé le 2 mars 2026", "Mis à jour le 4 avril 2026"]
    assert join(Language.of("fr"), entries, "items") == (
        f"Corrigé le 2 mars 2026{NNBSP}; Mis à jour le 4 avril 2026"
    )
    assert join(Language.of("en"), ["A", "B"], "items") == "A; B"
    assert join(Language.of("en"), ["A"], "series") == "A"
    assert join(Language.of("en"), [], "series") == ""


def test_every_french_message_puts_a_no_break_space_before_its_high_punctuation():
    """French writes 'Source : …', 'Pourquoi ?': a space that never breaks the line before
    ':' (U+00A0) and before ';', '!', '?' (U+202F); never the sign glued to the word."""
    wrong = []
    for key, message in catalog("fr").items():
        for text in renderings(message):
            text = re.sub(r"`[^`]*`|https?://\S+|\{ \$[a-z_]+ \}", "x", text)
            for match in re.finditer(r"(.)([:;!?])", text):
                if match.group(1) not in (NBSP, NNBSP):
                    wrong.append(f"{key}: {text!r}")
    assert wrong == []


def test_french_guillemets_hold_a_no_break_space_inside():
    wrong = []
    for key, message in catalog("fr").items():
        for text in renderings(message):
            if re.search(f"«[^{NNBSP}{NBSP}]|[^{NNBSP}{NBSP}]»", text):
                wrong.append(f"{key}: {text!r}")
    assert wrong == []


@pytest.mark.parametrize(
    ("language", "quoted"),
    [
        ("en", "“Title”"),
        ("de", "„Title“"),
        ("fr", f"«{NNBSP}Title{NNBSP}»"),
        ("uk", "«Title»"),
    ],
)
def test_a_title_is_quoted_with_the_languages_quotation_marks(language, quoted):
    assert Language.of(language).text("blocks.quoted", text="Title") == quoted
    assert Language.of(language).text("charts.quoted", text="Title") == quoted


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Total: 5"),
        ("de", "Total: 5"),
        ("fr", f"Total{NNBSP}: 5"),
        ("uk", "Total: 5"),
    ],
)
def test_a_label_and_its_value_are_joined_by_the_languages_colon(language, text):
    assert Language.of(language).text("typography.labelled", label="Total", text="5") == text


@pytest.mark.parametrize(
    ("language", "people", "millions", "percent"),
    [
        ("en", "110–120", "25–27 million", "10–12%"),
        ("de", "110 bis 120", "25 bis 27 Millionen", f"10 bis 12{NBSP}%"),
        ("fr", "110 à 120", "25 à 27 millions", f"10 à 12{NNBSP}%"),
        ("uk", "від 110 до 120", "25–27 мільйонів", "від 10 до 12%"),
    ],
)
def test_a_range_in_a_sentence_is_said_as_the_language_says_it(language, people, millions, percent):
    """Where the author's label follows ('110 à 120 personnes', with no 'de' to collide with
    the source's 'une hausse de' or a qualifier's 'environ'; '110 bis 120 Fälle'); not
    before a unit's own noun, whose case 'bis' or 'до' would change, nor in a table."""
    write = Writer(Language.of(language))
    assert write.quantity(110, 120, None, "people", sentence=True) == people
    assert write.quantity(25e6, 27e6, None, "people", sentence=True) == millions
    assert write.quantity(10, 12, None, "percent", sentence=True) == percent
    assert write.quantity(110, 120, None, "people") == "110–120"  # a table's cell


NB = "\u00a0"


@pytest.mark.parametrize(
    ("language", "years", "euros", "billions", "hryvnias"),
    [
        ("en", f"4–6{NB}years", "€110–120", f"€800{NB}million–1.2{NB}billion", f"2–3{NB}hryvnias"),
        (
            "de",
            f"4–6{NB}Jahre",
            f"110–120{NB}Euro",
            f"800{NB}Millionen–1,2{NB}Milliarden Euro",
            f"2–3{NB}Hrywnja",
        ),
        (
            "fr",
            f"4 à 6{NB}ans",
            f"110 à 120{NB}euros",
            f"800{NB}millions à 1,2{NB}milliard d’euros",
            f"2 à 3{NB}hryvnias",
        ),
        (
            "uk",
            f"4–6{NB}років",
            f"від 110 до 120{NB}євро",
            f"800{NB}мільйонів–1,2{NB}мільярда євро",
            f"від 2 до 3{NB}гривень",
        ),
    ],
)
def test_a_range_of_money_or_a_unit_in_a_sentence_is_said_as_the_language_says_it(
    language, years, euros, billions, hryvnias
):
    """French says every range in a sentence with « à » (review 3, E4: « 11 à 13 milliards
    d’euros », never a dash beside « 25 à 27 % »); Ukrainian says a sum's range with 'від …
    до', the currency's name in the genitive it governs (« від 2 до 3 гривень », not CLDR's
    'гривні'; round 3, uk A4), and keeps the dash before a scale word or a unit's noun;
    German keeps it before both; tables, chart rows and axes keep it in every language."""
    write = Writer(Language.of(language), space=NB)  # as running text writes
    assert write.quantity(4, 6, None, "years", sentence=True) == years
    assert write.quantity(110, 120, None, "EUR", sentence=True) == euros
    assert write.quantity(800e6, 1.2e9, None, "EUR", sentence=True) == billions
    assert write.quantity(2, 3, None, "UAH", sentence=True) == hryvnias
    table = Writer(Language.of(language))
    assert table.quantity(4, 6, None, "years") == years.replace(NB, " ").replace(" à ", "–")


@pytest.mark.parametrize(
    ("low", "high", "code", "said", "table"),
    [
        (110, 120, "EUR", f"від 110 до 120{NB}євро", "110–120 євро"),
        (2, 3, "UAH", f"від 2 до 3{NB}гривень", "2–3 гривні"),
        (20, 21, "UAH", f"від 20 до 21{NB}гривні", "20–21 гривня"),
        (1.5, 2.5, "UAH", f"від 1,50 до 2,50{NB}гривні", "1,50–2,50 гривні"),
        (2, 3, "USD", f"від 2 до 3{NB}доларів США", "2–3 долари США"),
        (2e9, 3e9, "UAH", f"2–3{NB}мільярди гривень", "2–3 мільярди гривень"),
        (3, 3, "UAH", f"3{NB}гривні", "3 гривні"),
    ],
)
def test_ukrainian_says_a_range_of_money_from_to_with_the_currency_in_the_genitive(
    low, high, code, said, table
):
    """Round 3, uk A4: 'до' governs the genitive, so the name after it is «гривень» (for 3),
    «гривні» (for 21, and a fraction), «доларів США»; a range in millions or billions keeps
    the dash, as 'до' would decline the scale word too; a table's cell keeps the dash."""
    assert Writer(Language.of("uk"), space=NB).quantity(low, high, None, code, sentence=True) == (
        said
    )
    assert Writer(Language.of("uk")).quantity(low, high, None, code) == table


def test_a_french_table_keeps_the_dash_in_a_range_of_money():
    table = Writer(Language.of("fr"))
    assert table.quantity(800e6, 1.2e9, None, "EUR") == "800 millions–1,2 milliard d’euros"
    assert table.quantity(11e9, 13e9, None, "EUR") == "11–13 milliards d’euros"
    assert table.quantity(3, 5, None, "km") == "3–5 kilomètres"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "1 million de kilomètres"),
        ("de", "1 Million Kilometer"),
        ("uk", "1 мільйон кілометрів"),
        ("en", "1 million kilometres"),
    ],
)
def test_a_unit_after_a_scale_word_takes_the_languages_grammar(language, text):
    assert Writer(Language.of(language)).quantity(1e6, 1e6, None, "km") == text


def test_french_elides_de_before_a_vowel_after_a_scale_word():
    write = Writer(Language.of("fr"))
    assert write.quantity(2e6, 2e6, None, "hours") == "2 millions d’heures"
    assert write.quantity(2e6, 2e6, None, "yd", metric=False) == "2 millions de yards"


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (1, "1 гривня"),
        (3, "3 гривні"),
        (5, "5 гривень"),
        (21, "21 гривня"),
        (1.5, "1,50 гривні"),
        (2e9, "2 мільярди гривень"),
    ],
)
def test_ukrainian_money_takes_the_plural_and_case_its_number_asks(count, text):
    assert Writer(Language.of("uk")).quantity(count, count, None, "UAH") == text


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        (
            "Я можу сказати: „Слухайте, якщо цю війну не буде завершено",
            "Я можу сказати: „Слухайте, якщо цю…“",
        ),
        (
            "I can say, “Listen, if this doesn’t happen and then other things",
            "I can say, “Listen, if this doesn’t…”",
        ),
        ("Ми не віддамо росіян в Україні.", "Ми не віддамо росіян в Україні"),
        ("Чи це війна?", "Чи це війна?"),
        ("«Мир» — це слово.", "«Мир» — це слово"),
    ],
)
def test_an_excerpt_closes_the_quotation_marks_it_opened_and_leaves_its_stop_outside(quote, shown):
    """The Ukrainian edition's review (A17): a cut quotation left an inner „ open inside «…»;
    a full stop belongs outside the closing mark."""
    assert excerpt(quote, 40) == shown


# --- elision ----------------------------------------------------------------------------


def test_a_french_word_alone_elides_with_no_space_before_it():
    assert elide(Language.of("fr"), "de", "environ 3") == ("d’", "elided")
    assert elide(Language.of("fr"), "de", "3") == ("de", "space")


def test_an_elision_rule_is_split_at_its_first_equals_sign():
    """What follows the first '=' is the elided form, whatever it holds."""
    fr = Language.of("fr", {"typography.elisions": "de=d’ a=b=c"})
    assert elide(fr, "x a", "environ 3") == ("x b=c", "elided")
    assert elide(fr, "x de", "environ 3") == ("x d’", "elided")


# --- excerpts of quotations --------------------------------------------------------------


def test_an_excerpt_within_its_leeway_stays_whole():
    """Up to five characters over the length asked, a quotation is not cut (35 for 30)."""
    assert excerpt("x" * 35, 30) == "x" * 35
    assert excerpt("x" * 36, 30) == "x" * 29 + "…"


def test_an_excerpt_is_cut_at_a_space_never_at_a_no_break_space():
    text = "Prices rose by 20\u00a0% in one year, the office said"
    assert excerpt(text, 20) == "Prices rose by…"
    assert excerpt(text, 21) == "Prices rose by 20\u00a0%…"


def test_an_excerpt_keeps_a_word_that_ends_just_before_the_cut():
    assert excerpt("It is a war of many years and of many more", 21) == "It is a war of many…"


@pytest.mark.parametrize(
    "quote",
    ["Wait...", "Er sagte: „Hallo“ und ging", "He said “hi” there"],
)
def test_an_excerpt_leaves_dots_and_closed_quotation_marks_alone(quote):
    assert excerpt(quote, 40) == quote
