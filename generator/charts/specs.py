"""Vega-Lite specs from a chart's data, one per scheme and width, as plain JSON data.

Labels sit above their bars and wrap, so a chart drawn 340 px wide reads on a 375 px phone
without shrinking its text; a second drawing 640 px wide is for larger screens. Rows and
timeline labels are laid out here in pixels (so that long labels never overlap); values are
placed on real scales, with axis ticks written by `numbers.py`.

The specs are written as dicts, not with Altair: Altair copied and validated its objects at
every step, which cost more than drawing the chart, and importing it cost more again. The
dicts are exactly what Altair 6 wrote for the same charts (its default view size included).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import textwrap
from typing import Any

from .. import numbers
from .data import ChartData, Moment
from .schemes import NARROW, VARIANTS, Scheme, Variant

__all__ = ["spec", "VARIANTS", "Variant", "VEGA_LITE"]

VEGA_LITE = "6.4.1"
"""The Vega-Lite version the specs are written for (vl-convert draws with its nearest)."""
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
SIZE, LINE, SMALL = 13, 17, 12
"""Label font size and line height, and the size of tick labels and dates, in px."""
BAR, GAP, PAD = 14, 14, 4

Spec = dict[str, Any]


def spec(data: ChartData, variant: Variant) -> Spec:
    """The Vega-Lite spec of `data` drawn in `variant`; a plain dict, ready to hash."""
    if data.chart.kind == "timeline":
        layers, values, width, height = _timeline(data, variant)
    else:
        layers, values, width, height = _rows(data, variant)
    return {
        "$schema": f"https://vega.github.io/schema/vega-lite/v{VEGA_LITE}.json",
        "background": "transparent",
        # No ARIA labels per mark: the SVG is an <img>, whose alt text is the chart's text
        # alternative, and the labels would spell each bar's colour into the drawing.
        "config": {
            "aria": False,
            "font": FONT,
            "view": {"continuousHeight": 300, "continuousWidth": 300, "stroke": None},
        },
        "data": {"values": values},
        "description": data.text_alternative(),
        "height": height,
        "layer": layers,
        "padding": PAD,
        "usermeta": {"variant": variant.name},
        "width": width,
    }


def _layer(mark: str, encoding: Spec, only: str | None = None, **style: Any) -> Spec:
    """One layer: a mark with its style, its encoding, and a filter on the rows if any."""
    layer: Spec = {"encoding": encoding, "mark": {**style, "type": mark}}
    if only:
        layer["transform"] = [{"filter": only}]
    return layer


def _field(name: str, scale: Spec | None = None, axis: Spec | None = None) -> Spec:
    """A quantitative channel read from the rows' field `name`."""
    return {"axis": axis, "field": name, "scale": scale, "type": "quantitative"}


def _pixels(length: float) -> Spec:
    """A scale on which a value is its position in pixels."""
    return {"domain": [0, length], "nice": False, "range": [0, length], "zero": False}


def _wrap(text: str, width: float, size: int = SIZE) -> list[str]:
    return textwrap.wrap(text, max(12, int(width / (size * 0.52)))) or [""]


def _colours(keys: list[str | None], scheme: Scheme) -> dict[str | None, str]:
    """A colour per series in order of first appearance; no series is neutral grey."""
    out: dict[str | None, str] = {None: scheme.neutral}
    for key in keys:
        if key not in out:
            out[key] = scheme.series[(len(out) - 1) % len(scheme.series)]
    return out


def _rows(data: ChartData, variant: Variant) -> tuple[list[Spec], list[Spec], int, float]:
    """Bar and range-bar charts: a label above each bar, values on one axis.

    Returns the layers, the rows, and the plot's width and height.
    """
    scheme, inner = variant.scheme, variant.width - 2 * PAD
    colours = _colours([r.series for r in data.rows], scheme)
    log = data.chart.scale == "log"
    lo, hi, ticks = _value_scale(data, log, narrow=variant.width == NARROW)
    records, y = [], 0.0
    for row in data.rows:
        lines = _wrap(row.text[:1].upper() + row.text[1:], inner)
        bar_y = y + len(lines) * LINE + 3
        records.append(
            {
                "id": row.id,
                "lines": lines,
                "text_y": y,
                "bar_y": bar_y,
                "bar_y2": bar_y + BAR,
                "mid": bar_y + BAR / 2,
                "low": row.low,
                "high": row.high,
                "single": row.single,
                "colour": colours[row.series],
            }
        )
        y = bar_y + BAR + GAP
    height = y - GAP
    x_scale = {
        "domain": [lo, hi],
        "nice": False,
        "type": "log" if log else "linear",
        "zero": False,
    }
    y_scale = _pixels(height)
    unit = data.unit_words + (" (logarithmic scale)" if log else "")
    axis = {
        "domainColor": scheme.muted,
        "grid": False,
        "labelColor": scheme.muted,
        "labelExpr": _tick_labels(ticks, data),
        "labelFlush": True,
        "labelFontSize": SMALL,
        "labelOverlap": True,
        "tickColor": scheme.muted,
        "title": unit,
        "titleColor": scheme.muted,
        "titleFontSize": SMALL,
        "titleFontWeight": "normal",
        "values": ticks,
    }

    def bar(x2: Spec, colour: bool = True) -> Spec:
        """A bar's channels, from the value axis' `low` (or a track's constant) to `x2`."""
        x = _field("low", x_scale, axis) if colour else {"datum": lo, "type": "quantitative"}
        channels = {"x": x, "x2": x2, "y": _field("bar_y", y_scale), "y2": {"field": "bar_y2"}}
        return {"color": _COLOUR, **channels} if colour else channels

    layers = [_layer("rect", bar({"datum": hi}, colour=False), color=scheme.track)]
    if data.chart.kind == "range-bar":
        point = {"color": _COLOUR, "x": _field("low", x_scale, axis)}
        point["y"] = _field("mid", y_scale)
        layers += [
            _layer("rect", bar({"field": "high"}), "!datum.single"),
            _layer(
                "point", point, "datum.single", filled=True, opacity=1, shape="circle", size=150
            ),
        ]
    else:
        layers += [
            _layer("rect", bar({"datum": lo})),
            _layer("rect", bar({"field": "high"}), "!datum.single", opacity=0.45),
        ]
    text = {
        "text": {"field": "lines", "type": "nominal"},
        "x": {"value": 0},
        "y": _field("text_y", y_scale),
    }
    layers.append(_text(text, scheme.ink, align="left", baseline="top", lineHeight=LINE))
    return layers, records, inner, height


_COLOUR = {"field": "colour", "scale": None, "type": "nominal"}
"""Each row's colour is in its data (see `_colours`)."""


def _text(encoding: Spec, colour: str, size: int = SIZE, **style: Any) -> Spec:
    return _layer("text", encoding, **style, color=colour, fontSize=size)


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
    suffix = data.unit.symbol if data.unit and data.unit.suffix else ""
    expr = "format(datum.value, ',')"
    for value in reversed(ticks):
        label = json.dumps(numbers.number(value) + suffix, ensure_ascii=False)
        expr = f"datum.value === {value!r} ? {label} : ({expr})"
    return expr


def _timeline(data: ChartData, variant: Variant) -> tuple[list[Spec], list[Spec], int, float]:
    """Events down a vertical time axis; each label as near its date as others allow.

    Returns the layers, the events, and the plot's width and height.
    """
    scheme, inner = variant.scheme, variant.width - 2 * PAD
    moments = list(data.moments)
    axis_x = 66.0
    label_x = axis_x + 24
    start, end, ticks = _time_ticks(moments)
    labels = [_wrap(m.title, inner - label_x) for m in moments]
    heights: list[float] = [SMALL + 4 + len(lines) * LINE for lines in labels]
    span = max(sum(heights) + GAP * len(heights), 160.0)
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
    x_scale, y_scale = _pixels(inner), _pixels(height)

    def xy(x: float, y: str, **more: Spec) -> Spec:
        """Pixel positions: a constant x, and y from the field `y`."""
        x_channel = {"axis": None, "datum": x, "scale": x_scale, "type": "quantitative"}
        return {"x": x_channel, "y": _field(y, y_scale), **more}

    def own(layer: Spec, values: list[Spec]) -> Spec:
        """A layer drawing rows of its own rather than the events."""
        return {"data": {"values": values}, **layer}

    accent, muted = scheme.series[0], scheme.muted
    label = {"text": {"field": "label", "type": "nominal"}}
    layers = [
        own(
            _layer("rule", xy(axis_x, "y", y2={"field": "y2"}), color=muted), [{"y": 0, "y2": span}]
        ),
        own(_layer("rule", xy(axis_x - 5, "y", x2={"datum": axis_x}), color=muted), tick_rows),
        own(
            _text({**label, **xy(axis_x - 8, "y")}, muted, SMALL, align="right", baseline="middle"),
            tick_rows,
        ),
        _layer(
            "rect",
            xy(axis_x - 4, "from", x2={"datum": axis_x + 4}, y2={"field": "to"}),
            "!datum.single",
            color=accent,
            opacity=0.6,
        ),
        _layer(
            "rule",
            xy(axis_x + 6, "centre", x2={"datum": label_x - 4}, y2={"field": "anchor"}),
            color=muted,
            strokeWidth=1,
        ),
        _layer(
            "point",
            xy(axis_x, "centre"),
            "datum.single",
            color=accent,
            filled=True,
            opacity=1,
            size=60,
        ),
        _text(
            {"text": {"field": "when", "type": "nominal"}, **xy(label_x, "top")},
            scheme.ink,
            SMALL,
            align="left",
            baseline="top",
            fontWeight="bold",
        ),
        _text(
            {"text": {"field": "lines", "type": "nominal"}, **xy(label_x, "text_y")},
            scheme.ink,
            align="left",
            baseline="top",
            lineHeight=LINE,
        ),
    ]
    return layers, events, inner, height


def _time_ticks(moments: list[Moment]) -> tuple[dt.date, dt.date, list[tuple[dt.date, str]]]:
    """The axis' first and last day, and its ticks: months for a year or so, else years."""
    first = min(m.first for m in moments)
    last = max(m.last for m in moments)
    if (last - first).days > 550:
        start, end = dt.date(first.year, 1, 1), dt.date(last.year + 1, 1, 1)
        years = range(start.year, end.year + 1)
        return start, end, [(dt.date(y, 1, 1), str(y)) for y in years]
    start = dt.date(first.year, first.month, 1)
    end = _next_month(dt.date(last.year, last.month, 1))
    ticks, day = [], start
    while day <= end:
        label = f"{day:%b %Y}" if day == start or day.month == 1 else f"{day:%b}"
        ticks.append((day, label))
        day = _next_month(day)
    return start, end, ticks


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
