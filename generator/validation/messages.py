"""The sheet's language and its own wording of the generator's messages (`sheet.language`,
`sheet.messages`), checked against the generator's catalog for that language.

An override is a message in Fluent syntax (see `generator/messages.py`). It prints every
variable of the message it replaces, and adds none, so a number or a date can never silently
drop out of a sentence (nor a sentence fail to fill in); it may choose its words by any variable
the generator gives that message (a date's `$precision`, a number's plural category), with the
variants the language has. The format before Fluent (`{name}`, plural forms as a mapping) still
works, with a warning that writes the override out in Fluent."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from typing import Literal

from .. import messages as fluent
from ..errors import Problem, shown
from ..language import Language, catalog, languages
from ..models import Sheet
from ..yaml_loader import Loaded, dotted

Level = Literal["error", "warning"]
Report = Callable[..., None]
"""Records a problem: (message, at=the key's path, level='error')."""
DEPRECATED_UNTIL = "0.3.0"
"""The version from which overrides in the format before Fluent are refused."""


def sheet_problems(sheet: Sheet, loaded: Loaded, display: str) -> list[Problem]:
    """Every problem with `sheet.language` and `sheet.messages`, at the line written."""
    if Language.catalog_for(sheet.language) is None:
        line, col = loaded.position(("sheet", "language"))
        return [
            Problem(
                display,
                line,
                col,
                "sheet.language",
                f"no messages for the language {shown(sheet.language)}; "
                f"expected one of {', '.join(languages())}",
            )
        ]
    language = Language.of(sheet.language)
    ours = catalog(language.catalog)
    problems: list[Problem] = []
    for key, message in sheet.messages.items():
        path = ("sheet", "messages", key)

        def problem(text: str, at: tuple[str | int, ...] = path, level: Level = "error") -> None:
            line, col = loaded.key_position(at)
            problems.append(Problem(display, line, col, dotted(at[:3]), text, level))

        if key not in ours:
            close = difflib.get_close_matches(key, ours, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problem(f"unknown message {shown(key)}{hint}")
            continue
        given = given_variables(key)
        theirs = fluent.shape(ours[key])
        if fluent.is_legacy(message):
            if not isinstance(message, str) and not has_plural_forms(key):
                problem("expected a text: this message has no plural forms")
                continue
            converted = fluent.legacy(message)
            problem(
                f"the format before Fluent ({{name}}, plural forms as a mapping) works until "
                f"{DEPRECATED_UNTIL}: write {shown(converted, 200)}",
                level="warning",
            )
            if not isinstance(message, str):
                _legacy_forms(message, language, path, problem)
                for form, text in message.items():
                    _variables(
                        fluent.shape(fluent.legacy(text)), theirs, given, problem, path + (form,)
                    )
                continue
            message = converted
        assert isinstance(message, str)
        try:
            mine = fluent.shape(message)
        except fluent.MessageSyntaxError as error:
            problem(f"expected a message in Fluent syntax: {error}")
            continue
        if mine.forbidden:
            problem(
                f"a message may use only {{ $variables }} and selectors, not {mine.forbidden[0]}"
            )
            continue
        _variables(mine, theirs, given, problem, path)
        _selectors(mine, given, language, problem)
    return problems


def has_plural_forms(key: str) -> bool:
    """True when message `key` chooses by a number's plural form in some language."""
    return any("n" in fluent.shape(catalog(t)[key]).selectors for t in languages())


def given_variables(key: str) -> frozenset[str]:
    """The variables the generator gives message `key`: those any catalog's message uses (a
    French one may choose by `$precision` where the English one has no need)."""
    return frozenset().union(*(fluent.shape(catalog(t)[key]).variables for t in languages()))


def _variables(
    mine: fluent.Shape,
    theirs: fluent.Shape,
    given: frozenset[str],
    problem: Report,
    at: tuple[str | int, ...],
) -> None:
    missing = sorted(theirs.essential - mine.essential)
    unknown = sorted(mine.variables - given)
    if missing:
        problem(f"missing {_names(missing)}, which the generator's message fills in", at)
    if unknown:
        has = _names(sorted(theirs.printed)) or "none"
        problem(f"unknown variable {_names(unknown)}; this message has {has}", at)


def _selectors(
    mine: fluent.Shape, given: frozenset[str], language: Language, problem: Report
) -> None:
    for name, keys in mine.selectors.items():
        if name not in given:
            continue
        allowed = (
            language.plural_forms() if name == "n" else set(fluent.SELECTORS.get(name, keys))
        ) | {"other"}
        extra = sorted(k for k in keys if k not in allowed and not _is_number(k))
        if extra:
            what = f"{language.tag!r} has no plural form" if name == "n" else f"${name} is never"
            problem(f"{what} {', '.join(map(repr, extra))}; expected {', '.join(sorted(allowed))}")


def _legacy_forms(
    message: Mapping[str, str],
    language: Language,
    path: tuple[str | int, ...],
    problem: Report,
) -> None:
    forms = language.plural_forms()
    extra = sorted(set(message) - forms)
    if extra:
        problem(
            f"{language.tag!r} has no plural form {', '.join(map(repr, extra))}; "
            f"expected {', '.join(sorted(forms))}",
            path + (extra[0],),
        )
    if "other" not in message:
        problem("missing the plural form 'other'")


def _names(names: list[str]) -> str:
    return ", ".join("{ $" + n + " }" for n in names)


def _is_number(key: str) -> bool:
    try:
        float(key)
    except ValueError:
        return False
    return True
