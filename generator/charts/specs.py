"""Vega-Lite specs from a chart's data, as plain dicts: one per drawn variant (see `schemes`).

Labels sit above their bars and wrap, so a chart drawn 320 px wide reads on a 375 px phone
or in a half-width column without shrinking its text; a second drawing 640 px wide is for
slots at least that wide (see `html.picture`). Rows and
timeline labels are laid out here in pixels (so that long labels never overlap); values are
placed on real scales, with axis ticks written by `numbers.py`.

The specs are written as dicts (`vegalite`), not with Altair: importing Altair and copying
its objects took half a second and 40 MB of every build that drew a chart, for the same JSON.
A test checks every spec, whole, against the Vega-Lite schema.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import textwrap
from typing import Any

from . import vegalite as vl
from .data import ChartData, Moment
from .locale import number_locale, time_locale
from .schemes import NARROW, VARIANTS, Scheme, Variant

__all__ = ["spec", "VARIANTS", "Variant", "VEGA_LITE"]

VEGA_LITE = "6.4.1"
"""The Vega-Lite version the specs are written for, and drawn with: the schema a test checks
them against (Altair's copy, `alt.SCHEMA_VERSION`)."""
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
SIZE, LINE, SMALL = 13, 17, 12
"""Label font size and line height, and the size of tick labels and dates, in px."""
BAR, GAP, PAD = 14, 14, 4
SWATCH, KEY_GAP = 12, 18
"""A legend's colour square, and the space between one entry and the next, in px."""

SHAPES = (
    "circle",
    "square",
    "triangle-up",
    "diamond",
    "cross",
    "triangle-down",
    "triangle-right",
    "triangle-left",
)
"""Each series' shape on a line or column chart, in order, one per colour: with a shape too,
a series is told from another without its colour (in grey print, or by a colour-blind reader)."""
PLOT = {640: 240.0, 320: 200.0}
"""The height of a line or column chart's plot, by the drawing's width."""

Rows = list[dict[str, Any]]
"""A chart's data, one record per bar or event, laid out in pixels."""
Layers = list[dict[str, Any]]
"""A chart's layers, each a mark and its encoding (`vegalite.layer`)."""


def spec(data: ChartData, variant: Variant) -> dict[str, Any]:
    """The Vega-Lite spec of `data` drawn in `variant`: a plain dict, for vl-convert."""
    kind = data.chart.kind
    build = {"timeline": _timeline, "line": _dated, "column": _dated, "stacked-bar": _stacked}.get(
        kind, _rows
    )
    layers, rows, height = build(data, variant)
    return {
        "$schema": f"https://vega.github.io/schema/vega-lite/v{VEGA_LITE}.json",
        "data": {"values": rows},
        "layer": layers,
        "width": variant.width - 2 * PAD,
        "height": height,
        "padding": PAD,
        "background": "transparent",
        "description": data.text_alternative(),
        "usermeta": {"variant": variant.name},
        # No ARIA labels per mark: the SVG is an <img>, whose alt text is the chart's text
        # alternative, and the labels would spell each bar's colour into the drawing.
        "config": {
            "aria": False,
            "font": FONT,
            "view": {"stroke": None},
            "locale": {
                "number": number_locale(data.language),
                "time": time_locale(data.language),
            },
        },
    }


def _wrap(text: str, width: float, size: int = SIZE) -> list[str]:
    return textwrap.wrap(text, max(12, int(width / (size * 0.52)))) or [""]


def _colours(data: ChartData, scheme: Scheme) -> dict[str | None, str]:
    """A colour per series in order of first appearance, never one colour for two (the chart
    rules refuse more series than the palette has colours); no series is neutral grey."""
    out: dict[str | None, str] = {None: scheme.neutral}
    keys = [key for key, _ in data.series() if key is not None]
    out.update(zip(keys, scheme.series, strict=False))
    return out


def _legend(data: ChartData, colours: dict[str | None, str], width: float) -> tuple[Rows, float]:
    """The legend's entries laid out left to right, wrapping at `width`, and its height; no
    legend (and no height) for a chart of one series, whose title says what it shows."""
    series = data.series()
    if len(series) < 2:
        return [], 0.0
    entries: Rows = []
    x = y = height = 0.0
    for n, (key, name) in enumerate(series):
        lines = _wrap(name, width - SWATCH - 6)
        wide = SWATCH + 6 + max(len(line) for line in lines) * SIZE * 0.52
        if x and x + wide > width:  # the next line of entries
            x, y, height = 0.0, y + height, 0.0
        entries.append({"x": x, "y": y, "lines": lines, "colour": colours[key], "shape": SHAPES[n]})
        height = max(height, len(lines) * LINE)
        x += wide + KEY_GAP
    return entries, y + height + GAP


def _legend_layers(
    entries: Rows, scheme: Scheme, shapes: dict[str | None, str] | None = None
) -> Layers:
    """Each entry: a square of its colour (or, given `shapes`, its series' shape, which its
    marks carry too, so no reader needs the colour), then its name, at the entry's position."""
    if not entries:
        return []
    where = {
        "x": vl.value(vl.expr(f"datum.x + {SWATCH / 2}")),
        "y": vl.value(vl.expr(f"datum.y + {LINE / 2}")),
        "color": vl.field("colour:N", scale=None),
    }
    if shapes is None:
        swatches = vl.layer("rect", where, values=entries, width=SWATCH, height=SWATCH)
    else:
        shape = {"shape": vl.field("shape:N", scale=None)}
        swatches = vl.layer("point", where | shape, values=entries, filled=True, size=90, opacity=1)
    names = vl.layer(
        "text",
        {
            "x": vl.value(vl.expr(f"datum.x + {SWATCH + 6}")),
            "y": vl.value(vl.expr(f"datum.y + {(LINE - SIZE) / 2}")),
            "text": vl.field("lines:N"),
        },
        values=entries,
        align="left",
        baseline="top",
        fontSize=SIZE,
        lineHeight=LINE,
        color=scheme.ink,
    )
    return [swatches, names]


def _rows(data: ChartData, variant: Variant) -> tuple[Layers, Rows, float]:
    """Bar and range-bar charts: a label above each bar, values on one axis.

    Returns the layers, the rows they draw, and the plot's height.
    """
    scheme, inner = variant.scheme, variant.width - 2 * PAD
    colours = _colours(data, scheme)
    log = data.chart.scale == "log"
    lo, hi, ticks = _value_scale(data, log, narrow=variant.width == NARROW)
    legend, y = _legend(data, colours, inner)
    # With a legend, each row's label starts with its series' shape, as its legend entry
    # does: the series is told without its colour.
    shape = {key: SHAPES[n] for n, (key, _) in enumerate(data.series())}
    indent = SWATCH + 6 if legend else 0
    records = []
    for row in data.rows:
        text = row.text(data.language)
        lines = _wrap(text[:1].upper() + text[1:], inner - indent)
        top = y + len(lines) * LINE + 3
        records.append(
            {
                "id": row.id,
                "lines": lines,
                "text_y": y,
                "mark_y": y + LINE / 2,
                "bar_y": top,
                "bar_y2": top + BAR,
                "mid": top + BAR / 2,
                "low": row.low,
                "high": row.high,
                "single": row.single,
                "colour": colours[row.series],
                "shape": shape[row.series],
            }
        )
        y = top + BAR + GAP
    height = y - GAP
    x_scale = {"type": "log" if log else "linear", "domain": [lo, hi], "nice": False, "zero": False}
    y_scale = {"domain": [0, height], "range": [0, height], "nice": False, "zero": False}
    unit = data.language.text("charts.axis_log", unit=data.unit_words) if log else data.unit_words
    x = vl.field("low:Q", scale=x_scale, axis=_value_axis(ticks, data, unit, scheme))
    bar = {"y": vl.field("bar_y:Q", scale=y_scale, axis=None), "y2": vl.field("bar_y2")}
    colour = vl.field("colour:N", scale=None)  # each row's colour is in its data
    track = vl.layer(
        "rect",
        {"x": vl.datum(lo, type="quantitative"), "x2": vl.datum(hi), **bar},
        color=scheme.track,
    )
    layers = [track, *_legend_layers(legend, scheme, shape)]
    if data.chart.kind == "range-bar":
        layers += [
            vl.layer(
                "rect",
                {"x": x, "x2": vl.field("high"), **bar, "color": colour},
                where="!datum.single",
            ),
            vl.layer(
                "point",
                {"x": x, "y": vl.field("mid:Q", scale=y_scale, axis=None), "color": colour},
                where="datum.single",
                filled=True,
                size=150,
                opacity=1,
                shape="circle",
            ),
        ]
    else:
        layers += [
            vl.layer("rect", {"x": x, "x2": vl.datum(lo), **bar, "color": colour}),
            vl.layer(
                "rect",
                {"x": x, "x2": vl.field("high"), **bar, "color": colour},
                where="!datum.single",
                opacity=0.45,
            ),
        ]
    layers.append(
        vl.layer(
            "text",
            {
                "x": vl.value(indent),
                "y": vl.field("text_y:Q", scale=y_scale, axis=None),
                "text": vl.field("lines:N"),
            },
            align="left",
            baseline="top",
            fontSize=SIZE,
            lineHeight=LINE,
            color=scheme.ink,
        )
    )
    if legend:
        layers.append(
            vl.layer(
                "point",
                {
                    "x": vl.value(SWATCH / 2),
                    "y": vl.field("mark_y:Q", scale=y_scale, axis=None),
                    "shape": vl.field("shape:N", scale=None),
                    "color": colour,
                },
                filled=True,
                size=90,
                opacity=1,
            )
        )
    return layers, records, height


def _value_axis(ticks: list[float], data: ChartData, title: str, scheme: Scheme) -> dict[str, Any]:
    """The value axis of a bar chart: its ticks written by numbers.py, in the muted colour."""
    return {
        "values": ticks,
        "labelExpr": _tick_labels(ticks, data),
        "title": title,
        "grid": False,
        "labelFlush": True,
        "labelFontSize": SMALL,
        "titleFontSize": SMALL,
        "titleFontWeight": "normal",
        "labelColor": scheme.muted,
        "titleColor": scheme.muted,
        "domainColor": scheme.muted,
        "tickColor": scheme.muted,
        "labelOverlap": True,
    }


def _value_scale(data: ChartData, log: bool, narrow: bool) -> tuple[float, float, list[float]]:
    """The axis' domain and tick values: powers of ten on a log scale, round steps otherwise."""
    lows = [r.low for r in data.rows]
    highs = [r.high for r in data.rows]
    if log:
        first = math.floor(math.log10(min(lows)))
        last = math.ceil(math.log10(max(highs)))
        if last == first:
            last += 1
        return 10.0**first, 10.0**last, [10.0**k for k in range(first, last + 1)]
    top = max(max(highs), 0.0) or 1.0
    steps = 3 if narrow else 5
    raw = top / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    count = math.ceil(top / step - 1e-9)
    if count * step < top * 1.04:  # room after the longest bar
        count += 1
    ticks = [round(i * step, 10) for i in range(count + 1)]
    return 0.0, ticks[-1], ticks


def _tick_labels(ticks: list[float], data: ChartData) -> str:
    """A Vega expression printing each tick as numbers.py writes it ('500,000', '1 million')."""
    percent = data.unit is not None and data.unit.key == "percent"
    write = data.writer.percent if percent else data.writer.number
    expr = "format(datum.value, ',')"
    for value in reversed(ticks):
        label = json.dumps(write(value), ensure_ascii=False)  # '80 %' in German
        expr = f"datum.value === {value!r} ? {label} : ({expr})"
    return expr


def _timeline(data: ChartData, variant: Variant) -> tuple[Layers, Rows, float]:
    """Events down a vertical time axis; each label as near its date as others allow.

    Returns the layers, the events they draw, and the plot's height.
    """
    scheme, inner = variant.scheme, variant.width - 2 * PAD
    moments = list(data.moments)
    start, end, ticks = _time_ticks(moments, data)
    # Room on the left for the longest tick label ('Mar 2025' fits 66 px; 'жовт. 2024' not).
    axis_x = max(66.0, max(len(text) for _, text in ticks) * SMALL * 0.58 + 10)
    label_x = axis_x + 24
    labels = [_wrap(m.title, inner - label_x) for m in moments]
    heights: list[float] = [SMALL + 4 + len(lines) * LINE for lines in labels]
    span = max(sum(heights) + GAP * len(heights), 160.0)
    start, end, ticks = _time_ticks(moments, data, span)  # as many as the axis has room for
    days = (end - start).days

    def at(day: dt.date) -> float:
        return (day - start).days / days * span

    centres = [(at(m.first) + at(m.last + dt.timedelta(days=1))) / 2 for m in moments]
    tops = _dodge([c - SMALL / 2 - 2 for c in centres], heights, GAP / 2)
    height = max(span, tops[-1] + heights[-1])
    events = [
        {
            "id": m.id,
            "when": m.when,
            "lines": lines,
            "top": top,
            "text_y": top + SMALL + 4,
            "anchor": top + SMALL / 2 + 2,
            "centre": c,
            "from": at(m.first),
            "to": at(m.last + dt.timedelta(days=1)),
            "single": m.first == m.last,
        }
        for m, lines, top, c in zip(moments, labels, tops, centres, strict=True)
    ]
    tick_rows = [{"y": at(day), "label": text} for day, text in ticks]
    x_scale = {"domain": [0, inner], "range": [0, inner], "nice": False, "zero": False}
    y_scale = {"domain": [0, height], "range": [0, height], "nice": False, "zero": False}

    def xy(x: float, y: str) -> dict[str, Any]:
        """Pixel positions: a constant x, and y from a field."""
        return {
            "x": vl.datum(x, type="quantitative", scale=x_scale, axis=None),
            "y": vl.field(y, scale=y_scale, axis=None),
        }

    accent, muted = scheme.series[0], scheme.muted
    line = vl.layer(
        "rule",
        {**xy(axis_x, "y:Q"), "y2": vl.field("y2")},
        values=[{"y": 0, "y2": span}],
        color=muted,
    )
    tick_marks = vl.layer(
        "rule", {**xy(axis_x - 5, "y:Q"), "x2": vl.datum(axis_x)}, values=tick_rows, color=muted
    )
    tick_text = vl.layer(
        "text",
        {**xy(axis_x - 8, "y:Q"), "text": vl.field("label:N")},
        values=tick_rows,
        align="right",
        baseline="middle",
        fontSize=SMALL,
        color=muted,
    )
    spans = vl.layer(
        "rect",
        {**xy(axis_x - 4, "from:Q"), "x2": vl.datum(axis_x + 4), "y2": vl.field("to")},
        where="!datum.single",
        color=accent,
        opacity=0.6,
    )
    leaders = vl.layer(
        "rule",
        {**xy(axis_x + 6, "centre:Q"), "x2": vl.datum(label_x - 4), "y2": vl.field("anchor")},
        color=muted,
        strokeWidth=1,
    )
    dots = vl.layer(
        "point",
        xy(axis_x, "centre:Q"),
        where="datum.single",
        filled=True,
        size=60,
        opacity=1,
        color=accent,
    )
    dates = vl.layer(
        "text",
        {**xy(label_x, "top:Q"), "text": vl.field("when:N")},
        align="left",
        baseline="top",
        fontSize=SMALL,
        fontWeight="bold",
        color=scheme.ink,
    )
    titles = vl.layer(
        "text",
        {**xy(label_x, "text_y:Q"), "text": vl.field("lines:N")},
        align="left",
        baseline="top",
        fontSize=SIZE,
        lineHeight=LINE,
        color=scheme.ink,
    )
    return [line, tick_marks, tick_text, spans, leaders, dots, dates, titles], events, height


TICK_ROOM = SMALL + 6
"""The least distance between two tick labels of a time axis, in px."""


def _time_ticks(
    moments: list[Moment], data: ChartData, span: float | None = None
) -> tuple[dt.date, dt.date, list[tuple[dt.date, str]]]:
    """The axis' first and last day, and its ticks: months for a year or so, else years;
    months by their short names in the sheet's language ('Mar 2025', 'бер. 2025'). Given the
    axis' length `span` in px, every 2nd, 5th, 10th… year (or 2nd, 3rd, 6th month) only, so
    that no two labels touch: a timeline from 1900 to 2025 used to print 127 years on top of
    one another."""
    from babel.dates import format_date

    first = min(m.first for m in moments)
    last = max(m.last for m in moments)
    if (last - first).days > 550:
        start, end = dt.date(first.year, 1, 1), dt.date(last.year + 1, 1, 1)
        years = end.year - start.year
        step = _step(years, span, (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000))
        kept = [y for y in range(start.year, end.year + 1) if y % step == 0]
        return start, end, [(dt.date(y, 1, 1), str(y)) for y in kept]
    start = dt.date(first.year, first.month, 1)
    end = _next_month(dt.date(last.year, last.month, 1))
    months = (end.year - start.year) * 12 + end.month - start.month
    step = _step(months, span, (1, 2, 3, 6, 12))
    ticks, day, shown_year = [], start, None
    while day <= end:
        if (day.month - 1) % step == 0:
            pattern = "LLL" if day.year == shown_year else "LLL y"
            ticks.append((day, format_date(day, pattern, locale=data.language.locale)))
            shown_year = day.year
        day = _next_month(day)
    return start, end, ticks


def _step(count: int, span: float | None, steps: tuple[int, ...]) -> int:
    """The first of `steps` that puts ticks at least TICK_ROOM px apart on `span` px holding
    `count` units; 1 when the length is not known yet."""
    if span is None or count == 0:
        return 1
    return next((k for k in steps if span / count * k >= TICK_ROOM), steps[-1])


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _dodge(wanted: list[float], heights: list[float], gap: float) -> list[float]:
    """Tops for stacked labels: each as near its wanted top as the ones before allow.

    Overlapping labels merge into a cluster centred on where its members want to be, so a
    burst of events spreads above and below its dates instead of only downwards.
    """
    clusters: list[list[int]] = []

    def top(cluster: list[int]) -> float:
        offsets, at = [], 0.0
        for i in cluster:
            offsets.append(wanted[i] - at)
            at += heights[i] + gap
        return max(0.0, sum(offsets) / len(offsets))

    def bottom(cluster: list[int]) -> float:
        return top(cluster) + sum(heights[i] + gap for i in cluster)

    for i in range(len(wanted)):
        clusters.append([i])
        while len(clusters) > 1 and bottom(clusters[-2]) > top(clusters[-1]):
            last = clusters.pop()
            clusters[-1].extend(last)
    tops: list[float] = []
    for cluster in clusters:
        at = top(cluster)
        for i in cluster:
            tops.append(at)
            at += heights[i] + gap
    return tops


def _tick_text(value: float, data: ChartData) -> str:
    """A value axis' tick as numbers.py writes it ('500,000', '80 %' in German)."""
    percent = data.unit is not None and data.unit.key == "percent"
    return data.writer.percent(value) if percent else data.writer.number(value)


def _decimal_year(day: dt.date) -> float:
    """`day` as a year and its fraction: dates keep their true distances on the axis."""
    start = dt.date(day.year, 1, 1)
    return day.year + (day - start).days / (dt.date(day.year + 1, 1, 1) - start).days


def _middle(first: dt.date, last: dt.date) -> dt.date:
    """The middle day of a date known to the year or month (2024 -> 1 July 2024)."""
    return first + (last - first) / 2


def _date_ticks(
    first: dt.date, last: dt.date, width: float, data: ChartData
) -> tuple[float, float, list[tuple[float, str]]]:
    """A time axis of `width` px from the year (or month) of `first` to that of `last`, as
    decimal years, and its ticks at the middle of each year (or month) they label, every
    2nd, 5th, 10th… (or 2nd, 3rd, 6th month) where every one would not fit."""
    from babel.dates import format_date

    if (last - first).days > 550:
        years = range(first.year, last.year + 1)
        step = _room(len(years), width, 4 * SMALL * 0.6 + 6, (1, 2, 5, 10, 20, 25, 50, 100))
        kept = [y for y in years if y % step == 0] or [first.year]
        return float(first.year), float(last.year + 1), [(y + 0.5, str(y)) for y in kept]
    start, end = dt.date(first.year, first.month, 1), _next_month(dt.date(last.year, last.month, 1))
    months, day = [], start
    while day < end:
        months.append(day)
        day = _next_month(day)
    widest = max(len(format_date(d, "LLL y", locale=data.language.locale)) for d in months)
    step = _room(len(months), width, widest * SMALL * 0.58 + 12, (1, 2, 3, 6, 12))
    ticks, shown_year = [], None
    for day in months:
        if (day.month - 1) % step:
            continue
        pattern = "LLL" if day.year == shown_year else "LLL y"
        label = format_date(day, pattern, locale=data.language.locale)
        ticks.append((_decimal_year(_middle(day, _next_month(day) - dt.timedelta(days=1))), label))
        shown_year = day.year
    return _decimal_year(start), _decimal_year(end), ticks


def _room(count: int, width: float, label: float, steps: tuple[int, ...]) -> int:
    """The first of `steps` leaving `label` px for each tick label of `count` on `width` px."""
    return next((k for k in steps if width / count * k >= label), steps[-1])


def _dated(data: ChartData, variant: Variant) -> tuple[Layers, Rows, float]:
    """Line and column charts: each figure at its date on a true time axis (unequal gaps
    stay unequal), values up the side. A line chart names each line at its end with its last
    value; a column chart of several sides groups the columns of one date, and marks each
    with its side's shape, which its legend shows too.

    Returns the layers, the marks they draw, and the drawing's height.
    """
    scheme, inner = variant.scheme, variant.width - 2 * PAD
    line = data.chart.kind == "line"
    colours = _colours(data, scheme)
    series = data.series()
    shape = {key: SHAPES[n] for n, (key, _) in enumerate(series)}
    named = dict(series)
    log = data.chart.scale == "log"
    lo, hi, vticks = _value_scale(data, log, narrow=variant.width == NARROW)
    axis_w = max(len(_tick_text(v, data)) for v in vticks) * SMALL * 0.58 + 10
    legend, top = ([], 0.0) if line else _legend(data, colours, inner)
    unit_y, top = top, top + LINE + 6
    plot_h = PLOT[variant.width]
    bottom = top + plot_h

    rows = sorted(data.rows, key=lambda r: r.day or dt.date.min)
    days = {r.id: r.day for r in rows if r.day}
    last_of: dict[str | None, Any] = {r.series: r for r in rows}  # each series' latest
    ends: dict[str | None, list[str]] = {}
    end_w = 0.0
    if line:
        budget = inner * (0.35 if variant.width == NARROW else 0.4)
        for key, row in last_of.items():
            text = row.as_given if len(series) < 2 else f"{named[key]}: {row.as_given}"
            ends[key] = _wrap(text, budget)
        end_w = max(len(t) for lines in ends.values() for t in lines) * SIZE * 0.52 + 4
    left, right = axis_w, inner - (end_w + 10 if line else 4)
    x0, x1, xticks = _date_ticks(min(days.values()), max(days.values()), right - left, data)

    def at(year: float, pad: float) -> float:
        return left + pad + (year - x0) / (x1 - x0) * (right - left - 2 * pad)

    def up(value: float) -> float:
        if log:
            share = (math.log10(value) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
        else:
            share = (value - lo) / (hi - lo)
        return bottom - share * plot_h

    positions = {rid: _decimal_year(day) for rid, day in days.items()}
    slot: dict[float, list[str | None]] = {}
    for row in rows:  # the sides sharing a date
        keys = slot.setdefault(positions[row.id], [])
        if row.series not in keys:
            keys.append(row.series)
    pad = 8.0
    col_w = 0.0
    if not line:  # columns: as wide as the closest two dates and the sides sharing one allow
        xs = sorted(at(p, 0) for p in slot)
        gaps = [b - a for a, b in zip(xs, xs[1:], strict=False)] or [right - left]
        sides = max(len(keys) for keys in slot.values())
        group = min(min(gaps) * 0.8, 30.0 * sides, (right - left) * 0.5)
        col_w = max(4.0, group / sides)
        pad = group / 2 + 2
    records: Rows = []
    for row in rows:
        keys = sorted(slot[positions[row.id]], key=lambda k: list(shape).index(k))
        x = at(positions[row.id], pad)
        if not line:
            x += (keys.index(row.series) - (len(keys) - 1) / 2) * col_w
        records.append(
            {
                "id": row.id,
                "series": str(row.series),
                "x": x,
                "xl": x - col_w / 2 + 0.5,
                "xr": x + col_w / 2 - 0.5,
                "cl": x - 4,
                "cr": x + 4,
                "low": up(row.low),
                "high": up(row.high),
                "mid": up((row.low + row.high) / 2),
                "base": bottom,
                "single": row.single,
                "colour": colours[row.series],
                "shape": shape[row.series],
                "mark": up(row.high) - 8,
            }
        )
    labels: Rows = []
    if line:
        by_id = {r["id"]: r for r in records}
        keys = list(ends)
        wanted = [by_id[last_of[k].id]["mid"] - LINE / 2 for k in keys]
        order = sorted(range(len(keys)), key=lambda i: wanted[i])
        heights = [float(len(ends[keys[i]]) * LINE) for i in order]
        tops = _dodge([wanted[i] for i in order], heights, 2)
        for i, t in zip(order, tops, strict=True):
            k = keys[i]
            labels.append({"x": by_id[last_of[k].id]["x"] + 10, "y": t, "lines": ends[k]})
    height = bottom + 6 + SMALL + 6
    if labels:
        height = max(height, max(lab["y"] + len(lab["lines"]) * LINE for lab in labels))
    x_scale = {"domain": [0, inner], "range": [0, inner], "nice": False, "zero": False}
    y_scale = {"domain": [0, height], "range": [0, height], "nice": False, "zero": False}

    def px(name: str, axis: str) -> dict[str, Any]:
        """A position in pixels from a field."""
        return vl.field(name, scale=x_scale if axis == "x" else y_scale, axis=None)

    def const(at: float, axis: str) -> dict[str, Any]:
        """A position in pixels, the same for every mark."""
        scale = x_scale if axis == "x" else y_scale
        return vl.datum(at, type="quantitative", scale=scale, axis=None)

    muted, colour = scheme.muted, vl.field("colour:N", scale=None)
    grid_rows = [{"y": up(v), "label": _tick_text(v, data)} for v in vticks]
    x_rows = [{"x": at(t, pad), "label": text} for t, text in xticks]
    unit = data.language.text("charts.axis_log", unit=data.unit_words) if log else data.unit_words
    small: dict[str, Any] = {"fontSize": SMALL, "color": muted}
    layers: Layers = [
        vl.layer(
            "rule",
            {"x": const(left, "x"), "x2": vl.datum(right), "y": px("y:Q", "y")},
            values=grid_rows,
            color=scheme.track,
        ),
        vl.layer(
            "text",
            {"x": const(left - 6, "x"), "y": px("y:Q", "y"), "text": vl.field("label:N")},
            values=grid_rows,
            align="right",
            baseline="middle",
            **small,
        ),
        vl.layer(
            "text",
            {"x": const(0, "x"), "y": const(unit_y, "y"), "text": vl.field("text:N")},
            values=[{"text": unit}],
            align="left",
            baseline="top",
            **small,
        ),
        vl.layer(
            "rule",
            {"x": const(left, "x"), "x2": vl.datum(right), "y": const(bottom, "y")},
            values=[{}],
            color=muted,
        ),
        vl.layer(
            "rule",
            {"x": px("x:Q", "x"), "y": const(bottom, "y"), "y2": vl.datum(bottom + 4)},
            values=x_rows,
            color=muted,
        ),
        vl.layer(
            "text",
            {"x": px("x:Q", "x"), "y": const(bottom + 6, "y"), "text": vl.field("label:N")},
            values=x_rows,
            align="center",
            baseline="top",
            **small,
        ),
    ]
    ranges = "!datum.single"
    if line:
        layers += [
            vl.layer(
                "line",
                {
                    "x": px("x:Q", "x"),
                    "y": px("mid:Q", "y"),
                    "detail": vl.field("series:N"),
                    "order": vl.field("x:Q"),
                    "color": colour,
                },
                strokeWidth=2,
            ),
            vl.layer(
                "rule",
                {
                    "x": px("x:Q", "x"),
                    "y": px("low:Q", "y"),
                    "y2": vl.field("high"),
                    "color": colour,
                },
                where=ranges,
                strokeWidth=2,
            ),
            *(
                vl.layer(
                    "rule",
                    {
                        "x": px("cl:Q", "x"),
                        "x2": vl.field("cr"),
                        "y": px(end, "y"),
                        "color": colour,
                    },
                    where=ranges,
                    strokeWidth=2,
                )
                for end in ("low:Q", "high:Q")
            ),
        ]
    else:
        column = {"x": px("xl:Q", "x"), "x2": vl.field("xr"), "color": colour}
        layers += [
            vl.layer("rect", {**column, "y": px("base:Q", "y"), "y2": vl.field("low")}),
            vl.layer(
                "rect",
                {**column, "y": px("low:Q", "y"), "y2": vl.field("high")},
                where=ranges,
                opacity=0.45,
            ),
        ]
    if line or len(series) > 1:
        layers.append(
            vl.layer(
                "point",
                {
                    "x": px("x:Q", "x"),
                    "y": px("mid:Q" if line else "mark:Q", "y"),
                    "shape": vl.field("shape:N", scale=None),
                    "color": colour,
                },
                filled=True,
                size=70 if line else 50,
                opacity=1,
            )
        )
    layers += _legend_layers(legend, scheme, shape)
    if labels:
        layers.append(
            vl.layer(
                "text",
                {"x": px("x:Q", "x"), "y": px("y:Q", "y"), "text": vl.field("lines:N")},
                values=labels,
                align="left",
                baseline="top",
                fontSize=SIZE,
                lineHeight=LINE,
                color=scheme.ink,
            )
        )
    return layers, records, height


def _stacked(data: ChartData, variant: Variant) -> tuple[Layers, Rows, float]:
    """A stacked bar: the whole's label, then each part's, led by its shape; under them one
    bar as long as the whole, the parts end to end in their order, each marked by its shape.

    Returns the layers, the parts they draw, and the plot's height.
    """
    import dataclasses

    assert data.whole is not None  # the chart rules ask for one
    scheme, inner = variant.scheme, variant.width - 2 * PAD
    colours = _colours(data, scheme)
    shape = {key: SHAPES[n] for n, (key, _) in enumerate(data.series())}
    everything = dataclasses.replace(data, rows=(*data.rows, data.whole))
    lo, hi, ticks = _value_scale(everything, False, narrow=variant.width == NARROW)
    indent = SWATCH + 6

    def capital(text: str) -> str:
        return text[:1].upper() + text[1:]

    whole_lines = _wrap(capital(data.whole.text(data.language)), inner)
    labels: Rows = [{"x": 0, "y": 0, "lines": whole_lines}]
    y = len(whole_lines) * LINE + 6
    parts: Rows = []
    for row in data.rows:
        lines = _wrap(capital(row.text(data.language)), inner - indent)
        labels.append({"x": indent, "y": y, "lines": lines})
        parts.append(
            {"id": row.id, "mark_y": y + LINE / 2, "colour": colours[row.series]}
            | {"shape": shape[row.series], "value": row.low}
        )
        y += len(lines) * LINE + 2
    top = y + 18  # room for the marks above the bar
    start = 0.0
    for part in parts:
        part |= {"low": start, "high": start + part["value"], "mid": start + part["value"] / 2}
        part |= {"bar_y": top, "bar_y2": top + BAR * 1.5, "above": top - 8}
        start += part["value"]
    height = top + BAR * 1.5
    x_scale = {"domain": [lo, hi], "nice": False, "zero": False}
    y_scale = {"domain": [0, height], "range": [0, height], "nice": False, "zero": False}
    axis = _value_axis(ticks, data, data.unit_words, scheme)
    colour = vl.field("colour:N", scale=None)
    shaped = {"shape": vl.field("shape:N", scale=None), "color": colour}

    def at(name: str) -> dict[str, Any]:
        return vl.field(name, scale=y_scale, axis=None)

    layers: Layers = [
        vl.layer(
            "rect",
            {
                "x": vl.datum(lo, type="quantitative", scale=x_scale, axis=axis),
                "x2": vl.datum(data.whole.low),
                "y": vl.datum(top, type="quantitative", scale=y_scale, axis=None),
                "y2": vl.datum(top + BAR * 1.5),
            },
            values=[{}],
            color=scheme.track,
        ),
        vl.layer(
            "rect",
            {
                "x": vl.field("low:Q", scale=x_scale, axis=axis),
                "x2": vl.field("high"),
                "y": at("bar_y:Q"),
                "y2": vl.field("bar_y2"),
                "color": colour,
            },
            stroke=scheme.track,
            strokeWidth=1,
        ),
        vl.layer(
            "point",
            {"x": vl.field("mid:Q", scale=x_scale, axis=axis), "y": at("above:Q"), **shaped},
            filled=True,
            size=70,
            opacity=1,
        ),
        vl.layer(
            "point",
            {"x": vl.value(SWATCH / 2), "y": at("mark_y:Q"), **shaped},
            filled=True,
            size=90,
            opacity=1,
        ),
        vl.layer(
            "text",
            {"x": vl.value(vl.expr("datum.x")), "y": at("y:Q"), "text": vl.field("lines:N")},
            values=labels,
            align="left",
            baseline="top",
            fontSize=SIZE,
            lineHeight=LINE,
            color=scheme.ink,
        ),
    ]
    return layers, parts, height
