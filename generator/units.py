"""Units a figure may be given in: how each is spelled out, and its metric equivalent."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    key: str
    singular: str
    plural: str
    symbol: str = ""
    suffix: bool = False
    """True when the symbol sticks to the number ('12%') instead of a spelled-out word."""
    metric: tuple[str, float] | None = None
    """(metric unit key, factor) for imperial units: the site shows both."""

    def words(self, amount: float) -> str:
        return self.singular if amount == 1 else self.plural


UNITS: dict[str, Unit] = {
    u.key: u
    for u in [
        Unit("people", "", ""),
        Unit("count", "", ""),
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
        Unit("days", "day", "days"),
        Unit("years", "year", "years"),
    ]
}


_LARGER = {"km": ("m", 1000.0), "km-per-day": ("m-per-day", 1000.0)}
"""Metric units that a chart shows in a smaller metric unit when units are mixed."""


def base_unit(key: str) -> tuple[str, float]:
    """The unit a value in `key` is converted to when a chart mixes units, and the factor."""
    factor = 1.0
    while True:
        unit = UNITS[key]
        if unit.metric:
            key, step = unit.metric
        elif key in _LARGER:
            key, step = _LARGER[key]
        else:
            return key, factor
        factor *= step


def unit_words(unit: Unit) -> str:
    """A unit in words, for an axis title or a message: 'metres a day', 'per cent'."""
    if unit.key == "percent":
        return "per cent"
    return unit.plural or unit.key.replace("-", " ")
