"""The sheet's language and its own wording of the generator's messages (`sheet.language`,
`sheet.messages`, and the words of `sheet.units`), checked against the generator's catalog.

An override is a message in Fluent syntax (see `generator/messages.py`). It prints every
variable of the message it replaces, and adds none, so a number or a date can never silently
drop out of a sentence (nor a sentence fail to fill in); it may choose its words by any
variable the generator gives that message (a date's `$precision`, a number's plural form), and
a choice by plural form names every form the language has. The format before Fluent (`{name}`,
plural forms as a mapping) still works, with a warning that writes the override out in Fluent.

The rules about a text itself are functions of the text (`text_problems`,
`date_pattern_problem`), checked on every text a message can write: no digit, sign or
separator beside a number's placeholder (it would change the number: 'about 1{ $n }' reads
'about 11.2 million'); a bounded size, so one message cannot expand a short sheet into a huge
site; and a date pattern that writes only a date.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Iterator
from typing import Literal

from .. import messages as fluent
from ..errors import Problem, shown
from ..language import Language, catalog, languages
from ..models import Sheet
from ..yaml_loader import FieldPath, Loaded, dotted

PLACEHOLDER = re.compile(r"\{ ?\$?([a-z_]+) ?\}")
"""A variable as a text writes it: `{ $n }` in Fluent, `{n}` in the format before it."""
DEPRECATED_UNTIL = "0.3.0"
"""The version from which overrides in the format before Fluent are refused."""
REPLACED = {
    "blocks.quotation_of": ("blocks.link_to_quotation", DEPRECATED_UNTIL),
    "charts.csv": ("charts.download", DEPRECATED_UNTIL),
    "charts.low": ("charts.value", DEPRECATED_UNTIL),
    "charts.high": ("charts.value", DEPRECATED_UNTIL),
}
"""Messages no longer shown unless a sheet rewords them, and the message that replaces each:
'Link zu { $title }' could not decline 'das Zitat' into 'zum Zitat'."""
STILL_GIVEN: dict[str, dict[str, frozenset[str]]] = {
    "charts.line": {"span": frozenset({"first", "last"})},
    "charts.column": {"span": frozenset({"first", "last"})},
    "charts.timeline": {"span": frozenset({"first", "last"})},
    "working.days_in": {"during": frozenset({"period"})},
    "social.item": {"claim": frozenset({"who", "label", "value"})},
    "charts.bar": {"what": frozenset({"unit"})},
    "charts.range_bar": {"what": frozenset({"unit"})},
}
"""{key: {variable: the variables it replaced}}: a message's variable that says as a sentence
what a sheet's override written before it joined itself (a period, 'from October 2019 to 16
December 2022', the catalog's `dates.during`; a figure, 'The UN estimates about 8.2 billion…', as
the page's `blocks.claim`). The generator still gives the old ones, and an override printing
them works until DEPRECATED_UNTIL, warned of."""
_STILL_GIVEN_WHY = {
    "claim": "which says the figure as the page's sentence does",
    "what": "which names what the chart shows ('percentages', 'amounts in euros') and its "
    "scale, as the catalog's charts.measure words it",
}
"""Why the new variable is better, when it is not a period's ('…says the period as…')."""
_OLD_PRINTED = {
    "charts.bar": frozenset({"scale"}),
    "charts.range_bar": frozenset({"scale"}),
}
"""What a bar or range-bar chart's message printed before `$what`, which now holds it: still
given, for an override written then."""
_OLD_SELECTORS = frozenset({"first_precision", "first_initial", "last_precision"})
"""What the French catalog chose a line or column chart's prepositions by before `$span`."""

MESSAGE_MAX_CHARACTERS = 1000
"""The longest text a message may be (the generator's longest is about 300): a page writes a
message once per figure, so its size multiplies."""
PLACEHOLDER_MAX_USES = 2
"""How often one text may use the same placeholder (the generator's use each once): a
placeholder repeated 100,000 times made a 303 MB site from an 800 KB sheet."""
LANGUAGE_TAG_MAX = 35
"""BCP 47's advice on the length of a tag worth supporting."""
NUMBER_PLACEHOLDERS = frozenset(
    {
        "n",
        "day",
        "base",
        "start",
        "end",
        "year",
        "value",
        "metric",
        "date",
        "period",
        "working",
        "when",
        "span",
        "during",
    }
)
"""The placeholders a number (or a date, which ends in one) fills in."""
SIGNS = frozenset("+-\u2212\u00b1")
DECIMAL_MARKS = frozenset(".,\u066b\u066c")
GROUPING = frozenset(" '\u2019_\u00a0\u202f\u2009")
"""Characters that join two numbers into one: '1 {n}' reads '1 200' in French, which groups
with a space."""
DATE_FIELDS = frozenset("GyYuUrQqMLlwWdDFgEec")
"""CLDR date pattern letters that a day, a month or a year has; times (H, m, s, a, z, …) not."""
DATE_PATTERNS = ("dates.day", "dates.month", "dates.month_in_text")


def text_problems(text: str) -> list[str]:
    """Why a message text (a catalog's, an override, a unit's words) cannot be used: each
    number's placeholder must stand apart from digits, signs and separators, and the text must
    be bounded, in every text its selectors can write. Empty when it is fine (a text that is
    no Fluent is reported as such by the caller)."""
    problems = []
    if len(text) > MESSAGE_MAX_CHARACTERS:
        problems.append(
            f"the text is {len(text):,} characters long; a message may have at most "
            f"{MESSAGE_MAX_CHARACTERS:,}"
        )
    try:
        texts = [text] if fluent.is_legacy(text) else fluent.renderings(text)
    except fluent.MessageSyntaxError:
        return problems
    for written in texts:
        uses = Counter(PLACEHOLDER.findall(written))
        repeated = sorted(name for name, count in uses.items() if count > PLACEHOLDER_MAX_USES)
        if repeated:
            names = ", ".join(_as_written(written, name) for name in repeated)
            problems.append(
                f"{names} is used {max(uses[n] for n in repeated):,} times; a text may use "
                f"each placeholder at most {PLACEHOLDER_MAX_USES} times"
            )
            break
    for written in texts:
        beside = next(
            (
                (match, why)
                for match in PLACEHOLDER.finditer(written)
                for why in [_joined(written, match)]
                if why
            ),
            None,
        )
        if beside:
            match, why = beside
            problems.append(
                f"{why} right beside {match.group()} would change the number it shows "
                f"({shown(written)}); put a space or a word between them"
            )
            break
    return problems


def _as_written(text: str, name: str) -> str:
    return "{" + name + "}" if "{" + name + "}" in text else "{ $" + name + " }"


def _joined(text: str, match: re.Match[str]) -> str:
    """What joins the placeholder `match` to a number, described; '' when nothing does."""
    before, after = text[: match.start()], text[match.end() :]
    b1, b2 = before[-1:], before[-2:-1]
    a1, a2 = after[:1], after[1:2]
    for char in (b1, a1):
        if char.isdigit():
            return f"the digit {char!r}"
    if match.group(1) not in NUMBER_PLACEHOLDERS:
        return ""
    if re.search(r"\{[a-z_]+\}$", before) or PLACEHOLDER.match(after):
        return "another placeholder"
    if b1 in SIGNS:
        return f"the sign {b1!r}"
    if b1 and b1 in DECIMAL_MARKS:
        return f"the separator {b1!r}"
    if b1 and b1 in GROUPING and b2.isdigit():
        return f"the digit {b2!r} and separator {b1!r}"
    if a1 and a1 in SIGNS | DECIMAL_MARKS | GROUPING and a2.isdigit():
        return f"the separator {a1!r} and digit {a2!r}"
    return ""


def date_pattern_problem(pattern: str, language: Language) -> str:
    """Why `pattern` is no CLDR date pattern that writes a date in `language` ('' if it is):
    a time field (HH:mm, zzzz) has nothing to show for a date, and a field of a length CLDR
    does not define (GGGGGGG) cannot be written."""
    from babel.dates import format_date

    fields = set(re.findall(r"([A-Za-z])\1*", _unquoted(pattern)))
    times = sorted(fields - DATE_FIELDS)
    if times:
        return (
            f"{shown(pattern)} is not a date pattern: {', '.join(map(repr, times))} "
            f"{'is a field' if len(times) == 1 else 'are fields'} of no date; use the fields "
            "of a day, a month and a year (d, MMMM, LLLL, y, EEEE, …)"
        )
    try:
        format_date(dt.date(2026, 3, 2), pattern, locale=language.locale)
    except Exception as exc:  # noqa: BLE001 - Babel raises many kinds on a malformed pattern
        return f"{shown(pattern)} is not a date pattern CLDR can write ({shown(exc)})"
    return ""


def _unquoted(pattern: str) -> str:
    """A date pattern without its quoted literal text ('d 'de' MMMM' -> 'd  MMMM')."""
    return re.sub(r"'[^']*'", "", pattern)


def tag_problem(tag: str) -> str:
    """Why `tag` is no language a sheet can be written in ('' if it is one)."""
    if len(tag) > LANGUAGE_TAG_MAX:
        return (
            f"a language tag has at most {LANGUAGE_TAG_MAX} characters, got {len(tag):,}: "
            f"{shown(tag)}"
        )
    if Language.catalog_for(tag) is None:
        known = ", ".join(languages())
        return f"no messages for the language {shown(tag)}; expected one of {known}"
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return (
            f"unknown language tag {shown(tag)}: CLDR has no locale for it; expected a "
            "language and, if any, a region it knows (en, de-AT, uk, fr-CH)"
        )
    return ""


def sheet_problems(sheet: Sheet, loaded: Loaded, display: str) -> list[Problem]:
    """Every problem with `sheet.language`, `sheet.messages` and the words of `sheet.units`,
    at the line written."""
    wrong_tag = tag_problem(sheet.language)
    if wrong_tag:
        line, col = loaded.position(("sheet", "language"))
        return [Problem(display, line, col, "sheet.language", wrong_tag)]
    language = Language.of(sheet.language)
    ours = catalog(language.catalog)
    problems: list[Problem] = []

    def problem(path: FieldPath, message: str, at: FieldPath | None = None) -> None:
        line, col = loaded.key_position(at or path)
        problems.append(Problem(display, line, col, dotted(path[:3]), message))

    for key, message in sheet.messages.items():
        path: FieldPath = ("sheet", "messages", key)
        if key not in ours:
            close = difflib.get_close_matches(key, ours, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problem(path, f"unknown message {shown(key)}{hint}")
            continue
        if key in REPLACED:
            line, col = loaded.key_position(path)
            new, until = REPLACED[key]
            problems.append(
                Problem(
                    display,
                    line,
                    col,
                    dotted(path),
                    f"{key!r} is replaced by {new!r}, which words the whole phrase; yours is "
                    f"still used until {until}: reword {new!r} instead",
                    "warning",
                )
            )
        if key in DATE_PATTERNS and isinstance(message, str):
            wrong = date_pattern_problem(message, language)
            if wrong:
                problem(path, wrong)
            continue
        for wrong, at, level in _override_problems(key, message, language):
            if level == "warning":
                line, col = loaded.key_position(path)
                problems.append(Problem(display, line, col, dotted(path), wrong, "warning"))
            else:
                problem(path, wrong, path + at)
    for unit_key, own in sheet.units.items():
        for tag, words in own.words.items():
            amount = words.amount
            written: str | dict[str, str] = (
                amount if isinstance(amount, str) else {str(k): v for k, v in amount.items()}
            )
            if fluent.is_legacy(written):
                where_: FieldPath = ("sheet", "units", unit_key, "words", tag, "amount")
                line, col = loaded.key_position(where_)
                converted = fluent.legacy(written)
                problems.append(
                    Problem(
                        display,
                        line,
                        col,
                        dotted(where_),
                        f"the format before Fluent ({{n}}, plural forms as a mapping) works "
                        f"until {DEPRECATED_UNTIL}: write {shown(converted, 200)}",
                        "warning",
                    )
                )
            forms: dict[str, str] = (
                {"": amount} if isinstance(amount, str) else {str(k): v for k, v in amount.items()}
            )
            for form, text in forms.items():
                where: FieldPath = ("sheet", "units", unit_key, "words", tag, "amount")
                where = where + (form,) if form else where
                for wrong in text_problems(text):
                    line, col = loaded.key_position(where)
                    problems.append(Problem(display, line, col, dotted(where[:6]), wrong))
    return problems


def _plural_problems(language: Language, given: set[str]) -> Iterator[tuple[str, str]]:
    """(problem, the form it is at or '') for the forms the language does not have, and for
    those it has that are missing: a message in a language of four forms needs one, few,
    many and other, as 1, 3, 5 and 1.5 take different words."""
    forms = language.plural_forms()
    extra = sorted(given - forms)
    if extra:
        yield (
            f"{language.tag!r} has no plural form {', '.join(map(repr, extra))}; "
            f"expected {', '.join(sorted(forms))}",
            extra[0],
        )
    missing = sorted(forms - given)
    if missing:
        yield (
            f"missing the plural form(s) {', '.join(missing)}: {language.tag!r} needs "
            f"{', '.join(sorted(forms))}",
            "",
        )


Found = tuple[str, tuple[str, ...], Literal["error", "warning"]]
"""(problem, where under the message's key it is, level)."""


def _override_problems(
    key: str, message: str | dict[str, str], language: Language
) -> Iterator[Found]:
    """What is wrong with the sheet's override of message `key`."""
    theirs = fluent.shape(catalog(language.catalog)[key])
    given = given_variables(key)
    if fluent.is_legacy(message):
        if not isinstance(message, str) and not has_plural_forms(key):
            yield "expected a text: this message has no plural forms", (), "error"
            return
        converted = fluent.legacy(message)
        yield (
            f"the format before Fluent ({{name}}, plural forms as a mapping) works until "
            f"{DEPRECATED_UNTIL}: write {shown(converted, 200)}",
            (),
            "warning",
        )
        texts = {"": message} if isinstance(message, str) else dict(message)
        if not isinstance(message, str):
            for wrong, form in _plural_problems(language, set(texts)):
                yield wrong, (form,) if form else (), "error"
        for form, text in texts.items():
            at = (form,) if form else ()
            for wrong in _variable_problems(fluent.shape(fluent.legacy(text)), theirs, given):
                yield wrong, at, "error"
            for wrong in text_problems(text):
                yield wrong, at, "error"
        return
    assert isinstance(message, str)
    try:
        mine = fluent.shape(message)
    except fluent.MessageSyntaxError as error:
        yield f"expected a message in Fluent syntax: {error}", (), "error"
        return
    if mine.forbidden:
        yield (
            f"a message may use only {{ $variables }} and selectors, not {mine.forbidden[0]}",
            (),
            "error",
        )
        return
    replaced = STILL_GIVEN.get(key, {})
    for new, old in replaced.items():
        if new not in mine.essential and old <= mine.essential:
            theirs = fluent.Shape(theirs.printed - {new}, theirs.selectors)
            yield (
                f"{_names(sorted(old))} work until {DEPRECATED_UNTIL}: write {{ ${new} }}, "
                + _STILL_GIVEN_WHY.get(
                    new, "which says the period as a sentence of the language does"
                ),
                (),
                "warning",
            )
    for wrong in _variable_problems(mine, theirs, given):
        yield wrong, (), "error"
    for wrong in _selector_problems(mine, given, language):
        yield wrong, (), "error"
    for wrong in text_problems(message):
        yield wrong, (), "error"


def has_plural_forms(key: str) -> bool:
    """True when message `key` chooses by a number's plural form in some language."""
    return any("n" in fluent.shape(catalog(t)[key]).selectors for t in languages())


def given_variables(key: str) -> frozenset[str]:
    """The variables the generator gives message `key`: those any catalog's message uses (a
    French one may choose by `$precision` where the English one has no need)."""
    used = frozenset().union(*(fluent.shape(catalog(t)[key]).variables for t in languages()))
    old = STILL_GIVEN.get(key, {})
    selectors = _OLD_SELECTORS if key in ("charts.line", "charts.column") else frozenset()
    return used.union(*old.values(), selectors, _OLD_PRINTED.get(key, frozenset()))


def _variable_problems(
    mine: fluent.Shape, theirs: fluent.Shape, given: frozenset[str]
) -> Iterator[str]:
    missing = sorted(theirs.essential - mine.essential)
    unknown = sorted(mine.variables - given)
    if missing:
        yield f"missing {_names(missing)}, which the generator's message fills in"
    if unknown:
        has = _names(sorted(theirs.printed)) or "none"
        yield f"unknown variable {_names(unknown)}; this message has {has}"


def _selector_problems(
    mine: fluent.Shape, given: frozenset[str], language: Language
) -> Iterator[str]:
    for name, keys in mine.selectors.items():
        if name not in given:
            continue
        words = {k for k in keys if not _is_number(k)}
        if name == "n":
            yield from (wrong for wrong, _ in _plural_problems(language, words))
            continue
        allowed = set(fluent.SELECTORS.get(name, keys)) | {"other"}
        extra = sorted(words - allowed)
        if extra:
            yield (
                f"${name} is never {', '.join(map(repr, extra))}; expected "
                f"{', '.join(sorted(allowed))}"
            )


def _names(names: list[str]) -> str:
    return ", ".join("{ $" + n + " }" for n in names)


def _is_number(key: str) -> bool:
    try:
        float(key)
    except ValueError:
        return False
    return True
