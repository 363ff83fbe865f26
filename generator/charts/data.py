"""A chart's data, read from the figures and events it names, in one unit per axis.

The drawing, the text alternative, the data table and the CSV are all made from the
`ChartData` built here, so they can never disagree with each other or with the figures.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .. import numerals
from ..content import Content
from ..errors import ContentError
from ..exports import csv_text
from ..language import Language
from ..models import Chart, Event, PartialDate, Period, Quantity
from ..numbers import Writer, initial
from ..typography import in_text
from ..units import Unit, base_unit, measure, unit
from ..validation import charts as chart_rules

DATED = ("line", "column")
"""The kinds that place each figure at its date on a time axis."""


@dataclass(frozen=True)
class Row:
    """One figure of a bar or range-bar chart, its numbers in the chart's unit."""

    id: str
    label: str
    """The figure's label as written; it reads after the value ('of the world’s land …')."""
    short: str | None
    """The figure's short name for its row, when it has one ('Folz report, 2019')."""
    short_dated: bool
    """True when the short name names the year the figure starts in: the row adds no date."""
    series: str | None
    """What the colour stands for: the measure in a range-bar chart, the side in a bar chart
    (`chart_rules.OTHERS` for a figure with no side); None for a figure computed by this site."""
    low: float
    high: float
    as_given: str
    """The figure as its source gives it: 'up to 7.5 kilometres a day'."""
    says: str | None
    """'The UN estimates'; None for a figure computed by this site."""
    when: str
    """Its period, when the chart's rows differ in period and the label does not say it."""
    said_when: str
    """That period as a sentence says it ('from 24 February 2022 to December 2025')."""
    qualifier: str | None
    period_start: str | None
    period_end: str | None
    as_of: str | None
    sources: tuple[tuple[str, str | None], ...]
    """(source id, outlet id or None) behind the row."""
    date: PartialDate | None = None
    """The date a line or column chart places it at (see `_placed`)."""
    in_sentence: str = ""
    """The figure as its sentence says it ('800 millions à 1,2 milliard d’euros', where the
    drawing and the table write '800 millions–1,2 milliard d’euros'); `as_given` if empty."""
    words: tuple[tuple[str, object], ...] = ()
    """What the catalog's `blocks.claim` is given besides its texts (`Writer.claim_words`)."""
    day: dt.date | None = None
    """That date's day on the time axis: the middle of the year, month or period it names."""

    @property
    def single(self) -> bool:
        return self.low == self.high

    def text(self, language: Language) -> str:
        """The row's label in the drawing: 'about 80 metres a day for the advance at …, 1916',
        or, when the figure has a short name, 'Folz report, 2019: €12.4 billion'."""
        if self.short:
            text = language.text("charts.named_row", name=self.short, value=self.as_given)
            return f"{text}, {self.when}" if self.when and not self.short_dated else text
        return self._phrase(language)

    def _phrase(self, language: Language) -> str:
        """The value and what it counts, as the page's sentence has them."""
        if self.says is None:
            label = f"{self.label[:1].upper()}{self.label[1:]}"
            text = language.text("charts.computed_row", label=label, value=self.as_given)
        else:
            text = f"{self.as_given} {self.label}"
        return f"{text}, {self.when}" if self.when else text

    def head(self, language: Language) -> str:
        """The row's head in the chart's data table: its short name where it has one, as the
        drawing labels it ('Erste Dosis, weltweit 2023'), with no value after it (the next
        column has it); else the whole sentence, who says it included (German review,
        round 5, A2: 'Nach Schätzung von WHO und CDC erhielten 83 % … | 83' said it twice)."""
        if self.short:
            return (
                f"{self.short}, {self.when}" if self.when and not self.short_dated else self.short
            )
        return self.sentence(language)

    def sentence(self, language: Language) -> str:
        """As the page words it: 'The UN estimates about 8.2 billion people in the world'
        (a short name is for the drawing only: the text alternative reads the whole)."""
        if self.says is None:
            return language.text("charts.computed", text=self._phrase(language))
        return language.text(
            "blocks.claim",
            **dict(self.words),
            value=self.in_sentence or self.as_given,
            label=self.label,
            when=self.said_when,
        )


@dataclass(frozen=True)
class Moment:
    """One event of a timeline; a date known only to the month or year spans it."""

    id: str
    title: str
    date: PartialDate
    when: str
    """Its date as the page writes it."""
    sources: tuple[tuple[str, str | None], ...]

    @property
    def first(self) -> dt.date:
        return self.date.first_day()

    @property
    def last(self) -> dt.date:
        return self.date.last_day()


def shown(writer: Writer, found: Unit, scale: str = "") -> str:
    """What a chart in unit `found` shows, in the catalog's `charts.measure`: chosen by what the
    unit measures (`units.measure`), so that a catalog may name it ('amounts in euros') or, as
    German does, keep 'Zahlen (Einheit: Euro)' for every unit."""
    return writer.language.text(
        "charts.measure",
        measure=measure(found),
        unit=writer.unit_name(found.key),
        scale=scale,
    )


@dataclass(frozen=True)
class ChartData:
    chart: Chart
    language: Language
    """The sheet's language: part of what decides a drawing, so part of its cache key."""
    unit: Unit | None
    """The value axis' unit (None for a timeline)."""
    rows: tuple[Row, ...] = ()
    moments: tuple[Moment, ...] = ()
    shared_period: str | None = None
    """The period every row covers, when they all cover the same one."""
    shared_said: str | None = None
    """That period as a sentence says it ('in 2021', 'as of 16 December 2022')."""
    series_names: tuple[tuple[str, str], ...] = ()
    """(series id, its name for readers): the sheet's display names of the sides, or of the
    measures, its rows' colours stand for (the chart rules ask for one wherever a legend
    shows it; a chart of one series shows none, and its id is never read)."""
    whole: Row | None = None
    """A stacked bar's whole, which its rows are the parts of."""

    @cached_property
    def writer(self) -> Writer:
        """The sheet's writer, knowing the chart's unit (a sheet's own unit included)."""
        return Writer(self.language, {self.unit.key: self.unit} if self.unit else {})

    @property
    def unit_words(self) -> str:
        """'metres a day', 'people', 'per cent', 'US dollars': how the axis is titled."""
        return self.writer.unit_name(self.unit.key) if self.unit else ""

    @property
    def unit_in(self) -> str:
        """The unit's name where a sentence says the chart is 'in' it ('in Kilometern')."""
        return self.writer.unit_name(self.unit.key, use="in") if self.unit else ""

    def shows(self, scale: str = "") -> str:
        """What the chart shows, as its description names it: 'percentages', 'speeds in metres
        a day, on a logarithmic scale' (not 'figures (unit: per cent)', review 4, en A1)."""
        return shown(self.writer, self.unit, scale) if self.unit else ""

    def series(self) -> list[tuple[str | None, str]]:
        """Each series the rows' colours stand for, in order of first appearance, with its
        name for the legend; None (no series: a figure computed by this site) is one too."""
        names = dict(self.series_names)
        found: dict[str | None, str] = {}
        for row in self.rows:
            if row.series not in found:
                fallback = self.language.text("charts.legend_computed")
                found[row.series] = fallback if row.series is None else names[row.series]
        return list(found.items())

    def axis_span(self) -> tuple[PartialDate, PartialDate]:
        """The first and last year of a line or column chart's time axis, as its ticks name
        them (months, for an axis of a year or so)."""
        days = [r.day for r in self.rows if r.day]
        first, last = min(days), max(days)
        if (last - first).days > 550:
            return PartialDate(year=first.year), PartialDate(year=last.year)
        return (
            PartialDate(year=first.year, month=first.month),
            PartialDate(year=last.year, month=last.month),
        )

    def sources(self) -> list[tuple[str, str | None]]:
        """Every (source, outlet) behind the chart, in order of first use, without repeats."""
        seen: dict[tuple[str, str | None], None] = {}
        items: tuple[Row | Moment, ...] = (*self.rows, *self.moments)
        for item in items:
            for pair in item.sources:
                seen.setdefault(pair, None)
        return list(seen)

    def text_alternative(self) -> str:
        """What the chart shows and every number in it, for readers who cannot see it."""
        say = self.language.text
        title = self.chart.title.rstrip(".")
        if self.chart.kind == "timeline":
            first, last = self.moments[0], self.moments[-1]
            # Each event a sentence of its own, as the rows of other charts are: a title may
            # hold a semicolon ('…leaves office at the end of September; a successor takes over').
            # After the colon, a title as the language writes it there ('Décembre 2007 :
            # début du chantier', typography.after_colon).
            said = [
                say(
                    "charts.item",
                    when=m.when,
                    title=in_text(self.language, m.title, "after_colon"),
                    precision=m.date.precision,  # uk '5 грудня 2001 року — …'
                )
                for m in self.moments
            ]
            items = " ".join(  # a sentence opens with a capital: 'Лютий 2025: …'
                say("typography.sentence", text=f"{item[:1].upper()}{item[1:]}") for item in said
            )
            count = len(self.moments)
            events = self.writer.counted("charts.events", count, "events")
            return say(
                "charts.timeline",
                title=title,
                events=events,
                first=first.when,
                last=last.when,
                span=self.writer.during(Period(start=first.date, end=last.date)),
                items=items,
            )
        scale = say("charts.log_scale") if self.chart.scale == "log" else ""
        if self.chart.kind in DATED:
            start, end = self.axis_span()
            since, until = self.writer.date(start), self.writer.date(end)
            # Every figure of one date: the chart says it once, as its rows' sentences would
            # ('as of 16 December 2022', 'in 2021'), not 'each at its date'.
            dates = {r.date for r in self.rows}
            one = self.shared_said is not None or len(dates) == 1
            span = (
                self.shared_said or self.writer.time_phrase(None, start, sentence=True)
                if one
                else self.writer.during(Period(start=start, end=end))  # 'from … to …'
            )
            what = say(
                f"charts.{self.chart.kind}",
                unit=self.unit_words,
                scale=scale,
                first=since,
                last=until,
                first_precision=start.precision,  # 'du 24 février', 'd’octobre 2019'
                first_initial=initial(since, self.language.aspirated),
                last_precision=end.precision,
                span=span,
                dates="one" if one else "several",
                ranges=self._ranges(),  # no word of a range bar where no row has a range
            )
        elif self.whole is not None:
            whole = self.whole.sentence(self.language)
            what = say("charts.stacked_bar", unit=self.unit_words, whole=whole)
        else:
            kind = "charts.range_bar" if self.chart.kind == "range-bar" else "charts.bar"
            singles = "some" if any(r.single for r in self.rows) else "none"
            shows = self.shows(scale)
            # $unit and $scale, for a sheet's override written before $what (validation warns).
            what = say(kind, what=shows, unit=self.unit_words, scale=scale, singles=singles)
        parts = [f"{title}.", f"{what}."]
        said_in_what = self.chart.kind in DATED and self.shared_said is not None
        if self.shared_period and not said_in_what:
            # As a sentence says it ('з жовтня 2019 року до травня 2023 року'): the label form
            # ('жовтень 2019 – травень 2023') left months in the nominative and two dashes.
            period = self.shared_said or self.shared_period
            parts.append(say("charts.all_cover", period=period))
        # Each row is a sentence of its own, opening with its source's words: a stop between
        # them, as '; ' would put a capital after a semicolon.
        parts.extend(f"{row.sentence(self.language)}." for row in self.rows)
        return " ".join(parts)

    def _ranges(self) -> str:
        """'some' when a row is a range (low ≠ high), else 'none': a chart's description names
        the mark of a range only where one is drawn (review 3, A5)."""
        return "some" if any(not r.single for r in self.rows) else "none"

    def table(self) -> tuple[list[str], list[list[str]]]:
        """The data table beside the chart: header and rows, as text."""
        say = self.language.text
        if self.chart.kind == "timeline":
            header = [say("charts.date"), say("charts.event")]
            return header, [[m.when, m.title] for m in self.moments]
        unit = self.unit_words
        if self.unit is not None and self.unit.key == "percent":  # a head says 'Low (%)'
            unit = self.language.locale.number_symbols["latn"]["percentSign"]
        rows = self.rows + ((self.whole,) if self.whole else ())
        sentences = [r.head(self.language) for r in rows]
        if {"charts.low", "charts.high"} & self.language.overridden:  # replaced in 0.3
            header = [
                say("charts.figure"),
                say("charts.low", unit=unit),
                say("charts.high", unit=unit),
            ]
            return header, [
                [text, self.writer.number(r.low), self.writer.number(r.high)]
                for text, r in zip(sentences, rows, strict=True)
            ]
        header = [say("charts.figure"), say("charts.value", unit=unit)]
        return header, [[text, self._value(r)] for text, r in zip(sentences, rows, strict=True)]

    def _value(self, row: Row) -> str:
        """A row's number as its source gives it, qualifier kept and in the table's unit:
        'fast 93', '500,000–600,000'. Not a low and a high bound: 'nearly 93' has neither."""
        text = self.writer.span(row.low, row.high)
        if row.qualifier and row.qualifier != "exactly":
            text = self.language.text(
                f"qualifiers.{row.qualifier}", n=text, kind="amount", governed="no", range="none"
            )
        return text

    def csv(self) -> str:
        """Exactly the chart's data: one line per row or event, numbers in the chart's unit."""
        if self.chart.kind == "timeline":
            columns = ["id", "date", "first_day", "last_day", "title", "source", "via"]
            records: list[dict[str, Any]] = [
                {
                    "id": m.id,
                    "date": m.date.iso(),
                    "first_day": m.first.isoformat(),
                    "last_day": m.last.isoformat(),
                    "title": m.title,
                    "source": m.sources[0][0],
                    "via": m.sources[0][1],
                }
                for m in self.moments
            ]
            return csv_text(records, columns)
        columns = [
            "id",
            "label",
            "qualifier",
            "low",
            "high",
            "unit",
            "as_given",
            "period_start",
            "period_end",
            "as_of",
            "source",
            "via",
        ]
        records = [
            {
                "id": r.id,
                "label": r.label,
                "qualifier": r.qualifier,
                "low": numerals.exact_text(r.low),
                "high": numerals.exact_text(r.high),
                "unit": self.unit.key if self.unit else None,
                "as_given": r.as_given,
                "period_start": r.period_start,
                "period_end": r.period_end,
                "as_of": r.as_of,
                "source": [s for s, _ in r.sources],
                "via": [v for _, v in r.sources if v],
            }
            for r in self.rows + ((self.whole,) if self.whole else ())
        ]
        return csv_text(records, columns)


def chart_data(content: Content, chart: Chart) -> ChartData:
    """Read a chart's figures or events; ContentError if the chart rules refuse it."""
    problems = chart_rules.problems_of(content, chart)
    if problems:
        raise ContentError(problems)
    if chart.kind == "timeline":
        events = sorted((content.events[e] for e in chart.events), key=_event_order)
        writer = content.writer
        moments = tuple(_moment(e, writer) for e in events)
        return ChartData(chart, content.language, None, moments=moments)
    ids = [*chart.figures, *([chart.whole] if chart.whole else [])]
    quantities = [content.quantity(qid) for qid in ids]
    unit_key, factors = _common_unit(quantities)
    periods = {content.writer.when(q) for q in quantities}
    shared = periods.pop() if len(periods) == 1 else None
    said = {content.writer.when(q, sentence=True) for q in quantities}
    shared_said = said.pop() if len(said) == 1 else None
    every = tuple(
        _row(content, chart, q, factors[q.unit], show_period=shared is None) for q in quantities
    )
    rows, whole = (every[:-1], every[-1]) if chart.whole else (every, None)
    names = dict(content.sheet.measures if chart.kind == "range-bar" else content.sheet.sides)
    names[chart_rules.OTHERS] = chart.others or content.language.text("charts.legend_others")
    if chart.kind == "stacked-bar":  # each part is named by its own label on the chart
        names.update((r.id, r.text(content.language)) for r in rows)
    series = dict.fromkeys(r.series for r in rows if r.series is not None)
    return ChartData(
        chart,
        content.language,
        unit(unit_key, content.units),
        rows=rows,
        shared_period=shared or None,
        shared_said=shared_said or None,
        series_names=tuple((key, names.get(key, key)) for key in series),
        whole=whole,
    )


def _common_unit(quantities: list[Quantity]) -> tuple[str, dict[str, float]]:
    """The one unit of the axis: the figures' own if they agree, else the base they share
    (the chart rules refuse figures that share none), with each unit's factor to it."""
    keys = list(dict.fromkeys(q.unit for q in quantities))
    if len(keys) == 1:
        return keys[0], {keys[0]: 1.0}
    bases = {key: base_unit(key) for key in keys}
    return bases[keys[0]][0], {key: factor for key, (_, factor) in bases.items()}


def _row(content: Content, chart: Chart, q: Quantity, factor: float, show_period: bool) -> Row:
    low, high = q.bounds
    shows = show_period and not _mentions_year(q.label, q)
    covers = content.writer.when(q) if shows else ""
    series = chart_rules.series_of(chart, q)
    period = None if q.dated_in_label else q.period  # dated in its label: no date stands for it
    placed = _placed(q) if chart.kind in DATED else None
    return Row(
        id=q.id,
        label=q.label,
        short=q.short,
        short_dated=q.short is not None and _mentions_year(q.short, q),
        series=series,
        low=low * factor,
        high=high * factor,
        as_given=content.writer.shown(q),
        in_sentence=content.writer.shown(q, sentence=True),
        says=q.says,
        when=covers,
        said_when=content.writer.said_when(q) if shows else "",
        qualifier=q.qualifier,
        period_start=period.start.iso() if period else None,
        period_end=period.end.iso() if period else None,
        as_of=q.as_of.iso() if q.as_of and not q.dated_in_label else None,
        sources=tuple((s, q.via) for s in q.sources),
        date=placed[0] if placed else None,
        day=placed[1] if placed else None,
        words=tuple({**content.writer.claim_words(q), "dated": "yes" if covers else "no"}.items()),
    )


def _placed(q: Quantity) -> tuple[PartialDate, dt.date] | None:
    """Where a figure stands on a time axis: the date it was true (`as_of`), or the end of
    the period it covers (a total to December 2025 is known then), at the middle of the year
    or month that date names; a period of one whole calendar year or month (a year's births)
    at its middle. None for a timeless figure (the chart rules refuse it)."""
    if q.as_of is not None:
        first, last = q.as_of.first_day(), q.as_of.last_day()
        return q.as_of, first + (last - first) / 2
    if q.period is None:
        return None
    start, end = q.period.start.first_day(), q.period.end.last_day()
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    whole_month = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    if start.year == end.year and (whole_year or (whole_month and start.month == end.month)):
        return q.period.end, start + (end - start) / 2
    first = q.period.end.first_day()
    return q.period.end, first + (end - first) / 2


def _mentions_year(label: str, q: Quantity) -> bool:
    """True when the label already names the year its figure starts in ('… in 2024')."""
    start = q.period.start if q.period else q.as_of
    return start is not None and re.search(rf"\b{start.year}\b", label) is not None


def _event_order(e: Event) -> tuple[dt.date, dt.date]:
    return (e.date.first_day(), e.date.last_day())


def _moment(e: Event, writer: Writer) -> Moment:
    return Moment(
        id=e.id, title=e.title, date=e.date, when=writer.date(e.date), sources=((e.source, e.via),)
    )
