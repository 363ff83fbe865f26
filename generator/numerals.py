"""How a number may be written in content: in decimal, and only as precisely as it is kept.

YAML 1.1 (PyYAML) reads more than decimals as numbers: `1:30` is 90 (base 60), `0x10` is 16,
`012` is 10 (octal), `1_000` is 1000. An editor who typed a time, a code or a padded number
would see another number published with no error, so anything but a decimal is refused with
the reading YAML would have made. A decimal is kept as a float; one that a float cannot give
back as written (`12345678901234567891`, `0.12345678901234567891`) is refused too, so that
every page and download shows the number the editor wrote.

>>> read("1.2e6"), read("-12"), read("0.5")
(1200000.0, -12, 0.5)
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import yaml

from .errors import shown

DECIMAL = re.compile(r"^[-+]?(?:(?:0|[1-9]\d*)(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")
"""1200000, -12, 1.2, .5, 1.2e6, 1.2E-3: digits with an optional point and exponent. A
leading zero only before the point (YAML reads `012` as octal)."""
DIGITS_MAX = 400
"""Longer than any number written by hand: not even converted, so it cannot take long."""
SIGNIFICANT = 15
"""The significant digits every float holds exactly, so every page and download gives them back."""
LARGEST = Decimal("1e30")
"""Larger than any count or amount a source gives (a sextillion is 1e21), with room for what
is computed from it (a ratio, a unit conversion) to stay a finite float."""
WRITE_LIKE = "write it in decimal digits, e.g. 1200000, 1.2 or 1.2e6"


def looks_like_exponent(text: str) -> bool:
    """True for `1.2e6`: a decimal YAML 1.1 reads as text for want of a sign in its exponent,
    and YAML 1.2 as the number it is."""
    return DECIMAL.match(text) is not None and "e" in text.lower()


def read(text: str) -> int | float:
    """The number `text` writes in decimal; ValueError saying why when it is not one, or when a
    float cannot hold it exactly as written."""
    if len(text) > DIGITS_MAX:
        raise ValueError(f"expected a number of at most {DIGITS_MAX} characters, got {shown(text)}")
    if not DECIMAL.match(text):
        reading = _yaml_reading(text)
        if reading in ("inf", "-inf", "nan"):
            raise ValueError(f"expected a number, got {shown(text)}")
        also = f": YAML would read it as {reading}" if reading else ""
        raise ValueError(
            f"{shown(text)} is not a decimal number{also}; {WRITE_LIKE}, or quote it if it is "
            f"text ({_quote(text)})"
        )
    try:
        exact = Decimal(text)
        value = float(exact)
    except (InvalidOperation, OverflowError):  # pragma: no cover - the pattern admits neither
        raise ValueError(f"expected a number, got {shown(text)}") from None
    if abs(exact) >= LARGEST:
        raise ValueError(f"{shown(text)} is too large for a figure: it must be under 1e30")
    if value == 0 and exact != 0:
        raise ValueError(f"{shown(text)} is too small to hold; give it in a smaller unit")
    if len(exact.normalize().as_tuple().digits) > SIGNIFICANT or Decimal(repr(value)) != exact:
        raise ValueError(
            f"{shown(text)} has more significant digits than a number can hold exactly "
            f"(it would be kept as {value!r}); round it to {SIGNIFICANT} significant digits"
        )
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    return value


def _quote(text: str) -> str:
    return f"'{text}'" if len(text) <= 40 else "'…'"


def _yaml_reading(text: str) -> str:
    """What PyYAML makes of `text`, as a number: '1:30' -> '90'; '' when it reads none."""
    try:
        value = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError):
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    return f"{value:.15g}" if isinstance(value, float) else shown(value).strip("'")


def exact_text(x: float) -> str:
    """`x` in plain decimal digits as written in content: 7500.0 -> '7500', 1.2345678 ->
    '1.2345678', 4e-07 -> '0.0000004', 1e26 -> '100000000000000000000000000'. A computed
    number loses its float noise (22.860000000000003 -> '22.86'): no figure has more than
    `SIGNIFICANT` digits."""
    text = format(Decimal(f"{float(x):.{SIGNIFICANT}g}"), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def exact(x: float) -> int | float:
    """`x` as a number for data (JSON, CSV): an int when whole (1e26 gives all its 27 digits,
    where int() would give the float's binary 100000000000000004764729344), else the float of
    its `SIGNIFICANT` digits."""
    text = exact_text(x)
    return int(text) if "." not in text else float(text)
