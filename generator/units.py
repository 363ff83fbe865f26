"""Units a figure may be given in: what each is, how it converts, and where its words are.

A unit key is one of four kinds:
- a built-in unit (`people`, `km`, `days`, …), its words in the catalogs under `units.<key>`;
- a currency, by its ISO 4217 code in capitals (`USD`, `EUR`), written by Babel;
- a rate per N, `per-<N>` or `per-<N>-people` with N a power of ten (`per-100000-people`);
- one of the sheet's own units (`sheet.units`), with its words in the sheet.

Words are never here: the writer (`numbers.py`) takes them from the sheet's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    key: str
    singular: str
    plural: str
    """English words, for editor-facing messages (validation); readers get the catalog's."""
    symbol: str = ""
    suffix: bool = False
    """True when the symbol sticks to the number ('12%') instead of a spelled-out word."""
    metric: tuple[str, float] | None = None
    """(metric unit key, factor) for imperial units: the site shows both."""
    counts: bool = False
    """True for a unit of whole things (people, a count): a value must be a whole number."""
    currency: str | None = None
    """The ISO 4217 code, for a currency."""
    per: int | None = None
    """N, for a rate per N."""
    message: str = ""
    """The catalog key under which its words are (`units.km`); defaults to `units.<key>`."""

    @property
    def words_key(self) -> str:
        return self.message or f"units.{self.key}"


UNITS: dict[str, Unit] = {
    u.key: u
    for u in [
        Unit("people", "", "", counts=True),
        Unit("count", "", "", counts=True),
        Unit("percent", "%", "%", "%", suffix=True),
        Unit("percentage-points", "percentage point", "percentage points"),
        Unit("times", "time", "times", "×"),
        Unit("km2", "square kilometre", "square kilometres", "km²"),
        Unit("m", "metre", "metres", "m"),
        Unit("km", "kilometre", "kilometres", "km"),
        Unit("yd", "yard", "yards", "yd", metric=("m", 0.9144)),
        Unit("mi", "mile", "miles", "mi", metric=("km", 1.609344)),
        Unit("m-per-day", "metre a day", "metres a day", "m/day"),
        Unit("km-per-day", "kilometre a day", "kilometres a day", "km/day"),
        Unit("yd-per-day", "yard a day", "yards a day", "yd/day", metric=("m-per-day", 0.9144)),
        Unit("mi-per-day", "mile a day", "miles a day", "mi/day", metric=("km-per-day", 1.609344)),
        Unit("hours", "hour", "hours", "h"),
        Unit("days", "day", "days"),
        Unit("weeks", "week", "weeks"),
        Unit("months", "month", "months"),
        Unit("years", "year", "years"),
    ]
}
"""The built-in units, whose words every catalog has."""

RATE = re.compile(r"^per-(10+)(-people)?$")
"""A rate per N: 'per-1000' (12.3 per 1,000) or 'per-100000-people' (… per 100,000 people)."""
RATE_BASE = 100_000
"""The rate a chart shows when it mixes rates per different N."""
CURRENCY = re.compile(r"^[A-Z]{3}$")

_LARGER = {
    "km": ("m", 1000.0),
    "km-per-day": ("m-per-day", 1000.0),
    "weeks": ("days", 7.0),
    "years": ("months", 12.0),
}
"""Units that a chart shows in a smaller unit when units are mixed, and the factor: only
exact ones (a month is no fixed number of days)."""


def is_currency(code: str) -> bool:
    """True for an ISO 4217 code Babel (CLDR) knows, in capitals: 'USD', 'EUR', 'UAH'."""
    from babel.numbers import is_currency as known

    return bool(CURRENCY.match(code)) and known(code)


def unit(key: str, sheet: Mapping[str, Unit] | None = None) -> Unit:
    """The unit `key` names: built-in, a rate, a currency or one of the sheet's own units.

    KeyError when it is none of them (validation reports it first, with `unknown_unit`)."""
    if key in UNITS:
        return UNITS[key]
    rate = RATE.match(key)
    if rate:
        n = int(rate.group(1))
        people = " people" if rate.group(2) else ""
        name = f"per {n:,}{people}"
        message = "units.per-people" if people else "units.per"
        return Unit(key, name, name, per=n, message=message)
    if is_currency(key):
        from babel.numbers import get_currency_name

        return Unit(key, key, get_currency_name(key, 2, "en"), key, currency=key)
    if sheet and key in sheet:
        return sheet[key]
    raise KeyError(key)


def known(key: str, sheet: Mapping[str, Unit] | None = None) -> bool:
    try:
        unit(key, sheet)
    except KeyError:
        return False
    return True


def unknown_unit(key: str, sheet: Mapping[str, Unit] | None = None) -> str:
    """Why `key` is no unit, and what is: the built-in units, the kinds of key, the sheet's."""
    from .local_input import currency_meant

    code = currency_meant(key)
    if code and key != code.lower():
        return f"unknown unit {key!r}: a currency is written as its ISO 4217 code, `unit: {code}`"
    if is_currency(key.upper()):
        return f"unknown unit {key!r}; for the currency, write its ISO 4217 code {key.upper()!r}"
    if CURRENCY.match(key):
        return (
            f"unknown currency {key!r}: not an ISO 4217 code (e.g. USD, EUR, GBP, UAH); "
            "write the code as the standard gives it"
        )
    own = f"; the sheet's own: {', '.join(sheet)} (sheet.units)" if sheet else ""
    return (
        f"unknown unit {key!r}; expected one of {', '.join(UNITS)}, a currency code (USD, EUR, "
        f"…), a rate (per-1000, per-100000-people, …){own}, or define it under sheet.units"
    )


def base_unit(key: str) -> tuple[str, float]:
    """The unit a value in `key` is converted to when a chart mixes units, and the factor.

    Currencies and the sheet's own units convert to nothing (no exchange rate is a fact of the
    sheet), so each is its own base."""
    rate = RATE.match(key)
    if rate:
        people = rate.group(2) or ""
        return f"per-{RATE_BASE}{people}", RATE_BASE / int(rate.group(1))
    factor = 1.0
    while key in UNITS:
        found = UNITS[key]
        if found.metric:
            key, step = found.metric
        elif key in _LARGER:
            key, step = _LARGER[key]
        else:
            break
        factor *= step
    return key, factor


MEASURES: dict[str, str] = {
    "percent": "percent",
    "percentage-points": "points",
    "times": "times",
    "people": "people",
    "count": "count",
    "km2": "area",
    "m": "length",
    "km": "length",
    "yd": "length",
    "mi": "length",
    "m-per-day": "speed",
    "km-per-day": "speed",
    "yd-per-day": "speed",
    "mi-per-day": "speed",
    "hours": "duration",
    "days": "duration",
    "weeks": "duration",
    "months": "duration",
    "years": "duration",
}
"""What a built-in unit measures, the catalog's `charts.measure` choosing its words by it."""


def measure(unit: Unit) -> str:
    """What a chart in `unit` shows, for the catalog to name it ('percentages', 'speeds in
    metres a day'): a built-in unit's `MEASURES`, `money`, `rate`, `counted` for a sheet's own
    unit of whole things ('numbers of doses'), and `other` for another of its own, whose kind
    a catalog cannot know."""
    if unit.currency:
        return "money"
    if unit.per:
        return "rate"
    if unit.key in MEASURES:
        return MEASURES[unit.key]
    return "counted" if unit.counts else "other"


def unit_words(unit: Unit) -> str:
    """A unit in English words, for editor-facing messages: 'metres a day', 'per cent'."""
    if unit.key == "percent":
        return "per cent"
    return unit.plural or unit.key.replace("-", " ")
