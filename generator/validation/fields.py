"""Each file on its own against the models: pydantic's errors as one-line Problems a person can
act on."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .. import deprecated, local_input
from ..errors import SHOWN_CHARACTERS, Problem, shown
from ..language import catalog, languages
from ..messages import words as fluent_words
from ..models import AT_FIELD, DUPLICATE_IN_LIST, ContentFile
from ..yaml_loader import FieldPath, Loaded, dotted

_BOUNDS = {
    "greater_than": {"gt": "above"},
    "greater_than_equal": {"ge": "of at least"},
    "less_than": {"lt": "below"},
    "less_than_equal": {"le": "of at most"},
}
"""pydantic's error types for a number out of bounds: the bound's name in its context, and how
a person says it."""
_NUMBERISH = re.compile(r"^\s*[-+]?[\d,._ ]*\d(\.\d+)?\s*%?\s*$")
_BRANCH = re.compile(r"^(constrained-)?str$|^dict\[")
"""How pydantic names the branches of a text-or-plural-forms field (`sheet.messages.*`, a
unit's `amount`) in an error's location: internal names, never shown."""
TEXT_OR_FORMS = "expected a text, or one text per plural form ({one: …, other: …})"


def validated(loaded: Loaded, display: str) -> tuple[ContentFile | None, list[Problem]]:
    """A parsed file as the models read it (with the warnings of its deprecated names), or
    None and every problem with its fields."""
    data, warnings = deprecated.renamed_fields(loaded, display)
    if loaded.validated is not None:
        return loaded.validated, warnings
    try:
        loaded.validated = ContentFile.model_validate(data)
    except ValidationError as exc:
        return None, warnings + problems_from(exc, loaded, display, ContentFile)
    return loaded.validated, warnings


def problems_from(
    exc: ValidationError, loaded: Loaded, display: str, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    errors = exc.errors(include_url=False)
    misspelt = _misspelt(errors, model)
    for error in errors:
        loc: FieldPath = tuple(error["loc"])
        # pydantic reports a failed model_validator(mode="before") one level deeper; drop the
        # noise parts (e.g. '[...]' discriminators) that are not keys of the document.
        loc = tuple(p for p in loc if isinstance(p, int) or not str(p).startswith("function-"))
        branch = _branch(loc, loaded)
        if branch == "skip":
            continue  # the other branch says what is wrong with the value
        loc = tuple(p for p in loc if not (isinstance(p, str) and _BRANCH.search(p)))
        if branch:
            line, col = loaded.position(loc)
            problems.append(Problem(display, line, col, dotted(loc), branch))
            continue
        if error["type"] == "missing" and loc in misspelt:
            continue  # said once, as "unknown field 'sorce'; did you mean 'source'?"
        if error["type"] == "value_error":
            loc = _named_field(loc, str(error["msg"]).removeprefix("Value error, "), model)
        if error["type"] == DUPLICATE_IN_LIST:
            loc = loc + (error["ctx"]["field"], error["ctx"]["index"])
        if error["type"] == AT_FIELD:
            loc = loc + tuple(error["ctx"]["path"])
        is_key = loc[-1:] == ("[key]",)  # a mapping's key failed, e.g. `sides: {World: …}`
        loc = loc[:-1] if is_key else loc
        if error["type"] in ("extra_forbidden", AT_FIELD) or is_key:
            line, col = loaded.key_position(loc)
        else:
            line, col = loaded.position(loc)
        problems.append(Problem(display, line, col, dotted(loc), _message(error, loc, model)))
    return problems


def _misspelt(errors: list[Any], model: type[BaseModel]) -> set[FieldPath]:
    """Required fields reported missing only because they were misspelt (`sorce:`) or go by
    an earlier name (`article:`)."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    found: set[FieldPath] = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            close = _renamed_at(model, loc[:-1]).get(str(loc[-1])) or _closest(
                str(loc[-1]), _fields_at(model, loc[:-1])
            )
            if close and loc[:-1] + (close,) in missing:
                found.add(loc[:-1] + (close,))
    return found


def _named_field(loc: FieldPath, message: str, model: type[BaseModel]) -> FieldPath:
    """A record-wide rule ('low (9) is greater than high (3)') points at the field it names
    first, so the line shown is the one to edit."""
    first = re.split(r"[^\w-]", message, maxsplit=1)[0]
    if first in _fields_at(model, loc):
        return loc + (first,)
    return loc


def _closest(name: str, allowed: list[str]) -> str | None:
    """The allowed name `name` most likely meant; case aside, since 'ID' is 'id' typed loudly."""
    by_lower = {a.lower(): a for a in allowed}
    close = difflib.get_close_matches(name.lower(), by_lower, n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None


def _branch(loc: FieldPath, loaded: Loaded) -> str:
    """For an error in one branch of a text-or-plural-forms field: 'skip' when the value is of
    the other branch's kind (a mapping, for the text branch), the one problem to report when it
    is of neither kind, and '' to report the error as usual (the mapping branch's, or an
    error in no such branch)."""
    at = next((i for i, p in enumerate(loc) if isinstance(p, str) and _BRANCH.search(p)), None)
    if at is None:
        return ""
    value: Any = loaded.data
    for part in loc[:at]:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return ""
    text_branch = not str(loc[at]).startswith("dict[")
    if isinstance(value, dict):
        return "skip" if text_branch else ""
    if not text_branch:
        return "skip"
    return f"{TEXT_OR_FORMS}, got {_describe(value)}"


def _message(error: ErrorDetails, loc: FieldPath, model: type[BaseModel]) -> str:
    kind = error["type"]
    given = error.get("input")
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        renamed = _renamed_at(model, loc[:-1]).get(str(loc[-1]))
        if renamed:
            return f"{shown(loc[-1])} is now called {renamed!r}; rename the field"
        allowed = _fields_at(model, loc[:-1])
        message = f"unknown field {shown(loc[-1])}"
        close = _closest(str(loc[-1]), allowed)
        if close:
            message += f"; did you mean {close!r}?"
        elif allowed:
            message += f"; expected one of: {', '.join(sorted(allowed))}"
        return message
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        if isinstance(given, str) and local_input.decimal_comma(given):
            point = str(local_input.decimal_comma(given))
            return (
                f"expected a number, got the text {shown(given)}; YAML writes a decimal comma "
                f"as a point: {point}, or, when the source says millions or billions, the "
                f"whole number ({given} million: {_times(point, 6)}; {given} billion: "
                f"{_times(point, 9)})"
            )
        if isinstance(given, str) and _NUMBERISH.match(given):
            return (
                f"expected a number, got the text {shown(given)}; "
                f"write it without quotes or separators: {_number_meant(given)}"
            )
        scaled = local_input.scaled_number(given) if isinstance(given, str) else None
        if scaled is not None:
            number, currency = scaled
            unit = f", with `unit: {currency}`" if currency else ""
            return (
                f"expected a number, got the text {shown(given)}; write the whole number, "
                f"without words: {number}{unit}"
            )
        what = "a whole number" if kind.startswith("int") else "a number"
        return f"expected {what}, got {_describe(given)}"
    if kind in _BOUNDS:
        words, limit = next((w, error.get("ctx", {})[k]) for k, w in _BOUNDS[kind].items())
        if loc[-1:] == ("price_base",):
            return f"expected the year of the prices, e.g. 2015, got {_describe(given)}"
        return f"expected a number {words} {limit}, got {_describe(given)}"
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        iso = local_input.iso_date_meant(given) if isinstance(given, str) else None
        hint = f"; write {iso}" if iso else ""
        return f"expected a date as YYYY-MM-DD, got {_describe(given)}{hint}"
    if kind == "finite_number":
        return f"expected a finite number, got {_describe(given)}"
    if kind == "string_type":
        hint = "; put it in quotes" if isinstance(given, (int, float)) else ""
        return f"expected text, got {_describe(given)}{hint}"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"expected true or false, got {_describe(given)}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        message = f"expected one of {expected}, got {_describe(given)}"
        if loc[-1:] == ("qualifier",) and isinstance(given, str):
            meant = _qualifier_meant(given)
            if meant:
                key, tag, words = meant
                return (
                    f"{message}; did you mean {key!r} ({tag}: {words!r})? A qualifier is "
                    "written as its English key; pages show it in the sheet's language"
                )
        close = _closest(str(given), re.findall(r"'([^']*)'", expected))
        return f"{message}; did you mean {close!r}?" if close else message
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        code = local_input.currency_meant(given) if loc[-1:] == ("unit",) else None
        if code and isinstance(given, str):
            return (
                f"{shown(given)} is a currency: a unit of money is written as its ISO 4217 "
                f"code, `unit: {code}`"
            )
        if "https?" in pattern:
            return f"expected an http(s) URL, got {_describe(given)}"
        if loc[-1:] == ("language",):
            return f"expected a language tag such as en, de-AT or uk, got {_describe(given)}"
        if "a-z0-9" in pattern:
            return (
                f"expected an id of lower-case letters, digits and hyphens, got {_describe(given)}"
            )
        return f"expected text matching {pattern}, got {_describe(given)}"
    if kind in ("list_type",):
        return f"expected a list (lines starting with '- '), got {_describe(given)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping (field: value), got {_describe(given)}"
    if kind == "string_too_short":
        return "expected text, got an empty value"
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return f"expected at most {limit} characters, got {len(str(given))}: {_describe(given)}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in (DUPLICATE_IN_LIST, AT_FIELD):
        return str(error["msg"])
    return f"{error['msg']}, got {_describe(given)}"


def _times(number: str, power: int) -> str:
    """'13.2', 9 -> '13200000000': a decimal number scaled by a power of ten, as YAML writes it."""
    from decimal import Decimal

    scaled = Decimal(number).scaleb(power)
    return str(scaled.quantize(Decimal(1))) if scaled == scaled.to_integral_value() else str(scaled)


def _number_meant(text: str) -> str:
    """The number a quoted text stands for, read the way its writer's locale writes numbers:
    '1,200,000' -> 1200000, '2,5' -> 2.5 (a decimal comma), '1.234,5' -> 1234.5; where one
    separator before three digits could be either ('127.350'), both readings."""
    plain = re.sub(r"[_%\s\u00a0\u202f']", "", text)
    marks = [c for c in plain if c in ".,"]
    if not marks:
        found = plain
    elif len(set(marks)) == 2:  # the last one is the decimal mark: '1.234,5', '1,234.5'
        decimal = marks[-1]
        whole, _, fraction = plain.rpartition(decimal)
        found = re.sub(r"[.,]", "", whole) + "." + fraction
    elif len(marks) > 1:  # one mark, repeated: a thousands separator, '1.200.000'
        found = plain.replace(marks[0], "")
    elif re.fullmatch(r"[-+]?\d{1,3}[.,]\d{3}", plain):
        grouped, decimal = plain.replace(marks[0], ""), plain.replace(",", ".")
        return (
            f"{grouped} if the {marks[0]!r} separates thousands, {decimal} if it is a decimal point"
        )
    else:
        found = plain.replace(",", ".")
    return found[:SHOWN_CHARACTERS]


def _qualifier_meant(word: str) -> tuple[str, str, str] | None:
    """The qualifier whose words in a catalog are `word` ('rund' -> 'roughly', as German
    writes 'rund { $n }'), as (key, language, words): an editor writes in the sheet's
    language."""
    wanted = word.strip().casefold()
    for tag in languages():
        for key, message in catalog(tag).items():
            if key.startswith("qualifiers."):
                words = " ".join(fluent_words(message).split())
                if words.casefold() == wanted:
                    return key.removeprefix("qualifiers."), tag, words
    return None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, float):
        return f"the number {value:.15g}"
    if isinstance(value, int):  # a huge one is cut short like any value
        digits = f"{value}" if abs(value).bit_length() < 10_000 else "a very large number"
        return f"the number {digits[:SHOWN_CHARACTERS]}" + ("…" if len(digits) > 40 else "")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return shown(value)


def _renamed_at(model: type[BaseModel], loc: FieldPath) -> dict[str, str]:
    """{earlier name: field} of the model at `loc`, from its `renamed` (see EditorNote)."""
    found = _model_at(model, loc)
    renamed = getattr(found, "renamed", None) if found else None
    return renamed if isinstance(renamed, dict) else {}


def _fields_at(model: type[BaseModel], loc: FieldPath) -> list[str]:
    """The field names allowed at `loc`, by walking the model's annotations."""
    found = _model_at(model, loc)
    return list(found.model_fields) if found else []


def _model_at(model: type[BaseModel], loc: FieldPath) -> type[BaseModel] | None:
    """The model class at `loc`, by walking the model's annotations."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part))
            current = info.annotation if info else None
        else:
            return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _unwrap(annotation: Any) -> Any:
    """`Source | None` -> Source; `Annotated[str, ...]` -> str."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation
