"""Units as a reader meets them, in English and in other languages: currencies, rates per N,
durations and a sheet's own units; counts that must be whole; facts with no date; and
`factsheet new --language` starting a sheet that passes `check --strict` the day it is made."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.language import Language
from generator.models import Figure
from generator.numbers import Writer
from generator.scaffold import SCAFFOLD, TRANSLATIONS, scaffold
from generator.units import base_unit
from tests.support import ENGLISH, STARTED, edit, run

GERMAN = Writer(Language.of("de"))
UKRAINIAN = Writer(Language.of("uk"))
FRENCH = Writer(Language.of("fr"))
NB = "\u00a0"  # no-break space


@pytest.fixture
def german(tmp_path: Path) -> Path:
    """The German starter, made on STARTED."""
    root = tmp_path / "de"
    scaffold(root, "de", today=STARTED)
    return root


def check_lines(root: Path) -> list[str]:
    result = run(root, "check", "--today", "2024-07-12")
    assert "Traceback" not in result.output
    return result.stdout.splitlines()


# Currencies


@pytest.mark.parametrize(
    ("write", "text"),
    [
        (ENGLISH, "about $8.4 million"),
        (GERMAN, "etwa 8,4 Millionen US-Dollar"),
        (UKRAINIAN, "близько 8,4 мільйона доларів США"),
        (FRENCH, "environ 8,4 millions de dollars"),
    ],
)
def test_a_currency_is_written_as_the_languages_newsrooms_write_it(
    write: Writer, text: str
) -> None:
    assert write.quantity(8_400_000, 8_400_000, "about", "USD") == text


def test_a_range_of_money_keeps_its_cents_and_its_qualifier() -> None:
    assert ENGLISH.quantity(12.5, 15, "up to", "EUR") == "up to €12.50–15.00"
    assert GERMAN.quantity(12.5, 15, None, "EUR") == "12,50–15,00 Euro"
    assert ENGLISH.quantity(25_000_000, 27_000_000, None, "GBP") == "£25–27 million"
    assert ENGLISH.quantity(1200, 1200, None, "JPY") == "¥1,200"


def test_a_currencys_name_comes_from_cldr() -> None:
    assert ENGLISH.unit_name("USD") == "US dollars"
    assert GERMAN.unit_name("USD") == "US-Dollar"


def test_an_unknown_currency_code_is_refused(starter: Path) -> None:
    edit(starter, "figures.yml", "unit: people", "unit: XYZ")
    assert check_lines(starter)[0] == (
        "content/figures.yml:11:11: world-population-2024.unit: unknown currency 'XYZ': not an "
        "ISO 4217 code (e.g. USD, EUR, GBP, UAH); write the code as the standard gives it"
    )


def test_a_currency_in_lower_case_is_pointed_at_its_code(starter: Path) -> None:
    edit(starter, "figures.yml", "unit: people", "unit: usd")
    assert check_lines(starter)[0] == (
        "content/figures.yml:11:11: world-population-2024.unit: unknown unit 'usd'; for the "
        "currency, write its ISO 4217 code 'USD'"
    )


def test_currencies_never_share_a_chart_axis() -> None:
    assert base_unit("USD") == ("USD", 1.0)
    assert base_unit("EUR") == ("EUR", 1.0)


# Rates per N and durations


@pytest.mark.parametrize(
    ("write", "text", "name"),
    [
        (ENGLISH, "about 12.3 per 1,000 people", "per 100,000 people"),
        (GERMAN, "etwa 12,3 je 1.000 Personen", "je 100.000 Personen"),
        (UKRAINIAN, "близько 12,3 на 1\u00a0000 осіб", "кількість на 100\u00a0000 осіб"),
    ],
)
def test_a_rate_per_n_reads_with_its_base(write: Writer, text: str, name: str) -> None:
    assert write.quantity(12.3, 12.3, "about", "per-1000-people") == text
    assert write.unit_name("per-100000-people") == name


def test_a_unit_name_is_chosen_by_its_use_alone_or_after_in() -> None:
    """`$use` is 'alone' unless the name follows the word for 'in': a catalog may write a
    variant for each (the built-in ones make 'alone' their default)."""
    german = Writer(
        Language.of(
            "de",
            {"units.km.name": "{ $use ->\n [alone] Kilometer\n [in] Kilometern\n *[other] ?\n}"},
        )
    )
    assert german.unit_name("km") == "Kilometer"
    assert german.unit_name("km", use="in") == "Kilometern"


def test_a_rate_without_people_names_only_its_base() -> None:
    assert ENGLISH.quantity(5, 5, None, "per-100000") == "5 per 100,000"


def test_rates_per_different_n_share_an_axis_per_100000() -> None:
    assert base_unit("per-1000-people") == ("per-100000-people", 100.0)
    assert base_unit("per-100000-people") == ("per-100000-people", 1.0)
    assert base_unit("per-1000") == ("per-100000", 100.0)


@pytest.mark.parametrize(
    ("write", "count", "unit", "text"),
    [
        (ENGLISH, 1, "hours", "1 hour"),
        (ENGLISH, 3, "weeks", "3 weeks"),
        (ENGLISH, 1, "months", "1 month"),
        (GERMAN, 1, "hours", "1 Stunde"),
        (GERMAN, 3, "weeks", "3 Wochen"),
        (GERMAN, 21, "months", "21 Monate"),
        (UKRAINIAN, 2, "hours", "2 години"),
        (UKRAINIAN, 5, "weeks", "5 тижнів"),
        (UKRAINIAN, 21, "months", "21 місяць"),
        (FRENCH, 2, "months", "2 mois"),
    ],
)
def test_durations_agree_with_their_number(write: Writer, count: int, unit: str, text: str) -> None:
    assert write.quantity(count, count, None, unit) == text


def test_weeks_chart_as_days_and_years_as_months() -> None:
    assert base_unit("weeks") == ("days", 7.0)
    assert base_unit("years") == ("months", 12.0)
    assert base_unit("hours") == ("hours", 1.0)


def test_years_in_german_have_no_english_word() -> None:
    assert GERMAN.quantity(4, 6, None, "years") == "4–6 Jahre"


# A count is a whole number; a number is never text


def test_a_count_with_a_fraction_suggests_the_thousands_separator(starter: Path) -> None:
    edit(starter, "figures.yml", "value: 8200000000", "value: 2.065")
    assert check_lines(starter)[0] == (
        "content/figures.yml:9:12: world-population-2024.value: a count of people must be a "
        "whole number, got 2.065; if the '.' separates thousands, write 2065 (YAML reads '.' "
        "as a decimal point)"
    )


def test_a_count_with_many_decimals_gets_no_guess(starter: Path) -> None:
    edit(starter, "figures.yml", "value: 8200000000", "value: 2.06512")
    assert check_lines(starter)[0] == (
        "content/figures.yml:9:12: world-population-2024.value: a count of people must be a "
        "whole number, got 2.06512"
    )


def test_a_share_of_a_count_is_not_computed_from_a_fraction(starter: Path) -> None:
    """The issue's 36,900%: a share of '2.065' people must fail, not print."""
    edit(starter, "figures.yml", "value: 10300000000", "value: 127.35")
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "content/figures.yml:21:12: world-population-2100.value: a count of people must be a "
        "whole number, got 127.35; if the '.' separates thousands, write 127350 (YAML reads '.' "
        "as a decimal point)"
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ('"127.350"', "127350 if the '.' separates thousands, 127.350 if it is a decimal point"),
        ('"1.234,5"', "1234.5"),
        ('"1.200.000"', "1200000"),
    ],
)
def test_a_quoted_number_is_refused_on_a_german_sheet(
    german: Path, written: str, meant: str
) -> None:
    """A decimal comma alone ('2,5') gets both of its readings: tests/test_local_input.py."""
    edit(german, "figures.yml", "value: 8200000000", f"value: {written}")
    assert check_lines(german)[0] == (
        f"content/figures.yml:10:12: figures[0].value: expected a number, got the text "
        f"{written.strip(chr(34))!r}; write it without quotes or separators: {meant}"
    )


def test_a_qualifier_in_the_sheets_language_suggests_its_key(german: Path) -> None:
    edit(german, "figures.yml", "qualifier: about", "qualifier: rund")
    assert check_lines(german)[0] == (
        "content/figures.yml:11:16: figures[0].qualifier: expected one of 'exactly', 'about', "
        "'roughly', 'over', 'more than', 'at least', 'up to', 'up to about', 'under', "
        "'less than', 'nearly', 'almost' or 'below', got 'rund'; did you mean 'roughly' "
        "(de: 'rund')? A qualifier is written as its English key; pages show it in the sheet's "
        "language"
    )


# Facts without a date

TIMELESS = """\
figures:
  - id: incubation
    label: incubation period
    says: The example gives an
    topic: example
    measure: incubation
    low: 2
    high: 14
    unit: days
    timeless: true
    source: un-wpp-2024
"""


def test_a_timeless_figure_needs_no_date_and_never_goes_stale(starter: Path) -> None:
    (starter / "content" / "more.yml").write_text(TIMELESS, encoding="utf-8")
    result = run(starter, "check", "--strict", "--today", "2024-12-28")
    assert result.exit_code == 0, result.output
    stale = run(starter, "check", "--today", "2040-01-01").stdout
    assert "incubation" not in stale
    assert "world-population-2024.as_of: dated 1 July 2024" in stale


def test_a_timeless_figure_prints_no_date() -> None:
    figure = Figure.model_validate(_fields(TIMELESS))
    assert ENGLISH.when(figure) == ""
    assert ENGLISH.shown(figure) == "2–14 days"


def test_a_timeless_figure_with_a_date_is_refused(starter: Path) -> None:
    text = TIMELESS.replace("    timeless: true\n", "    timeless: true\n    as_of: 2024\n")
    (starter / "content" / "more.yml").write_text(text, encoding="utf-8")
    assert check_lines(starter)[0] == (
        "content/more.yml:10:15: figures[0].timeless: timeless is set, so the figure holds at "
        "no date: remove its as_of, or `timeless: true`"
    )


def test_a_figure_with_no_date_is_told_of_timeless(starter: Path) -> None:
    text = TIMELESS.replace("    timeless: true\n", "")
    (starter / "content" / "more.yml").write_text(text, encoding="utf-8")
    assert check_lines(starter)[0] == (
        "content/more.yml:2:5: figures[0]: give the period the figure covers, or the date it is "
        "as of, or `timeless: true` for a fact that holds at no date (a definition, a constant)"
    )


def _fields(yaml_text: str) -> dict[str, object]:
    import yaml

    return dict(yaml.safe_load(yaml_text)["figures"][0])


# A sheet's own units

DOSES = """\
  units:
    doses:
      counts: true
      symbol: Dosen
      words:
        de:
          name: Impfdosen
          amount: |-
            { $n ->
                [one] { $n } Impfdosis
               *[other] { $n } Impfdosen
            }
"""
OLD_DOSES = """\
  units:
    doses:
      counts: true
      symbol: Dosen
      words:
        de:
          name: Impfdosen
          amount: {one: "{n} Impfdosis", other: "{n} Impfdosen"}
"""
"""The format before Fluent, which works until 0.3.0 with a warning."""

VACCINES = """\
figures:
  - id: doses-given
    label: verabreicht
    says: Die Behörde meldet
    topic: example
    measure: vaccination
    value: 1200000
    unit: doses
    qualifier: about
    timeless: true
    source: un-wpp-2024
  - id: incubation
    label: Inkubationszeit
    says: Die Behörde nennt
    topic: example
    measure: incubation
    low: 4
    high: 6
    unit: years
    timeless: true
    source: un-wpp-2024
  - id: cost
    label: Kosten
    says: Die Behörde nennt
    topic: example
    measure: cost
    value: 8400000
    unit: USD
    qualifier: about
    timeless: true
    source: un-wpp-2024
  - id: cases
    label: gemeldete Fälle
    says: Die Behörde zählt
    topic: example
    measure: rate
    value: 12.3
    unit: per-100000-people
    timeless: true
    source: un-wpp-2024
"""


def with_doses(root: Path, units: str = DOSES) -> Path:
    edit(root, "sheet.yml", "  topics:", units + "  topics:")
    (root / "content" / "vaccines.yml").write_text(VACCINES, encoding="utf-8")
    return root


def test_a_german_sheet_writes_every_unit_in_german(german: Path) -> None:
    result = run(with_doses(german), "build")
    assert result.exit_code == 0, result.output
    page = (german / "build" / "docs" / "index.md").read_text(encoding="utf-8")
    assert re.findall(r'class="fs-value">(.*?)</strong>', page) == [
        # running text: a no-break space binds a number to its scale word or unit
        f"etwa 8,2{NB}Milliarden",
        f"etwa 10,3{NB}Milliarden",
        f"etwa 1,2{NB}Millionen Impfdosen",
        f"4–6{NB}Jahre",  # not '4–6 years Jahre'
        f"etwa 8,4{NB}Millionen US-Dollar",  # the currency in words, as German newsrooms write
        f"12,3{NB}je 100.000 Personen",
        "etwa das 1,3-Fache",
    ]
    assert "Inkubationszeit</span>." in page  # a timeless figure: no date phrase


def test_a_sheet_unit_in_the_format_before_fluent_still_works_with_a_warning(
    german: Path,
) -> None:
    with_doses(german, OLD_DOSES)
    result = run(german, "build")
    assert result.exit_code == 0, result.output
    assert (
        "content/sheet.yml:18:11: warning: sheet.units.doses.words.de.amount: the format before "
        "Fluent ({n}, plural forms as a mapping) works until 0.3.0: write '{ $n ->\\n    [one] "
        "{ $n } Impfdosis\\n   *[other] { $n } Impfdosen\\n}'"
    ) in result.output
    page = (german / "build" / "docs" / "index.md").read_text(encoding="utf-8")
    assert f"etwa 1,2{NB}Millionen Impfdosen" in page


def test_a_sheet_unit_in_fluent_is_checked_like_a_catalogs_message(german: Path) -> None:
    units = DOSES.replace("[one] { $n } Impfdosis", "[one] { $m } Impfdosis")
    edit(german, "sheet.yml", "  topics:", units + "  topics:")
    assert check_lines(german)[0] == (
        "content/sheet.yml:18:11: sheet.units.doses.words.de.amount: unknown variable { $m }; "
        "a unit's words have { $n }, the number"
    )


def test_a_unit_the_sheet_does_not_know_lists_what_it_knows(german: Path) -> None:
    with_doses(german)
    edit(german, "vaccines.yml", "unit: doses", "unit: dosen")
    assert check_lines(german)[0] == (
        "content/vaccines.yml:8:11: doses-given.unit: unknown unit 'dosen'; expected one of "
        "people, count, percent, percentage-points, times, km2, m, km, yd, mi, m-per-day, "
        "km-per-day, yd-per-day, mi-per-day, hours, days, weeks, months, years, a currency code "
        "(USD, EUR, …), a rate (per-1000, per-100000-people, …); the sheet's own: doses "
        "(sheet.units), or define it under sheet.units"
    )


def test_a_sheet_unit_that_counts_must_be_whole(german: Path) -> None:
    with_doses(german)
    edit(german, "vaccines.yml", "value: 1200000", "value: 1.2")
    assert check_lines(german)[0] == (
        "content/vaccines.yml:7:12: doses-given.value: a count (doses) must be a whole number, "
        "got 1.2; if the '.' separates thousands, write 1200 (YAML reads '.' as a decimal point)"
    )


def test_a_sheet_unit_needs_every_plural_form_of_the_sheets_language(tmp_path: Path) -> None:
    root = tmp_path / "uk"
    scaffold(root, "uk", today=STARTED)
    units = (
        "  units:\n    doses:\n      words:\n        uk:\n          name: дози\n"
        '          amount: {one: "{n} доза", other: "{n} дози"}\n'
    )
    edit(root, "sheet.yml", "  topics:", units + "  topics:")
    assert check_lines(root)[0] == (
        "content/sheet.yml:16:11: sheet.units.doses.words.uk.amount: missing the plural form(s) "
        "few, many: uk needs few, many, one, other"
    )


def test_a_sheet_unit_needs_the_sheets_language(german: Path) -> None:
    units = DOSES.replace("        de:\n", "        en:\n")
    edit(german, "sheet.yml", "  topics:", units + "  topics:")
    assert check_lines(german)[0] == (
        "content/sheet.yml:15:7: sheet.units.doses.words: missing the words in the sheet's "
        "language (de): add `de: {name: …, amount: …}`"
    )


def test_a_sheet_unit_may_not_replace_a_built_in_one(german: Path) -> None:
    units = DOSES.replace("    doses:\n", "    days:\n")
    edit(german, "sheet.yml", "  topics:", units + "  topics:")
    assert check_lines(german)[0] == (
        "content/sheet.yml:12:5: sheet.units.days: 'days' is a built-in unit; use it, or another id"
    )


# The starter in every language


@pytest.mark.parametrize("language", ["en", "de", "uk", "fr"])
def test_a_new_sheet_passes_check_strict_the_day_it_is_made(tmp_path: Path, language: str) -> None:
    root = tmp_path / "new"
    result = CliRunner().invoke(main, ["new", str(root), "--language", language])
    assert result.exit_code == 0, result.output
    checked = run(root, "check", "--strict")
    assert checked.exit_code == 0, checked.output


def test_a_new_german_sheet_is_in_german_and_dated_the_day_it_is_made(tmp_path: Path) -> None:
    root = tmp_path / "neu"
    scaffold(root, "de", today=dt.date(2026, 11, 26))
    sheet = (root / "content" / "sheet.yml").read_text(encoding="utf-8")
    assert "  language: de\n" in sheet
    assert "  title: Mein Faktenblatt\n" in sheet
    assert "  updated: 2026-11-26\n" in sheet
    # 1 July 2024 to 26 November 2026 is 878 days; 180 more keep it fresh half a year.
    assert "  stale_after_days: 1058\n" in sheet
    assert (
        (root / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .startswith('site_name: "Mein Faktenblatt"\n')
    )
    figures = (root / "content" / "figures.yml").read_text(encoding="utf-8")
    assert "    as_of: 2024-07-01\n" in figures  # the UN's real date, kept


@pytest.mark.parametrize(
    ("language", "dark", "light", "description"),
    [
        (
            "fr",
            "Passer en mode sombre",
            "Passer en mode clair",
            "Une petite fiche pour commencer\u202f; remplacez ces chiffres par les vôtres.",
        ),
        (
            "de",
            "Zum dunklen Modus wechseln",
            "Zum hellen Modus wechseln",
            "Ein kleines Faktenblatt als Ausgangspunkt; ersetzen Sie diese Zahlen durch Ihre "
            "eigenen.",
        ),
        (
            "uk",
            "Перемкнути на темний режим",
            "Перемкнути на світлий режим",
            "Невелика довідка для початку; замініть ці цифри власними.",
        ),
    ],
)
def test_a_new_sheets_mkdocs_yml_is_in_its_language_and_describes_the_site(
    tmp_path: Path, language: str, dark: str, light: str, description: str
) -> None:
    root = tmp_path / "new"
    scaffold(root, language, today=STARTED)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [p["toggle"]["name"] for p in config["theme"]["palette"]]
    assert names == [dark, light]
    assert config["site_description"] == description


def test_the_translated_starters_mkdocs_yml_differs_only_in_the_toggles_words() -> None:
    """A translation of the starter's mkdocs.yml cannot drift from the English one."""
    english = (SCAFFOLD / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    for language in ("de", "fr", "uk"):
        translated = (TRANSLATIONS / language / "mkdocs.yml").read_text(encoding="utf-8")
        differ = [(a, b) for a, b in zip(english, translated.splitlines(), strict=True) if a != b]
        assert [a.strip() for a, _ in differ] == [
            "name: Switch to dark mode",
            "name: Switch to light mode",
        ], language


def test_a_new_sheets_404_page_prints_no_none(tmp_path: Path) -> None:
    root = tmp_path / "new"
    scaffold(root, "fr", today=STARTED)
    config = root / "mkdocs.yml"
    without = [ln for ln in config.read_text("utf-8").splitlines() if "site_description" not in ln]
    config.write_text("\n".join(without) + "\n", encoding="utf-8")
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    page = (root / "site" / "404.html").read_text(encoding="utf-8")
    assert 'content="None"' not in page
    assert "og:description" not in page


def test_a_new_sheet_in_a_language_with_no_catalog_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", str(tmp_path / "x"), "--language", "xx"])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "no catalog for the language 'xx'; expected one of de, en, fr, uk"
    )


MONEY = """\
figures:
  - id: cost-us
    label: spent in the US
    says: The report counts
    topic: example
    measure: cost
    value: 8400000
    unit: {first}
    timeless: true
    source: un-wpp-2024
  - id: cost-eu
    label: spent in the EU
    says: The report counts
    topic: example
    measure: cost
    value: 7000000
    unit: {second}
    timeless: true
    source: un-wpp-2024
charts:
  - id: costs
    title: Costs
    kind: bar
    figures: [cost-us, cost-eu]
"""

CHART_PAGE = "# More\n\n{{ chart('costs') }}\n"


def charted(starter: Path, first: str, second: str) -> Path:
    text = MONEY.format(first=first, second=second)
    (starter / "content" / "money.yml").write_text(text, encoding="utf-8")
    (starter / "site_src" / "pages" / "more.md.j2").write_text(CHART_PAGE, encoding="utf-8")
    return starter


def test_a_chart_never_mixes_two_currencies(starter: Path) -> None:
    assert check_lines(charted(starter, "USD", "EUR"))[0] == (
        "content/money.yml:21:5: costs.figures: mixes units that cannot share one axis: "
        "US dollars (cost-us), euros (cost-eu); chart figures of one kind of quantity only"
    )


def test_a_chart_mixing_units_names_the_unit_the_editor_wrote(starter: Path) -> None:
    """A figure in years converts to months for a chart; the message used to say 'months'
    of a figure written in years, a unit the editor never typed (issue #24)."""
    assert check_lines(charted(starter, "years", "EUR"))[0] == (
        "content/money.yml:21:5: costs.figures: mixes units that cannot share one axis: "
        "years (cost-us), euros (cost-eu); chart figures of one kind of quantity only"
    )


def test_a_chart_mixes_rates_per_different_n(starter: Path) -> None:
    result = run(charted(starter, "per-1000-people", "per-100000-people"), "check")
    assert result.exit_code == 0, result.output


def test_money_computed_to_a_number_of_decimals_shows_no_made_up_cents() -> None:
    assert ENGLISH.quantity(1_400_000, 1_400_000, None, "USD", 1) == "$1,400,000"
    assert ENGLISH.quantity(12.25, 12.25, None, "USD", 1) == "$12.3"


def test_a_stale_figure_on_a_german_sheet_is_reported_in_english(german: Path) -> None:
    result = run(german, "check", "--today", "2025-01-01")
    assert result.stdout.splitlines()[0] == (
        "content/figures.yml:13:12: warning: world-population-2024.as_of: dated 1 July 2024, "
        "184 days before 2025-01-01; older than sheet.stale_after_days (180); look for a newer "
        "figure, or mark it `historical: true` if it is about a closed past period, or "
        "`timeless: true` (with no date) if it holds at no date"
    )
