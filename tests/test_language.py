"""Every word the generator writes comes from a catalog for the sheet's language."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.language import Language, catalog, languages, placeholders
from generator.messages import PRECISIONS, shape
from generator.models import PartialDate
from generator.numbers import Writer

PLURAL_FORMS = {
    "en": {"one", "other"},
    "de": {"one", "other"},
    "fr": {"one", "many", "other"},
    "uk": {"one", "few", "many", "other"},
}
"""The CLDR plural categories each language's numbers fall into, as CLDR lists them."""
DATES = ("2006", "2019-10", "2022-12-16")
"""A year, a month and a day."""


def test_the_generator_ships_catalogs_for_english_german_ukrainian_and_french():
    assert {"en", "de", "uk", "fr"} <= set(languages())


@pytest.mark.parametrize("language", ["de", "uk", "fr"])
def test_every_catalog_has_every_key_of_the_english_one_with_the_same_placeholders(language):
    english, other = catalog("en"), catalog(language)
    assert sorted(other) == sorted(english)
    for key, message in english.items():
        assert placeholders(other[key]) == placeholders(message), key


@pytest.mark.parametrize("language", ["en", "de", "uk", "fr"])
def test_every_message_is_fluent_with_variables_and_selectors_only(language):
    for key, message in catalog(language).items():
        assert shape(message).forbidden == (), key


@pytest.mark.parametrize("language", ["en", "de", "uk", "fr"])
def test_a_message_with_plural_forms_has_each_form_the_language_needs(language):
    needed = PLURAL_FORMS[language] - {"many"} if language == "fr" else PLURAL_FORMS[language]
    for key, message in catalog(language).items():
        # `[1]` chooses by the exact number (uk «Джерело» for one source, not 21), not a form.
        forms = {f for f in shape(message).selectors.get("n", set()) if not f.isdigit()}
        if len(forms) > 1:
            assert needed <= forms <= PLURAL_FORMS[language], f"{language}: {key}: {forms}"


@pytest.mark.parametrize("language", ["en", "de", "uk", "fr"])
def test_a_message_chooses_by_a_dates_precision_only_among_day_month_year_and_period(language):
    for key, message in catalog(language).items():
        assert shape(message).selectors.get("precision", set()) <= {*PRECISIONS, "other"}, key


@pytest.mark.parametrize(
    ("language", "year", "month", "day"),
    [
        ("en", "as of 2006", "as of October 2019", "as of 16 December 2022"),
        ("fr", "en 2006", "en octobre 2019", "au 16 décembre 2022"),
        ("de", "im Jahr 2006", "im Oktober 2019", "am 16. Dezember 2022"),
        ("uk", "у 2006 році", "у жовтні 2019 року", "станом на 16 грудня 2022 року"),
    ],
)
def test_a_dates_preposition_follows_its_precision(language, year, month, day):
    write = Writer(Language.of(language))
    phrase = [write.time_phrase(None, PartialDate.model_validate(d)) for d in DATES]
    assert phrase == [year, month, day]


@pytest.mark.parametrize(
    ("language", "year", "month", "day"),
    [
        ("en", "by 2006", "by October 2019", "by 16 December 2022"),
        ("fr", "pour 2006", "pour octobre 2019", "pour le 16 décembre 2022"),
        ("de", "bis 2006", "bis Oktober 2019", "bis zum 16. Dezember 2022"),
        ("uk", "до 2006 року", "до жовтня 2019 року", "до 16 грудня 2022 року"),
    ],
)
def test_a_projections_date_takes_its_own_preposition(language, year, month, day):
    write = Writer(Language.of(language))
    phrase = [
        write.time_phrase(None, PartialDate.model_validate(d), projection=True) for d in DATES
    ]
    assert phrase == [year, month, day]


@pytest.mark.parametrize(
    ("month", "phrase"),
    [(1, "у січні 2019 року"), (2, "у лютому 2019 року"), (11, "у листопаді 2019 року")],
)
def test_a_ukrainian_month_is_in_the_locative_after_u(month, phrase):
    write = Writer(Language.of("uk"))
    assert write.time_phrase(None, PartialDate(year=2019, month=month)) == phrase


@pytest.mark.parametrize(
    ("language", "count", "text"),
    [
        ("uk", 1, "1 кілометр"),
        ("uk", 3, "3 кілометри"),
        ("uk", 5, "5 кілометрів"),
        ("uk", 21, "21 кілометр"),
        ("de", 1, "1 Jahr"),
        ("de", 4, "4 Jahre"),
    ],
)
def test_unit_words_agree_with_the_number_as_the_language_does(language, count, text):
    unit = "km" if language == "uk" else "years"
    assert Writer(Language.of(language)).quantity(count, count, None, unit) == text


@pytest.mark.parametrize(
    ("language", "figure"),
    [
        ("en", "about 1.2 million"),
        ("de", "etwa 1,2 Millionen"),
        ("fr", "environ 1,2 million"),
        ("uk", "близько 1,2 мільйона"),
    ],
)
def test_a_round_million_reads_in_the_languages_own_words_and_digits(language, figure):
    write = Writer(Language.of(language))
    assert write.quantity(1_200_000, 1_200_000, "about", "people") == figure


@pytest.mark.parametrize(
    ("language", "number", "percent", "day"),
    [
        ("en", "2,065", "92.5%", "12 October 2025"),
        ("de", "2.065", "92,5\u00a0%", "12. Oktober 2025"),
        ("fr", "2\u202f065", "92,5\u202f%", "12 octobre 2025"),
        ("uk", "2\u00a0065", "92,5%", "12 жовтня 2025"),
    ],
)
def test_numbers_percentages_and_dates_follow_the_locale(language, number, percent, day):
    write = Writer(Language.of(language))
    assert write.number(2065) == number
    assert write.quantity(92.5, 92.5, None, "percent") == percent
    assert write.date(dt.date(2025, 10, 12)) == day


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "Source: UN.", "Sources: UN, AP."),
        ("de", "Quelle: UN.", "Quellen: UN, AP."),
    ],
)
def test_a_message_for_a_number_is_given_the_other_values_too(language, one, two):
    """`amount` chooses by the count and passes every other value on (a chart's source line)."""
    lang = Language.of(language)
    assert lang.amount("charts.source_line", 1, "", refs="UN") == one
    assert lang.amount("charts.source_line", 2, "", refs="UN, AP") == two


def test_a_sheet_may_override_a_message():
    ours = Language.of("en", {"qualifiers.about": "around { $n }"})
    assert Writer(ours).quantity(40, 40, "about", "km") == "around 40 kilometres"


def test_a_message_can_never_add_markup_to_a_page():
    ours = Language.of("en", {"changes.corrected": "<b>Fixed</b> { $date }"})
    assert ours.html("changes.corrected", date="<i>x</i>") == (
        "&lt;b&gt;Fixed&lt;/b&gt; &lt;i&gt;x&lt;/i&gt;"
    )


@pytest.mark.parametrize(
    ("language", "low", "high", "text"),
    [
        ("uk", 500_000, 600_000, "500\u00a0000–600\u00a0000"),
        ("fr", 500_000, 600_000, "500\u202f000–600\u202f000"),
        ("de", 1_000_000, 2_000_000, "1–2 Millionen"),
        ("uk", 25_000_000, 27_000_000, "25–27 мільйонів"),
    ],
)
def test_a_range_keeps_each_end_whole_and_shares_only_a_scale_word(language, low, high, text):
    assert Writer(Language.of(language)).span(low, high) == text


@pytest.mark.parametrize(
    ("language", "day", "month"),
    [
        ("fr", "version du 12 octobre 2025", "version d’octobre 2025"),
        ("uk", "оновлено 12 жовтня 2025 року", "оновлено в жовтні 2025 року"),
        ("en", "updated 12 October 2025", "updated October 2025"),
    ],
)
def test_a_citations_date_takes_the_preposition_of_its_precision(language, day, month):
    write = Writer(Language.of(language))
    said = [
        Language.of(language).text(
            "cite.as", sheet="S", title="T", **write.date_words(PartialDate.model_validate(d))
        )
        for d in ("2025-10-12", "2025-10")
    ]
    assert said[0].endswith(day) and said[1].endswith(month), said


def test_catalogs_are_read_with_libyaml_where_pyyaml_has_it(monkeypatch: pytest.MonkeyPatch):
    """The pure-Python loader took about 0.2 s a catalog, and a sheet that overrides a message
    has all four read on every build: most of a one-figure rebuild's generator time."""
    import yaml

    loaders: list[type] = []
    real_load = yaml.load

    def load(stream: object, Loader: type) -> object:  # noqa: N803
        loaders.append(Loader)
        return real_load(stream, Loader=Loader)

    monkeypatch.setattr(yaml, "load", load)
    catalog.cache_clear()
    try:
        french = catalog("fr")
    finally:
        catalog.cache_clear()

    assert loaders == [yaml.CSafeLoader]
    assert french["qualifiers.about"] == "environ { $n }"
