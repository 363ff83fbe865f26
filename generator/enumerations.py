"""Every closed list of values the content format has (chart kinds, derived-figure operations,
qualifier keys, source kinds, the built-in units…), read from the models, so the README's table
of them is generated and a test fails when a model gains a value the README lacks.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from .language import languages
from .models import ContentFile
from .units import UNITS

START = (
    "<!-- enumerations: generated from generator/models.py by `python -m tests.readme --update` -->"
)
END = "<!-- end of enumerations -->"


@dataclass(frozen=True)
class Enumeration:
    """One field whose values are a closed list."""

    where: str
    """The field, as a path an editor reads: `charts[].kind`."""
    values: tuple[str, ...]
    about: str = ""
    """The field's description in the model, which says what each value means."""


def enumerations(model: type[BaseModel] = ContentFile) -> list[Enumeration]:
    """Every field of the content format whose values are a closed list, in the models'
    order, then the built-in units (a unit is also a currency code, a rate or a sheet's own,
    so the schema gives units as a pattern, not a list)."""
    found = list(_walk(model, ""))
    found.insert(
        0,
        Enumeration(
            "sheet.language (with its own messages)",
            tuple(languages()),
            "A regional tag (de-AT) reads its primary language's messages.",
        ),
    )
    found.append(
        Enumeration(
            "figures[].unit, derived[].unit (built-in)",
            tuple(UNITS),
            "Besides these: a currency's ISO 4217 code (EUR), a rate per N (per-100000-people) "
            "or one of `sheet.units`.",
        )
    )
    return found


def _walk(model: type[BaseModel], prefix: str) -> typing.Iterator[Enumeration]:
    for name, info in model.model_fields.items():
        where = f"{prefix}{name}"
        yield from _field(info.annotation, where, info.description or "")


def _field(annotation: Any, where: str, about: str) -> typing.Iterator[Enumeration]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _field(typing.get_args(annotation)[0], where, about)
    elif origin is Literal:
        yield Enumeration(where, tuple(str(v) for v in typing.get_args(annotation)), about)
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                yield from _field(arg, where, about)
    elif origin is list:
        yield from _field(typing.get_args(annotation)[0], f"{where}[]", about)
    elif origin is dict:
        key, value = typing.get_args(annotation)
        yield from _field(key, f"{where} (plural categories)", about)
        yield from _field(value, f"{where}.*", about)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from _walk(annotation, f"{where}.")


def markdown() -> str:
    """The README's table of enumerations, between its markers."""
    rows = [
        f"| `{e.where}` | {', '.join(f'`{v}`' for v in e.values)} | {_cell(e.about)} |"
        for e in enumerations()
    ]
    header = ["| field | values | what they mean |", "| --- | --- | --- |"]
    return "\n".join([START, "", *header, *rows, "", END])


def _cell(text: str) -> str:
    """A description as one table cell: no line break, no bare '|'."""
    return " ".join(text.split()).replace("|", "\\|")
