"""How numbers, ranges, units, dates and whole figures are written for readers: the one place
that decides. Pages, charts, downloads and the social image all write a figure through one
`Writer` for the sheet's language, so a reader sees it the same way everywhere. Digits,
separators, percentages and month names come from the locale's CLDR data (Babel); words
(qualifiers, units, 'as of') from the language's message catalog.

>>> write = Writer(Language.of("en"))
>>> write.number(275000)
'275,000'
>>> write.quantity(275000, 325000, None, "people")
'275,000–325,000'
>>> write.quantity(140000, 140000, "up to", "people")
'up to 140,000'
>>> write.quantity(25, 25, "below", "yd-per-day")
'below 25 yards a day (23 metres a day)'
>>> Writer(Language.of("de")).quantity(1_200_000, 1_200_000, "about", "people")
'etwa 1,2 Millionen'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Collection, Mapping
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import TYPE_CHECKING

from .language import Count, Language
from .units import Unit, unit

if TYPE_CHECKING:  # models.py computes precision with this module's functions
    from .models import PartialDate, Period, Quantity

DASH = "\u2013"  # en dash, for ranges
NBSP = "\u00a0"  # no-break space
_SCALES = ((1_000_000_000, 10_000_000, "1000000000"), (1_000_000, 10_000, "1000000"))
"""(scale, what a number must be a multiple of to be written with it, CLDR's key for it)."""
_SCALE_WORDS: dict[str | None, str] = {"1000000000": "billion", "1000000": "million", None: "none"}
"""CLDR's key of a scale word (None for a number written without one) -> what a message's
`$scale` says."""
_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüœæ")
"""Letters a word opens with that French elides 'de' before ('d’euros'): an orthographic
fact the generator gives, for the catalog's grammar to use."""
_SIGNS = {"ratio": "÷", "share": "÷", "difference": "−"}
Governed = bool | str
"""Whether a preposition of the source's words takes a range as its object ('estimait entre
11 et 13'): True, False, or the key of the qualifier the range then says inside it, before
its low end ('estimait entre environ 25 et 27'; `typography.range_qualifiers`)."""
_WIDE = Context(prec=400)
"""Enough digits for any float written out in full (1e308 has 309), so that rounding a huge
figure to its decimals never overflows decimal's default 28 digits."""


def half_up(x: float, decimals: int) -> Decimal:
    """`x` rounded half away from zero, as readers round: 3.25 -> 3.3, 0.125 -> 0.13 at 2.

    Python rounds half to even, on the binary value (0.125 -> 0.12, 2.675 -> 2.67); the
    shortest decimal that reads back as `x` (its repr) is the number the reader wrote."""
    return Decimal(repr(float(x))).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=_WIDE
    )


class Writer:
    """Writes numbers, ranges, figures and dates in one language."""

    def __init__(
        self, language: Language, units: Mapping[str, Unit] | None = None, space: str = " "
    ) -> None:
        self.language = language
        self.units: Mapping[str, Unit] = units or {}
        """The sheet's own units (`sheet.units`), besides the built-in ones."""
        self.space = space
        """What stands between a number and its scale word or unit: a space in tables and
        downloads, a no-break space in running text (`said`), so '1.2 million' or '3 km'
        never part at the end of a line."""
        self.date = functools.lru_cache(maxsize=4096)(self._date)

    def number(self, x: float, decimals: int | None = None, after: str | None = None) -> str:
        """1200000 -> '1.2 million'; 47434 -> '47,434'; 0.8 -> '0.8' (in English). `after`:
        the qualifier it follows, whose case its scale word takes ('близько 3 мільйонів')."""
        return self._shown(*_as_shown(x, decimals), after)

    def _shown(self, value: Decimal, scale: str | None, after: str | None = None) -> str:
        """A number as `_as_shown` gives it (its digits, and its scale word's key or None)."""
        if scale is None:
            return self._decimal(value)
        return self._scaled(value, scale, after)

    def _decimal(self, d: Decimal) -> str:
        from babel.numbers import format_decimal

        with localcontext(_WIDE):  # Babel rounds in the current context
            return format_decimal(
                _trimmed(d), locale=self.language.locale, decimal_quantization=False
            )

    def _scaled(self, d: Decimal, key: str, after: str | None = None) -> str:
        """'1.2 million', '1,2 Millionen', '1,2 мільйона': CLDR's long compact pattern for the
        plural form the number takes (after `after`: 'близько 1 мільйона')."""
        formats = self.language.locale.compact_decimal_formats["long"]
        d = _trimmed(d)
        form = self.form_after(after, d) or self.language.plural_form(d)
        pattern = formats.get(form) or formats["other"]
        raw = str(pattern[key].pattern).replace("'", "")
        raw = raw.replace(" ", self.space)  # '1,2\u00a0Millionen' in running text
        return re.sub("0+", lambda _: self._decimal(d), raw, count=1)

    def percent(self, x: float, decimals: int | None = None) -> str:
        """12.5 -> '12.5%' ('12,5 %' in German, '12,5\u202f%' in French): the catalog's
        `units.percent.amount`, as CLDR's patterns put a breaking or a no-break space before
        '%' where French typography wants a narrow one, as before ':' and ';'."""
        d = _trimmed(
            half_up(x, decimals if decimals is not None else (0 if float(x).is_integer() else 1))
        )
        return self.language.amount("units.percent.amount", d, self._decimal(d))

    def span(
        self,
        low: float,
        high: float,
        decimals: int | None = None,
        *,
        sentence: bool = False,
        after: str | None = None,
        of: str = "number",
        governed: Governed = False,
    ) -> str:
        """A value, or a range written '275,000–325,000' ('25–27 million' when both are
        millions); in a sentence, as the catalog's `numbers.range` says a range of `of`
        ('110 à 120', '110 bis 120', 'від 110 до 120'; see `_range`)."""
        return self._span_shown(
            _as_shown(low, decimals),
            _as_shown(high, decimals),
            sentence=sentence,
            after=after,
            of=of,
            governed=governed,
        )

    def _span_shown(
        self,
        low: tuple[Decimal, str | None],
        high: tuple[Decimal, str | None],
        *,
        sentence: bool = False,
        after: str | None = None,
        of: str = "number",
        governed: Governed = False,
    ) -> str:
        """`span` of two numbers as `_as_shown` (or `_twin`) gives them."""
        a, b = self._shown(*low, after), self._shown(*high, after)
        if a == b:
            return a
        (low_shown, low_scale), high_scale = low, high[1]
        if low_scale is not None and low_scale == high_scale:  # one word for both ends
            a = self._decimal(low_shown)
        return self._range(a, b, sentence, _SCALE_WORDS[high_scale], of, governed, after)

    def _range(
        self,
        low: str,
        high: str,
        sentence: bool,
        scale: str = "none",
        of: str = "number",
        governed: Governed = False,
        after: str | None = None,
    ) -> str:
        """'110–120'; in a sentence, the catalog's `numbers.range`, given the `$scale` of the
        high end ('million', 'billion' or 'none'): a language may say 'від 110 до 120' but
        '3–4 мільярди', as 'до' would decline the scale word; and `$of`, what follows the
        range: 'number' (nothing, or a percent sign), 'money' (a currency's name) or 'unit'
        (a unit's noun), whose case a preposition may govern ('від 2 до 3 гривень', never
        CLDR's '3 гривні'), so a language may keep the dash there; `$governed` after a
        preposition that takes it as its object ('estimait entre 11 et 13 milliards'); and
        `$after`, the qualifier before it ('over', 'up-to', … or 'none'), as 'від … до' reads
        after 'приблизно' but not after 'понад' or 'до' ('понад 25–27')."""
        if sentence:
            if isinstance(governed, str):  # 'entre environ 25 et 27': `$kind` is 'range'
                low = self.language.text(
                    f"qualifiers.{governed}", n=low, kind="range", governed="no"
                )
            return self.language.text(
                "numbers.range",
                low=low,
                high=high,
                scale=scale,
                of=of,
                governed="yes" if governed else "no",
                after=(after or "none").replace(" ", "-"),
            )
        return f"{low}{DASH}{high}"

    def quantity(
        self,
        low: float,
        high: float,
        qualifier: str | None,
        unit_key: str,
        decimals: int | None = None,
        *,
        metric: bool = True,
        sentence: bool = False,
        governed: bool = False,
    ) -> str:
        """The whole figure as a reader sees it: qualifier, number or range, unit, metric
        twin; with `sentence`, a range as a sentence says it ('800 millions à 1,2 milliard
        d’euros'; a table's '800 millions–1,2 milliard'); `governed` when a preposition of
        the source's words takes the figure as its object ('estimait à'), which the
        qualifier's message may answer ('à 12 milliards d’euros au maximum')."""
        found = unit(unit_key, self.units)
        after = qualifier
        # A range the preposition governs ('entre 11 et 13'), unless a qualifier stands
        # between that the range cannot say inside it ('entre environ 25 et 27').
        ranged: Governed = governed and qualifier in (None, "exactly")
        inside = self.language.text("typography.range_qualifiers").split()
        if (
            governed
            and qualifier in inside
            and self.span(low, high, decimals) != self.number(high, decimals)
        ):
            ranged = str(qualifier)
        if found.currency:
            text = self._money_said(
                low, high, found.currency, decimals, after, sentence, governed=ranged
            )
        elif unit_key == "percent":
            text = self.percent(high, decimals)
            if self.number(low, decimals) != self.number(high, decimals):
                text = self._range(
                    self.number(low, decimals), text, sentence, governed=ranged, after=after
                )
        else:
            text = self._amount(
                found,
                _as_shown(low, decimals),
                _as_shown(high, decimals),
                sentence=sentence,
                after=after,
                governed=ranged,
            )
        if qualifier and qualifier != "exactly" and not isinstance(ranged, str):
            kind = "count" if found.counts else "amount"  # 'fewer than 25', 'less than 3 km'
            counted = unit_key == "percent" or (found.counts and not found.singular)
            of = "money" if found.currency else "number" if counted else "unit"
            worded = sentence and self._worded(low, high, decimals, of, qualifier, ranged)
            text = self.language.text(
                f"qualifiers.{qualifier}",
                n=text,
                kind=kind,
                governed="yes" if governed else "no",
                range="words" if worded else "none",
            )
        if metric and found.metric:
            target, factor = found.metric
            ends = _twin(low, high, factor, decimals)
            twin = self._amount(unit(target, self.units), *ends, sentence=sentence)
            text = self.language.text("units.with_metric", value=text, metric=twin)
        return text

    def _worded(
        self,
        low: float,
        high: float,
        decimals: int | None,
        of: str,
        after: str,
        governed: Governed,
    ) -> bool:
        """True when a range in a sentence is said in words ('від 25 до 27'), not with a
        dash: the qualifier before it may then choose its word ('приблизно від 25 до 27',
        never 'близько від', which reads 'near to')."""
        if self.span(low, high, decimals) == self.number(high, decimals):
            return False
        scale = _SCALE_WORDS[_as_shown(high, decimals)[1]]
        return self._range("1", "2", True, scale, of, governed, after) != f"1{DASH}2"

    def _amount(
        self,
        found: Unit,
        low: tuple[Decimal, str | None],
        high: tuple[Decimal, str | None],
        *,
        sentence: bool = False,
        after: str | None = None,
        governed: Governed = False,
    ) -> str:
        """A number or range of a unit other than money and per cent, its ends as `_as_shown`
        gives them, in the unit's words ('3 kilometres', '0.9 million metres')."""
        # A count's noun is the author's label, after the figure; any other unit's is
        # the catalog's, whose case a preposition of the range may govern (`_range`).
        of = "number" if found.counts and not found.singular else "unit"
        numeral = self._span_shown(
            low, high, sentence=sentence, after=after, of=of, governed=governed
        )
        count = _unscaled(*high)
        form = self.form_after(after, count)
        base = self.number(found.per) if found.per else ""
        return self._bound(
            self.language.text(
                f"{found.words_key}.amount",
                n=Count(count, numeral, form),
                base=base,
                scale=_SCALE_WORDS[high[1]],
            ),
            numeral,
        )

    def form_after(self, after: str | None, count: Decimal) -> str | None:
        """The plural form the words of the number `count` take after `after` (a qualifier,
        'events' for a timeline's count, or 'range' for a currency's name after a range of
        money in a sentence); None with nothing before it. The catalog's
        `numbers.form_after` says it, the number's own unless a preposition governs a case
        whose endings are those of another form ('близько 3 кілометрів', as '5 кілометрів')."""
        if after is None:
            return None
        own = self.language.plural_form(count)
        key = after.replace(" ", "-")  # a Fluent variant's key has no spaces: 'up-to'
        return self.language.text("numbers.form_after", after=key, form=own).strip()

    def counted(self, key: str, count: int, after: str) -> str:
        """The message `key` for `count` things, its number in the form the message's words
        before it govern ('з 1 мільйона подій'): `after` names them for `numbers.form_after`."""
        n = Count(count, self.in_words(count, after), self.form_after(after, Decimal(count)))
        scale = _SCALE_WORDS[_as_shown(count, None)[1]]  # 'd’événements'
        return self.language.text(key, n=n, scale=scale)

    def in_words(self, count: int, after: str | None = None) -> str:
        """A count of things this site counts itself (a timeline's events, a chart's sources),
        as running text writes it: in words where the language's newsrooms do ('four',
        'zwölf'; the catalog's `numbers.in_words`), else in figures ('14'). Never a source's
        figure, which is written as its source gives it."""
        figures = self.number(count, after=after)
        return self.language.text("numbers.in_words", n=Count(count, figures))

    def shows_as_zero(self, x: float, unit_key: str, decimals: int | None = None) -> bool:
        """True when `x`, not 0, would be written as 0 in `unit_key` (0.0000004 km -> '0
        kilometres', 0.001 % -> '0%'): validation refuses it, as no page may show another
        number than the content's."""
        if x == 0:
            return False
        found = unit(unit_key, self.units)
        if unit_key == "percent" and decimals is None:
            decimals = 0 if float(x).is_integer() else 1
        elif found.currency and decimals is None and _as_shown(x, None)[1] is None:
            from babel.numbers import get_currency_precision

            decimals = get_currency_precision(found.currency)  # '$0.00' at the least
        return _as_shown(x, decimals)[0] == 0

    def _money_said(
        self,
        low: float,
        high: float,
        code: str,
        decimals: int | None,
        after: str | None = None,
        sentence: bool = False,
        *,
        governed: Governed = False,
    ) -> str:
        """Money as the language's newsrooms write it, the catalog's `money.amount` choosing
        among what it is given: `$symbol` ('$8.4 million'), the number `$n` and the
        currency's CLDR name `$currency` in the plural form the number takes ('3,3 milliards
        d’euros', '3,3 Milliarden Euro', '3,3 мільярда євро'), and CLDR's short form
        `$short` ('3,3 Md €', '3,3 Mrd. €', '3,3 млрд ₴'); `$sign` is 'code' where the
        locale has no sign for the currency but its ISO code ('UAH 2 billion', which English
        says '2 billion hryvnias'), else 'symbol'. `$scale` is 'million', 'billion'
        or 'none', as French says 'de' after a scale word, and `$initial` is 'vowel' or
        'consonant', the currency name's first letter, as French elides 'de' before a
        vowel. With `sentence`, a range is said as the catalog's `numbers.range` says a range
        of money ('11 à 13 milliards d’euros'), and the currency's name takes the form
        `numbers.form_after` gives after 'range' ('від 2 до 3 гривень', the genitive)."""
        numeral = self._money_numeral(low, high, code, decimals, after, sentence, governed)
        count = _count(high, decimals)
        if sentence and numeral != self._money_numeral(low, high, code, decimals):
            after = "range"  # said in words: the name after 'до' in 'від 2 до 3 гривень'
        form = self.form_after(after, count)
        name = self.currency_name(code, count, form)
        scale = _as_shown(high, decimals)[1]
        text = self.language.text(
            "money.amount",
            sign="code" if self._symbol(code) == code else "symbol",
            symbol=self._money(low, high, code, decimals),
            n=Count(count, numeral, form),
            currency=name,
            short=self._money_short(low, high, code, decimals),
            scale=_SCALE_WORDS[scale],
            initial=initial(name, self.language.aspirated),
        )
        return self._bound(text, numeral)

    def _bound(self, text: str, numeral: str) -> str:
        """`text` with the space after the number `numeral` made `self.space`, binding it to
        the unit's or currency's word that follows ('3 kilometres', '12,50 euros'); a number
        with a scale word is bound to that word already ('1,2 million de miles')."""
        if not numeral[-1:].isdigit():
            return text
        return text.replace(f"{numeral} ", f"{numeral}{self.space}", 1)

    def currency_name(self, code: str, count: Decimal, form: str | None = None) -> str:
        """The currency's name for `count` of it, in the plural form `count` takes (or `form`):
        CLDR's ('euros', 'US-Dollar', 'гривень'), unless the catalog's `money.name` says it
        otherwise, as newsrooms do ('dollars', not 'dollars des États-Unis'; 'Hrywnja', not
        CLDR's longer German name; 'гривень' without CLDR's adjective)."""
        from babel.numbers import get_currency_name

        whole = count == count.to_integral_value()  # '5E+6' is five million, no fraction
        number = int(count) if whole else count
        plurals = self.language.locale._data["currency_names_plural"].get(code, {})
        cldr = plurals.get(form) or get_currency_name(code, number, self.language.locale)
        n = Count(count, self._decimal(_trimmed(count)), form)
        return self.language.text("money.name", code=code, n=n, cldr=cldr)

    def _money_short(self, low: float, high: float, code: str, decimals: int | None) -> str:
        """'3,3 Md €', '3,3 Mrd. €', '$3.3B': CLDR's short compact currency form, for a sum
        in millions or billions; any other, and a range, as `_money` writes it."""
        from babel.numbers import format_compact_currency

        value, scale = _as_shown(high, decimals)
        # A number is scaled only when no decimals are given: the range is checked as written.
        if scale is None or self.span(low, high) != self.number(high):
            return self._money(low, high, code, decimals)
        digits = max(0, -int(_trimmed(value).as_tuple().exponent))
        with localcontext(_WIDE):
            return format_compact_currency(
                high,
                code,
                locale=self.language.locale,
                fraction_digits=digits,  # Babel's format_type is "short" by default
            )

    def _money_numeral(
        self,
        low: float,
        high: float,
        code: str,
        decimals: int | None,
        after: str | None = None,
        sentence: bool = False,
        governed: Governed = False,
    ) -> str:
        """The number or range of a sum as written: cents in full ('12.50') when a figure has
        any, as money is written; a range in a sentence as `numbers.range` says one."""
        from babel.numbers import get_currency_precision

        cents = decimals is None and any(
            not float(x).is_integer() and _as_shown(x, None)[1] is None for x in (low, high)
        )
        if cents:  # '12.5' -> '12.50': an amount with cents shows as many as the currency has
            precision = get_currency_precision(code)
            return self._cents(low, high, precision, sentence, governed, after)
        return self.span(
            low, high, decimals, sentence=sentence, after=after, of="money", governed=governed
        )

    def _symbol(self, code: str) -> str:
        """CLDR's sign for the currency in the locale: '$', '€', '₴'; its ISO code where the
        locale has none ('UAH' in English)."""
        from babel.numbers import get_currency_symbol

        return get_currency_symbol(code, self.language.locale)

    def _money(self, low: float, high: float, code: str, decimals: int | None) -> str:
        """'$8.4 million', '8,4 Millionen $', '€12.50': the number or range as written, in the
        locale's currency pattern with the currency's symbol."""
        numeral = self._money_numeral(low, high, code, decimals)
        pattern = self.language.locale.currency_formats["standard"]
        symbol = self._symbol(code)
        prefix, suffix = (
            part.replace("¤", symbol) for part in (pattern.prefix[0], pattern.suffix[0])
        )
        if prefix[-1:].isalpha():  # CLDR's currency spacing: 'UAH 2 billion', not 'UAH2'
            prefix += "\u00a0"
        return f"{prefix}{numeral}{suffix}"

    def _cents(
        self,
        low: float,
        high: float,
        decimals: int,
        sentence: bool = False,
        governed: Governed = False,
        after: str | None = None,
    ) -> str:
        """The range with exactly `decimals` places: '12.50–15.00' (in a sentence, as
        `numbers.range` says a range of money)."""
        from babel.numbers import format_decimal, parse_pattern

        pattern = parse_pattern(self.language.locale.decimal_formats[None].pattern)
        fixed = f"{pattern.pattern.split('.')[0]}.{'0' * decimals}"
        with localcontext(_WIDE):
            a, b = (
                format_decimal(half_up(x, decimals), fixed, locale=self.language.locale)
                for x in (low, high)
            )
        return a if a == b else self._range(a, b, sentence, "none", "money", governed, after)

    def unit_name(self, unit_key: str, use: str = "alone") -> str:
        """A unit's name, for an axis title or a table heading: 'metres a day', 'US dollars',
        'per 100,000 people'; in German 'Meter pro Tag', 'US-Dollar', 'je 100.000 Personen'.
        `use` is 'in' where the name follows the word for 'in' in a sentence, for a language
        whose 'in' governs a case ('Angaben in Kilometern')."""
        found = unit(unit_key, self.units)
        if found.currency:
            return self.currency_name(found.currency, Decimal(2))
        base = self.number(found.per) if found.per else ""
        return self.language.text(f"{found.words_key}.name", base=base, use=use)

    def _date(self, value: PartialDate | dt.date) -> str:
        """'12 October 2025', 'December 2025' or '2025', as precise as the source."""
        from babel.dates import format_date

        locale = self.language.locale
        if isinstance(value, dt.date):
            text = format_date(value, self._day_pattern(value.day), locale=locale)
        elif value.precision == "day":
            first = value.first_day()
            text = format_date(first, self._day_pattern(first.day), locale=locale)
        elif value.precision == "month":
            text = format_date(value.first_day(), self.language.text("dates.month"), locale=locale)
        else:
            text = self.language.text("dates.year", year=value.year)
        return text.replace(" ", self.space)

    def _day_pattern(self, day: int) -> str:
        """The catalog's `dates.day` pattern with its day field as the catalog's
        `dates.day_of_month` writes that day, where it is no plain number: French writes the
        first of a month '1er' ('1er mars 2020'), which CLDR's 'd' cannot say."""
        pattern = self.language.text("dates.day")
        word = self.language.text("dates.day_of_month", day=day)
        return pattern if word == str(day) else _with_day(pattern, word)

    def period(self, value: Period) -> str:
        """'24 February 2022 – December 2025'; within one year, the year once: '24 February –
        31 December 2022'; whole years as the catalog's `dates.years` ('2022–2025')."""
        if value.start == value.end:
            return self.date(value.start)
        if value.start.precision == "year" and value.end.precision == "year":
            return self.language.text("dates.years", start=value.start.year, end=value.end.year)
        month = "dates.month"
        if _one_month(value):  # '1er–31 mars 2022', '1.–31. März 2022', as CLDR's intervals
            first = self._pattern(value.start, month, year=False, month=False)
            return f"{first}{self._interval_dash()}{self.date(value.end)}"
        first = self._pattern(value.start, month, year=not _one_year(value))
        return f"{first} {DASH} {self.date(value.end)}"

    def _interval_dash(self) -> str:
        """What stands between two days of one month in CLDR's interval format for the
        locale: '–' in fr, de and uk ('1–31 mars'), thin spaces around it in
        English ('1\u2009–\u200931 March')."""
        start = self.language.locale.interval_formats["yMMMd"]["d"][0]
        return re.sub(r"'[^']*'|[A-Za-z.,]", "", start).strip(" ") or DASH

    def _pattern(
        self, value: PartialDate, month_key: str, *, year: bool, month: bool = True
    ) -> str:
        """A day or month date in the catalog's pattern (`dates.day`, or `month_key` for a
        month); without `year`, the pattern's year left off ('24 February', 'жовтня'), for
        the start of a span whose end names the year; without `month`, a day's month left
        off too ('1er', '1.'), for the start of a span within one month."""
        from babel.dates import format_date

        if value.precision == "year":
            return self.date(value)
        if value.precision == "day":
            pattern = self._day_pattern(value.first_day().day)
            if not month:
                pattern = _day_only(pattern)
        else:
            pattern = self.language.text(month_key)
        if not year:
            pattern = _YEAR.sub("", pattern) or pattern
        text = format_date(value.first_day(), pattern, locale=self.language.locale)
        return text.replace(" ", self.space)

    def _in_text(self, value: PartialDate, *, year: bool = True, month: bool = True) -> str:
        """A date as running text writes it after a preposition: a month in the catalog's
        `dates.month_in_text` pattern (uk: 'грудня 2025', the genitive that 'з' and
        'до' govern, where a table's `dates.month` writes 'грудень 2025')."""
        return self._pattern(value, "dates.month_in_text", year=year, month=month)

    def during(self, value: Period) -> str:
        """A period as a sentence says it, the catalog's `dates.during`: 'from 24 February
        2022 to December 2025', 'du 24 février 2022 à décembre 2025', 'in 2023' (a period
        of one date). Tables and charts' axes write `period`'s '24 February 2022 –
        December 2025'."""
        if _whole_year(value):  # '1 January – 31 December 2025' is 'in 2025'
            from .models import PartialDate, Period  # models.py imports this module

            year = PartialDate(year=value.start.year)
            value = Period(start=year, end=year)
        start, end = value.start, value.end
        one = start == end
        same_year = _one_year(value)
        first = self._in_text(start, year=not same_year, month=not _one_month(value))
        last = self._in_text(end)  # 'du 1er au 31 mars 2022': the month once within one
        words = self.date_words(start)
        words.update(
            {"date": first} if one else {"date": self.period(value), "precision": "period"}
        )
        return self.language.text(
            "dates.during",
            **words,
            start=first,
            end=last,
            start_precision=start.precision,
            end_precision=end.precision,
            start_initial=initial(first, self.language.aspirated),  # 'd’octobre 2019'
            same_year="yes" if same_year else "no",  # 'з 24 лютого до 31 грудня 2022 року'
        )

    def time_phrase(
        self,
        period_: Period | None,
        as_of: PartialDate | None,
        *,
        projection: bool = False,
        sentence: bool = False,
    ) -> str:
        """The time a figure covers, as a phrase: 'as of May 2026', 'by 2084', 'February
        2022 – …'; with `sentence`, a period as a sentence says it ('from February 2022 to
        …')."""
        if period_ is not None:
            text = self.during(period_) if sentence else self.period(period_)
            return self.language.text("dates.projected", period=text) if projection else text
        if as_of is not None:
            key = "dates.by" if projection else "dates.as_of"
            return self.language.text(key, **self.date_words(as_of))
        return ""

    def date_words(self, value: PartialDate | dt.date) -> dict[str, object]:
        """What a message about a date is given: the date as written (`$date`), its
        `$precision` ('day', 'month', 'year') to choose a preposition by ('au 16 décembre
        2022', 'en octobre 2019'), its `$year` as written, and its `$month` as a number (1–12)
        for a language that declines month names ('у жовтні 2019 року')."""
        precision = "day" if isinstance(value, dt.date) else value.precision
        month = value.month or 1
        return {
            "date": self.date(value),
            "precision": precision,
            "year": str(value.year),
            "month": Count(month, str(month)),
        }

    def when(self, q: Quantity, *, sentence: bool = False) -> str:
        """The time a stored or computed figure covers, as a phrase (with `sentence`, as
        running text says a period); nothing when its label says when, because the stored
        date would mislead."""
        if q.dated_in_label:
            return ""
        return self.time_phrase(q.period, q.as_of, projection=q.projection, sentence=sentence)

    def said_when(self, q: Quantity) -> str:
        """`when` as a sentence says it: 'from 24 February 2022 to December 2025'; nothing for
        one whole calendar year its label already names ('losses in 2025', not '… in 2025
        from 1 January to 31 December 2025')."""
        period = q.period
        if period is not None and _whole_year(period) and str(period.start.year) in q.label:
            return ""
        return self.when(q, sentence=True)

    def shown(self, q: Quantity, *, sentence: bool = False) -> str:
        """How a stored or computed figure reads: 'about 1.2 million', '2–2.4 times'; with
        `sentence`, after its source's words (`said`)."""
        low, high = q.bounds
        decimals = _computed_decimals(q.computed, low, high, q.decimals)
        governed = sentence and self.governed(q.says)
        text = self.quantity(
            low, high, q.qualifier, q.unit, decimals, sentence=sentence, governed=governed
        )
        if q.price_base is not None:
            return self.language.text("units.price_base", value=text, year=q.price_base)
        return text

    def governed(self, says: str | None) -> bool:
        """True when a source's words end with a preposition that takes the figure as its
        object, one of the catalog's `typography.governing` ('EDF estimait à')."""
        last = (says or "").rpartition(" ")[2]
        return bool(last) and last in self.language.governing

    def said(self, q: Quantity) -> str:
        """A figure as a sentence says it, after its source's words: a range as the
        language says one ('500 000 à 600 000', '500.000 bis 600.000'), and its number
        bound to its scale word and unit by a no-break space ('1,2\u00a0Millionen')."""
        return self.running.shown(q, sentence=True)

    @functools.cached_property
    def running(self) -> Writer:
        """This writer as running text writes: a no-break space after a number, and between
        a date's day, month and year ('au 16\u00a0décembre\u00a02022'), as pages print
        dates (the French review, round 4, T2); tables, downloads and images keep spaces."""
        return Writer(self.language, self.units, space=NBSP)

    def claim_words(self, q: Quantity) -> dict[str, object]:
        """What the catalog's `blocks.claim` is given besides the texts it joins: `$says`, the
        source's words, elided where the language elides before the value ('une hausse d’'
        before 'environ 800 millions', then `$join` is 'elided', else 'space'); `$scale`, the
        value's scale word when the label follows a count ('1 million de salariés'), else
        'none'; `$initial`, how the label opens; `$dated`, 'yes' when a `$when` follows."""
        from .typography import elide

        says, join = elide(self.language, q.says or "", self.said(q))
        found = unit(q.unit, self.units)
        scale = _as_shown(q.bounds[1], q.decimals)[1] if found.counts else None
        return {
            "says": says,
            "join": join,
            "scale": _SCALE_WORDS[scale],
            "initial": initial(q.label, self.language.aspirated),
            "dated": "yes" if self.said_when(q) else "no",
        }

    def claim(self, q: Quantity) -> str:
        """A source's figure as a sentence says it, as plain text: 'The UN estimates about
        8.2 billion people in the world, as of July 2024' (no final stop)."""
        words = self.claim_words(q)
        return self.language.text(
            "blocks.claim", **words, value=self.said(q), label=q.label, when=self.said_when(q)
        )

    def formula(self, q: Quantity) -> str | None:
        """A computed figure's computation in words: 'population in 2100 ÷ population in
        2024', each title as it reads inside a sentence (`typography.in_text`: lower case
        where the language writes it so, 'Spanish' kept), a closing year in parentheses
        ('… weltweit (2023)'); None for a stored figure."""
        from .typography import in_text

        return self._computation(
            q,
            lambda i: _YEAR_LAST.sub(r" (\1)", in_text(self.language, i.title)),
            lambda p: self.language.text(
                "working.days_in",
                period=self.period(p),
                during=self.during(p),
                precision="period" if p.start != p.end else p.start.precision,
            ),
        )

    def working(self, q: Quantity) -> str | None:
        """A computed figure's computation in numbers, each as its figure is written, with
        its unit, and the result with its own ('13.2 billion euros − 12.4 billion euros =
        800 million euros (at 2015 prices)', '83% − 74% = 9 percentage points'), the
        catalog's `working.result`: then as shown when its inputs' precision rounds it
        further ('… ≈ 853 a day, rounded to about 850'); None for a stored figure. '=' only
        where the result is exact: a rounded one is '≈' ('1,250 ÷ 610 ≈ 2'), since a fact
        sheet never prints a false equation."""
        text = self._computation(
            q,
            self._operand,
            lambda p: self.language.amount("working.days", p.days, self.number(p.days, 0)),
        )
        if text is None:
            return None
        places = q.decimals or 0
        rounded = [half_up(x, places) for x in q.exact]
        low, high = (float(x) for x in rounded)
        # Exact to six more places: binary arithmetic's 2.34 ÷ 1.5 = 1.5599999999999998 is 1.56.
        exact = all(half_up(x, places + 6) == r for x, r in zip(q.exact, rounded, strict=True))
        digits = _computed_decimals(q.computed, low, high, places)
        shown_digits = _computed_decimals(q.computed, *q.bounds, q.decimals)
        further = self.span(low, high, digits) != self.span(*q.bounds, shown_digits)
        text = self.language.text(
            "working.result",
            text=text,
            sign="=" if exact else "≈",
            result=self._result(q, low, high, digits),
            shown=self.quantity(*q.bounds, q.qualifier, q.unit, shown_digits, metric=False),
            rounded="yes" if further else "no",
        )
        if q.price_base is not None:
            return self.language.text("working.prices", text=text, year=q.price_base)
        return text

    def _operand(self, q: Quantity) -> str:
        """An input as its figure is written, with its unit but neither its qualifier nor
        its metric twin; bracketed when a range: '(500,000–600,000)', '(€11–13 billion)'. A
        ratio is a number: '2.34 ÷ 1.5', not '2.34 times ÷ 1.5 times'."""
        low, high = q.bounds
        digits = _computed_decimals(q.computed, low, high, q.decimals)
        if q.unit == "times":
            text = self.span(low, high, digits)
        else:
            text = self.quantity(low, high, None, q.unit, digits, metric=False)
        return f"({text})" if DASH in text else text

    def _result(self, q: Quantity, low: float, high: float, decimals: int | None) -> str:
        """A working's result with its unit, and a rate's time unless its unit says one:
        '853 a day' (`working.per_day`), '47,753 per 42 days' (`working.per_period`). A ratio
        is a number, as its operands are: '1,250 ÷ 610 ≈ 2', not '≈ 2 times' (German 'das
        2-Fache' cannot follow '≈')."""
        if q.unit == "times":
            return self.span(low, high, decimals)
        text = self.quantity(low, high, None, q.unit, decimals, metric=False)
        spec = q.derivation
        if spec is None or spec.unit is not None or spec.op not in ("per-day", "per-period"):
            return text
        if spec.op == "per-day":
            return self.language.text("working.per_day", n=text)
        days = self.language.amount("working.days", spec.days or 1, self.number(spec.days or 1))
        return self.language.text("working.per_period", n=text, days=days)

    def _computation(
        self, q: Quantity, operand: Callable[[Quantity], str], days: Callable[[Period], str]
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


_YEAR_LAST = re.compile(r", (\d{4})$")
"""A title's closing year after a comma ('…weltweit, 2023'), written in parentheses in a
formula, where the commas of the sentence around it would pile up ('… (2023) − … (2023), soit')."""
_DAY = re.compile(r"('[^']*')|(?<![A-Za-z])d(?![A-Za-z])")
"""A date pattern's quoted text (kept) or its day field 'd'."""


def _with_day(pattern: str, word: str) -> str:
    """`pattern` with its day field written as `word`, quoted: ('d MMMM y', '1er') ->
    "'1er' MMMM y"."""
    literal = "'" + word.replace("'", "''") + "'"
    return _DAY.sub(lambda m: m.group(1) or literal, pattern)


_YEAR = re.compile(r"[\s,.]*y+[\s.]*$")
"""A date pattern's closing year ('d MMMM y' -> 'd MMMM'), left off where a span names it once."""


def _whole_year(value: Period) -> bool:
    """True for a span from 1 January (or January) to 31 December (or December) of one year."""
    start, end = value.start, value.end
    return (
        start.year == end.year
        and start.precision != "year"
        and (start.month, start.day or 1) == (1, 1)
        and end.month == 12
        and (end.day or 31) == 31
    )


_MONTH_FIELD = re.compile(r"('[^']*'|[^'ML])*?(?=\s*[ML])")
"""A date pattern's text before its month field, quoted text kept whole."""


def _day_only(pattern: str) -> str:
    """A day pattern's day alone, for the start of a span within one month: 'd MMMM y' ->
    'd', 'd. MMMM y' -> 'd.', "'1er' MMMM y" -> "'1er'"; a pattern naming the month before
    the day ('MMMM d, y') is kept whole."""
    found = _MONTH_FIELD.match(pattern)
    return found.group(0) if found and found.group(0).strip() else pattern


def _one_month(value: Period) -> bool:
    """True for a span of two days of one month: its month and year are written once."""
    start, end = value.start, value.end
    return (
        start != end
        and start.precision == end.precision == "day"
        and (start.year, start.month) == (end.year, end.month)
    )


def _one_year(value: Period) -> bool:
    """True for a span of days or months within one year: its year is written once."""
    start, end = value.start, value.end
    return (
        start != end
        and start.year == end.year
        and start.precision != "year"
        and end.precision != "year"
    )


def initial(word: str, aspirated: Collection[str] = ()) -> str:
    """'vowel' or 'consonant': how `word` opens, for a message that elides before a vowel
    ('d’euros'). An 'h' is mute, elided before ('d’habitants', 'd’hommes'), unless the word
    is one of the language's `aspirated` ones (the catalog's `typography.aspirated`: 'de
    hausse', 'de hryvnias'), which only a dictionary tells."""
    first = word[:1].lower()
    if first == "h":
        head = word.split(" ", 1)[0].lower()
        return "consonant" if head in aspirated else "vowel"
    return "vowel" if first in _VOWELS else "consonant"


def _as_shown(x: float, decimals: int | None) -> tuple[Decimal, str | None]:
    """The number a reader sees, and CLDR's key of the word it is scaled by: 1234567 ->
    (1234567, None); 1200000 -> (1.2, '1000000'), read '1.2 million'."""
    if decimals is None:
        for scale, multiple, key in _SCALES:
            if abs(x) >= scale and round(x) % multiple == 0:
                return half_up(x / scale, 2), key
        decimals = 0 if float(x).is_integer() else (1 if abs(x) >= 1 else 2)
    return half_up(x, decimals), None


def _computed_decimals(computed: bool, low: float, high: float, decimals: int | None) -> int | None:
    """The decimals a figure is written to: a computed one's `decimals` (1 unless it says)
    are for a ratio's '2.4 times'; a result in millions or billions, whole at its decimals, is
    written as a source's is, scaled ('800 millions d’euros', not '800 000 000 euros')."""
    if computed and all(_as_shown(x, None)[1] is not None for x in (low, high)):
        if all(float(half_up(x, decimals or 0)).is_integer() for x in (low, high)):
            return None
    return decimals


def _twin(
    low: float, high: float, factor: float, decimals: int | None
) -> tuple[tuple[Decimal, str | None], tuple[Decimal, str | None]]:
    """A metric twin's ends as `_as_shown` gives a number, no more precise than the figure as
    a reader sees it. A plain figure's twin keeps its significant figures, two at least ('25
    yards (23 metres)', '1.5 miles (2.4 kilometres)', '1 mile (1.6 kilometres)': one figure
    would give '2 kilometres', 24% out, and '5 yards (5 metres)' reads as if a yard were a
    metre), a range's the larger count of its two ends, for both. A figure with a scale
    word has its twin in a scale word too, the figure's (the next one up from a thousand of
    it), to the figure's decimals, one at least ('1 million yards (0.9 million metres)', '3
    billion miles (4.8 billion kilometres)'): a twin in bare digits ('914,400') would read
    as measured."""
    shown = [_as_shown(x, decimals) for x in (low, high)]
    ends = (low * factor, high * factor)
    keys = [key for _, key in shown if key is not None]
    if keys:
        key = max(keys, key=int)
        if abs(ends[1]) >= 1000 * int(key):
            key = _SCALES[0][2]  # 1,448 million kilometres are 1.4 billion
        places = max(1, *(-int(_trimmed(d).as_tuple().exponent) for d, _ in shown))
        low_end, high_end = (half_up(x / int(key), places) for x in ends)
        return (low_end, key), (high_end, key)
    figures = max(2, *(_figures(d, exact=decimals is not None) for d, _ in shown))
    # Rounded to its figures, the number as Python writes it back: zeros after a decimal
    # point it may add ('100.0') are not shown (`_trimmed`).
    low_end, high_end = (Decimal(repr(round_significant(x, figures))) for x in ends)
    return (low_end, None), (high_end, None)


def _figures(shown: Decimal, *, exact: bool) -> int:
    """Significant figures of a number as a reader sees it: '25' 2, '62.1' 3, '5' 1; a round
    number's zeros are not counted ('1,000' 1), unless its source gave its decimals (`exact`:
    1,200,000 at no decimals has 7)."""
    digits = format(abs(_trimmed(shown)), "f").replace(".", "").lstrip("0")
    return len(digits) if exact else len(digits.rstrip("0"))


def _count(x: float, decimals: int | None) -> Decimal:
    """The number as shown, unscaled, which a unit's words agree with: 1.2 million -> 1200000,
    a whole number (not 1200000.00, whose written decimals CLDR would count as a fraction's)."""
    return _unscaled(*_as_shown(x, decimals))


def _unscaled(value: Decimal, scale: str | None) -> Decimal:
    """A number as `_as_shown` gives it, without its scale word: (1.2, '1000000') -> 1200000."""
    return value if scale is None else _trimmed(value * int(scale))


def _trimmed(d: Decimal) -> Decimal:
    """12.50 -> 12.5, 3.00 -> 3: a number shows no trailing zeros after its decimal point."""
    return d.quantize(Decimal(1), context=_WIDE) if d == d.to_integral_value() else d.normalize()


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
