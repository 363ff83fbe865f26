"""The rules every message text obeys, from the editor's side: an override in sheet.yml (or a
sheet unit's words) that would change a number, reorder it, crash the build or blow it up is
refused at its line, by `check` and `build` alike. The rules live in
generator/validation/messages.py as functions of a text and its placeholders, so they hold
whatever format the catalogs are kept in."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.language import catalog, languages
from tests.golden import copy_fixture
from tests.support import run

TODAY = "2024-08-01"
"""A day the minimal fixture's figure is fresh, so no warning gets in the way."""


def _with_sheet_lines(tmp_path: Path, lines: str) -> Path:
    """The minimal fixture with `lines` added at the end of its `sheet:` (from line 9)."""
    root = copy_fixture("minimal", tmp_path / "minimal")
    sheet = root / "content" / "sheet.yml"
    assert sheet.read_text(encoding="utf-8").count("\n") == 8
    with sheet.open("a", encoding="utf-8") as f:
        f.write(lines)
    return root


def _check(root: Path) -> list[str]:
    result = run(root, "check", "--today", TODAY)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1, result.output
    return result.output.splitlines()


@pytest.mark.parametrize(
    ("lines", "error"),
    [
        (  # the page would read "about 11.2 million"
            "  messages:\n    qualifiers.about: 'about 1{n}'\n",
            "content/sheet.yml:10:5: sheet.messages.qualifiers.about: the digit '1' right "
            "beside {n} would change the number it shows ('about 1{n}'); put a space or a "
            "word between them",
        ),
        (
            "  messages:\n    units.people.amount: '{n}000'\n",
            "content/sheet.yml:10:5: sheet.messages.units.people.amount: the digit '0' right "
            "beside {n} would change the number it shows ('{n}000'); put a space or a word "
            "between them",
        ),
        (  # a minus sign would negate it
            "  messages:\n    qualifiers.about: 'about -{n}'\n",
            "content/sheet.yml:10:5: sheet.messages.qualifiers.about: the sign '-' right "
            "beside {n} would change the number it shows ('about -{n}'); put a space or a "
            "word between them",
        ),
        (  # '.5' reads as a half
            "  messages:\n    qualifiers.about: 'about .{n}'\n",
            "content/sheet.yml:10:5: sheet.messages.qualifiers.about: the separator '.' right "
            "beside {n} would change the number it shows ('about .{n}'); put a space or a "
            "word between them",
        ),
        (  # French groups thousands with a space: '1 200' is 1200
            "  messages:\n    qualifiers.about: 'about 1 {n}'\n",
            "content/sheet.yml:10:5: sheet.messages.qualifiers.about: the digit '1' and "
            "separator ' ' right beside {n} would change the number it shows ('about 1 {n}'); "
            "put a space or a word between them",
        ),
        (
            "  messages:\n    units.km.amount: {one: '{n} km', other: '{n},000 km'}\n",
            "content/sheet.yml:10:38: sheet.messages.units.km.amount: the separator ',' and "
            "digit '0' right beside {n} would change the number it shows ('{n},000 km'); put a "
            "space or a word between them",
        ),
        (
            "  units:\n    doses:\n      words:\n"
            "        en: {name: doses, amount: '{n}000 doses'}\n",
            "content/sheet.yml:12:27: sheet.units.doses.words.en.amount: the digit '0' right "
            "beside {n} would change the number it shows ('{n}000 doses'); put a space or a "
            "word between them",
        ),
    ],
)
def test_a_digit_sign_or_separator_beside_a_numbers_placeholder_is_refused(
    tmp_path: Path, lines: str, error: str
) -> None:
    assert error in _check(_with_sheet_lines(tmp_path, lines))


def test_words_and_spaces_beside_a_placeholder_are_fine(tmp_path: Path) -> None:
    root = _with_sheet_lines(
        tmp_path,
        "  messages:\n    qualifiers.about: 'about {n}.'\n"
        "    units.km.amount: {one: '({n} km)', other: '{n}-odd km, 2024'}\n",
    )
    result = run(root, "check", "--today", TODAY)
    assert result.exit_code == 0, result.output


def test_every_catalog_message_keeps_its_numbers_apart() -> None:
    from generator.validation.messages import text_problems

    for language in languages():
        for key, message in catalog(language).items():
            for text in [message] if isinstance(message, str) else message.values():
                assert text_problems(text) == [], (language, key, text)


@pytest.mark.parametrize(
    ("lines", "error"),
    [
        (  # Chromium showed 1.2 million as "noillim 2.1"
            '  messages:\n    units.people.amount: "\\u202e{n}\\u202c"\n',
            "content/sheet.yml:10:26: sheet.messages.units.people.amount: the bidirectional "
            "control U+202E is not allowed in text (it can reverse how a number reads); "
            "delete it",
        ),
        (
            "  messages:\n    blocks.source: 'Source: \u2067{source}'\n",
            "content/sheet.yml:10:20: sheet.messages.blocks.source: the bidirectional control "
            "U+2067 is not allowed in text (it can reverse how a number reads); delete it",
        ),
        (  # any text field, not only messages
            '  corrections: "Write to us \\u202a"\n',
            "content/sheet.yml:9:16: sheet.corrections: the bidirectional control U+202A is "
            "not allowed in text (it can reverse how a number reads); delete it",
        ),
    ],
)
def test_bidirectional_controls_are_refused_in_every_text(
    tmp_path: Path, lines: str, error: str
) -> None:
    assert error in _check(_with_sheet_lines(tmp_path, lines))


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("zzzz", "'zzzz' is not a date pattern: 'z' is a field of no date"),
        ("B", "'B' is not a date pattern: 'B' is a field of no date"),
        (
            "GGGGGGG",
            "'GGGGGGG' is not a date pattern CLDR can write (\"Invalid length for field: "
            "'GGGGGGG'\")",
        ),
    ],
)
def test_a_date_pattern_that_writes_no_date_is_refused(
    tmp_path: Path, pattern: str, message: str
) -> None:
    root = _with_sheet_lines(tmp_path, f"  messages:\n    dates.day: {pattern}\n")
    lines = _check(root)
    assert any(
        line.startswith(f"content/sheet.yml:10:5: sheet.messages.dates.day: {message}")
        for line in lines
    ), lines


def test_a_time_in_the_month_pattern_is_refused_and_build_agrees(tmp_path: Path) -> None:
    root = _with_sheet_lines(tmp_path, "  messages:\n    dates.month: 'HH:mm'\n")
    expected = (
        "content/sheet.yml:10:5: sheet.messages.dates.month: 'HH:mm' is not a date pattern: "
        "'H', 'm' are fields of no date; use the fields of a day, a month and a year (d, "
        "MMMM, LLLL, y, EEEE, …)"
    )
    assert expected in _check(root)
    built = run(root, "build")
    assert built.exit_code == 1 and expected in built.output.splitlines()


def test_a_quoted_word_in_a_date_pattern_is_text() -> None:
    from generator.language import Language
    from generator.validation.messages import date_pattern_problem

    assert date_pattern_problem("EEEE, d 'de' MMMM 'at home' y", Language.of("en")) == ""


@pytest.mark.parametrize(
    ("tag", "error"),
    [
        (
            "fr-XX",
            "content/sheet.yml:9:13: sheet.language: unknown language tag 'fr-XX': CLDR has "
            "no locale for it; expected a language and, if any, a region it knows (en, de-AT, "
            "uk, fr-CH)",
        ),
        (
            "en-xx-yy",
            "content/sheet.yml:9:13: sheet.language: unknown language tag 'en-xx-yy': CLDR "
            "has no locale for it; expected a language and, if any, a region it knows (en, "
            "de-AT, uk, fr-CH)",
        ),
        (  # 55 subtags: refused by length, and echoed no further than 40 characters
            "en" + "-abcd" * 55,
            "content/sheet.yml:9:13: sheet.language: a language tag has at most 35 "
            "characters, got 277: 'en-abcd-abcd-abcd-abcd-abcd-abcd-abcd-ab'… (277 "
            "characters)",
        ),
    ],
)
def test_a_language_tag_cldr_does_not_know_is_refused_at_its_line(
    tmp_path: Path, tag: str, error: str
) -> None:
    lines = _check(_with_sheet_lines(tmp_path, f"  language: {tag}\n"))
    assert lines == [error, "content/ fails: 1 error(s), 0 warning(s) in 3 file(s)."]


def test_a_unit_worded_for_an_unknown_language_does_not_crash(tmp_path: Path) -> None:
    root = _with_sheet_lines(
        tmp_path,
        "  language: fr-XX\n  units:\n    doses:\n      words:\n"
        "        fr-XX: {name: doses, amount: '{n} doses'}\n",
    )
    assert _check(root)[0].startswith("content/sheet.yml:9:13: sheet.language: unknown")


def test_a_message_that_would_expand_without_bound_is_refused_by_check_and_build(
    tmp_path: Path,
) -> None:
    """'{source}' 100,000 times passed `check` and then made a 303 MB site."""
    root = _with_sheet_lines(
        tmp_path, "  messages:\n    blocks.source: '" + "{source} " * 5000 + "'\n"
    )
    expected = [
        "content/sheet.yml:10:5: sheet.messages.blocks.source: the text is 45,000 characters "
        "long; a message may have at most 1,000",
        "content/sheet.yml:10:5: sheet.messages.blocks.source: {source} is used 5,000 times; "
        "a text may use each placeholder at most 2 times",
    ]
    lines = _check(root)
    assert lines[:2] == expected
    built = run(root, "build")
    assert built.exit_code == 1 and built.output.splitlines()[:2] == expected
    assert not (root / "site").exists()


def test_a_short_message_repeating_a_placeholder_is_refused(tmp_path: Path) -> None:
    root = _with_sheet_lines(
        tmp_path, "  messages:\n    blocks.source: '{source}{source}{source}'\n"
    )
    assert (
        "content/sheet.yml:10:5: sheet.messages.blocks.source: {source} is used 3 times; a "
        "text may use each placeholder at most 2 times"
    ) in _check(root)


@pytest.mark.parametrize(
    ("written", "error"),
    [
        (
            "[1, 2]",
            "content/sheet.yml:10:16: sheet.messages.dates.day: expected a text, or one text "
            "per plural form ({one: …, other: …}), got a list",
        ),
        (
            "{a: [1]}",
            "content/sheet.yml:10:20: sheet.messages.dates.day.a: expected text, got a list",
        ),
    ],
)
def test_a_malformed_override_is_described_without_internal_type_names(
    tmp_path: Path, written: str, error: str
) -> None:
    lines = _check(_with_sheet_lines(tmp_path, f"  messages:\n    dates.day: {written}\n"))
    assert lines == [error, "content/ fails: 1 error(s), 0 warning(s) in 3 file(s)."]


def test_a_ukrainian_override_needs_every_plural_form(tmp_path: Path) -> None:
    """As `sheet.units` refuses the same gap: 3 км and 5 км take different words."""
    root = _with_sheet_lines(
        tmp_path,
        "  language: uk\n  messages:\n    units.km.amount: {one: '{n} кілометр', other: "
        "'{n} кілометра'}\n",
    )
    assert (
        "content/sheet.yml:11:5: sheet.messages.units.km.amount: missing the plural form(s) "
        "few, many: 'uk' needs few, many, one, other"
    ) in _check(root)


def test_a_language_tag_of_the_wrong_shape_is_called_a_language_tag(tmp_path: Path) -> None:
    lines = _check(_with_sheet_lines(tmp_path, "  language: fr-x\n"))
    assert lines[0] == (
        "content/sheet.yml:9:13: sheet.language: expected a language tag such as en, de-AT or "
        "uk, got 'fr-x'"
    )


def test_two_placeholders_side_by_side_are_refused_but_jinja_like_text_is_only_text(
    tmp_path: Path,
) -> None:
    root = _with_sheet_lines(tmp_path, "  messages:\n    dates.years: '{start}{end}'\n")
    assert _check(root)[0].startswith(
        "content/sheet.yml:10:5: sheet.messages.dates.years: another placeholder right beside "
        "{start}"
    )
    root = _with_sheet_lines(
        tmp_path / "2", "  messages:\n    qualifiers.about: 'about {% raw %} {n}'\n"
    )
    assert run(root, "check", "--today", TODAY).exit_code == 0
