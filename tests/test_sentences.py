"""Sentences a native editor would publish (issue #23, third round): the first of a month,
metric twins at the source's precision, French ranges and qualifiers after the source's words,
and elision before a mute h. Every expected string is written out by hand, per language."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.language import Language
from generator.models import Figure, PartialDate, Period
from generator.numbers import Writer, initial
from generator.typography import elide

NB = "\u00a0"  # no-break space: a number and its scale word or unit, in running text
NNB = "\u202f"  # narrow no-break space: French thousands, and before ':' ';' '%'


def writer(tag: str) -> Writer:
    return Writer(Language.of(tag))


def day(text: str) -> PartialDate:
    return PartialDate.model_validate(text)


# The first of a month: « 1er » in French, wherever a day is written


@pytest.mark.parametrize(
    ("tag", "first", "sixteenth"),
    [
        ("fr", "1er mars 2020", "16 mars 2020"),
        ("en", "1 March 2020", "16 March 2020"),
        ("de", "1. März 2020", "16. März 2020"),
        ("uk", "1 березня 2020", "16 березня 2020"),
    ],
)
def test_the_first_of_a_month_is_written_as_the_language_writes_it(tag, first, sixteenth):
    write = writer(tag)
    assert write.date(day("2020-03-01")) == first
    assert write.date(dt.date(2020, 3, 1)) == first  # a change's or the sheet's day
    assert write.date(day("2020-03-16")) == sixteenth


def test_a_french_span_and_date_phrase_write_the_first_as_1er():
    write = writer("fr")
    span = Period(start=day("2022-08-01"), end=day("2023-04-01"))
    assert write.during(span) == "du 1er août 2022 au 1er avril 2023"
    assert write.period(span) == "1er août 2022 – 1er avril 2023"
    assert write.time_phrase(None, day("2022-08-01")) == "au 1er août 2022"
    assert write.during(Period(start=day("2022-03-01"), end=day("2022-03-02"))) == (
        "du 1er au 2 mars 2022"
    )


def test_a_day_message_that_says_its_day_as_a_word_keeps_the_patterns_quoted_text():
    """An override may quote text in its pattern; only the day field becomes the word."""
    language = Language.of("fr", {"dates.day": "'le' d MMMM y"})
    assert Writer(language).date(day("2020-03-01")) == "le 1er mars 2020"


# Metric twins: as precise as the source, scaled like any figure


@pytest.mark.parametrize(
    ("tag", "millions", "billions", "one_million"),
    [
        (
            "en",
            "1.2 million miles (1.9 million kilometres)",
            "3 billion miles (4.8 billion kilometres)",
            "1 million yards (0.9 million metres)",
        ),
        (
            "fr",
            "1,2 million de miles (1,9 million de kilomètres)",
            "3 milliards de miles (4,8 milliards de kilomètres)",
            "1 million de yards (0,9 million de mètres)",
        ),
        (
            "de",
            "1,2 Millionen Meilen (1,9 Millionen Kilometer)",
            "3 Milliarden Meilen (4,8 Milliarden Kilometer)",
            "1 Million Yards (0,9 Millionen Meter)",
        ),
        (
            "uk",
            "1,2 мільйона миль (1,9 мільйона кілометрів)",
            "3 мільярди миль (4,8 мільярда кілометрів)",
            "1 мільйон ярдів (0,9 мільйона метрів)",
        ),
    ],
)
def test_a_metric_twin_of_a_scaled_figure_is_scaled_with_its_decimals_one_at_least(
    tag, millions, billions, one_million
):
    """Rule: a figure written with a scale word has its twin in that scale word, to the
    figure's decimals, one at least (1,931,213 km -> 1.9 million; 914,400 m -> 0.9 million,
    not 910,000, which reads as measured to the ten thousand)."""
    write = writer(tag)
    assert write.quantity(1_200_000, 1_200_000, None, "mi") == millions
    assert write.quantity(3e9, 3e9, None, "mi") == billions
    assert write.quantity(1_000_000, 1_000_000, None, "yd") == one_million


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("en", "below 25 yards a day (23 metres a day)"),
        ("fr", "moins de 25 yards par jour (23 mètres par jour)"),
        ("de", "unter 25 Yards pro Tag (23 Meter pro Tag)"),
        ("uk", "менше ніж 25 ярдів на добу (23 метри на добу)"),
    ],
)
def test_a_metric_twin_of_a_plain_figure_keeps_its_significant_figures(tag, text):
    assert writer(tag).quantity(25, 25, "below", "yd-per-day") == text


def test_a_range_of_millions_converts_both_ends_at_their_figures():
    assert writer("en").quantity(1_200_000, 1_500_000, "about", "mi") == (
        "about 1.2–1.5 million miles (1.9–2.4 million kilometres)"
    )


@pytest.mark.parametrize(
    ("tag", "texts"),
    [
        (
            "en",
            [
                "21 miles (34 kilometres)",
                "21 yards (19 metres)",
                "5 yards (4.6 metres)",
                "1.5 miles (2.4 kilometres)",
                "1 million yards a day (0.9 million metres a day)",
            ],
        ),
        (
            "fr",
            [
                "21 miles (34 kilomètres)",
                "21 yards (19 mètres)",
                "5 yards (4,6 mètres)",
                "1,5 mile (2,4 kilomètres)",
                "1 million de yards par jour (0,9 million de mètres par jour)",
            ],
        ),
        (
            "de",
            [
                "21 Meilen (34 Kilometer)",
                "21 Yards (19 Meter)",
                "5 Yards (4,6 Meter)",
                "1,5 Meilen (2,4 Kilometer)",
                "1 Million Yards pro Tag (0,9 Millionen Meter pro Tag)",
            ],
        ),
        (
            "uk",
            [
                "21 миля (34 кілометри)",
                "21 ярд (19 метрів)",
                "5 ярдів (4,6 метра)",
                "1,5 милі (2,4 кілометра)",
                "1 мільйон ярдів на добу (0,9 мільйона метрів на добу)",
            ],
        ),
    ],
)
def test_a_metric_twin_is_as_precise_as_the_figure_the_reader_sees(tag, texts):
    """Round 4 (en E3, uk E3, fr A5): a two-figure number never converts to three figures
    (33.8 km, 19.2 m were), nor a one-figure million to 910,000; round 5 (uk E2, en E5): a
    one-digit figure's twin has two ('5 yards (5 metres)' read as if a yard were a metre)."""
    write = writer(tag)
    said = [
        write.quantity(21, 21, None, "mi"),
        write.quantity(21, 21, None, "yd"),
        write.quantity(5, 5, None, "yd"),
        write.quantity(1.5, 1.5, None, "mi"),
        write.quantity(1e6, 1e6, None, "yd-per-day"),
    ]
    assert said == texts


def test_a_scaled_twin_of_a_thousand_of_its_scale_or_more_takes_the_next_scale_word():
    """900 million miles are 1,448 million kilometres: '1.4 billion', not '1,448.4 million'."""
    assert writer("en").quantity(9e8, 9e8, None, "mi") == (
        "900 million miles (1.4 billion kilometres)"
    )
    assert writer("de").quantity(9e8, 9e8, None, "mi") == (
        "900 Millionen Meilen (1,4 Milliarden Kilometer)"
    )


def test_a_range_from_plain_to_scaled_has_its_twin_in_the_high_ends_scale():
    assert writer("en").quantity(500_000, 1_200_000, None, "mi") == (
        "500,000–1.2 million miles (0.8–1.9 million kilometres)"
    )
    # 731.5 million to 960.1 million metres: the larger scale word of the two ends, both
    assert writer("en").quantity(800e6, 1.05e9, None, "yd") == (
        "800 million–1.05 billion yards (0.73–0.96 billion metres)"
    )


@pytest.mark.parametrize(
    ("tag", "texts"),
    [
        (
            "en",
            [
                "1 mile (1.6 kilometres)",
                "1 mile a day (1.6 kilometres a day)",
                "2 yards (1.8 metres)",
                "3 miles (4.8 kilometres)",
                "5 miles (8 kilometres)",
            ],
        ),
        (
            "uk",
            [
                "1 миля (1,6 кілометра)",
                "1 миля на добу (1,6 кілометра на добу)",
                "2 ярди (1,8 метра)",
                "3 милі (4,8 кілометра)",
                "5 миль (8 кілометрів)",
            ],
        ),
    ],
)
def test_a_one_digit_figures_twin_has_two_significant_figures(tag, texts):
    """Round 5, uk E2 and en E5: '1 mile (2 kilometres)' was 24% out. Two figures at least
    (the Ukrainian reviewer's rule, which gives the English one's '1 mile (1.6 kilometres)'
    too, and is one rule for every figure, not one that depends on the error); 8.0 shows as 8."""
    write = writer(tag)
    said = [
        write.quantity(1, 1, None, "mi"),
        write.quantity(1, 1, None, "mi-per-day"),
        write.quantity(2, 2, None, "yd"),
        write.quantity(3, 3, None, "mi"),
        write.quantity(5, 5, None, "mi"),
    ]
    assert said == texts


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        (0, 25, "0–25 yards (0–23 metres)"),  # zero has no figure: 25's two decide
        (0, 3, "0–3 miles (0–4.8 kilometres)"),
        (-21, -21, "-21 miles (-34 kilometres)"),  # a change: the sign is not a figure
    ],
)
def test_a_twins_figures_count_digits_only(low, high, text):
    unit_key = "yd" if high == 25 else "mi"
    assert writer("en").quantity(low, high, None, unit_key) == text


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("en", f"3–5{NB}miles (4.8–8{NB}kilometres)"),
        ("de", f"3–5{NB}Meilen (4,8–8{NB}Kilometer)"),
        ("uk", f"3–5{NB}миль (4,8–8{NB}кілометрів)"),
        ("fr", f"3 à 5{NB}miles (4,8 à 8{NB}kilomètres)"),
    ],
)
def test_a_metric_twin_in_a_sentence_says_its_range_as_the_sentence_does(tag, text):
    """French says « 3 à 5 miles », so the twin says « 5 à 8 kilomètres », not « 5–8 »;
    English, German and Ukrainian keep the dash before a unit's noun, twin and all."""
    figure = french(unit="mi", low=3, high=5, label="long", says="The route ran")
    assert writer(tag).said(figure) == text
    assert writer(tag).shown(figure) == text.replace(" à ", "–").replace(NB, " ")


# French ranges and qualifiers after the source's words


def french(**fields) -> Figure:
    base = dict(id="f", topic="t", measure="m", unit="people", as_of="2025", source="s")
    return Figure.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (
            dict(
                says="L’ONU recense",
                low=500_000,
                high=600_000,
                qualifier="about",
                label="personnes déplacées",
            ),
            f"L’ONU recense environ 500{NNB}000 à 600{NNB}000 personnes déplacées en 2025",
        ),
        (
            dict(
                says="Le rapport fait état d’une hausse de",
                unit="percent",
                low=25,
                high=27,
                label="des dépenses",
            ),
            f"Le rapport fait état d’une hausse de 25 à 27{NNB}% des dépenses en 2025",
        ),
        (
            dict(says="EDF estimait à", unit="EUR", value=12e9, qualifier="up to", label="le coût"),
            f"EDF estimait à un maximum de 12{NB}milliards d’euros le coût en 2025",
        ),
        (
            dict(
                says="Le rapport fait état d’une hausse de",
                unit="percent",
                value=25,
                qualifier="up to",
                label="des dépenses",
            ),
            f"Le rapport fait état d’une hausse jusqu’à 25{NNB}% des dépenses en 2025",
        ),
        (
            dict(
                says="EDF estimait à", unit="EUR", value=12e9, qualifier="roughly", label="le coût"
            ),
            f"EDF estimait à quelque 12{NB}milliards d’euros le coût en 2025",
        ),
        (
            dict(says="EDF estimait à", low=500_000, high=600_000, label="personnes"),
            f"EDF estimait entre 500{NNB}000 et 600{NNB}000 personnes en 2025",
        ),
    ],
)
def test_a_french_range_or_qualifier_never_doubles_the_sources_preposition(fields, text):
    assert writer("fr").claim(french(**fields)) == text


def test_a_contraction_keeps_a_source_that_is_only_the_preposition():
    """'de' alone, then 'jusqu’à …': nothing would be left of the source's words; kept."""
    figure = french(says="de", value=12, qualifier="up to", label="cas")
    assert writer("fr").claim(figure) == "de jusqu’à 12 cas en 2025"


# Elision before a mute h; none before an aspirated one


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("habitants", f"Selon l’Insee, la France comptait 68,4{NB}millions d’habitants en 2025"),
        ("hommes", f"Selon l’Insee, la France comptait 68,4{NB}millions d’hommes en 2025"),
        (
            "hausses de prix",
            f"Selon l’Insee, la France comptait 68,4{NB}millions de hausses de prix en 2025",
        ),
        ("héros", f"Selon l’Insee, la France comptait 68,4{NB}millions de héros en 2025"),
        ("salariés", f"Selon l’Insee, la France comptait 68,4{NB}millions de salariés en 2025"),
    ],
)
def test_french_elides_de_before_a_mute_h_and_not_an_aspirated_one(label, text):
    figure = french(says="Selon l’Insee, la France comptait", value=68_400_000, label=label)
    assert writer("fr").claim(figure) == text


def test_money_in_hryvnias_keeps_de_before_its_aspirated_h():
    assert writer("fr").quantity(2e9, 2e9, None, "UAH") == "2 milliards de hryvnias"
    assert writer("fr").quantity(2e9, 2e9, None, "EUR") == "2 milliards d’euros"


@pytest.mark.parametrize(
    ("word", "aspirated", "opens"),
    [
        ("habitants", (), "vowel"),
        ("Hongrie", ("hongrie",), "consonant"),
        ("hausse des prix", ("hausse",), "consonant"),
        ("hausse", ("hausses",), "vowel"),
        ("euros", (), "vowel"),
        ("salariés", (), "consonant"),
        ("", (), "consonant"),
    ],
)
def test_initial_counts_an_h_as_a_vowel_unless_the_word_is_aspirated(word, aspirated, opens):
    assert initial(word, aspirated) == opens


# Fourth round (review3-fr.md): the Errors


def test_a_french_stacked_bar_announces_its_whole_as_a_sentence_of_its_own():
    """E1: the whole is a sentence ('Selon la Cour des comptes, …'), never after « un total
    de »; announced, it follows a full stop, so no capital follows a colon, and the page's
    final stop is the only one."""
    whole = "Selon la Cour des comptes, EDF estimait d’abord à 3,3 milliards d’euros le coût"
    what = Language.of("fr").text("charts.stacked_bar", unit="euros", whole=whole)
    assert f"{what}." == (
        # Round 5, A7: the reviewer's wording.
        f"Chaque segment de la barre empilée est une part du total indiqué ci-après (unité{NNB}:"
        " euros). Selon la Cour des comptes, EDF estimait d’abord à 3,3 milliards d’euros le"
        " coût."
    )


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (
            dict(
                says="EDF estimait à",
                unit="EUR",
                value=12e9,
                qualifier="up to about",
                label="le coût",
            ),
            f"EDF estimait à un maximum d’environ 12{NB}milliards d’euros le coût en 2025",
        ),
        (
            dict(
                says="EDF estimait à", unit="EUR", value=12e9, qualifier="at least", label="le coût"
            ),
            f"EDF estimait à au moins 12{NB}milliards d’euros le coût en 2025",
        ),
        (
            dict(says="L’OMS estimait à", value=12, qualifier="up to", label="cas"),
            "L’OMS estimait à un maximum de 12 cas en 2025",
        ),
        (
            dict(says="L’OMS estimait à", value=12, qualifier="at least", label="cas"),
            "L’OMS estimait à au moins 12 cas en 2025",
        ),
        (
            dict(says="EDF prévoyait", unit="EUR", value=12e9, qualifier="up to", label="de coût"),
            f"EDF prévoyait jusqu’à 12{NB}milliards d’euros de coût en 2025",
        ),
        (
            dict(says="EDF estimait à", unit="EUR", value=12e9, qualifier="about", label="le coût"),
            f"EDF estimait à environ 12{NB}milliards d’euros le coût en 2025",
        ),
    ],
)
def test_a_french_ceiling_after_a_governing_a_is_said_after_the_number(fields, text):
    """E3: « estimait à » takes the figure as its object, so « jusqu’à » cannot follow it nor
    replace it: « à 12 milliards d’euros au maximum » (a count, whose noun follows: « à un
    maximum de 12 cas »). With no « à », the qualifier is the usual one."""
    assert writer("fr").claim(french(**fields)) == text


def test_only_a_language_with_a_governing_preposition_words_its_qualifier_for_it():
    for tag, text in [
        ("en", f"EDF estimait à up to €12{NB}billion le coût as of 2025"),
        ("de", f"EDF estimait à bis zu 12{NB}Milliarden Euro le coût im Jahr 2025"),
    ]:
        figure = french(
            says="EDF estimait à", unit="EUR", value=12e9, qualifier="up to", label="le coût"
        )
        assert writer(tag).claim(figure) == text


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (
            dict(says="EDF estimait à", unit="EUR", low=800e6, high=1.2e9, label="le coût"),
            f"EDF estimait entre 800{NB}millions et 1,2{NB}milliard d’euros le coût en 2025",
        ),
        (
            dict(says="EDF estimait à", unit="EUR", low=11e9, high=13e9, label="le coût"),
            f"EDF estimait entre 11 et 13{NB}milliards d’euros le coût en 2025",
        ),
        (
            dict(says="EDF estimait à", unit="EUR", low=110, high=120, label="le coût"),
            f"EDF estimait entre 110 et 120{NB}euros le coût en 2025",
        ),
        (
            dict(says="EDF estimait à", unit="km", low=3, high=5, label="la ligne"),
            f"EDF estimait entre 3 et 5{NB}kilomètres la ligne en 2025",
        ),
        (
            dict(says="Le tracé mesurait", unit="mi", low=3, high=5, label="de long"),
            # The twin says its range as the sentence does, at two figures (8.0 shows as 8).
            f"Le tracé mesurait 3 à 5{NB}miles (4,8 à 8{NB}kilomètres) de long en 2025",
        ),
    ],
)
def test_a_french_range_of_money_or_a_unit_is_said_with_a_in_a_sentence(fields, text):
    """E4: « 11 à 13 milliards d’euros », as « 25 à 27 % » and « 500 000 à 600 000 »."""
    assert writer("fr").claim(french(**fields)) == text


@pytest.mark.parametrize(
    ("key", "in_text", "count", "names", "text"),
    [
        ("blocks.via", "yes", "one", "la Saudi Gazette", "cité par la Saudi Gazette"),
        ("blocks.via", "no", "one", "Saudi Gazette", f"source intermédiaire{NNB}: Saudi Gazette"),
        (
            "blocks.via",
            "no",
            "several",
            "AP et Reuters",
            f"sources intermédiaires{NNB}: AP et Reuters",
        ),
        ("charts.reported_by", "yes", "one", "le rapport Folz", "cité par le rapport Folz"),
        (
            "charts.reported_by",
            "no",
            "one",
            "Rapport Folz",
            f"source intermédiaire{NNB}: Rapport Folz",
        ),
        (
            "charts.also_reported_by",
            "yes",
            "one",
            "la Cour des comptes",
            "en partie d’après la Cour des comptes",
        ),
        (
            "charts.also_reported_by",
            "no",
            "one",
            "Cour des comptes",
            f"en partie via une source intermédiaire{NNB}: Cour des comptes",
        ),
        (
            "charts.also_reported_by",
            "no",
            "several",
            "Cour des comptes et EDF",
            f"en partie via des sources intermédiaires{NNB}: Cour des comptes et EDF",
        ),
    ],
)
def test_a_french_relay_is_named_with_its_article_or_after_a_colon(
    key, in_text, count, names, text
):
    """E2: « cité par » / « d’après » take a name with its article, which only the sheet
    knows (`in_text`); without it, the colon form needs none."""
    params = {"outlets" if key == "blocks.via" else "names": names}
    assert Language.of("fr").text(key, in_text=in_text, count=count, **params) == text


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("en", "as reported by the Kyiv Independent"),
        ("de", "zitiert nach dem Kyiv Independent"),
        ("uk", "цит. за: Kyiv Independent"),
    ],
)
def test_every_language_prints_the_name_it_is_given_after_its_relay_words(tag, text):
    """English and German print the `in_text` name where one is given (an edition gives its
    own: 'dem Kyiv Independent'); Ukrainian's colon form takes the plain name."""
    names = {"en": "the Kyiv Independent", "de": "dem Kyiv Independent", "uk": "Kyiv Independent"}
    language = Language.of(tag)
    assert language.text("blocks.via", outlets=names[tag], in_text="yes", count="one") == text


def test_an_edition_never_carries_the_sources_name_in_running_text_over():
    """'the Gazette' is English: an edition with no `in_text` of its own uses the short name
    (and French its colon form); one that gives it uses its own."""
    from generator.editions.merge import _translated
    from generator.editions.overlay import Entry, Overlay
    from generator.models import Source

    source = Source.model_validate(
        dict(
            id="g",
            publisher="The Daily Gazette",
            short="The Gazette",
            in_text="the Gazette",
            title="Report",
            date="2025-03",
            kind="news",
        )
    )
    bare = _translated("sources", source, Overlay("fr"), "en")
    assert (bare.short, bare.in_text) == ("The Gazette", None)
    overlay = Overlay("fr")
    overlay.entries[("sources", "g")] = Entry(
        "sources", "g", "f.yml", 1, 1, {"in_text": "la Gazette"}
    )
    assert _translated("sources", source, overlay, "en").in_text == "la Gazette"


def test_a_template_written_before_in_text_still_writes_the_relay():
    """A sheet's own partial calling `t("blocks.via", outlets=…)` as before: the colon form."""
    fr = Language.of("fr")
    assert fr.text("blocks.via", outlets="AP") == f"source intermédiaire{NNB}: AP"
    assert str(fr.html("charts.reported_by", names="AP")) == f"source intermédiaire{NNB}: AP"


# Fourth round: a span within one month names its month once, as CLDR's intervals do


@pytest.mark.parametrize(
    ("tag", "table", "sentence"),
    [
        ("fr", "1er–31 mars 2022", "du 1er au 31 mars 2022"),
        ("en", "1\u2009–\u200931 March 2022", "from 1 to 31 March 2022"),
        ("de", "1.–31. März 2022", "vom 1. bis zum 31. März 2022"),
        ("uk", "1–31 березня 2022", "з 1 до 31 березня 2022 року"),
    ],
)
def test_a_span_within_one_month_names_the_month_once(tag, table, sentence):
    span = Period(start=day("2022-03-01"), end=day("2022-03-31"))
    assert writer(tag).period(span) == table
    assert writer(tag).during(span) == sentence


@pytest.mark.parametrize(
    ("start", "end", "table", "sentence"),
    [
        ("2022-03-16", "2022-05-31", "16 mars – 31 mai 2022", "du 16 mars au 31 mai 2022"),
        (
            "2021-03-16",
            "2022-03-31",
            "16 mars 2021 – 31 mars 2022",
            "du 16 mars 2021 au 31 mars 2022",
        ),
        ("2022-03", "2022-05", "mars – mai 2022", "de mars à mai 2022"),
        ("2022-03", "2022-03-31", "mars – 31 mars 2022", "de mars au 31 mars 2022"),
    ],
)
def test_a_span_across_months_or_years_names_each_month(start, end, table, sentence):
    """Only two days of one month and year share their month; a month's start does not."""
    span = Period(start=day(start), end=day(end))
    assert writer("fr").period(span) == table
    assert writer("fr").during(span) == sentence


def test_a_day_pattern_naming_the_month_first_keeps_the_month_in_a_span():
    """An override 'MMMM d, y' ('March 1, 2022'): no day stands before its month, so the
    start keeps its month, and the year is said once."""
    write = Writer(Language.of("en", {"dates.day": "MMMM d, y"}))
    span = Period(start=day("2022-03-01"), end=day("2022-03-31"))
    assert write.period(span) == "March 1\u2009–\u2009March 31, 2022"


@pytest.mark.parametrize(
    ("tag", "when", "line"),
    [
        (
            "fr",
            "en 2023",
            f"Écart entre les doses en 2023 — calcul de la rédaction{NNB}: 9 points de"
            " pourcentage.",
        ),
        (
            "fr",
            "",
            f"Écart entre les doses — calcul de la rédaction{NNB}: 9 points de pourcentage.",
        ),
        (
            "en",
            "in 2023",
            "Écart entre les doses in 2023, computed by this site: 9 points de pourcentage.",
        ),
    ],
)
def test_a_computed_figures_line_dates_its_label_and_ends_with_a_stop(tag, when, line):
    """Review 3, A3 and Typo 1: the date in the label as a sentence says it (« en 2023 »),
    not « (2023) » after the value, and a final stop as every claim line has."""
    language = Language.of(tag)
    title = language.text(
        "blocks.label_when", label="Écart entre les doses", when=when, dated="yes" if when else "no"
    )
    label = language.text("blocks.computed_label", label=title)
    labelled = language.text("typography.labelled", label=label, text="9 points de pourcentage")
    assert language.text("typography.sentence", text=labelled) == line


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("fr", f"OMS, 14 novembre 2024 (cité par la Saudi Gazette{NNB}; original non consulté)"),
        ("de", "OMS, 14 novembre 2024 (zitiert nach la Saudi Gazette; Original nicht eingesehen)"),
        ("en", "OMS, 14 novembre 2024, as reported by la Saudi Gazette (original not consulted)"),
    ],
)
def test_a_relay_and_a_sources_confidence_share_one_aside(tag, text):
    """Review 3, A1: « (cité par …) (original non consulté) » was two parentheses in a row."""
    language = Language.of(tag)
    via = language.text("blocks.via", outlets="la Saudi Gazette", in_text="yes", count="one")
    aside = {"fr": "original non consulté", "de": "Original nicht eingesehen"}.get(
        tag, "original not consulted"
    )
    said = language.text(
        "blocks.reported_aside", text="OMS, 14 novembre 2024", via=via, aside=aside
    )
    assert said == text


@pytest.mark.parametrize(
    ("tag", "ranges", "text"),
    [
        (
            "fr",
            "none",
            f"Le graphique en courbes présente des estimations (unité{NNB}: euros), de 2006 à"
            " 2022, chacune à sa date",
        ),
        (
            "fr",
            "some",
            f"Le graphique en courbes présente des estimations (unité{NNB}: euros), de 2006 à"
            " 2022, chacune à sa date. Une barre verticale indique la fourchette d’une estimation",
        ),
        (
            "en",
            "none",
            "The line chart shows estimates from 2006 to 2022 (unit: euros), each plotted at the"
            " date it refers to",
        ),
    ],
)
def test_a_charts_description_names_a_range_mark_only_where_one_is_drawn(tag, ranges, text):
    """Review 3, A5: the Flamanville chart, four single values, said « Une barre verticale
    indique la fourchette d’une estimation »: the reader looked for a bar that is not there."""
    span = {"fr": "de 2006 à 2022", "en": "from 2006 to 2022"}[tag]
    said = Language.of(tag).text(
        "charts.line", unit="euros", scale="", span=span, dates="several", ranges=ranges
    )
    assert said == text


def test_a_range_bar_chart_names_its_dot_only_where_a_figure_is_single():
    fr = Language.of("fr")
    said = fr.text("charts.range_bar", what="des nombres de personnes", singles="none")
    assert said == (
        "Le graphique présente des nombres de personnes. Chaque barre va de la"
        " valeur basse à la valeur haute d’une estimation"
    )


# Fourth round: mutants of the writer that no test killed (make mutation), each a behaviour


def test_elide_keeps_de_before_a_value_opening_with_an_aspirated_h():
    """'de' is elided before a vowel and a mute h, never before an aspirated one."""
    fr = Language.of("fr")
    assert elide(fr, "une baisse de", "hausse de 5 %") == ("une baisse de", "space")
    assert elide(fr, "une baisse de", "hommes 5") == ("une baisse d’", "elided")


def test_a_contraction_leaves_the_sources_last_word_off_and_joins_with_a_space():
    fr = Language.of("fr")
    assert elide(fr, "une hausse de", "jusqu’à 25 % des dépenses") == ("une hausse", "space")
    assert elide(fr, "une hausse de", f"jusqu’à{NB}25 %") == ("une hausse", "space")


def test_a_contraction_pair_splits_at_its_first_plus_sign_only():
    """'de++5': the source's 'de' before a value opening with '+5' (a signed number)."""
    language = Language.of("fr", {"typography.contractions": "de++5"})
    assert elide(language, "une hausse de", "+5 %") == ("une hausse", "space")


def test_a_range_in_a_sentence_is_told_what_it_counts():
    """`$of` is 'number' for a percentage, 'money' for cents, as an override can tell."""
    said = (
        "{ $of ->\n [number] N({ $low }, { $high })\n [money] M({ $low }, { $high })\n"
        " *[other] U\n}"
    )
    write = Writer(Language.of("en", {"numbers.range": said}))
    assert write.quantity(10, 12, None, "percent", sentence=True) == "N(10, 12%)"
    french = Writer(Language.of("fr", {"numbers.range": said}))
    assert french.quantity(12.5, 15, None, "EUR", sentence=True) == "M(12,50, 15,00) euros"


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("fr", f"12,50 à 15,00{NB}euros"),
        ("uk", f"від 12,50 до 15,00{NB}євро"),
        ("de", f"12,50–15,00{NB}Euro"),
    ],
)
def test_a_range_of_money_with_cents_in_a_sentence(tag, text):
    assert Writer(Language.of(tag), space=NB).quantity(12.5, 15, None, "EUR", sentence=True) == text


def test_a_day_written_as_a_word_with_an_apostrophe_is_quoted_in_the_pattern():
    day_word = "{ $day ->\n [1] l'un\n *[other] { $day }\n}"
    language = Language.of("fr", {"dates.day_of_month": day_word})
    assert Writer(language).date(day("2020-03-01")) == "l'un mars 2020"


def test_a_span_opening_with_an_aspirated_h_keeps_de():
    """`$start_initial` counts the catalog's aspirated words: « de huit mars… »."""
    language = Language.of("fr", {"dates.month_in_text": "'huit' MMMM y"})
    span = Period(
        start=PartialDate.model_validate("2022-03"), end=PartialDate.model_validate("2022-05")
    )
    assert Writer(language).during(span) == "de huit mars à huit mai 2022"


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        (1_250_000, 2_000_000, "1.25–2 million miles (2.01–3.22 million kilometres)"),
        (1_000_000, 1_250_000, "1–1.25 million miles (1.61–2.01 million kilometres)"),
    ],
)
def test_a_range_of_millions_converts_at_the_more_precise_ends_figures(low, high, text):
    assert writer("en").quantity(low, high, None, "mi") == text


@pytest.mark.parametrize(
    ("tag", "unit", "low"),
    [("fr", "percent", "Valeur (%)"), ("fr", "km", "Valeur (kilomètres)")],
)
def test_a_data_tables_head_writes_percent_as_its_sign(tag, unit, low):
    """Review 3, A11: « Valeur (pourcentage) » is « Valeur (%) » in a table head;
    a sentence keeps the unit's name (« unité : pourcentage »)."""
    from generator.charts.data import ChartData
    from generator.models import Chart
    from generator.units import unit as unit_of

    chart = Chart.model_validate({"id": "c", "title": "T", "kind": "bar", "figures": ["a"]})
    data = ChartData(chart=chart, language=Language.of(tag), unit=unit_of(unit))
    assert data.table()[0][1] == low


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (
            dict(
                says="EDF estimait à",
                unit="EUR",
                value=12e9,
                qualifier="up to",
                price_base=2015,
                label="le coût",
            ),
            f"EDF estimait à un maximum de 12{NB}milliards d’euros aux prix de 2015 le coût"
            " en 2025",
        ),
        (
            dict(says="L’ONU recense", low=500_000, high=600_000, label="personnes"),
            f"L’ONU recense 500{NNB}000 à 600{NNB}000 personnes en 2025",
        ),
        (
            dict(says="EDF estimait à", low=25, high=27, qualifier="about", label="cas"),
            "EDF estimait entre environ 25 et 27 cas en 2025",
        ),
    ],
)
def test_round_four_a_governed_range_is_said_between_and_a_ceiling_before_the_number(fields, text):
    """Review 4, E1 and E2: « estimait entre 11 et 13 milliards » (tested above), a ceiling
    before the amount and its price base, an ungoverned range as before; a range « environ »
    qualifies says it inside: « entre environ 25 et 27 » (round 5)."""
    assert writer("fr").claim(french(**fields)) == text


# Round 5: the computed working with units, the formula's titles in running text (fr A1 / en A3)


def _difference(tag_unit: str, a: float, b: float, **fields):
    from generator.derive import compute
    from generator.models import Derived

    first = french(says="X says", id="a", value=a, unit=tag_unit, label="a", **fields)
    second = french(says="X says", id="b", value=b, unit=tag_unit, label="b", **fields)
    spec = Derived(
        id="d", label="d", topic="t", op="difference", inputs=["a", "b"], decimals=0,
        unit="percentage-points" if tag_unit == "percent" else None,
    )  # fmt: skip
    return compute(spec, [first, second])


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        (
            "fr",
            "13,2 milliards d’euros − 12,4 milliards d’euros = 800 millions d’euros"
            " (aux prix de 2015)",
        ),
        ("en", "€13.2 billion − €12.4 billion = €800 million (at 2015 prices)"),
        (
            "de",
            "13,2 Milliarden Euro − 12,4 Milliarden Euro = 800 Millionen Euro"
            " (zu Preisen von 2015)",
        ),
        (
            "uk",
            "13,2 мільярда євро − 12,4 мільярда євро = 800 мільйонів євро (в цінах 2015 року)",
        ),
    ],
)
def test_a_working_writes_each_sum_with_its_currency_and_the_price_base_once(tag, text):
    """Review 4 fr A1: « 13,2 milliards − 12,4 milliards = 800 millions » said neither of what
    nor at what prices."""
    cost = _difference("EUR", 13_200_000_000, 12_400_000_000, price_base=2015)
    assert writer(tag).working(cost) == text


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("fr", f"83{NNB}% − 74{NNB}% = 9 points de pourcentage"),
        ("en", "83% − 74% = 9 percentage points"),
        ("de", f"83{NB}% − 74{NB}% = 9 Prozentpunkte"),
        ("uk", "83% − 74% = 9 відсоткових пунктів"),
    ],
)
def test_a_working_of_shares_writes_percent_signs_and_the_result_in_points(tag, text):
    assert writer(tag).working(_difference("percent", 83, 74)) == text


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("en", "1.2 million ÷ 1,407 days ≈ 853 a day, rounded to about 850"),
        ("fr", f"1,2 million ÷ 1{NNB}407 jours ≈ 853 par jour, arrondi à environ 850"),
        ("de", "1,2 Millionen ÷ 1.407 Tage ≈ 853 pro Tag, gerundet etwa 850"),
        ("uk", f"1,2 мільйона ÷ 1{NB}407 днів ≈ 853 на добу, після округлення — близько 850"),
    ],
)
def test_a_rates_working_says_a_day_and_its_rounding_in_words(tag, text):
    """Review 4 en A3: "… ≈ 853 ≈ 850" had no unit, and a second '≈' is no prose. 853 is
    852.88, so '≈' stays (review 4 de E5: no false equation)."""
    from generator.derive import compute
    from generator.models import Derived

    stored = french(
        says="X says", id="a", value=1_200_000, as_of=None, period=PERIOD_1407, label="a"
    )
    spec = Derived(id="d", label="d", topic="t", op="per-day", inputs=["a"], decimals=0)
    assert writer(tag).working(compute(spec, [stored])) == text


PERIOD_1407 = {"start": "2022-02-24", "end": "2025-12-31"}


def test_a_rate_per_period_says_its_days_and_a_set_unit_says_its_own():
    from generator.derive import compute
    from generator.models import Derived

    stored = french(
        says="X says",
        id="a",
        value=415_000,
        as_of=None,
        period={"start": "2025", "end": "2025"},
        label="a",
    )
    six_weeks = Derived(id="d", label="d", topic="t", op="per-period", inputs=["a"], days=42)
    assert writer("en").working(compute(six_weeks, [stored])) == (
        "415,000 ÷ 365 days × 42 ≈ 47,753.4 per 42 days, rounded to about 47,800"
    )
    assert writer("fr").working(compute(six_weeks, [stored])) == (
        f"415{NNB}000 ÷ 365 jours × 42 ≈ 47{NNB}753,4 pour 42 jours, arrondi à environ 47{NNB}800"
    )
    daily = Derived(id="e", label="e", topic="t", op="per-day", inputs=["a"], unit="km")
    assert writer("en").working(compute(daily, [stored])) == (
        "415,000 ÷ 365 days ≈ 1,137 kilometres, rounded to about 1,140 kilometres"
    )


@pytest.mark.parametrize(
    ("tag", "titles", "formula"),
    [
        (
            "fr",
            ("Le coût estimé en 2022", "Le coût estimé en 2019"),
            "le coût estimé en 2022 − le coût estimé en 2019",
        ),
        (
            "en",
            ("Population of Russia", "Population of Ukraine"),
            "population of Russia − population of Ukraine",
        ),
        ("en", ("Russian military deaths", "EDF's cost"), "Russian military deaths − EDF's cost"),
        (
            "de",
            ("Erste Dosis, 2023", "Zweite Dosis, 2023"),
            "Erste Dosis (2023) − Zweite Dosis (2023)",
        ),
        (
            "uk",
            ("Міське населення України", "Наявне населення"),
            "міське населення України − наявне населення",
        ),
    ],
)
def test_a_formulas_titles_read_as_inside_a_sentence(tag, titles, formula):
    """Review 4 fr A1: « … : Le coût de construction … − Le coût … »; German nouns keep their
    capital, and so do English names of peoples and acronyms."""
    from generator.derive import compute
    from generator.models import Derived

    a = french(says="X says", id="a", value=2, label="x", name=titles[0])
    b = french(says="X says", id="b", value=1, label="x", name=titles[1])
    spec = Derived(id="d", label="d", topic="t", op="difference", inputs=["a", "b"])
    assert writer(tag).formula(compute(spec, [a, b])) == formula


@pytest.mark.parametrize(
    ("text", "lowered"),
    [
        ("Début du chantier", "début du chantier"),
        ("L’OMS juge", "l’OMS juge"),
        ("EDF annonce", "EDF annonce"),
        ("Jean-Martin Folz remet son rapport", "Jean-Martin Folz remet son rapport"),
        ("Emmanuel Macron annonce", "Emmanuel Macron annonce"),
        ("La Russie envahit", "la Russie envahit"),
        ("France Stratégie publie", "France Stratégie publie"),
        ("X", "X"),
        ("« Les taux »", "« Les taux »"),
    ],
)
def test_in_text_lowers_a_french_opening_but_keeps_names_and_acronyms(text, lowered):
    from generator.typography import in_text

    assert in_text(Language.of("fr"), text) == lowered


def test_in_text_keeps_every_capital_where_the_catalog_says_keep():
    from generator.typography import in_text

    assert in_text(Language.of("de"), "Erste Dosis") == "Erste Dosis"
    assert in_text(Language.of("en"), "Work began", "after_colon") == "Work began"
    assert in_text(Language.of("fr"), "Début du chantier", "after_colon") == "début du chantier"


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        (
            "fr",
            f"Calcul de la rédaction{NNB}: le coût en 2022 − le coût en 2019, soit 2 − 1 = 1.",
        ),
        (
            "en",
            "Computed by this site from the figures below: cost in 2022 − cost in 2019, that is,"
            " 2 − 1 = 1.",
        ),
    ],
)
def test_the_computed_sentence_puts_its_formula_inside_the_sentence(tag, text):
    language = Language.of(tag)
    formula = "le coût en 2022 − le coût en 2019" if tag == "fr" else "cost in 2022 − cost in 2019"
    computed = language.text("blocks.computed", formula=formula, working="2 − 1 = 1")
    assert language.text("typography.sentence", text=computed) == text


# Round 5: a date inside a claim, on a page, with no-break spaces (fr round 4, T2)


@pytest.mark.parametrize(
    ("tag", "as_of", "cite"),
    [
        ("fr", f"au 16{NB}décembre{NB}2022", f"version du 15{NB}janvier{NB}2025"),
        ("en", f"as of 16{NB}December{NB}2022", f"updated 15{NB}January{NB}2025"),
        ("de", f"am 16.{NB}Dezember{NB}2022", f"Stand&#58; 15.{NB}Januar{NB}2025"),
        ("uk", f"станом на 16{NB}грудня{NB}2022 року", f"оновлено 15{NB}січня{NB}2025 року"),
    ],
)
def test_a_pages_claim_and_citation_bind_a_dates_parts_as_its_source_lines_do(
    tmp_path, tag, as_of, cite
):
    """« au 16 décembre 2022 » in a claim and « version du 15 janvier 2025 » in the citation
    had plain spaces where the source lines beside them had no-break ones."""
    from generator.render import render_pages

    pages = tmp_path / "site_src" / "pages"
    pages.mkdir(parents=True)
    (pages / "index.md.j2").write_text(
        '{{ q | said_when }}|{{ t("cite.as", sheet="S", title="T", **(day | date_words)) }}\n',
        encoding="utf-8",
    )
    q = french(says="X says", label="x", value=3, as_of="2022-12-16")
    context = {"q": q, "day": dt.date(2025, 1, 15)}
    (page,) = render_pages(tmp_path / "site_src", context, str, writer(tag))
    when, cited = page.body.rstrip("\n").split("|")
    assert when == as_of
    assert cite in cited


def test_a_claim_in_a_download_keeps_plain_spaces_in_its_date():
    assert writer("fr").claim(french(says="X a", label="x", value=3, as_of="2022-12-16")) == (
        "X a 3 x au 16 décembre 2022"
    )


# Round 5: « estimait entre environ 25 et 27 » (fr round 4, E1 remainder)


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (
            dict(unit="EUR", low=11e9, high=13e9, label="le coût"),
            f"EDF estimait entre environ 11 et 13{NB}milliards d’euros le coût en 2025",
        ),
        (
            dict(unit="percent", low=25, high=27, label="de hausse"),
            f"EDF estimait entre environ 25 et 27{NNB}% de hausse en 2025",
        ),
        (
            dict(unit="km", low=3, high=5, label="de route"),
            f"EDF estimait entre environ 3 et 5{NB}kilomètres de route en 2025",
        ),
        (dict(value=25, label="cas"), "EDF estimait à environ 25 cas en 2025"),
        (
            dict(low=25, high=27, label="cas", says="L’ONU recense"),
            "L’ONU recense environ 25 à 27 cas en 2025",
        ),
        (
            dict(low=25, high=27, label="cas", qualifier="up to"),
            "EDF estimait à un maximum de 25 à 27 cas en 2025",
        ),
    ],
)
def test_a_governed_range_says_about_inside_it(fields, text):
    """« estimait à environ 25 à 27 » read "estimated at about 25 at 27"; a single value and
    an ungoverned range keep « environ » before them, and « un maximum de » stays outside."""
    figure = french(**{"says": "EDF estimait à", "qualifier": "about", **fields})
    assert writer("fr").claim(figure) == text


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("en", "X estimates about 25–27 cases as of 2025"),
        ("de", "X estimates etwa 25 bis 27 cases im Jahr 2025"),
        # 'близько від' reads 'near to': a range in words takes 'приблизно' (round 5, uk E1)
        ("uk", "X estimates приблизно від 25 до 27 cases у 2025 році"),
    ],
)
def test_a_range_keeps_its_qualifier_outside_where_the_catalog_names_none(tag, text):
    figure = french(says="X estimates", qualifier="about", low=25, high=27, label="cases")
    assert writer(tag).claim(figure) == text


# Round 5: lower case after a colon in French running text (fr round 4, T1)


def _timeline(tag: str) -> str:
    from generator.charts.data import ChartData, Moment
    from generator.models import Chart

    chart = Chart.model_validate(
        {"id": "c", "title": "T", "kind": "timeline", "events": ["a", "b", "c"]}
    )
    moments = (
        Moment("a", "Début du chantier", day("2007-12"), "décembre 2007", ()),
        Moment("b", "Jean-Martin Folz remet son rapport", day("2019-10"), "octobre 2019", ()),
        Moment("c", "L’ASN autorise la mise en service", day("2024-05"), "mai 2024", ()),
    )
    return ChartData(chart=chart, language=Language.of(tag), unit=None, moments=moments)


def test_a_french_timelines_text_alternative_lowers_each_title_after_its_colon():
    text = _timeline("fr").text_alternative()
    assert f"Décembre 2007{NNB}: début du chantier." in text
    assert f"Octobre 2019{NNB}: Jean-Martin Folz remet son rapport." in text
    assert f"Mai 2024{NNB}: l’ASN autorise la mise en service." in text


def test_an_english_timeline_keeps_the_capital_after_its_colon():
    assert "Décembre 2007: Début du chantier." in _timeline("en").text_alternative()


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("fr", "l’OMS juge|la Cour a publié|Emmanuel Macron annonce"),
        ("en", "L’OMS juge|La Cour a publié|Emmanuel Macron annonce"),
        ("de", "L’OMS juge|La Cour a publié|Emmanuel Macron annonce"),
        ("uk", "L’OMS juge|La Cour a publié|Emmanuel Macron annonce"),
    ],
)
def test_a_page_writes_text_after_a_colon_as_its_language_does(tmp_path, tag, text):
    """« Ce que dit la source : L’OMS juge… » (a note), « Pourquoi : La Cour… » (the
    Changes page): French lowers the first letter after a colon; English and German keep a
    capital before a whole sentence, and Ukrainian as its catalog says."""
    from generator.render import render_pages

    pages = tmp_path / "site_src" / "pages"
    pages.mkdir(parents=True)
    (pages / "index.md.j2").write_text(
        "{{ 'L’OMS juge' | after_colon }}|{{ 'La Cour a publié' | after_colon }}|"
        "{{ 'Emmanuel Macron annonce' | after_colon }}\n",
        encoding="utf-8",
    )
    (page,) = render_pages(tmp_path / "site_src", {}, str, writer(tag))
    assert page.body.rstrip("\n") == text


# Round 5: review4-fr.md's Awkward wordings (catalog and template)


@pytest.mark.parametrize(
    ("key", "args", "text"),
    [
        # A2: no parenthesis inside a parenthesis after « Utilisée pour : »
        (
            "sources.cited.statement",
            {"quote": "Les taux…", "speaker": "Jens Spahn (CDU)"},
            f"citation «{NNB}Les taux…{NNB}», Jens Spahn (CDU)",
        ),
        # A3: a note in the list as the other items are, no second colon, no capital
        (
            "sources.cited.note",
            {"title": "Combien de vaccinés ?"},
            f"note de la rédaction «{NNB}Combien de vaccinés ?{NNB}»",
        ),
        # A10: a removed record quoted, then marked, as in the other languages
        (
            "changes.removed",
            {"said": "Selon la Cour des comptes…"},
            f"«{NNB}Selon la Cour des comptes…{NNB}» (retiré de la fiche)",
        ),
        # A11: the original's language
        ("blocks.translation", {"original": "de"}, "traduit de l’allemand"),
        ("blocks.translation", {"original": "nl"}, "traduit du néerlandais"),
        ("blocks.translation", {"original": ""}, "traduction"),
    ],
)
def test_round_four_french_awkward_wordings_read_as_the_reviewer_proposed(key, args, text):
    assert Language.of("fr").text(key, **args) == text


def test_a_french_column_chart_is_no_histogram():
    """A9: to a reader with any statistics, « histogramme » is a distribution."""
    language = Language.of("fr")
    described = language.text(
        "charts.column", unit="euros", span="de 2019 à 2022", dates="several", ranges="none"
    )
    assert described.startswith("Le graphique en colonnes présente des estimations")
    data = language.text("datapackage.resources.chart.column", id="c", unit="euros")
    assert data == (
        f"Les données du graphique en colonnes `c`{NNB}: ses chiffres et leurs dates"
        f" (unité{NNB}: euros)."
    )


def test_the_french_changes_lede_names_its_feed_once():
    """A4: « Suivez ce journal dans un lecteur de flux : flux Atom. » said « flux » twice."""
    lede = Language.of("fr").text("pages.changes.lede", feed="flux Atom")
    assert lede.endswith(
        "Chaque élément modifié renvoie à son entrée. Ce journal est aussi disponible en flux Atom."
    )


def test_the_flamanville_example_writes_its_changes_page_from_the_catalog():
    """A4: the example people copy overrode the page with an older text."""
    from pathlib import Path

    page = Path(__file__).resolve().parents[1] / "examples/flamanville/site_src/pages/changes.md.j2"
    text = page.read_text(encoding="utf-8")
    assert 't("pages.changes.lede", feed=b.feed_link())' in text
    assert "la source qui fait foi" not in text


@pytest.mark.parametrize(
    ("tag", "via", "aside", "text"),
    [
        (
            "fr",
            "cité par la Saudi Gazette",
            "original non consulté",
            f"OMS, 2024, cité par la Saudi Gazette{NNB}; original non consulté",
        ),
        (
            "en",
            "as reported by the Gazette",
            "the original was not consulted",
            "OMS, 2024, as reported by the Gazette; the original was not consulted",
        ),
        (
            "de",
            "zitiert nach AP",
            "das Original wurde nicht eingesehen",
            "OMS, 2024, zitiert nach AP; das Original wurde nicht eingesehen",
        ),
        (
            "uk",
            "цит. за: AP",
            "оригінал не переглянуто",
            "OMS, 2024, цит. за: AP; оригінал не переглянуто",
        ),
    ],
)
def test_a_reference_inside_a_notes_aside_takes_no_second_parenthesis(tag, via, aside, text):
    """A2: « (OMS, …, 14 novembre 2024 (cité par la Saudi Gazette ; original non
    consulté)) » had a parenthesis inside a parenthesis."""
    language = Language.of(tag)
    said = language.text(
        "blocks.reference_in_aside",
        text="OMS, 2024",
        via=via,
        aside=aside,
        relayed="yes",
        unsure="yes",
    )
    assert said == text
    alone = language.text(
        "blocks.reference_in_aside", text="OMS, 2024", via="", aside="", relayed="no", unsure="no"
    )
    assert alone == "OMS, 2024"


@pytest.mark.parametrize(
    ("qualifier", "people", "hryvnias"),
    [
        ("about", "приблизно від 25 до 27", f"приблизно від 2 до 3{NB}гривень"),
        ("roughly", "приблизно від 25 до 27", f"приблизно від 2 до 3{NB}гривень"),
        ("over", "понад 25–27", f"понад 2–3{NB}гривні"),
        ("up to", "до 25–27", f"до 2–3{NB}гривень"),
        ("up to about", "приблизно до 25–27", f"приблизно до 2–3{NB}гривень"),
        ("less than", "менше ніж 25–27", f"менше ніж 2–3{NB}гривні"),
        ("at least", "щонайменше 25–27", f"щонайменше 2–3{NB}гривні"),
        ("nearly", "майже 25–27", f"майже 2–3{NB}гривні"),
        (None, "від 25 до 27", f"від 2 до 3{NB}гривень"),
    ],
)
def test_a_ukrainian_qualifier_before_a_range_reads_as_ukrainian(qualifier, people, hryvnias):
    """Round 5, uk E1: «близько від 25 до 27» read 'near to', «до від 2 до 3», «понад від …»
    were no Ukrainian. 'About' or 'roughly' before a range in words is «приблизно»; every other
    qualifier takes the dash form and governs it as it does one number («до 2–3 гривень»)."""
    write = Writer(Language.of("uk"), space=NB)
    assert write.quantity(25, 27, qualifier, "people", sentence=True) == people
    assert write.quantity(2, 3, qualifier, "UAH", sentence=True) == hryvnias
    # a table, a single value and a range in millions keep «близько»
    assert Writer(Language.of("uk")).quantity(25, 27, "about", "people") == "близько 25–27"
    assert write.quantity(25, 25, "about", "people", sentence=True) == "близько 25"
    assert write.quantity(2e6, 3e6, "about", "people", sentence=True) == (
        f"близько 2–3{NB}мільйонів"
    )


# Round 5, French review 5: the Error and what follows it

BOUNDED = """\
figures:
  - id: cost-range
    label: for the reactor
    says: EDF estimated
    topic: example
    measure: cost
    low: 11000000000
    high: 13000000000
    qualifier: up to
    unit: EUR
    as_of: 2020
    historical: true
    source: un-wpp-2024
  - id: cost-about
    label: for the reactor
    says: EDF estimated
    topic: example
    measure: cost
    low: 11000000000
    high: 13000000000
    qualifier: about
    unit: EUR
    as_of: 2020
    historical: true
    source: un-wpp-2024
"""


def test_a_bound_on_a_range_is_warned_at_its_qualifier(starter):
    """E1 (b): 'up to 11–13 billion' bounds nothing; a warning, so old sheets still build;
    'about' a range is fine."""
    from tests.support import run

    (starter / "content" / "costs.yml").write_text(BOUNDED, encoding="utf-8")
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "content/costs.yml:9:16: warning: cost-range.qualifier: 'up to' on the range "
        "11,000,000,000–13,000,000,000 bounds nothing a reader can check ('up to "
        "11,000,000,000 to 13,000,000,000'): give the range without a qualifier (or with "
        "'about'), or the bound alone as the value"
    )
    assert "cost-about" not in result.stdout
    assert run(starter, "check", "--strict", "--today", "2024-07-12").exit_code == 1


@pytest.mark.parametrize(
    ("qualifier", "text"),
    [
        ("roughly", f"EDF estimait entre environ 11 et 13{NB}milliards d’euros le coût en 2025"),
        ("about", f"EDF estimait entre environ 11 et 13{NB}milliards d’euros le coût en 2025"),
    ],
)
def test_round_five_a_governed_range_says_environ_for_about_and_roughly(qualifier, text):
    """E1 (a): « à quelque 11 à 13 milliards »; « entre quelque 11 et 13 » is no French."""
    figure = french(
        says="EDF estimait à", unit="EUR", low=11e9, high=13e9, qualifier=qualifier, label="le coût"
    )
    assert writer("fr").claim(figure) == text


def test_round_five_roughly_keeps_quelque_outside_a_governed_range():
    figure = french(
        says="EDF estimait à", unit="EUR", value=12e9, qualifier="roughly", label="le coût"
    )
    assert writer("fr").claim(figure) == (
        f"EDF estimait à quelque 12{NB}milliards d’euros le coût en 2025"
    )
    ranged = french(says="L’ONU recense", low=500_000, high=600_000, qualifier="roughly", label="x")
    assert (
        writer("fr").claim(ranged) == f"L’ONU recense quelque 500{NNB}000 à 600{NNB}000 x en 2025"
    )


@pytest.mark.parametrize(
    ("tag", "formula"),
    [
        ("fr", "première dose dans le monde (2023) − deuxième dose dans le monde (2023)"),
        ("de", "Erste Dosis weltweit (2023) − Zweite Dosis weltweit (2023)"),
        ("en", "first dose worldwide (2023) − second dose worldwide (2023)"),
    ],
)
def test_round_five_a_formulas_title_closing_year_is_in_parentheses(tag, formula):
    """A2: « …dans le monde, 2023 − …, 2023, soit … »: the commas piled up."""
    from generator.derive import compute
    from generator.models import Derived

    names = {
        "fr": ("Première dose dans le monde, 2023", "Deuxième dose dans le monde, 2023"),
        "de": ("Erste Dosis weltweit, 2023", "Zweite Dosis weltweit, 2023"),
        "en": ("First dose worldwide, 2023", "Second dose worldwide, 2023"),
    }[tag]
    a = french(says="X", id="a", value=83, unit="percent", label="x", name=names[0])
    b = french(says="X", id="b", value=74, unit="percent", label="x", name=names[1])
    spec = Derived(id="d", label="d", topic="t", op="difference", inputs=["a", "b"])
    assert writer(tag).formula(compute(spec, [a, b])) == formula


def test_round_five_a_headline_cards_claim_binds_its_date(tmp_path):
    """T2: the headline card's « au 16 décembre 2022 » had plain spaces."""
    from generator.render import render_pages

    pages = tmp_path / "site_src" / "pages"
    pages.mkdir(parents=True)
    (pages / "index.md.j2").write_text("{{ q | claim }}\n", encoding="utf-8")
    q = french(says="EDF estimait à", label="le coût", value=3, as_of="2022-12-16")
    (page,) = render_pages(tmp_path / "site_src", {"q": q}, str, writer("fr"))
    assert page.body.rstrip("\n") == f"EDF estimait à 3 le coût au 16{NB}décembre{NB}2022"


def test_the_gesundheit_french_edition_writes_its_changes_page_from_the_catalog():
    """A1: the edition's override still said « la source qui fait foi »."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    page = root / "examples/gesundheit/site_src/editions/fr/pages/changes.md.j2"
    text = page.read_text(encoding="utf-8")
    assert 't("pages.changes.lede", feed=b.feed_link())' in text
    assert "qui fait foi" not in text
