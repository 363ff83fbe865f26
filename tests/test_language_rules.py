"""How a sheet's language finds its catalog, reads its messages and picks a plural form, and
what a message in Fluent syntax uses, may not use and can write (generator/messages.py): the
cases a mutation run (`make mutation`) found no test for, with the expected words written out."""

from __future__ import annotations

from decimal import Decimal

import pytest
from markupsafe import Markup

from generator import messages
from generator.language import Count, Language, flatten
from generator.messages import MessageSyntaxError, Shape
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
    assert english.html("changes.corrected", date=link) == ('Corrected <a href="#x">2 March</a>')
    assert english.markup("changes.corrected", escape_text, {"date": link}) == (
        'Corrected <a href="#x">2 March</a>'
    )
    # Markdown's own characters are escaped too on a Markdown page, and only in plain values.
    assert english.markup("changes.corrected", escape_text, {"date": "*2* March"}) == (
        "Corrected &#42;2&#42; March"
    )


# Messages in Fluent syntax


def test_a_messages_blanks_are_kept_aside_from_its_text():
    assert messages.split("  to { $title } ") == ("  ", "to { $title }", " ")
    assert messages.split("\t\nx\n") == ("\t\n", "x", "\n")
    assert messages.split("   ") == ("   ", "", "")
    assert messages.split("") == ("", "", "")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "{ $x -> [a] A *[b] B }",
            "a selector's variants go on lines of their own, the default marked *: "
            "'{ $x ->⏎ [a] …⏎ *[b] …⏎ }'",
        ),
        ("{ $x", 'Expected token: "}": a { opens a placeable, e.g. { $name }'),
        ("x { ", "Expected an inline expression"),
        ("x\n.attr = y", "a line may not start with '.': write {\".\"} for a dot there"),
    ],
)
def test_a_message_that_is_not_fluent_is_refused_with_what_to_write(text, error):
    with pytest.raises(MessageSyntaxError) as refused:
        messages.shape(text)
    assert str(refused.value) == error


def test_a_messages_shape_is_what_it_prints_chooses_by_and_may_not_use():
    text = (
        '{ FOO($n) } { -term } { other } { "x" ->\n *[a] y\n} '
        "{ $p ->\n [day] au { $date }\n *[other] en { $month } { $year }\n} { 3 }"
    )
    assert messages.shape(text) == Shape(
        printed=frozenset({"date", "month", "year"}),
        selectors={"p": frozenset({"day", "other"})},
        forbidden=(
            "the function FOO()",
            "the term -term",
            "{ other }, a reference to another message",
            "a selector on something other than a $variable",
        ),
    )


def test_a_dates_month_and_year_stand_for_the_date_only_where_the_message_has_one():
    with_date = messages.shape("{ $p ->\n [day] { $date }\n *[other] { $month } { $year }\n}")
    assert with_date.essential == frozenset({"date"})
    assert with_date.variables == frozenset({"p", "date", "month", "year"})
    alone = messages.shape("у { $month } { $year } року")
    assert alone.essential == frozenset({"month", "year"})


def test_a_placeable_inside_a_placeable_is_read_as_the_one_it_holds():
    assert messages.shape("{ { $x } }").printed == frozenset({"x"})
    nested = messages.shape("{ { NUMBER($n) } } { { $precision ->\n [day] a\n *[other] b\n} }")
    assert nested.forbidden == ("the function NUMBER()",)
    assert nested.selectors == {"precision": frozenset({"day", "other"})}
    assert messages.renderings("a { { $x } }") == ["a { $x }"]


def test_what_a_variant_may_not_use_is_found_too():
    assert messages.shape("{ $n ->\n [one] { FOO() }\n *[other] x\n}").forbidden == (
        "the function FOO()",
    )


def test_a_message_keeps_its_second_line_even_when_the_line_is_not_indented():
    assert messages.renderings("first line\nsecond { $x }") == ["first line\nsecond { $x }"]
    assert messages.shape("first line\nsecond { $x }").printed == frozenset({"x"})


def test_an_empty_message_writes_nothing_in_any_rendering():
    assert messages.renderings("") == [""]
    assert messages.renderings("  ") == [""]


def test_a_count_given_a_form_chooses_by_it_and_one_without_by_its_value():
    # after 'близько' Ukrainian takes the genitive, whose endings are those of 'many'
    ukrainian = Language.of("uk")
    assert ukrainian.text("units.km.amount", n=Count(3, "3", "many")) == "3 кілометрів"
    assert ukrainian.text("units.km.amount", n=Count(3, "3")) == "3 кілометри"


def test_a_no_break_space_opening_a_message_is_its_text_not_a_blank():
    # Fluent trims spaces and line ends only: French writes '\u202f%' with a narrow no-break
    # space that must stay.
    assert messages.split("\u202f%") == ("", "\u202f%", "")
    assert messages.split(" \u00a0km\t") == (" ", "\u00a0km", "\t")


def test_a_parser_error_without_a_brace_gets_no_hint_about_placeables():
    with pytest.raises(MessageSyntaxError) as refused:
        messages.shape("{ $x ->\n *[a b\n}")
    assert str(refused.value) == 'Expected token: "]"'


def test_a_message_in_the_old_format_is_written_in_fluent():
    assert messages.legacy("Source: {source} {not this} {}") == (
        'Source: { $source } {"{"}not this{"}"} {"{"}{"}"}'
    )
    assert messages.legacy("XX {name} XX") == "XX { $name } XX"
    assert messages.legacy({"other": "{n} km", "one": "{n} kilometre", "few": "{n} x"}) == (
        "{ $n ->\n    [one] { $n } kilometre\n    [few] { $n } x\n   *[other] { $n } km\n}"
    )


def test_the_old_format_is_told_by_its_placeholders_or_its_plural_mapping():
    assert messages.is_legacy("a {b}")
    assert not messages.is_legacy("a { $b }")
    assert not messages.is_legacy("no braces")
    assert messages.is_legacy({"one": "x"})


def test_a_messages_own_words_in_all_its_variants():
    text = 'en { $date } { $p ->\n [day] au\n *[other] en\n} { "x" } { 3 }'
    assert messages.words(text) == "en      au en   x    "


def test_a_message_renders_once_per_choice_of_its_variants():
    text = 'a { $p ->\n [day] au { $date }\n *[other] en\n}{ "!" }{ 3 }'
    assert messages.renderings(text) == ["a au { $date }!", "a en!"]


def test_the_renderings_of_a_message_stop_at_256():
    nine_choices = "".join(f"{{ $p{i} ->\n [a] a\n *[b] b\n}}" for i in range(9))  # 2**9 = 512
    texts = messages.renderings(nine_choices)
    assert len(texts) == 256
    assert texts[0] == "aaaaaaaaa" and texts[-1] == "abbbbbbbb"


# Messages filled in by fluent.runtime


def test_a_sheets_messages_in_the_old_format_still_work_and_are_remembered_as_its_own():
    english = Language.of(
        "en",
        {
            "qualifiers.about": "around {n}",
            "units.km.amount": {"one": "{n} klick", "other": "{n} klicks"},
            "changes.corrected": "Fixed { $date }",
        },
    )
    assert english.text("qualifiers.about", n="5") == "around 5"
    assert english.amount("units.km.amount", 1, "1") == "1 klick"
    assert english.amount("units.km.amount", 2, "2") == "2 klicks"
    assert english.text("changes.corrected", date="today") == "Fixed today"
    assert english.overridden == {"qualifiers.about", "units.km.amount", "changes.corrected"}
    assert Language.of("en").overridden == frozenset()


def test_a_messages_blanks_are_kept_and_an_empty_message_writes_nothing():
    english = Language.of("en", {"changes.corrected": "  Fixed { $date } ", "blocks.source": ""})
    assert english.text("changes.corrected", date="today") == "  Fixed today "
    assert english.text("blocks.source") == ""


def test_a_number_is_written_as_given_and_anything_else_as_its_text():
    english = Language.of("en", {"changes.corrected": "{ $date }"})
    assert english.text("changes.corrected", date=2006) == "2006"  # not Fluent's '2,006'
    assert english.text("changes.corrected", date=1.5) == "1.5"
    assert english.text("changes.corrected", date=True) == "True"
    assert english.text("changes.corrected", date=Count(1_200_000, "1.2 million")) == (
        "1.2 million"
    )


def test_a_message_missing_a_value_or_too_long_a_value_is_an_error_naming_the_message():
    english = Language.of("en")
    with pytest.raises(ValueError) as missing:
        english.text("changes.corrected")
    assert str(missing.value) == "message 'changes.corrected': Unknown external: date"
    with pytest.raises(ValueError, match="^message 'changes.corrected': Too many characters"):
        english.text("changes.corrected", date="y" * 3000)


def test_a_number_parameter_chooses_a_variant_by_its_plural_form():
    english = Language.of(
        "en", {"changes.corrected": "{ $date ->\n [one] one day\n *[other] days\n}"}
    )
    assert english.text("changes.corrected", date=1) == "one day"
    assert english.text("changes.corrected", date=3) == "days"


def test_a_text_can_never_pass_for_the_place_of_a_link():
    """A link stands in the message as a token until the text is escaped; the token is new
    each time, so a value that spells one out stays text."""
    english = Language.of("en", {"changes.corrected": "{ $date } { $link }"})
    lookalike = "\ue000None0\ue001"
    shown = english.markup(
        "changes.corrected", escape_text, {"date": lookalike, "link": Markup("<a>x</a>")}
    )
    assert shown == f"{lookalike} <a>x</a>"


def test_a_regional_tag_chooses_plural_forms_by_its_languages_rules():
    assert Language.of("uk-UA").amount("units.km.amount", 3, "3") == "3 кілометри"
    assert Language.of("uk-UA").amount("units.km.amount", 5, "5") == "5 кілометрів"


def test_a_message_of_several_lines_keeps_every_line():
    english = Language.of("en", {"changes.corrected": "Corrected on\n{ $date },\nonce"})
    assert english.text("changes.corrected", date="2 March") == "Corrected on\n2 March,\nonce"
