"""The sheet's language: every word the generator writes, from a message catalog, and the
locale's CLDR data (through Babel) for plural forms, numbers and dates.

Catalogs ship in `generator/catalogs/<language>.yml`, one per language, each with every key of
`en.yml` (a test checks). A message is a whole sentence in Project Fluent syntax (see
`messages.py`): `{ $name }` is filled in by the generator, and selectors choose words by a
number's plural category or a date's precision, so no code joins fragments of a sentence.
A sheet may override any message from its content; what it overrides is content, so a message
is always plain text, escaped wherever it lands in a page.

>>> en = Language.of("en")
>>> en.text("changes.corrected", date="2 March 2026")
'Corrected 2 March 2026'
>>> en.amount("units.km.amount", 1, "1")
'1 kilometre'
"""

from __future__ import annotations

import functools
import secrets
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.resolver import CurrentEnvironment, Pattern, ResolverEnvironment
from fluent.runtime.types import FluentNone, FluentType
from markupsafe import Markup

from . import messages as fluent

if TYPE_CHECKING:
    from babel import Locale

CATALOGS = Path(__file__).parent / "catalogs"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT = "en"
PLURAL_CATEGORIES = frozenset(fluent.PLURAL_CATEGORIES)

Message = str | Mapping[str, str]
"""A text in Fluent syntax; or, in a sheet written for the format before Fluent, a text with
`{name}` placeholders or texts by CLDR plural category (`messages.legacy` converts them)."""
_RELAY = {"in_text": "no", "count": "one"}
CHOSEN_SINCE: Mapping[str, Mapping[str, str]] = {
    "blocks.via": _RELAY,
    "charts.reported_by": _RELAY,
    "charts.also_reported_by": _RELAY,
    "numbers.range": {"of": "number", "after": "none"},
    "charts.line": {"ranges": "some"},
    "charts.column": {"ranges": "some"},
    "charts.range_bar": {"singles": "some"},
}
"""Variables a message chooses its words by that a sheet's template written before them does
not give ('t("blocks.via", outlets=…)'), with what such a call meant: it still writes."""


def languages() -> list[str]:
    """The languages a sheet may be written in: those with a catalog."""
    return sorted(p.stem for p in CATALOGS.glob("*.yml"))


@functools.lru_cache(maxsize=16)
def catalog(language: str) -> dict[str, str]:
    """The generator's own messages for `language`, flattened to dotted keys."""
    # LibYAML's loader where PyYAML has it: the pure-Python one took 0.2 s a catalog, and a
    # sheet that overrides a message has every catalog read to check it.
    with open(CATALOGS / f"{language}.yml", encoding="utf-8") as f:
        tree = yaml.load(f, Loader=_LOADER)
    return {key: str(text) for key, text in flatten(tree).items()}


def flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, Message]:
    """{'units': {'km': {'name': ...}}} -> {'units.km.name': ...}; a mapping whose keys are all
    plural categories is one plural message in the old format, not a branch."""
    flat: dict[str, Message] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and not set(value) <= PLURAL_CATEGORIES:
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def placeholders(message: Message) -> set[str]:
    """The variables a message prints, in some variant (a date's parts counted as the date)."""
    return set(fluent.shape(fluent.legacy(message)).essential)


class Count(FluentType, float):
    """A number for a message: printed as the writer wrote it ('1.2 million'), chosen on by its
    value's CLDR plural category (`[one]`, `[few]`, …), or by the `form` given: after
    'близько' (uk) the noun takes the genitive, whose forms are those of other categories
    ('близько 3 кілометрів', as '5 кілометрів')."""

    written: str
    form: str | None

    def __new__(cls, value: float | Decimal, written: str, form: str | None = None) -> Count:
        self = float.__new__(cls, value)
        self.written = written
        self.form = form
        return self

    def format(self, locale: Locale) -> str:
        return self.written


@dataclass(frozen=True, eq=False)
class Language:
    """A language's messages (the generator's, with the sheet's overrides) and its locale."""

    tag: str
    """The BCP 47 tag the sheet gives, e.g. 'en', 'de', 'uk', 'fr'."""
    messages: Mapping[str, str] = field(repr=False)
    overridden: frozenset[str] = frozenset()
    """The keys the sheet rewords: a template may keep using a replaced message a sheet
    still rewords, for the version it is deprecated in."""

    @classmethod
    def of(cls, tag: str, overrides: Mapping[str, Message] | None = None) -> Language:
        """The language `tag` (which must have a catalog, its own or its primary subtag's:
        'de-AT' reads 'de'), with the sheet's overrides over the generator's messages, those
        in the old format converted; the overrides are checked by validation, not here."""
        messages = dict(catalog(cls.catalog_for(tag) or tag))
        for key, message in (overrides or {}).items():
            messages[key] = message if isinstance(message, str) else fluent.legacy(message)
            if fluent.is_legacy(messages[key]):
                messages[key] = fluent.legacy(messages[key])
        return cls(tag, messages, frozenset(overrides or ()))

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

    @functools.cached_property
    def aspirated(self) -> frozenset[str]:
        """The words whose 'h' is aspirated, which nothing elides before (French 'de hausse',
        'de hryvnias'): the catalog's `typography.aspirated`, words spaced, in lower case."""
        return frozenset(self.text("typography.aspirated").lower().split())

    @functools.cached_property
    def governing(self) -> frozenset[str]:
        """The prepositions that, ending a source's words, take its figure as their object
        (French 'à' in 'estimait à'): the catalog's `typography.governing`, spaced."""
        return frozenset(self.text("typography.governing").split())

    @functools.cached_property
    def _bundle(self) -> _Bundle:
        return _Bundle(self.tag, self.messages)

    @functools.cached_property
    def _formatted(self) -> _Recent:
        """`text`'s and `markup`'s latest answers, by message, escaping (None for plain text)
        and parameters (`_key`): a message is a pure function of these, and a page asks for
        the same sentence many times over (at 100x, 139,000 of 201,000 calls; a memory of
        1,000 answers already gets 134,600 of them)."""
        return _Recent(RECENT)

    def text(self, key: str, /, **params: object) -> str:
        """The message `key`, with its variables filled in, as plain text (from memory when
        this process formatted it with the same parameters already)."""
        key_ = _key(key, None, params)
        done = self._formatted.get(key_)
        if done is None:
            done = self._bundle.format(key, params)
            self._formatted.put(key_, done)
        return done

    def html(self, key: str, /, **params: object) -> Markup:
        """The message `key` for a page: its text escaped, and each parameter escaped unless
        it is already markup (a link the template made), so no message can add markup."""
        from markupsafe import escape

        return self.markup(key, escape, params)

    def markup(
        self, key: str, escape_text: Callable[[object], Markup], params: Mapping[str, object]
    ) -> Markup:
        """`html`, with the escaping given: pages in Markdown escape Markdown's own characters
        too (render.escape_text). A parameter that is already markup is kept as it is: it
        stands in the message as a token no text contains, put back after escaping.

        The token is the process's (`_TOKEN`, random, never printed: every one is put back),
        so equal calls format alike and are answered from memory. A text that holds a
        token's opening character (a parameter's, or the message's own) is formatted with a
        token of its own call instead, as before the cache, so no text can pose as markup
        even if it spelled the process's token."""
        key_ = _key(key, escape_text, params)
        done = self._formatted.get(key_)
        if isinstance(done, Markup):
            return done
        spelled = self._bundle.spells_token(key) or any(
            _OPEN in str(v) for v in params.values() if not isinstance(v, Markup)
        )
        out = self._markup(key, escape_text, params, _fresh_token() if spelled else _TOKEN)
        if not spelled:
            self._formatted.put(key_, out)
        return out

    def _markup(
        self,
        key: str,
        escape_text: Callable[[object], Markup],
        params: Mapping[str, object],
        nonce: str,
    ) -> Markup:
        marks: dict[str, Markup] = {}
        args: dict[str, object] = {}
        for name, value in params.items():
            if isinstance(value, Markup):
                token = f"{_OPEN}{nonce}{len(marks)}\ue001"
                marks[token] = value
                args[name] = token
            else:
                args[name] = value
        out = str(escape_text(self._bundle.format(key, args)))
        for token, mark in marks.items():
            out = out.replace(token, mark)
        return Markup(out)

    def amount(self, key: str, count: float | Decimal, n: str, /, **params: object) -> str:
        """The message `key` for the number `count` (as written, e.g. Decimal('1.2')), printed
        as `n`: its `$n` chooses by the number's plural category and prints `n`."""
        return self.text(key, n=Count(count, n), **params)

    def plural_form(self, count: float | Decimal) -> str:
        """The CLDR plural category of `count` in this language ('one', 'few', …)."""
        if not isinstance(count, Decimal):  # 1.0 is one, not a fraction written '1.0'
            count = Decimal(int(count)) if float(count).is_integer() else Decimal(repr(count))
        return str(self.locale.plural_form(count))


RECENT = 4096
"""How many formatted messages a language keeps in memory (a few MB at most)."""


class _Recent:
    """The `size` answers used last, by key."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.answers: OrderedDict[tuple[object, ...], str] = OrderedDict()

    def get(self, key: tuple[object, ...]) -> str | None:
        answer = self.answers.get(key)
        if answer is not None:
            self.answers.move_to_end(key)
        return answer

    def put(self, key: tuple[object, ...], answer: str) -> None:
        self.answers[key] = answer
        if len(self.answers) > self.size:
            self.answers.popitem(last=False)


_OPEN = "\ue000"
"""The first character of a markup parameter's token (a private-use code point)."""


def _fresh_token() -> str:
    """A token for one call, as every call had before the cache."""
    nonce = secrets.token_hex(4)
    return nonce


_TOKEN = secrets.token_hex(16)
"""The process's token for markup parameters: random, so no content written before the
process started spells it, and never printed (every token is put back by its markup)."""


def _key(key: str, escape_text: object, params: Mapping[str, object]) -> tuple[object, ...]:
    """What `markup`'s answer depends on: each parameter with its kind (markup is kept,
    text escaped, a number chooses by its value and prints as written)."""
    return (key, escape_text, *((name, *_kind(v)) for name, v in sorted(params.items())))


def _kind(value: object) -> tuple[object, ...]:
    if isinstance(value, Markup):
        return ("markup", str(value))
    if isinstance(value, Count):
        return ("count", float(value), value.written, value.form)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return ("number", float(value), str(value))
    return ("text", str(value))


class _FluentBundle(FluentBundle):
    """fluent.runtime's bundle, keeping a `Count` as it is: the stock one turns every float
    argument into its own number type, which writes 1200000 as '1,200,000' where the writer
    wrote '1.2 million' (tests/test_language.py breaks on a release that changes this); and
    choosing by a `Count`'s own plural form when it has one."""

    def __init__(self, locales: list[str], **options: Any) -> None:
        super().__init__(locales, **options)
        cldr = self._plural_form

        def plural_form(value: Any) -> Any:
            return value.form if isinstance(value, Count) and value.form else cldr(value)

        self._plural_form = plural_form

    def format_pattern(
        self, pattern: Pattern, args: dict[str, Any] | None = None
    ) -> tuple[str | FluentNone, list[Exception]]:
        errors: list[Exception] = []
        env = ResolverEnvironment(
            context=self, current=CurrentEnvironment(args=dict(args or {})), errors=errors
        )
        try:
            result = pattern(env)
        except ValueError as e:  # as the stock bundle does: too long a text, a loop
            errors.append(e)
            result = "{???}"
        return result, errors


class _Bundle:
    """A language's messages, parsed once by fluent.runtime.

    Keys are dotted ('blocks.source') and may hold spaces ('qualifiers.more than'), which
    Fluent ids may not: each message gets an id of its own. Fluent trims a message's leading
    and trailing blanks, which ' to { $title }' needs, so they are kept aside."""

    def __init__(self, tag: str, messages: Mapping[str, str]) -> None:
        self.bundle = _FluentBundle([tag.replace("-", "_")], use_isolating=False)
        self.ids: dict[str, tuple[str, str, str]] = {}
        source = []
        for i, (key, text) in enumerate(messages.items()):
            lead, core, trail = fluent.split(text)
            ident = f"m{i}"
            self.ids[key] = (ident, lead, trail)
            lines = core.split("\n") if core else ['{""}']
            source.append(f"{ident} =\n" + "".join(f"    {line}\n" for line in lines))
        self.bundle.add_resource(FluentResource("".join(source)))
        self.spelling = frozenset(k for k, text in messages.items() if _OPEN in text)

    def spells_token(self, key: str) -> bool:
        """True when message `key` holds a token's opening character itself."""
        return key in self.spelling

    def format(self, key: str, params: Mapping[str, object]) -> str:
        """The message `key` with `params`: a number chooses by its plural form and prints
        as `Count` or as written (Fluent would write a year 2006 its own way, '2,006');
        anything else is its text."""
        ident, lead, trail = self.ids[key]
        pattern = self.bundle.get_message(ident).value
        assert pattern is not None  # every message has a value: an empty one is {""}
        given = {**CHOSEN_SINCE.get(key, {}), **params}  # a template written before a variable
        args = {k: _argument(v) for k, v in given.items()}
        text, errors = self.bundle.format_pattern(pattern, args)
        if errors:
            raise ValueError(f"message {key!r}: {errors[0]}")
        return f"{lead}{text}{trail}"


def _argument(value: object) -> object:
    """A parameter as a message gets it: a number as a `Count`, anything else as text."""
    if isinstance(value, Count):
        return value
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Count(value, str(value))
    return str(value)
