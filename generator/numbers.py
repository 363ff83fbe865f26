"""How numbers, ranges, units, dates and whole figures are written for readers: the one place
that decides. Pages, charts, downloads and the social image all write a figure through
`shown`, `when`, `formula` and `working`, so a reader sees it the same way everywhere.

>>> number(275000)
'275,000'
>>> quantity(275000, 325000, None, "people")
'275,000–325,000'
>>> quantity(140000, 140000, "up to", "people")
'up to 140,000'
>>> quantity(25, 25, "below", "yd-per-day")
'below 25 yards a day (22.9 metres a day)'
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from .units import UNITS

if TYPE_CHECKING:  # models.py computes precision with this module's functions
    from .models import PartialDate, Period, Quantity

DASH = "\u2013"  # en dash, for ranges


def number(x: float, decimals: int | None = None) -> str:
    """1200000 -> '1.2 million'; 47434 -> '47,434'; 0.8 -> '0.8'."""
    if decimals is None and abs(x) >= 1_000_000_000 and round(x) % 10_000_000 == 0:
        return f"{_plain(x / 1_000_000_000, 2)} billion"
    if decimals is None and abs(x) >= 1_000_000 and round(x) % 10_000 == 0:
        return f"{_plain(x / 1_000_000, 2)} million"
    if decimals is None:
        decimals = 0 if float(x).is_integer() else (1 if abs(x) >= 1 else 2)
    return _plain(x, decimals)


def half_up(x: float, decimals: int) -> Decimal:
    """`x` rounded half away from zero, as readers round: 3.25 -> 3.3, 0.125 -> 0.13 at 2.

    Python rounds half to even, on the binary value (0.125 -> 0.12, 2.675 -> 2.67); the
    shortest decimal that reads back as `x` (its repr) is the number the reader wrote."""
    return Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _plain(x: float, decimals: int) -> str:
    text = f"{half_up(x, decimals):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def span(low: float, high: float, decimals: int | None = None) -> str:
    """A value, or a range written '275,000–325,000' ('25–27 million' when both are millions)."""
    if _same(low, high, decimals):
        return number(low, decimals)
    a, b = number(low, decimals), number(high, decimals)
    for scale in (" million", " billion"):
        if a.endswith(scale) and b.endswith(scale):
            return f"{a.removesuffix(scale)}{DASH}{b}"
    return f"{a}{DASH}{b}"


def _same(low: float, high: float, decimals: int | None) -> bool:
    return number(low, decimals) == number(high, decimals)


def quantity(
    low: float,
    high: float,
    qualifier: str | None,
    unit_key: str,
    decimals: int | None = None,
    *,
    metric: bool = True,
) -> str:
    """The whole figure as a reader sees it: qualifier, number or range, unit, metric twin."""
    unit = UNITS[unit_key]
    text = span(low, high, decimals)
    if unit.suffix:
        text = f"{text}{unit.symbol}"
    elif unit.plural:
        text = f"{text} {unit.words(high)}"
    if qualifier and qualifier != "exactly":
        text = f"{qualifier} {text}"
    if metric and unit.metric:
        target, factor = unit.metric
        digits = 0 if high * factor >= 100 else 1
        text += f" ({quantity(low * factor, high * factor, None, target, digits, metric=False)})"
    return text


@functools.lru_cache(maxsize=4096)
def date(value: PartialDate | dt.date) -> str:
    """'12 October 2025', 'December 2025' or '2025', as precise as the source."""
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    first = value.first_day()
    if value.precision == "day":
        return f"{first.day} {first:%B %Y}"
    if value.precision == "month":
        return f"{first:%B %Y}"
    return str(value.year)


def period(value: Period) -> str:
    if value.start == value.end:
        return date(value.start)
    if value.start.precision == "year" and value.end.precision == "year":
        return f"{value.start.year}{DASH}{value.end.year}"
    return f"{date(value.start)} {DASH} {date(value.end)}"


def time_phrase(
    period_: Period | None, as_of: PartialDate | None, *, projection: bool = False
) -> str:
    """The time a figure covers, as a phrase: 'as of May 2026', 'by 2084', 'February 2022 – …'."""
    if period_ is not None:
        return f"{period(period_)} (projected)" if projection else period(period_)
    if as_of is not None:
        return f"{'by' if projection else 'as of'} {date(as_of)}"
    return ""


def when(q: Quantity) -> str:
    """The time a stored or computed figure covers, as a phrase; nothing when its label says
    when, because the stored date would mislead."""
    if q.dated_in_label:
        return ""
    return time_phrase(q.period, q.as_of, projection=q.projection)


def shown(q: Quantity) -> str:
    """How a stored or computed figure reads: 'about 1.2 million', '2–2.4 times'."""
    low, high = q.bounds
    return quantity(low, high, q.qualifier, q.unit, q.decimals)


_SIGNS = {"ratio": "÷", "share": "÷", "difference": "−"}


def formula(q: Quantity) -> str | None:
    """A computed figure's computation in words: 'Population in 2100 ÷ Population in 2024';
    None for a stored figure."""
    return _computation(q, lambda i: i.title, lambda p: f"days in {period(p)}")


def working(q: Quantity) -> str | None:
    """A computed figure's computation in numbers, with its result as shown:
    '1.2 million ÷ 500,000–600,000 = 2–2.4'; None for a stored figure."""
    text = _computation(q, _bare, lambda p: f"{p.days:,} days")
    return None if text is None else f"{text} = {span(*q.bounds, q.decimals)}"


def _computation(
    q: Quantity, operand: Callable[[Quantity], str], days: Callable[[Period], str]
) -> str | None:
    spec = q.derivation
    if spec is None:
        return None
    a = q.inputs[0]
    if spec.op in _SIGNS:
        text = f"{operand(a)} {_SIGNS[spec.op]} {operand(q.inputs[1])}"
        return f"{text} × 100" if spec.op == "share" else text
    assert a.period is not None  # compute refuses a rate of a figure without a period
    text = f"{operand(a)} ÷ {days(a.period)}"
    return f"{text} × {spec.days}" if spec.op == "per-period" else text


def _bare(q: Quantity) -> str:
    """The number or range alone, bracketed when a range: '(500,000–600,000)'."""
    text = span(*q.bounds, q.decimals)
    return f"({text})" if DASH in text else text


def significant_figures(x: float) -> int:
    """Significant figures of a number as written: 1200000 -> 2, 47434 -> 5, 0.8 -> 1."""
    if x == 0:
        return 1
    text = f"{abs(x):.10g}"
    if "e" in text:
        text = text.split("e")[0]
    if "." in text:
        return len(text.replace(".", "").lstrip("0"))
    return len(text.rstrip("0")) or 1


def round_significant(x: float, digits: int, decimals: int | None = None) -> float:
    """`x` to `digits` significant figures (852.9 -> 850 at 2), and to at most `decimals`
    places when given. Rounded once, at the coarser of the two: rounding 4.2485 to 3 figures
    (4.25) and then to 1 place would give 4.3, where the number is 4.2."""
    if x == 0:
        return 0.0
    exponent = Decimal(repr(float(x))).adjusted()
    places = digits - 1 - exponent
    if decimals is not None:
        places = min(places, decimals)
    return float(half_up(x, places))
