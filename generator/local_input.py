"""What an editor writes the way their language writes it, read back to what the format wants:
'13,2 milliards' -> 13200000000, '16 décembre 2022' -> 2022-12-16, '€' or 'euros' -> EUR.

Only for error messages: content is never read this way, it is refused with the exact YAML to
write instead. The words (month names, 'milliards', 'Mrd.', currency names and symbols) come
from CLDR through Babel for every language the generator has a catalog for, since a content
file is checked before the sheet's language is known.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation

from .language import languages

_SPACES = "\u00a0\u202f\u2009 '’_"
_NUMBER = re.compile(rf"^[-+]?\d[\d{_SPACES},.]*$")
_SCALED = re.compile(rf"^\s*([-+]?\d(?:[.,{_SPACES}]?\d)*)[{_SPACES}]*(\D.*?)\s*$")
_TRAILING_CURRENCY = re.compile(r"\s*(?:d['’]\s*)?([^\W\d]+\.?|[^\w\s.,]+)\s*$")


@functools.lru_cache(maxsize=1)
def _locales() -> list[object]:
    from babel import Locale

    return [Locale.parse(tag) for tag in languages()]


@functools.lru_cache(maxsize=1)
def scale_words() -> dict[str, dict[str, int]]:
    """{'milliards': {',': 10**9}, 'billion': {'.': 10**9, ',': 10**12}, …}: CLDR's words for a
    million, a billion and a trillion, long and short, casefolded, with what each means in the
    languages that write decimals with '.' and with ',' (a German 'Billion' is 10**12)."""
    from babel import Locale

    found: dict[str, dict[str, int]] = {}
    for locale in _locales():
        assert isinstance(locale, Locale)
        mark = locale.number_symbols.get("latn", locale.number_symbols).get("decimal", ".")
        for width in ("long", "short"):
            for patterns in locale.compact_decimal_formats[width].values():
                for key in ("1000000", "1000000000", "1000000000000"):
                    if key not in patterns:
                        continue
                    raw = str(patterns[key].pattern).replace("'", "")
                    word = raw.replace("0", "").strip(_SPACES).casefold()
                    if word and raw.count("0") == 1:
                        for said in {word, word.rstrip(".")}:
                            found.setdefault(said, {}).setdefault(mark, int(key))
    return found


def _plain(digits: str, decimal_marks: set[str]) -> Decimal | None:
    """'13,2' with a decimal comma -> 13.2; '1.234,5' -> 1234.5; None when it cannot be read
    one way only ('1,234' in a language whose comma is its decimal mark and another's not)."""
    text = re.sub(f"[{_SPACES}]", "", digits)
    marks = [c for c in text if c in ".,"]
    if len(set(marks)) == 2:
        decimal = marks[-1]
        whole, _, fraction = text.rpartition(decimal)
        text = re.sub(r"[.,]", "", whole) + "." + fraction
    elif len(marks) > 1:
        text = text.replace(marks[0], "")
    elif marks:
        mark = marks[0]
        if decimal_marks == {mark}:
            text = text.replace(mark, ".")
        elif mark not in decimal_marks or len(text.rpartition(mark)[2]) == 3:
            if mark in decimal_marks:
                return None  # '1,234 million': a decimal comma, or a thousands one?
            text = text.replace(mark, "")
        else:
            text = text.replace(mark, ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _whole(d: Decimal) -> str:
    return str(d.quantize(Decimal(1))) if d == d.to_integral_value() else format(d.normalize(), "f")


def scaled_number(text: str) -> tuple[str, str | None] | None:
    """'13,2 milliards' -> ('13200000000', None); '3,3 Md€' -> ('3300000000', 'EUR'): the number
    a text with a scale word stands for, and the currency it names, if any; None when the text
    is no number with a scale word the generator's languages use."""
    currency = None
    rest = text.strip()
    tail = _TRAILING_CURRENCY.search(rest)
    if tail and tail.group(1).casefold() not in scale_words():
        code = currency_meant(tail.group(1))
        if code:
            currency, rest = code, rest[: tail.start()].rstrip()
    found = _SCALED.match(rest)
    if not found:
        return None
    digits, word = found.groups()
    meanings = scale_words().get(word.casefold().strip())
    if meanings is None:
        return None
    number = _plain(digits, set(meanings))
    plain = re.sub(f"[{_SPACES}]", "", digits)
    marks = [c for c in plain if c in ".,"]
    decimal = marks[-1] if marks and (len(set(marks)) == 2 or len(marks) == 1) else None
    scales = {meanings[decimal]} if decimal in meanings else set(meanings.values())
    if number is None or len(scales) != 1:
        return None  # '2 billion': a thousand million, or a million million?
    return _whole(number * scales.pop()), currency


def decimal_comma(text: str) -> str | None:
    """'13,2' -> '13.2': the number a text with one decimal comma stands for, when the comma
    cannot separate thousands (not three digits after it); None otherwise."""
    plain = re.sub(f"[{_SPACES}]", "", text)
    found = re.fullmatch(r"([-+]?\d+),(\d{1,2}|\d{4,})", plain)
    return f"{found.group(1)}.{found.group(2)}" if found else None


@functools.lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    """Every month's name, wide and abbreviated, in every catalog language and both of CLDR's
    contexts (German 'Dezember', French 'décembre' and 'déc.', the uk catalog's 'грудня' and
    'грудень'), casefolded."""
    from babel import Locale

    names: dict[str, int] = {}
    for locale in _locales():
        assert isinstance(locale, Locale)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    word = str(name).casefold()
                    names.setdefault(word, int(number))
                    names.setdefault(word.rstrip("."), int(number))
    return names


_DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_MONTH_NUMBER = re.compile(r"^(\d{1,2})[./](\d{4})$")
_WORDS = re.compile(
    r"^(?:(\d{1,2})(?:er|\.|st|nd|rd|th)?\s+)?([^\W\d]+\.?)\s+(\d{4})"
    r"(?:\s*(?:р\.|р|року|рік))?$|^([^\W\d]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$"
)


def iso_date_meant(text: str) -> str | None:
    """The ISO form of a date written the local way: '16/12/2022', '16.12.2022', '16 décembre
    2022', '16. Dezember 2022', '1er mars 2020', '16 грудня 2022 р.', 'December 16, 2022' ->
    '2022-12-16'; 'décembre 2022', '12/2022' -> '2022-12'. A day and month that could be read
    either way ('05/06/2022') give both readings; None for anything else."""
    import datetime as dt

    value = " ".join(text.replace("\u00a0", " ").split())
    numeric = _DAY_FIRST.match(value)
    if numeric:
        a, b, year = (int(x) for x in numeric.groups())
        readings = []
        for day, month in ((a, b), (b, a)):
            try:
                readings.append(dt.date(year, month, day).isoformat())
            except ValueError:
                continue
        readings = list(dict.fromkeys(readings))
        if len(readings) == 2:
            return f"{readings[0]} if the day comes first, {readings[1]} if the month does"
        return readings[0] if readings else None
    short = _MONTH_NUMBER.match(value)
    if short and 1 <= int(short.group(1)) <= 12:
        return f"{short.group(2)}-{int(short.group(1)):02d}"
    words = _WORDS.match(value)
    if not words:
        return None
    if words.group(2):
        day_text, name, year_text = words.group(1), words.group(2), words.group(3)
    else:
        name, day_text, year_text = words.group(4), words.group(5), words.group(6)
    names = _month_names()
    found = names.get(name.casefold()) or names.get(name.casefold().rstrip("."))
    if found is None:
        return None
    if day_text is None:
        return f"{year_text}-{found:02d}"
    try:
        return dt.date(int(year_text), found, int(day_text)).isoformat()
    except ValueError:
        return None


@functools.lru_cache(maxsize=1)
def _currency_words() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Every currency's symbol and name, singular and plural, in every catalog language,
    casefolded ({'€': {'EUR'}, 'euros': {'EUR'}, 'українська гривня': {'UAH'}}), and the last
    words of the names, as they are said alone ({'гривня': {'UAH'}, 'dollars': {'USD', …}})."""
    from babel import Locale
    from babel.numbers import get_currency_name, list_currencies

    whole: dict[str, set[str]] = {}
    last: dict[str, set[str]] = {}
    for locale in _locales():
        assert isinstance(locale, Locale)
        for code in list_currencies():
            names = {get_currency_name(code, n, locale) for n in (1, 2, 5, 1.5)}
            names.add(locale.currency_symbols.get(code, ""))
            for name in names:
                word = name.casefold().strip()
                if word and word != code.casefold():
                    whole.setdefault(word, set()).add(code)
                    last.setdefault(word.split(" ")[-1], set()).add(code)
    return whole, last


def currency_meant(text: str) -> str | None:
    """The ISO 4217 code a currency's symbol or name stands for ('€', 'EURO', 'euros',
    'Euro', 'гривень', '₴'), when only one currency has it; None otherwise."""
    from babel.numbers import is_currency

    word = text.strip().casefold()
    if len(word) == 3 and is_currency(word.upper()):
        return word.upper()
    for words in _currency_words():
        for candidate in (word, word.removesuffix("s"), word.rstrip(".")):
            codes = words.get(candidate)
            if codes:
                return next(iter(codes)) if len(codes) == 1 else None
    return None


def number_text(text: str) -> bool:
    """True for a text made of digits and separators only ('13,2', '1.234.567')."""
    return bool(_NUMBER.match(text.strip()))
