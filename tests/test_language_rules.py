"""How a sheet's language finds its catalog, reads its messages and picks a plural form: the
cases a mutation run (`make mutation`) found no test for, with the expected words written out."""

from __future__ import annotations

from decimal import Decimal

import pytest
from markupsafe import Markup

from generator.language import Language, flatten
from generator.render import escape_text


@pytest.mark.parametrize(
    ("tag", "catalog"),
    [
        ("en", "en"),
        ("de", "de"),
        ("de-AT", "de"),
        ("DE-ch", "de"),
        ("uk-UA", "uk"),
        ("pt", None),
        ("pt-BR", None),
    ],
)
def test_a_regional_tag_reads_its_languages_catalog(tag, catalog):
    assert Language.catalog_for(tag) == catalog


def test_a_sheet_in_austrian_german_writes_german_words_in_austrian_format():
    austrian = Language.of("de-AT")
    assert austrian.catalog == "de"
    assert (
        austrian.text("changes.corrected", date="2. Jänner 2026") == "Korrigiert am 2. Jänner 2026"
    )


def test_a_catalog_tree_flattens_to_dotted_keys_and_plural_forms_stay_one_message():
    every_form = {f: f"{f} {{n}}" for f in ("zero", "one", "two", "few", "many", "other")}
    tree = {
        "changes": {"corrected": "Corrected on {date}", "units": {"km": {"amount": every_form}}},
        "title": "Facts",
        "count": {"one": "{n} fact", "other": "{n} facts"},
    }
    assert flatten(tree) == {
        "changes.corrected": "Corrected on {date}",
        "changes.units.km.amount": every_form,
        "title": "Facts",
        "count": {"one": "{n} fact", "other": "{n} facts"},
    }
    assert flatten({"a": "x"}, "units.") == {"units.a": "x"}


@pytest.mark.parametrize(
    ("tag", "forms"),
    [
        ("en", {"one", "other"}),
        ("de", {"one", "other"}),
        ("fr", {"one", "many", "other"}),
        ("uk", {"one", "few", "many", "other"}),
    ],
)
def test_a_language_knows_its_plural_forms(tag, forms):
    assert Language.of(tag).plural_forms() == forms


@pytest.mark.parametrize(
    ("tag", "count", "form"),
    [
        ("en", 1.0, "one"),  # a whole float is a whole number
        ("en", 1.5, "other"),
        ("en", Decimal("1.0"), "other"),  # written '1.0': a fraction's form
        ("uk", 2.0, "few"),
        ("uk", 1.5, "other"),
        ("uk", 5, "many"),
    ],
)
def test_the_plural_form_of_a_number_as_written(tag, count, form):
    assert Language.of(tag).plural_form(count) == form


def test_a_form_a_catalog_lacks_falls_back_to_other():
    """French numbers of a million take 'many', which the French catalog leaves to 'other'."""
    french = Language.of("fr", {"units.km.amount": {"one": "{n} kilomètre", "other": "{n} km"}})
    assert french.plural_form(1_000_000) == "many"
    assert french.amount("units.km.amount", 1_000_000, "1 million") == "1 million km"


def test_a_link_the_template_made_is_kept_and_every_other_value_is_escaped():
    english = Language.of("en")
    link = Markup('<a href="#x">2 March</a>')
    assert english.html("changes.corrected", date=link) == ('Corrected on <a href="#x">2 March</a>')
    assert english.markup("changes.corrected", escape_text, {"date": link}) == (
        'Corrected on <a href="#x">2 March</a>'
    )
    # Markdown's own characters are escaped too on a Markdown page, and only in plain values.
    assert english.markup("changes.corrected", escape_text, {"date": "*2* March"}) == (
        "Corrected on &#42;2&#42; March"
    )
