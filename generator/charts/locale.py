"""The sheet's locale as Vega writes numbers and dates: d3's format and time-format locales,
built from the CLDR data Babel holds for the sheet's language.

Every tick and label a chart shows is written by `numbers.Writer`; these locales are what
Vega falls back on for anything it formats itself, so that nothing in a drawing can come out
in d3's built-in American English ('1,234.5', 'March'). Each spec carries them in its config
(`config.locale`), which vl-convert applies as it does its `format_locale` and
`time_format_locale` arguments: a spec alone decides its drawing.

>>> number_locale(Language.of("de"))["decimal"]
','
>>> time_locale(Language.of("uk"))["months"][2]
'березень'
"""

from __future__ import annotations

import re
from typing import Any

from ..language import Language

_FIELDS = {
    "yyyy": "%Y",
    "yy": "%y",
    "y": "%Y",
    "MMMM": "%B",
    "MMM": "%b",
    "MM": "%m",
    "M": "%-m",
    "dd": "%d",
    "d": "%-d",
    "HH": "%H",
    "H": "%-H",
    "hh": "%I",
    "h": "%-I",
    "mm": "%M",
    "ss": "%S",
    "a": "%p",
}
_TOKEN = re.compile(r"'[^']*'|(" + "|".join(sorted(_FIELDS, key=len, reverse=True)) + r")|.")


def number_locale(language: Language) -> dict[str, Any]:
    """d3-format's locale: decimal mark, thousands separator, grouping, currency, minus."""
    symbols = language.locale.number_symbols.get("latn", language.locale.number_symbols)
    return {
        "decimal": symbols["decimal"],
        "thousands": symbols["group"],
        "grouping": [3],
        "currency": ["", ""],
        "minus": symbols["minusSign"],
        "percent": symbols["percentSign"],
    }


def time_locale(language: Language) -> dict[str, Any]:
    """d3-time-format's locale: month and day names, date and time patterns, am/pm."""
    locale = language.locale
    days = locale.days["stand-alone"]
    months = locale.months["stand-alone"]
    periods = locale.day_periods["format"]["abbreviated"]
    date = _strftime(str(locale.date_formats["short"].pattern))
    time = _strftime(str(locale.time_formats["medium"].pattern))
    # Babel numbers weekdays from Monday (0), d3 from Sunday.
    week = [6, 0, 1, 2, 3, 4, 5]
    return {
        "dateTime": f"{date} {time}",
        "date": date,
        "time": time,
        "periods": [periods["am"], periods["pm"]],
        "days": [days["wide"][i] for i in week],
        "shortDays": [days["abbreviated"][i] for i in week],
        "months": [months["wide"][i] for i in range(1, 13)],
        "shortMonths": [months["abbreviated"][i] for i in range(1, 13)],
    }


def _strftime(pattern: str) -> str:
    """A CLDR date or time pattern ('dd.MM.yy') as a d3 specifier ('%d.%m.%y')."""
    out = []
    for match in _TOKEN.finditer(pattern):
        token = match.group(0)
        if match.group(1):
            out.append(_FIELDS[token])
        elif token.startswith("'"):
            out.append(token[1:-1].replace("%", "%%") or "'")
        else:
            out.append("%%" if token == "%" else token)
    return "".join(out)
