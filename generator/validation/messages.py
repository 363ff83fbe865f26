"""The sheet's language and its own wording of the generator's messages (`sheet.language`,
`sheet.messages`), checked against the generator's catalog for that language.

An override keeps every placeholder of the message it replaces, and adds none, so a number
or a date can never silently drop out of a sentence (nor a sentence fail to fill in); its
plural forms are those the language has."""

from __future__ import annotations

import difflib

from ..errors import Problem, shown
from ..language import Language, catalog, languages, placeholders
from ..models import Sheet
from ..yaml_loader import Loaded, dotted


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

        def problem(message: str, at: tuple[str | int, ...] = path) -> None:
            line, col = loaded.key_position(at)
            problems.append(Problem(display, line, col, dotted(at[:3]), message))

        if key not in ours:
            close = difflib.get_close_matches(key, ours, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problem(f"unknown message {shown(key)}{hint}")
            continue
        theirs = ours[key]
        if isinstance(message, str):
            texts = {"": message}
        elif isinstance(theirs, str):
            problem("expected a text: this message has no plural forms")
            continue
        else:
            texts = dict(message)
            forms = language.plural_forms()
            extra = sorted(set(texts) - forms)
            if extra:
                problem(
                    f"{language.tag!r} has no plural form {', '.join(map(repr, extra))}; "
                    f"expected {', '.join(sorted(forms))}",
                    path + (extra[0],),
                )
            if "other" not in texts:
                problem("missing the plural form 'other'")
        needed = placeholders(theirs)
        for form, text in texts.items():
            at = path + (form,) if form else path
            given = placeholders(text)
            missing, unknown = sorted(needed - given), sorted(given - needed)
            if missing:
                names = ", ".join("{" + m + "}" for m in missing)
                problem(f"missing {names}, which the generator's message fills in", at)
            if unknown:
                names = ", ".join("{" + u + "}" for u in unknown)
                expected = ", ".join("{" + n + "}" for n in sorted(needed)) or "none"
                problem(f"unknown placeholder {names}; this message has {expected}", at)
    return problems
