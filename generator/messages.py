"""Message texts in Project Fluent syntax: parsing one, what it uses, and the old `{name}` form.

A message is a whole sentence in Fluent syntax (https://projectfluent.org/fluent/guide/), so
its grammar lives in the message: `{ $date }` is filled in by the generator, and a selector
chooses words by what the generator passes, e.g. the precision of a date or the plural
category of a number:

    { $precision ->
        [day] au { $date }
       *[other] en { $date }
    }

Messages here may use variables, selectors on variables, and string or number literals; not
functions, terms or references to other messages, so a message taken from content can reach
nothing but the values it is given.

>>> shape("en { $date }").printed
frozenset({'date'})
>>> legacy("Source: {source}")
'Source: { $source }'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from fluent.syntax import FluentParser, ast

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
PRECISIONS = ("day", "month", "year", "period")
SELECTORS: Mapping[str, tuple[str, ...]] = {"precision": PRECISIONS}
"""What a selector on a generator's variable may choose between; `n` chooses by the plural
category of the number (a language's own, checked against its locale), any other by text."""
DATE_PARTS = {"year": "date", "month": "date"}
"""The parts of a `$date` a message may print in its place."""
OLD_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
"""The format before Fluent: `{name}`, and one text per plural category in a mapping."""
_BLANKS = " \t\n"


@dataclass(frozen=True)
class Shape:
    """What a message uses: the variables it prints, those it chooses by (with the keys of its
    variants), and anything it may not use (a function, a term, another message)."""

    printed: frozenset[str] = frozenset()
    selectors: Mapping[str, frozenset[str]] = field(default_factory=dict)
    forbidden: tuple[str, ...] = ()

    @property
    def variables(self) -> frozenset[str]:
        return self.printed | frozenset(self.selectors)

    @property
    def essential(self) -> frozenset[str]:
        """What it prints, a date's `$year` or `$month` standing for the `$date` it belongs to:
        'у жовтні 2019 року' prints the date as its month and year."""
        if "date" not in self.variables:
            return self.printed
        return frozenset(DATE_PARTS.get(name, name) for name in self.printed)


class MessageSyntaxError(ValueError):
    """A message that is not Fluent syntax; the text says what the parser expected."""


def parse(text: str) -> ast.Pattern:
    """The Fluent pattern of `text`, its leading and trailing blanks left out (`split` keeps
    them: Fluent trims them, and ' to { $title }' must keep its space)."""
    core = split(text)[1] or '{""}'  # an empty message, as the bundle holds one
    source = "m =\n" + "".join(f"    {line}\n" for line in core.split("\n"))
    entry = FluentParser(with_spans=False).parse_entry(source)
    if isinstance(entry, ast.Junk):
        reason = (entry.annotations[0].message if entry.annotations else None) or "not Fluent"
        raise MessageSyntaxError(_reason(reason))
    assert isinstance(entry, ast.Message) and entry.value is not None
    if entry.attributes:
        raise MessageSyntaxError("a line may not start with '.': write {\".\"} for a dot there")
    return entry.value


def _reason(parser_message: str) -> str:
    """Fluent's parser speaks of its grammar; say what to write."""
    if parser_message == 'Expected token: "␤"':
        return (
            "a selector's variants go on lines of their own, the default "
            "marked *: '{ $x ->⏎ [a] …⏎ *[b] …⏎ }'"
        )
    if "Expected token" in parser_message and "}" in parser_message:
        return f"{parser_message.rstrip('.')}: a {{ opens a placeable, e.g. {{ $name }}"
    return parser_message


def split(text: str) -> tuple[str, str, str]:
    """(leading blanks, the message, trailing blanks)."""
    core = text.strip(_BLANKS)
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def shape(text: str) -> Shape:
    """The variables `text` prints and chooses by; raises MessageSyntaxError."""
    printed: set[str] = set()
    selectors: dict[str, set[str]] = {}
    forbidden: list[str] = []
    _walk(parse(text).elements, printed, selectors, forbidden)
    return Shape(
        frozenset(printed), {k: frozenset(v) for k, v in selectors.items()}, tuple(forbidden)
    )


def _walk(
    elements: Sequence[ast.TextElement | ast.Placeable],
    printed: set[str],
    selectors: dict[str, set[str]],
    forbidden: list[str],
) -> None:
    for element in elements:
        if isinstance(element, ast.Placeable):
            _expression(element.expression, printed, selectors, forbidden)


def _expression(
    expr: ast.Expression | ast.Placeable,
    printed: set[str],
    selectors: dict[str, set[str]],
    forbidden: list[str],
) -> None:
    if isinstance(expr, ast.Placeable):
        _expression(expr.expression, printed, selectors, forbidden)
    elif isinstance(expr, ast.VariableReference):
        printed.add(expr.id.name)
    elif isinstance(expr, ast.SelectExpression):
        if isinstance(expr.selector, ast.VariableReference):
            keys = selectors.setdefault(expr.selector.id.name, set())
            for variant in expr.variants:
                key = variant.key
                keys.add(key.name if isinstance(key, ast.Identifier) else key.value)
                _walk(variant.value.elements, printed, selectors, forbidden)
        else:
            forbidden.append("a selector on something other than a $variable")
    elif isinstance(expr, ast.FunctionReference):
        forbidden.append(f"the function {expr.id.name}()")
    elif isinstance(expr, ast.TermReference):
        forbidden.append(f"the term -{expr.id.name}")
    elif isinstance(expr, ast.MessageReference):
        forbidden.append(f"{{ {expr.id.name} }}, a reference to another message")


def legacy(message: str | Mapping[str, str]) -> str:
    """A message in the format before Fluent, in Fluent: `{name}` -> `{ $name }`, and one text
    per plural category -> a selector on `$n`."""
    if isinstance(message, str):  # any other brace was text then: in Fluent, a literal
        parts = OLD_PLACEHOLDER.split(message)
        return "".join(
            "{ $" + part + " }" if i % 2 else _literal_braces(part) for i, part in enumerate(parts)
        )
    lines = ["{ $n ->"]
    for form in PLURAL_CATEGORIES:
        if form in message:
            default = "*" if form == "other" else " "
            lines.append(f"   {default}[{form}] {legacy(message[form])}")
    return "\n".join([*lines, "}"])


def _literal_braces(text: str) -> str:
    """`text` with its braces as Fluent writes them as text: {"{"} and {"}"}."""
    return "".join('{"' + c + '"}' if c in "{}" else c for c in text)


def is_legacy(message: str | Mapping[str, str]) -> bool:
    """True for a message in the format before Fluent."""
    if not isinstance(message, str):
        return True
    return bool(OLD_PLACEHOLDER.search(message))


def words(text: str) -> str:
    """The words a message writes itself, in all its variants, each variable a space: what a
    check for stray English in a page compares with."""
    out: list[str] = []
    _texts(parse(text).elements, out)
    return " ".join(out)


def _texts(elements: Sequence[ast.TextElement | ast.Placeable], out: list[str]) -> None:
    for element in elements:
        if isinstance(element, ast.TextElement):
            out.append(element.value)
        elif isinstance(element.expression, ast.SelectExpression):
            for variant in element.expression.variants:
                _texts(variant.value.elements, out)
        elif isinstance(element.expression, ast.StringLiteral):
            out.append(element.expression.parse()["value"])
        else:
            out.append(" ")


RENDERINGS_MAX = 256
"""The most texts `renderings` spells out: a message's selectors multiply its variants."""


def renderings(text: str) -> list[str]:
    """Every text the message can write, one per choice of its selectors' variants, with each
    variable written `{ $name }`: what rules about a text's numbers are checked on, as a
    reader would meet it ('au { $date }', 'en { $date }')."""
    return _render(parse(text).elements)[:RENDERINGS_MAX]


def _render(elements: Sequence[ast.TextElement | ast.Placeable]) -> list[str]:
    texts = [""]
    for element in elements:
        if isinstance(element, ast.TextElement):
            options = [element.value]
        else:
            options = _render_expression(element.expression)
        texts = [t + o for t in texts for o in options][:RENDERINGS_MAX]
    return texts


def _render_expression(expr: ast.Expression | ast.Placeable) -> list[str]:
    if isinstance(expr, ast.Placeable):
        return _render_expression(expr.expression)
    if isinstance(expr, ast.VariableReference):
        return ["{ $" + expr.id.name + " }"]
    if isinstance(expr, ast.StringLiteral):
        return [expr.parse()["value"]]
    if isinstance(expr, ast.SelectExpression):
        return [t for variant in expr.variants for t in _render(variant.value.elements)]
    return [""]
