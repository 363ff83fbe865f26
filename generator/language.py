"""The sheet's language: every word the generator writes, from a message catalog, and the
locale's CLDR data (through Babel) for plural forms, numbers and dates.

Catalogs ship in `generator/catalogs/<language>.yml`, one per language, each with every key of
`en.yml` (a test checks). A message is text with `{name}` placeholders, or, when its words
depend on a number, one text per CLDR plural category ('one', 'few', 'many', 'other', …).
A sheet may override any message from its content; what it overrides is content, so a message
is always plain text, escaped wherever it lands in a page.

>>> en = Language.of("en")
>>> en.text("changes.corrected", date="2 March 2026")
'Corrected on 2 March 2026'
>>> en.amount("units.km.amount", 1, "1")
'1 kilometre'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from babel import Locale

CATALOGS = Path(__file__).parent / "catalogs"
DEFAULT = "en"
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
"""`{name}`, and nothing else: no attribute access, no format spec, so a message taken from
content can never reach into the objects it is given."""

Message = str | Mapping[str, str]
"""A text, or texts by CLDR plural category."""


def languages() -> list[str]:
    """The languages a sheet may be written in: those with a catalog."""
    return sorted(p.stem for p in CATALOGS.glob("*.yml"))


@functools.lru_cache(maxsize=16)
def catalog(language: str) -> dict[str, Message]:
    """The generator's own messages for `language`, flattened to dotted keys."""
    with open(CATALOGS / f"{language}.yml", encoding="utf-8") as f:
        return flatten(yaml.safe_load(f))


def flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, Message]:
    """{'units': {'km': {'amount': {...}}}} -> {'units.km.amount': {...}}; a mapping whose keys
    are all plural categories is one plural message, not a branch."""
    flat: dict[str, Message] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and not set(value) <= PLURAL_CATEGORIES:
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def placeholders(message: Message) -> set[str]:
    """The placeholder names a message uses, across all its plural forms."""
    texts = [message] if isinstance(message, str) else list(message.values())
    return {name for text in texts for name in PLACEHOLDER.findall(text)}


def fill(text: str, params: Mapping[str, object]) -> str:
    """`text` with each `{name}` replaced by str(params[name])."""
    return PLACEHOLDER.sub(lambda m: str(params[m.group(1)]), text)


@dataclass(frozen=True, eq=False)
class Language:
    """A language's messages (the generator's, with the sheet's overrides) and its locale."""

    tag: str
    """The BCP 47 tag the sheet gives, e.g. 'en', 'de', 'uk', 'fr'."""
    messages: Mapping[str, Message] = field(repr=False)

    @classmethod
    def of(cls, tag: str, overrides: Mapping[str, Message] | None = None) -> Language:
        """The language `tag` (which must have a catalog, its own or its primary subtag's:
        'de-AT' reads 'de'), with the sheet's overrides over the generator's messages; the
        overrides are checked by validation, not here."""
        messages = dict(catalog(cls.catalog_for(tag) or tag))
        messages.update(overrides or {})
        return cls(tag, messages)

    @staticmethod
    def catalog_for(tag: str) -> str | None:
        """The catalog a sheet in `tag` reads: its own, else its primary subtag's, else none."""
        known = languages()
        primary = tag.split("-")[0].lower()
        return tag if tag in known else primary if primary in known else None

    @property
    def catalog(self) -> str:
        """The name of the catalog its messages come from ('de' for 'de-AT')."""
        return self.catalog_for(self.tag) or self.tag

    def plural_forms(self) -> set[str]:
        """The CLDR plural categories of this language's numbers ('one', 'other', …)."""
        return set(self.locale.plural_form.tags) | {"other"}

    @functools.cached_property
    def locale(self) -> Locale:
        from babel import Locale  # imported when a number or date is first written

        return Locale.parse(self.tag.replace("-", "_"))

    def text(self, key: str, /, **params: object) -> str:
        """The message `key`, with its placeholders filled in, as plain text."""
        message = self.messages[key]
        assert isinstance(message, str), f"{key} has plural forms: use amount()"
        return fill(message, params)

    def html(self, key: str, /, **params: object) -> Markup:
        """The message `key` for a page: its text escaped, and each parameter escaped unless
        it is already markup (a link the template made), so no message can add markup."""
        return self.markup(key, escape, params)

    def markup(
        self, key: str, escape_text: Callable[[object], Markup], params: Mapping[str, object]
    ) -> Markup:
        """`html`, with the escaping given: pages in Markdown escape Markdown's own characters
        too (render.escape_text). A parameter that is already markup is kept as it is."""
        message = self.messages[key]
        assert isinstance(message, str), f"{key} has plural forms: use amount()"
        parts = PLACEHOLDER.split(message)
        out = [
            escape_text(p) if i % 2 == 0 else _param(params[p], escape_text)
            for i, p in enumerate(parts)
        ]
        return Markup("").join(out)

    def amount(self, key: str, count: float | Decimal, n: str, /, **params: object) -> str:
        """The plural message `key` for `count` (a number as written, e.g. Decimal('1.2'),
        so that '1.2' takes the form a fraction takes), with `{n}` filled by `n`."""
        message = self.messages[key]
        if isinstance(message, str):
            return fill(message, {"n": n, **params})
        form = self.plural_form(count)
        return fill(message.get(form) or message["other"], {"n": n, **params})

    def plural_form(self, count: float | Decimal) -> str:
        """The CLDR plural category of `count` in this language ('one', 'few', …)."""
        if not isinstance(count, Decimal):  # 1.0 is one, not a fraction written '1.0'
            count = Decimal(int(count)) if float(count).is_integer() else Decimal(repr(count))
        return str(self.locale.plural_form(count))


def _param(value: object, escape_text: Callable[[object], Markup]) -> Markup:
    return value if isinstance(value, Markup) else escape_text(value)
