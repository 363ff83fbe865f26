"""The findings of the native review of 6 December 2026 (docs/reviews/), one test each, per
language: every expected text typed out as the reviewer asked for it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.charts.data import shown
from generator.language import Count, Language, catalog
from generator.messages import renderings
from generator.models import Figure, PartialDate, Period
from generator.numbers import Writer
from generator.typography import elide, join
from generator.units import unit

NNBSP, NBSP = "\u202f", "\u00a0"


def write(tag: str) -> Writer:
    return Writer(Language.of(tag))


# --- Ukrainian ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "qualifier", "unit", "text"),
    [
        (3, "about", "km", "близько 3 кілометрів"),
        (1, "about", "km", "близько 1 кілометра"),
        (21, "about", "km", "близько 21 кілометра"),
        (5, "about", "km", "близько 5 кілометрів"),
        (1.5, "about", "km", "близько 1,5 кілометра"),
        (3, "over", "km", "понад 3 кілометри"),
        (3, "more than", "km", "понад 3 кілометри"),
        (3, "up to", "km", "до 3 кілометрів"),
        (3, "up to about", "km", "приблизно до 3 кілометрів"),
        (25, "below", "people", "менше ніж 25"),
        (3_000_000, "about", "people", "близько 3 мільйонів"),
        (1_000_000, "about", "people", "близько 1 мільйона"),
        (1_200_000, "about", "people", "близько 1,2 мільйона"),
        (3_000_000, "over", "people", "понад 3 мільйони"),
        (2_000_000_000, "about", "UAH", "близько 2 мільярдів гривень"),
        (3, "about", "UAH", "близько 3 гривень"),
    ],
)
def test_ukrainian_qualifiers_put_the_number_in_the_case_they_govern(low, qualifier, unit, text):
    assert write("uk").quantity(low, low, qualifier, unit) == text


def test_ukrainian_hryvnias_are_hryvnias_without_the_adjective():
    assert write("uk").quantity(2e9, 2e9, None, "UAH") == "2 мільярди гривень"
    assert write("uk").quantity(1, 1, None, "UAH") == "1 гривня"


def test_ukrainian_bar_and_column_charts_have_their_own_names():
    uk = Language.of("uk")
    assert uk.text("charts.bar", what="значення").startswith("Смугова діаграма")
    column = uk.text("charts.column", unit="осіб", span="з 2019 до 2022 року", dates="several")
    assert column.startswith("Стовпчикова діаграма")


def test_ukrainian_citations_put_a_month_or_a_year_in_the_locative():
    w = write("uk")
    month = w.date_words(PartialDate(year=2019, month=10))
    year = w.date_words(PartialDate(year=2019))
    cite = "Як цитувати: Аркуш, «Заголовок», оновлено в жовтні 2019 року"
    assert w.language.text("cite.as", sheet="Аркуш", title="Заголовок", **month) == cite
    download = w.language.text(
        "downloads.cite_as", sheet="Аркуш", title="Заголовок", link="https://x.org/", **year
    )
    assert download == "Аркуш, «Заголовок», оновлено в 2019 році, https://x.org/"


def test_ukrainian_texts_the_reviewer_rewrote():
    uk = Language.of("uk")
    assert uk.text("pages.changes.none") == "Опубліковані показники й заяви ще не змінювалися."
    assert uk.text("blocks.computed_label", label="частка") == "частка (розрахунок сайту)"


def test_ukrainian_timeline_counts_its_events_after_a_colon_in_the_nominative():
    """'Хронологія: 3 події', so the span's 'з … до …' does not follow a second 'з'."""
    w = write("uk")
    assert w.counted("charts.events", 1_000_000, "events") == "Хронологія: 1 мільйон подій"
    assert w.counted("charts.events", 3, "events") == "Хронологія: 3 події"
    assert w.counted("charts.events", 1, "events") == "Хронологія: 1 подія"


# --- German ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "alone", "after_in"),
    [
        ("km", "Kilometer", "Kilometern"),
        ("m-per-day", "Meter pro Tag", "Metern pro Tag"),
        ("years", "Jahre", "Jahren"),
        ("people", "Personen", "Personen"),
        ("EUR", "Euro", "Euro"),
    ],
)
def test_german_unit_names_take_the_dative_after_in(unit, alone, after_in):
    w = write("de")
    assert w.unit_name(unit) == alone
    assert w.unit_name(unit, use="in") == after_in


def test_a_german_chart_description_and_its_data_name_the_unit_after_einheit():
    """The second review: 'in Anzahl', 'in je 1.000' could not be said in the data package."""
    de = Language.of("de")
    text = de.text("charts.bar", what=shown(write("de"), unit("km")))
    assert text == "Das Balkendiagramm zeigt Zahlen (Einheit: Kilometer)"
    data = de.text("datapackage.resources.chart.bar", id="x", unit=write("de").unit_name("count"))
    assert data == "Die Daten des Balkendiagramms `x`: seine Zahlen (Einheit: Anzahl)."


def test_german_hryvnias_are_hrywnja():
    assert write("de").quantity(2e9, 2e9, None, "UAH") == "2 Milliarden Hrywnja"


def test_the_german_change_log_lede_has_no_comma_before_und_and_no_stray_es():
    lede = Language.of("de").text("pages.changes.lede", feed="Atom-Feed")
    assert "warum und welche Quelle die Änderung belegt" in lede
    assert ", und" not in lede


def test_german_says_eigene_berechnung():
    assert Language.of("de").text("charts.legend_computed") == "Eigene Berechnung"


# --- French ------------------------------------------------------------------------------


def test_french_dollars_are_dollars():
    assert write("fr").quantity(8.4e6, 8.4e6, None, "USD") == "8,4 millions de dollars"
    assert write("fr").quantity(1, 1, None, "USD") == "1 dollar"
    assert write("fr").unit_name("USD") == "dollars"


def test_french_puts_a_narrow_no_break_space_before_every_high_sign():
    assert write("fr").percent(12.5) == f"12,5{NNBSP}%"
    wrong = []
    for key, message in catalog("fr").items():
        for text in renderings(message):
            if NBSP in text or re.search(r"[^\u202f][%;:!?](?!//)", re.sub(r"`[^`]*`", "", text)):
                if not re.search(r"https?:|\{ \$|=", text) or NBSP in text:
                    wrong.append(f"{key}: {text!r}")
    assert wrong == []


def test_french_projections_take_pour_which_reads_for_a_past_date_too():
    w = write("fr")
    by = [
        w.time_phrase(None, PartialDate.model_validate(d), projection=True)
        for d in ("2030", "2019-10", "2022-12-16")
    ]
    assert by == ["pour 2030", "pour octobre 2019", "pour le 16 décembre 2022"]


def test_french_change_lines_are_nouns_that_need_no_agreement():
    fr = Language.of("fr")
    assert fr.text("changes.corrected", date="2 mars 2026") == "Correction du 2 mars 2026"
    assert fr.text("changes.updated", date="2 mars 2026") == "Mise à jour du 2 mars 2026"
    assert fr.text("charts.legend_computed") == "Calcul de la rédaction"


def test_french_citations_say_version_with_elision_before_a_vowel_month():
    """« version du … » on the page and in the downloads alike (review 3, A9)."""
    w = write("fr")
    said = [
        w.language.text(
            "cite.as", sheet="F", title="T", **w.date_words(PartialDate.model_validate(d))
        )
        for d in ("2022-12-16", "2019-10", "2019-06", "2006")
    ]
    start = f"Pour citer ce chiffre{NNBSP}: F, «{NNBSP}T{NNBSP}», version "
    assert said == [
        start + "du 16 décembre 2022",
        start + "d’octobre 2019",
        start + "de juin 2019",
        start + "de 2006",
    ]
    downloads = [
        w.language.text(
            "downloads.cite_as",
            sheet="F",
            title="T",
            link="L",
            **w.date_words(PartialDate.model_validate(d)),
        )
        for d in ("2022-12-16", "2019-10")
    ]
    assert downloads == [
        f"F, «{NNBSP}T{NNBSP}», version du 16 décembre 2022, L",
        f"F, «{NNBSP}T{NNBSP}», version d’octobre 2019, L",
    ]


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("une hausse de", "environ 800 millions", ("une hausse d’", "elided")),
        ("une hausse de", "800 millions", ("une hausse de", "space")),
        ("EDF estime que", "environ 3", ("EDF estime qu’", "elided")),
        ("EDF estimait à", "environ 3", ("EDF estimait à", "space")),
    ],
)
def test_french_elides_de_and_que_before_a_vowel(before, after, joined):
    assert elide(Language.of("fr"), before, after) == joined


def test_english_elides_nothing():
    assert elide(Language.of("en"), "a rise of", "about 3") == ("a rise of", "space")


@pytest.mark.parametrize(
    ("says", "value", "scale", "label", "text"),
    [
        (
            "L’Insee compte",
            "1 million",
            "million",
            "salariés",
            "L’Insee compte 1 million de salariés",
        ),
        (
            "L’Insee compte",
            "1 million",
            "million",
            "enfants",
            "L’Insee compte 1 million d’enfants",
        ),
        ("L’Insee compte", "25", "none", "salariés", "L’Insee compte 25 salariés"),
    ],
)
def test_french_counts_in_millions_take_de_before_their_label(says, value, scale, label, text):
    from generator.numbers import initial

    words = {"join": "space", "dated": "no", "when": "", "initial": initial(label)}
    fr = Language.of("fr")
    assert (
        fr.text("blocks.claim", says=says, value=value, scale=scale, label=label, **words) == text
    )


def test_french_miles_are_miles_and_years_annees():
    assert write("fr").quantity(1.5, 1.5, None, "mi", metric=False) == "1,5 mile"
    assert write("fr").unit_name("years") == "années"


# --- English -----------------------------------------------------------------------------


def test_english_says_fewer_than_for_counts_and_less_than_for_amounts():
    assert write("en").quantity(25, 25, "less than", "people") == "fewer than 25"
    assert write("en").quantity(3, 3, "less than", "km") == "less than 3 kilometres"


def test_english_lists_have_no_serial_comma_like_the_catalogs_own_sentences():
    en = Language.of("en")
    assert join(en, ["CSIS", "AP", "CNN"]) == "CSIS, AP and CNN"
    assert "update and clarification" in en.text("pages.changes.description")


def test_the_english_range_bar_description_has_no_comma_splice():
    text = Language.of("en").text("charts.range_bar", what="distances in kilometres")
    assert text == (
        "The range-bar chart shows distances in kilometres. Each bar runs from the low to the "
        "high end of an estimate; a dot marks a single figure"
    )


def test_a_metric_twin_is_in_words_and_the_languages_number_format():
    assert write("en").quantity(25, 25, "below", "yd-per-day") == (
        "below 25 yards a day (23 metres a day)"
    )
    assert write("de").quantity(25, 25, "below", "yd-per-day") == (
        "unter 25 Yards pro Tag (23 Meter pro Tag)"
    )


# --- every language ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("en", "Download this chart’s data (CSV): “Cost”"),
        ("de", "Daten dieses Diagramms herunterladen (CSV): „Cost“"),
        ("fr", f"Télécharger les données de ce graphique (CSV){NNBSP}: «{NNBSP}Cost{NNBSP}»"),
        ("uk", "Завантажити дані цього графіка (CSV): «Cost»"),
    ],
)
def test_a_charts_download_link_is_one_message(tag, text):
    """Read out whole, it begins with the link's visible words (WCAG 2.5.3, label in name)."""
    assert Language.of(tag).text("charts.download_named", title="Cost") == text


# --- Periods in running text (7 December, second round) ----------------------------------


@pytest.mark.parametrize(
    ("tag", "start", "end", "text"),
    [
        ("en", "2022-02-24", "2025-12", "from 24 February 2022 to December 2025"),
        ("en", "2023", "2023", "in 2023"),
        ("en", "2025-05-12", "2025-05-12", "on 12 May 2025"),
        ("de", "2022-02-24", "2025-12", "vom 24. Februar 2022 bis Dezember 2025"),
        ("de", "2019-10", "2022-12-16", "von Oktober 2019 bis zum 16. Dezember 2022"),
        ("de", "2023", "2023", "im Jahr 2023"),
        ("fr", "2022-02-24", "2025-12", "du 24 février 2022 à décembre 2025"),
        ("fr", "2006", "2019", "de 2006 à 2019"),
        ("fr", "2019-10", "2022-12-16", "d’octobre 2019 au 16 décembre 2022"),
        ("fr", "2023", "2023", "en 2023"),
        ("uk", "2022-02-24", "2025-12", "з 24 лютого 2022 року до грудня 2025 року"),
        ("uk", "2024", "2025-12", "з 2024 року до грудня 2025 року"),
        ("uk", "2019-10", "2019-10", "у жовтні 2019 року"),
        ("uk", "2023", "2023", "у 2023 році"),
        ("en", "2022-02-24", "2022-12-31", "from 24 February to 31 December 2022"),
        ("de", "2022-02-24", "2022-12-31", "vom 24. Februar bis zum 31. Dezember 2022"),
        ("fr", "2022-02-24", "2022-12-31", "du 24 février au 31 décembre 2022"),
        ("fr", "2019-10", "2019-12-16", "d’octobre au 16 décembre 2019"),
        ("uk", "2022-02-24", "2022-12-31", "з 24 лютого до 31 грудня 2022 року"),
        ("uk", "2019-10", "2019-12-16", "з жовтня до 16 грудня 2019 року"),
    ],
)
def test_a_period_in_running_text_is_one_message_with_its_prepositions(tag, start, end, text):
    period = Period(start=PartialDate.model_validate(start), end=PartialDate.model_validate(end))
    assert write(tag).during(period) == text


def test_a_figures_sentence_says_its_period_and_a_table_keeps_the_short_form():
    q = Figure.model_validate(
        {
            "id": "x",
            "label": "втрат",
            "says": "За оцінкою CSIS,",
            "value": 1_200_000,
            "qualifier": "about",
            "unit": "people",
            "period": {"start": "2022-02-24", "end": "2025-12"},
            "source": "s",
            "topic": "t",
            "measure": "m",
        }
    )
    w = write("uk")
    assert w.claim(q) == (
        "За оцінкою CSIS, близько 1,2\u00a0мільйона втрат з 24 лютого 2022 року до грудня 2025 року"
    )
    assert w.when(q) == "24 лютого 2022 – грудень 2025"


@pytest.mark.parametrize(
    ("tag", "days"),
    [
        ("en", "a ÷ days from 24 February 2022 to December 2025"),
        ("de", "a ÷ Tage vom 24. Februar 2022 bis Dezember 2025"),
        ("fr", "a ÷ jours du 24 février 2022 à décembre 2025"),
        ("uk", "a ÷ кількість днів у періоді з 24 лютого 2022 року до грудня 2025 року"),
    ],
)
def test_a_rates_formula_says_its_period_as_a_sentence(tag, days):
    period = Period(
        start=PartialDate(year=2022, month=2, day=24), end=PartialDate(year=2025, month=12)
    )
    w = write(tag)
    said = w.language.text(
        "working.days_in", period=w.period(period), during=w.during(period), precision="period"
    )
    assert f"a ÷ {said}" == days


def test_an_override_joining_a_charts_period_itself_still_works_with_a_warning():
    """A sheet written before `$span` said 'from { $first } to { $last }' itself."""
    from generator.validation.messages import _override_problems

    old = "Line chart in { $unit }{ $scale }, { $first } to { $last }"
    found = list(_override_problems("charts.line", old, Language.of("en")))
    assert found == [
        (
            "{ $first }, { $last } work until 0.3.0: write { $span }, which says the period as"
            " a sentence of the language does",
            (),
            "warning",
        )
    ]
    assert (
        Language.of("en", {"charts.line": old}).text(
            "charts.line",
            unit="people",
            scale="",
            first="2019",
            last="2024",
            span="from 2019 to 2024",
        )
        == "Line chart in people, 2019 to 2024"
    )


# --- Punctuation from the catalogs, not the templates ------------------------------------


@pytest.mark.parametrize(
    ("tag", "reference"),
    [
        ("en", "CSIS, “A grinding war”, 27 January 2026, as reported by AP"),
        ("de", "CSIS, „A grinding war“, 27. Januar 2026 (zitiert nach AP)"),
        (
            "fr",
            f"CSIS, «{NNBSP}A grinding war{NNBSP}», 27 janvier 2026 (cité par AP)",
        ),
        ("uk", "CSIS, «A grinding war», 27 січня 2026 року (цит. за: AP)"),
    ],
)
def test_a_reference_is_joined_by_the_languages_messages(tag, reference):
    lang, w = Language.of(tag), write(tag)
    day = PartialDate(year=2026, month=1, day=27)
    named = lang.text(
        "blocks.named_title", name="CSIS", title=lang.text("blocks.quoted", text="A grinding war")
    )
    dated = lang.text("blocks.dated", text=named, date=w.date(day), precision=day.precision)
    via = lang.text("blocks.via", outlets="AP", in_text="yes", count="one")
    assert lang.text("blocks.reported", text=dated, via=via) == reference


@pytest.mark.parametrize(
    ("tag", "byline"),
    [
        ("en", "Volodymyr Zelensky, President of Ukraine – Kyiv, 10 May 2025."),
        ("de", "Volodymyr Zelensky, President of Ukraine – Kyiv, 10. Mai 2025."),
        ("uk", "Volodymyr Zelensky, President of Ukraine — Kyiv, 10 травня 2025 року."),
    ],
)
def test_a_quotations_byline_dates_a_day_as_the_language_does(tag, byline):
    lang, w = Language.of(tag), write(tag)
    day = PartialDate(year=2025, month=5, day=10)
    said = lang.text(
        "blocks.byline",
        speaker="Volodymyr Zelensky",
        role="President of Ukraine",
        place="Kyiv",
        placed="yes",
        date=w.date(day),
        precision="day",
    )
    assert said == byline


def test_a_french_aside_and_sentence_keep_their_own_marks():
    fr = Language.of("fr")
    assert fr.text("typography.aside", text="à confirmer") == "(à confirmer)"
    assert fr.text("typography.sentence", text="Source : EDF") == "Source : EDF."


@pytest.mark.parametrize(
    ("tag", "projected"),
    [
        ("en", "24 February – 31 December 2022 (projected)"),
        ("de", "24. Februar – 31. Dezember 2022 (Prognose)"),
        ("fr", "24 février – 31 décembre 2022 (projection)"),
        ("uk", "24 лютого – 31 грудня 2022 (прогноз)"),
    ],
)
def test_a_span_within_one_year_gives_the_year_once(tag, projected):
    """The reviewers of all four languages: '24 February – 31 December 2022', not '24
    February 2022 – 31 December 2022'."""
    period = Period(
        start=PartialDate(year=2022, month=2, day=24), end=PartialDate(year=2022, month=12, day=31)
    )
    assert write(tag).time_phrase(period, None, projection=True) == projected


# --- The second round's findings (review2-*.md, 7 December) ------------------------------


def test_german_times_with_a_scale_word_are_mal_apart():
    assert write("de").quantity(1_200_000, 1_200_000, None, "times") == "1,2 Millionen Mal"
    # Fifth round, de E2: '3-mal' as a value reads 'on three occasions'.
    assert write("de").quantity(3, 3, None, "times") == "das 3-Fache"


def test_a_whole_calendar_year_in_running_text_is_that_year():
    period = Period(
        start=PartialDate(year=2025, month=1, day=1), end=PartialDate(year=2025, month=12, day=31)
    )
    assert write("en").during(period) == "in 2025"
    assert write("uk").during(period) == "у 2025 році"


@pytest.mark.parametrize(
    ("tag", "name"), [("fr", "pourcentage"), ("en", "per cent"), ("de", "Prozent")]
)
def test_a_percentage_unit_is_named_as_it_reads_after_unit(tag, name):
    assert write(tag).unit_name("percent") == name


@pytest.mark.parametrize(
    ("tag", "reported"),
    [
        ("en", "also reported by CNN"),
        ("de", "auch berichtet von CNN"),
        ("uk", "також цит. за: CNN"),
    ],
)
def test_a_chart_source_read_second_hand_says_so_in_the_pages_words(tag, reported):
    assert Language.of(tag).text("charts.also_reported_by", names="CNN") == reported


def test_the_data_package_names_a_charts_unit_after_a_label_in_every_language():
    unit = "кількість осіб"
    uk = Language.of("uk").text("datapackage.resources.chart.bar", id="x", unit=unit)
    assert uk == "Дані смугової діаграми `x`: її показники (одиниці виміру: кількість осіб)."
    en = Language.of("en").text("datapackage.resources.chart.bar", id="x", unit="number")
    assert en == "Data for the bar chart ‘x’: its figures (unit: number)."


# --- Third round (review2-<lang>.md, 7 December) ----------------------------------------


@pytest.mark.files  # reads examples/naselennia, which `make mutation` does not copy
def test_the_share_images_alt_text_says_each_figure_as_its_page_does_in_ukrainian():
    """uk E1: the label after its number, no colon after a verb, figures joined by '. '."""
    from pathlib import Path

    from generator.social import alt_text
    from generator.validation import load_and_validate

    sheet = load_and_validate(Path(__file__).resolve().parents[1] / "examples" / "naselennia")
    assert alt_text(sheet) == (
        "Населення України. За уточненими даними перепису, станом на 5 грудня 2001 року"
        f" загальна кількість населення України становила 48{NBSP}457{NBSP}000 осіб."
        f" За оцінкою Держкомстату, в Україні було 46{NBSP}080{NBSP}455 осіб наявного"
        " населення станом на 1 квітня 2009 року. Частка міського населення (розрахунок"
        " сайту): 68,5% (станом на 1 квітня 2009 року)."
    )


@pytest.mark.files  # reads examples/naselennia, which `make mutation` does not copy
def test_the_alt_text_keeps_whole_sentences_within_twitters_limit(monkeypatch):
    """A figure cut short could lose its date or its source's hedge: it is left out whole."""
    from pathlib import Path

    from generator import social
    from generator.validation import load_and_validate

    sheet = load_and_validate(Path(__file__).resolve().parents[1] / "examples" / "naselennia")
    monkeypatch.setattr(social, "ALT_LIMIT", 200)
    assert social.alt_text(sheet) == (
        "Населення України. За уточненими даними перепису, станом на 5 грудня 2001 року"
        f" загальна кількість населення України становила 48{NBSP}457{NBSP}000 осіб."
    )


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("en", "Share (computed by this site): 68.5%"),
        ("de", "Anteil (eigene Berechnung): 68,5 %"),
        ("uk", "Частка (розрахунок сайту): 68,5%"),
    ],
)
def test_a_computed_figure_in_the_alt_text_is_its_title_marked_then_its_value(tag, text):
    label = {"en": "Share", "de": "Anteil", "uk": "Частка"}[tag]
    value = {"en": "68.5%", "de": "68,5 %", "uk": "68,5%"}[tag]
    said = Language.of(tag).text(
        "social.item", computed="yes", claim="", who="x", label=label, value=value
    )
    assert said == text


def test_an_override_of_the_alt_texts_figure_written_before_claim_still_works_with_a_warning():
    from generator.validation.messages import _override_problems

    old = "{ $who }: { $label }, { $value }"
    found = list(_override_problems("social.item", old, Language.of("en")))
    assert found == [
        (
            "{ $label }, { $value }, { $who } work until 0.3.0: write { $claim }, which says"
            " the figure as the page's sentence does",
            (),
            "warning",
        )
    ]
    said = Language.of("en", {"social.item": old}).text(
        "social.item", computed="no", claim="CSIS estimates 3", who="CSIS", label="a", value="3"
    )
    assert said == "CSIS: a, 3"


def test_the_english_data_package_quotes_typographically_and_marks_names_as_code():
    """en E7, E9 and Awkward 15: ‘ ’ and ’, field names in backticks, the unit said once."""
    en = Language.of("en")
    texts = [v for k, v in catalog("en").items() if k.startswith("datapackage.")]
    assert not [t for t in texts if "'" in t]
    assert en.text("datapackage.figures.label") == (
        "What the number counts, worded to follow it: ‘people in the world’."
    )
    assert en.text("datapackage.figures.kind") == (
        "`figure` for a number a source gives, `derived` for one this site computes from"
        " sourced figures."
    )
    assert en.text("datapackage.chart.low", unit="people", code="people") == (
        "The low end, in the chart’s unit (people, code `people`); equal to `high` for a single"
        " value."
    )
    assert en.text("datapackage.ids", description="Its sources.") == (
        "Its sources. IDs separated by spaces."
    )
    assert en.text("datapackage.resources.figures.description").startswith(
        "Every figure, one per row:"
    )


def test_the_german_and_ukrainian_data_package_texts_read_as_the_reviewers_wrote_them():
    """de Awkward 19, 20 and Typography 3; uk Typography 4."""
    de = Language.of("de")
    assert de.text("datapackage.figures.label") == (
        "Was die Zahl zählt, als Bezeichnung, die auf die Zahl folgt: „Menschen auf der Welt“."
    )
    assert de.text("datapackage.figures.kind") == (
        "`figure` für eine Zahl, die eine Quelle nennt, `derived` für eine, die diese Website"
        " aus Zahlen der Quellen berechnet."
    )
    assert de.text("datapackage.figures.measure").startswith(f"Was sie misst, z.{NNBSP}B. ")
    assert Language.of("uk").text("datapackage.figures.price_base") == (
        "Для грошових сум у незмінних цінах — рік, у цінах якого їх подано; порожнє для"
        " поточних цін."
    )


def _rich_in(tag: str, tmp_path):
    """The rich fixture sheet with its messages in `tag` (its own words stay English)."""
    import shutil
    from pathlib import Path

    from generator.validation import load_and_validate
    from tests.support import replace_in

    shutil.copytree(Path(__file__).parent / "fixtures" / "rich" / "content", tmp_path / "content")
    replace_in(tmp_path / "content" / "sheet.yml", "sheet:\n", f"sheet:\n  language: {tag}\n")
    return load_and_validate(tmp_path)


@pytest.mark.parametrize(
    ("tag", "one", "several"),
    [
        (
            "uk",
            "Лінійний графік показує оцінки у 2021 році (одиниці виміру: кількість осіб)."
            " Вертикальна смуга позначає діапазон оцінки.",
            "Лінійний графік показує оцінки на різні дати з 2019 до 2024 року (одиниці виміру:"
            " кількість осіб). Вертикальна смуга позначає діапазон оцінки.",
        ),
        (
            "en",
            "The line chart shows estimates in 2021 (unit: people). A vertical bar marks the"
            " range of an estimate.",
            "The line chart shows estimates from 2019 to 2024 (unit: people), each plotted at the"
            " date it refers to. A vertical bar marks the range of an estimate.",
        ),
    ],
)
def test_a_line_chart_of_one_date_says_that_date_once_and_not_each_at_its_date(
    tag, one, several, tmp_path
):
    """uk E5, en Awkward 7: a chart whose figures share one date says it as their sentences
    would, and no 'each at its date'; the date is not said again as 'All figures: …'."""
    from generator.charts import chart_data

    content = _rich_in(tag, tmp_path)
    chart = content.charts["crossings-over-time"]
    same = chart.model_copy(update={"figures": ["north-crossings-2021", "south-crossings-2021"]})
    title = "Crossings a year, 2019 to 2024. "
    assert chart_data(content, same).text_alternative().startswith(title + one + " The Gazette")
    assert chart_data(content, chart).text_alternative().startswith(title + several)


# --- Round 3 (review3-{uk,de,en}.md) ------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "source", "line"),
    [
        (1, "Джерело: X", "Джерело: X."),
        (2, "Джерела: X", "Джерела: X."),
        (5, "Джерела: X", "Джерела: X."),
        (21, "Джерела: X", "Джерела: X."),
        (31, "Джерела: X", "Джерела: X."),
        (101, "Джерела: X", "Джерела: X."),
    ],
)
def test_ukrainian_says_one_source_only_for_exactly_one(n, source, line):
    # uk E1: CLDR's `one` holds 21, 31, 101: "Джерело" for 21 sources was wrong.
    uk = Language.of("uk")
    assert uk.text("blocks.source", source="X", n=n) == source
    assert uk.amount("charts.source_line", n, str(n), refs="X") == line


def test_ukrainian_names_the_count_of_21_sources_under_a_chart():
    uk = Language.of("uk")
    assert uk.text("charts.sources_named", names="А, Б", n=Count(21, "21")) == (
        "Джерела: А, Б (усього 21; повний опис кожного — поруч із даними, що з нього взято, "
        "і на сторінці джерел)."
    )
    assert uk.text("charts.sources_named", names="А", n=Count(1, "1")) == (
        "Джерело: А (повний опис — поруч із даними, що з нього взято, і на сторінці джерел)."
    )


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("en", "“Ratio: about 1.01 times” (removed)"),
        ("de", "„Ratio: about 1.01 times“ (entfernt)"),
        ("uk", "«Ratio: about 1.01 times» (вилучено)"),
    ],
)
def test_a_removed_record_is_quoted_then_marked_removed(tag, text):
    # de E2: "Korrigiert: Entfernt: …" put two colons in a row.
    assert Language.of(tag).text("changes.removed", said="Ratio: about 1.01 times") == text


@pytest.mark.parametrize(
    ("tag", "one", "several"),
    [
        (
            "en",
            "Source: A (cited in full next to what it supports and on the Sources page).",
            "Sources: A, B (14 in all; each is cited in full next to what it supports and on "
            "the Sources page).",
        ),
        (
            "de",
            "Quelle: A (vollständige Angabe beim belegten Eintrag und im Quellenverzeichnis).",
            "Quellen: A, B (insgesamt 14; vollständige Angaben jeweils beim belegten Eintrag und "
            "im Quellenverzeichnis).",
        ),
    ],
)
def test_the_named_sources_under_a_chart_fit_a_timeline_too(tag, one, several):
    # en E2: under a timeline the sources support events, not "figures".
    language = Language.of(tag)
    assert language.text("charts.sources_named", names="A", n=Count(1, "1")) == one
    assert language.text("charts.sources_named", names="A, B", n=Count(14, "14")) == several


@pytest.mark.parametrize(
    ("tag", "key", "args", "text"),
    [
        # en A1, A3: one name for the range-bar chart; the scale after the unit everywhere.
        (
            "en",
            "charts.range_bar",
            {"what": "distances in kilometres, on a logarithmic scale"},
            "The range-bar chart shows distances in kilometres, on a logarithmic scale. Each "
            "bar runs from the low to the high end of an estimate; a dot marks a single figure",
        ),
        (
            "en",
            "charts.line",
            {
                "unit": "kilometres",
                "scale": ", on a logarithmic scale",
                "span": "from 2019 to 2024",
                "dates": "several",
            },
            "The line chart shows estimates from 2019 to 2024 (unit: kilometres), on a "
            "logarithmic scale, each plotted at the date it refers to. A vertical bar marks the "
            "range of an estimate",
        ),
        # en A2, de A6, uk A6: a stacked bar's total, not "the whole".
        (
            "en",
            "charts.stacked_bar",
            {"unit": "euros", "whole": "The EU gives €3 billion"},
            "The stacked bar splits a total into its parts, laid end to end (unit: euros). The "
            "total: The EU gives €3 billion",
        ),
        (
            "de",
            "charts.stacked_bar",
            {"unit": "Euro", "whole": "X"},
            "Der gestapelte Balken zeigt, wie sich eine Summe aus ihren Teilen zusammensetzt "
            "(Einheit: Euro). Gesamtwert: X",
        ),
        (
            "uk",
            "charts.stacked_bar",
            {"unit": "кілометри", "whole": "X"},
            "Смугова діаграма з накопиченням показує загальну суму, а потім її складові "
            "(одиниці виміру: кілометри). X",
        ),
        # en A9: a comma before a bare date, the dash only before a place.
        (
            "en",
            "blocks.byline",
            {"speaker": "S", "role": "authors of the report", "place": "", "placed": "no"}
            | {"date": "16 December 2022"},
            "S, authors of the report, 16 December 2022.",
        ),
        # en A7: the part cited first, then the sheet it is in.
        (
            "en",
            "cite.as",
            {"sheet": "Russia’s war: the cost", "title": "Deaths", "date": "7 December 2026"},
            "Cite as: “Deaths”, in Russia’s war: the cost, updated 7 December 2026",
        ),
        # en A15, A16, Typo 2.
        ("en", "embed.png_what", {}, "(image with title and source, for print and social media)"),
        (
            "en",
            "embed.copy",
            {},
            "Copy this code into your page: it shows the chart with its source and a link back "
            "here, and resizes to fit the chart.",
        ),
        (
            "en",
            "datapackage.table",
            {"description": "D."},
            "D. Text that would begin with `=`, `+`, `-` or `@`, a tab or a carriage return "
            "starts with an apostrophe, so that no spreadsheet runs it as a formula.",
        ),
        # de A4: the scale inside the bracket, as a noun phrase.
        (
            "de",
            "charts.measure",
            {"measure": "length", "unit": "Kilometer", "scale": ", logarithmische Skala"},
            "Zahlen (Einheit: Kilometer, logarithmische Skala)",
        ),
        ("de", "charts.log_scale", {}, ", logarithmische Skala"),
        # de A5: a chart of one date shows the state at that date, not "on" it.
        (
            "de",
            "charts.line",
            {"unit": "Kilometer", "scale": "", "span": "am 16. Dezember 2022", "dates": "one"},
            "Das Liniendiagramm zeigt den Stand am 16. Dezember 2022 (Einheit: Kilometer). Ein "
            "senkrechter Balken zeigt die Spanne einer Schätzung",
        ),
        # de A3: the original was seen; the outlet also reported it.
        (
            "de",
            "charts.also_reported_by",
            {"names": "Saudi Gazette"},
            "auch berichtet von Saudi Gazette",
        ),
        # de A8, A9, A10.
        (
            "de",
            "datapackage.resources.chart.line",
            {"id": "faelle", "unit": "Personen"},
            "Die Daten des Liniendiagramms `faelle`: seine Zahlen mit ihrem jeweiligen Datum "
            "(Einheit: Personen).",
        ),
        (
            "de",
            "datapackage.chart.low",
            {"unit": "Kilometer", "code": "km"},
            "Das untere Ende der Spanne in der Einheit der Grafik (Kilometer, `km`); bei einem "
            "einzelnen Wert ist `low` gleich `high`.",
        ),
        (
            "de",
            "datapackage.figures.qualifier",
            {},
            f"Welchen Zusatz die Quelle der Zahl gibt, z.{NNBSP}B. `about` („etwa“) oder `up to` "
            "(„bis zu“); leer, wenn sie die Zahl ohne Zusatz nennt.",
        ),
        # de A12, A13, A14, A16.
        ("de", "embed.named", {"title": "Masernfälle"}, ": „Masernfälle“"),
        (
            "de",
            "blocks.link_to_quotation",
            {"speaker": "Jens Spahn", "quote": "Die Impfquoten …"},
            " zum Zitat von Jens Spahn: „Die Impfquoten …“",
        ),
        ("de", "theme.feed", {}, "Korrekturen, Aktualisierungen und Präzisierungen"),
        ("de", "units.per.name", {"base": "1.000"}, "Anzahl je 1.000"),
        # uk A3: the feed named in the sentence, not after a colon.
        (
            "uk",
            "pages.changes.lede",
            {"feed": "стрічка Atom"},
            "Тут записано всі зміни опублікованих показників і заяв, від найновіших: що "
            "змінилося, чому й на яке джерело ми спираємося. Кожен змінений показник чи заява "
            "має посилання на відповідний запис у журналі. Журнал доступний і як стрічка Atom — "
            "її можна відкрити в будь-якому RSS-читачі.",  # round 5, uk A3
        ),
        # uk A7-A12: each data-package description stands alone (round 5, A5-A8, as proposed).
        (
            "uk",
            "datapackage.timeline.via",
            {},
            "Ідентифікатор видання, через яке відомо про джерело події, якщо оригінал не "
            "переглянуто.",
        ),
        (
            "uk",
            "datapackage.figures.attribution",
            {"computed": "розрахунок сайту"},
            "Хто наводить показник («За оцінкою ООН»), або «розрахунок сайту».",
        ),
        (
            "uk",
            "datapackage.resources.statements_json.description",
            {},
            "Цитовані заяви, кожна зі своїм джерелом.",
        ),
        (
            "uk",
            "datapackage.resources.events_json.description",
            {},
            "Події хронології, кожна зі своїм джерелом.",
        ),
        (
            "uk",
            "datapackage.chart.as_given",
            {},
            "Показник так, як його наводить джерело, в одиницях джерела.",
        ),
        (
            "uk",
            "datapackage.chart.via",
            {},
            "Ідентифікатори видань, через які відомо про джерела показника (якщо оригінал не "
            "переглянуто).",
        ),
        (
            "uk",
            "datapackage.timeline.first_day",
            {},
            "Найраніший день, на який може припадати подія.",
        ),
        ("uk", "datapackage.figures.topic", {}, "Тема довідки, до якої належить показник."),
        (
            "uk",
            "datapackage.figures.working",
            {},
            "Та сама формула з підставленими числами вихідних даних.",
        ),
        (
            "uk",
            "datapackage.chart.low",
            {"unit": "кількість осіб", "code": "people"},
            "Нижня межа в одиницях графіка (кількість осіб, `people`); для окремого значення "
            "`low` дорівнює `high`.",
        ),
        (
            "uk",
            "embed.copy",
            {},
            "Скопіюйте цей код на свою сторінку: він показує графік із джерелом і посиланням на "
            "цю сторінку, а висота вставки підлаштовується під графік.",
        ),
    ],
)
def test_the_third_rounds_awkward_wordings_read_as_the_reviewers_proposed(tag, key, args, text):
    assert Language.of(tag).text(key, **args) == text


@pytest.mark.parametrize(
    ("tag", "inputs"),
    [
        ("en", "Based on: X"),
        ("de", "Datengrundlage: X"),
        ("uk", "Вихідні дані: X"),
        ("fr", f"Données de départ{NNBSP}: X"),
    ],
)
def test_a_computed_figure_names_its_inputs_sources_not_as_its_own_source(tag, inputs):
    # de A1, uk A1: "Quelle: WHO" under 9 points the site computed read as if WHO gave them.
    assert Language.of(tag).text("blocks.inputs", source="X") == inputs


def test_a_computed_figures_line_says_its_date_once_and_ends_with_a_stop(tmp_path):
    # de A1/T1, uk A1/T2: the label named the date the aside gave again, and no final stop.
    from generator.generate import render_in_memory
    from generator.project import Project
    from generator.validation import load_and_validate

    root = Path(__file__).resolve().parents[1] / "examples" / "naselennia"
    content = load_and_validate(root)
    page = next(
        p
        for p in render_in_memory(Project.load(root), content).pages
        if 'id="chastka-miskoho-2009"' in p.body
    )
    soup = BeautifulSoup(page.body, "html.parser")
    figure = soup.find(id="chastka-miskoho-2009")
    assert figure.select_one(".fs-figure__claim").get_text() == (
        # The date in the label as a sentence says it (fr A3), once, and the line's stop.
        # The date's parts joined by no-break spaces, as pages print dates (fr round 4, T2).
        "Частка міського населення станом на 1\u00a0квітня\u00a02009 року (розрахунок сайту):"
        " 68,5%."
    )
    assert (
        figure.select_one(".fs-figure__source").get_text().startswith("Вихідні дані: Держкомстат")
    )


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("uk", "Усі дані — з жовтня 2019 року до травня 2023 року."),
        ("de", "Alle Zahlen gelten von Oktober 2019 bis Mai 2023."),
        ("en", "All figures cover the same time, from October 2019 to May 2023."),
    ],
)
def test_the_period_all_figures_share_is_said_as_a_sentence_says_it(tag, text):
    # Round 4, uk E1: "Усі дані — жовтень 2019 – травень 2023." (nominative months, two dashes).
    w = write(tag)
    period = Period(start=PartialDate(year=2019, month=10), end=PartialDate(year=2023, month=5))
    assert w.language.text("charts.all_cover", period=w.during(period)) == text


@pytest.mark.files  # reads examples/flamanville, which `make mutation` does not copy
def test_the_sources_page_names_no_author_its_publisher_names_already():
    # fr round 4, E3: « Jean-Martin Folz, pour le gouvernement (Jean-Martin Folz), … ».
    from generator.generate import render_in_memory
    from generator.project import Project
    from generator.validation import load_and_validate

    root = Path(__file__).resolve().parents[1] / "examples" / "flamanville"
    content = load_and_validate(root)
    page = next(
        p
        for p in render_in_memory(Project.load(root), content).pages
        if "fs-source-entry" in p.body
    )
    entry = BeautifulSoup(page.body, "html.parser").find(id="folz-2019")
    assert entry.p.get_text().startswith("Jean-Martin Folz, pour le gouvernement, Rapport sur")


# Fifth round (chrome): a chart's description names what it shows (round 4, en A1).


@pytest.mark.parametrize(
    ("tag", "code", "log", "text"),
    [
        ("en", "percent", False, "The bar chart shows percentages"),
        (
            "en",
            "m-per-day",
            True,
            "The bar chart shows speeds in metres a day, on a logarithmic scale",
        ),
        ("en", "EUR", False, "The bar chart shows amounts in euros"),
        ("en", "people", False, "The bar chart shows numbers of people"),
        ("en", "km", False, "The bar chart shows distances in kilometres"),
        ("en", "per-100000-people", False, "The bar chart shows rates per 100,000 people"),
        ("en", "percentage-points", False, "The bar chart shows differences in percentage points"),
        ("fr", "percent", False, "Le graphique à barres présente des pourcentages"),
        ("fr", "EUR", False, "Le graphique à barres présente des montants en euros"),
        (
            "fr",
            "m-per-day",
            True,
            "Le graphique à barres présente des vitesses en mètres par jour, sur une échelle "
            "logarithmique",
        ),
        ("fr", "people", False, "Le graphique à barres présente des nombres de personnes"),
        # de and uk: their reviewers asked for 'Zahlen (Einheit: …)', 'значення (одиниці
        # виміру: …)' and had no complaint since; every unit reads right in that form.
        ("de", "percent", False, "Das Balkendiagramm zeigt Zahlen (Einheit: Prozent)"),
        (
            "de",
            "m-per-day",
            True,
            "Das Balkendiagramm zeigt Zahlen (Einheit: Meter pro Tag, logarithmische Skala)",
        ),
        ("de", "EUR", False, "Das Balkendiagramm zeigt Zahlen (Einheit: Euro)"),
        ("uk", "percent", False, "Смугова діаграма показує значення (одиниці виміру: відсотки)"),
        (
            "uk",
            "m-per-day",
            True,
            "Смугова діаграма показує значення (одиниці виміру: метри на добу, логарифмічна шкала)",
        ),
        ("uk", "EUR", False, "Смугова діаграма показує значення (одиниці виміру: євро)"),
    ],
)
def test_a_bar_charts_description_names_what_it_shows_by_its_unit(tag, code, log, text):
    w = write(tag)
    scale = w.language.text("charts.log_scale") if log else ""
    assert w.language.text("charts.bar", what=shown(w, unit(code), scale)) == text


@pytest.mark.parametrize(
    ("tag", "measure", "text"),
    [
        # A sheet's own unit: of whole things, a number of them; else its name, neutrally.
        ("en", "counted", "The range-bar chart shows numbers of doses. Each bar runs"),
        ("en", "other", "The range-bar chart shows figures in doses. Each bar runs"),
        ("fr", "counted", "Le graphique présente des nombres de doses. Chaque barre"),
        ("fr", "other", f"Le graphique présente des chiffres (unité{NNBSP}: doses). Chaque barre"),
        ("de", "counted", "Das Diagramm zeigt Zahlen (Einheit: Dosen). Jeder Balken"),
        ("uk", "other", "Діаграма діапазонів показує значення (одиниці виміру: дози). Кожна смуга"),
    ],
)
def test_a_chart_in_a_sheets_own_unit_is_described_by_the_units_name(tag, measure, text):
    language = Language.of(tag)
    name = {"en": "doses", "fr": "doses", "de": "Dosen", "uk": "дози"}[tag]
    what = language.text("charts.measure", measure=measure, unit=name, scale="")
    assert language.text("charts.range_bar", what=what, singles="none").startswith(text)


def test_what_a_unit_measures_is_its_kind_or_a_sheets_own():
    from generator.units import Unit, measure

    kinds = [measure(unit(k)) for k in ("percent", "yd", "mi-per-day", "weeks", "km2", "times")]
    assert kinds == ["percent", "length", "speed", "duration", "area", "times"]
    assert [measure(unit(k)) for k in ("USD", "per-1000", "count")] == ["money", "rate", "count"]
    assert measure(Unit("doses", "dose", "doses", counts=True)) == "counted"
    assert measure(Unit("tonnes", "tonne", "tonnes")) == "other"


def test_an_override_of_a_bar_chart_written_before_what_still_works_with_a_warning():
    from generator.validation.messages import _override_problems

    old = "Bar chart (unit: { $unit }){ $scale }"
    found = list(_override_problems("charts.bar", old, Language.of("en")))
    assert found == [
        (
            "{ $unit } work until 0.3.0: write { $what }, which names what the chart shows"
            " ('percentages', 'amounts in euros') and its scale, as the catalog's charts.measure"
            " words it",
            (),
            "warning",
        )
    ]
    said = Language.of("en", {"charts.bar": old}).text(
        "charts.bar", what="percentages", unit="per cent", scale=""
    )
    assert said == "Bar chart (unit: per cent)"


# --- round 5: counts this site makes in words (en A2 round 4, de A15 round 3) --------------


@pytest.mark.parametrize(
    ("tag", "texts"),
    [
        (
            "en",
            [
                "A timeline of one event",
                "A timeline of four events",
                "A timeline of nine events",
                "A timeline of 10 events",
                "A timeline of 14 events",
            ],
        ),
        (
            "de",
            [
                "Zeitleiste mit einem Ereignis",
                "Zeitleiste mit vier Ereignissen",
                "Zeitleiste mit neun Ereignissen",
                "Zeitleiste mit zehn Ereignissen",
                "Zeitleiste mit 14 Ereignissen",
            ],
        ),
        (
            "uk",
            [
                "Хронологія: 1 подія",
                "Хронологія: 4 події",
                "Хронологія: 9 подій",
                "Хронологія: 10 подій",
                "Хронологія: 14 подій",
            ],
        ),
        (
            "fr",
            [
                "La chronologie compte un seul événement",
                "La chronologie compte 4 événements",
                "La chronologie compte 9 événements",
                "La chronologie compte 10 événements",
                "La chronologie compte 14 événements",
            ],
        ),
    ],
)
def test_a_timelines_count_of_events_is_in_words_where_the_newsrooms_write_it_so(tag, texts):
    """British newsrooms spell out one to nine, German ones one to twelve; the Ukrainian and
    French reviewers asked for nothing of the kind, so their figures stay."""
    said = [write(tag).counted("charts.events", n, "events") for n in (1, 4, 9, 10, 14)]
    assert said == texts


@pytest.mark.parametrize(
    ("tag", "words"),
    [
        ("en", ["one", "two", "nine", "10", "12", "13"]),
        ("de", ["1", "zwei", "neun", "zehn", "zwölf", "13"]),
        ("uk", ["1", "2", "9", "10", "12", "13"]),
        ("fr", ["1", "2", "9", "10", "12", "13"]),
    ],
)
def test_a_count_this_site_makes_is_in_words_up_to_nine_or_twelve(tag, words):
    """German's one is the message's own ('mit einem Ereignis'): its case is the message's."""
    assert [write(tag).in_words(n) for n in (1, 2, 9, 10, 12, 13)] == words


def test_the_count_of_a_charts_sources_is_in_words_under_ten():
    en, de = Language.of("en"), Language.of("de")
    three = Count(3, write("en").in_words(3))
    assert en.text("charts.sources_named", names="A, B and C", n=three) == (
        "Sources: A, B and C (three in all; each is cited in full next to what it supports and "
        "on the Sources page)."
    )
    drei = Count(3, write("de").in_words(3))
    assert de.text("charts.sources_named", names="A, B und C", n=drei) == (
        "Quellen: A, B und C (insgesamt drei; vollständige Angaben jeweils beim belegten Eintrag "
        "und im Quellenverzeichnis)."
    )


# Fifth round, German review (chrome): a timeline entry's title as a sentence of its own, and a
# ratio as 'das 2-Fache'.


@pytest.mark.parametrize(
    ("title", "closed", "text"),
    [
        (
            "Das Masernschutzgesetz tritt in Kraft",
            "no",
            "Das Masernschutzgesetz tritt in Kraft. Es soll vor allem Kinder schützen.",
        ),
        ("Wer zahlt?", "yes", "Wer zahlt? Es soll vor allem Kinder schützen."),
    ],
)
def test_a_german_timeline_entry_makes_its_title_a_sentence(title, closed, text):
    """de E1: '… tritt in Kraft – Es soll …' put a capital after the dash."""
    said = Language.of("de").text(
        "typography.titled",
        title=title,
        summary="Es soll vor allem Kinder schützen.",
        closed=closed,
    )
    assert said == text
    english = Language.of("en").text("typography.titled", title="A", summary="B.", closed=closed)
    assert english == "A — B."


def test_a_title_that_ends_its_own_sentence_is_closed():
    from generator.render import closed

    assert [closed(t) for t in ("Wer zahlt?", "Genug!", "Es endet.", "„Genug.“", "Ende …")] == [
        True
    ] * 5
    assert [closed(t) for t in ("Bulletin erschienen", "Dr. Beispiel spricht", "A (2024)")] == [
        False
    ] * 3


def test_a_german_ratio_is_das_fache_and_its_working_a_bare_number():
    """de E2: '2-mal' means 'on two occasions'; a quotient in a working has no unit."""
    w = write("de")
    assert w.quantity(2, 2, "about", "times") == "etwa das 2-Fache"
    assert w.quantity(1.5, 1.5, None, "times") == "das 1,5-Fache"
    assert w.quantity(2, 2, "more than", "times") == "mehr als das 2-Fache"


@pytest.mark.parametrize(
    ("precision", "when", "text"),
    [
        ("day", "5 грудня 2001", "5 грудня 2001 року — Всеукраїнський перепис населення"),
        ("month", "жовтень 2019", "жовтень 2019 — Всеукраїнський перепис населення"),
        ("year", "2019", "2019 — Всеукраїнський перепис населення"),
    ],
)
def test_a_ukrainian_timeline_item_says_its_day_with_roku_and_a_dash(precision, when, text):
    """Round 5, uk A2: «5 грудня 2001: Всеукраїнський перепис…» read like a table's cell; a
    day takes «року», a month or a year stays bare (the item then opens with a capital)."""
    said = Language.of("uk").text(
        "charts.item", when=when, title="Всеукраїнський перепис населення", precision=precision
    )
    assert said == text
