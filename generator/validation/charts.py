"""Rules for charts: every figure of a chart on one axis, in one kind of unit, a
logarithmic axis only for values above zero (and never for columns), a date for every figure
of a line or column chart, no more series than there are colours, and a
name for each series a legend shows (sides always have one: the references check them).

They are content rules, so `check` reports them with every other problem, at the chart's line
in content/charts.yml; the chart stage (`charts/data.py`) asks them again before it draws.
"""

from __future__ import annotations

from ..content import Content
from ..errors import Problem
from ..models import Chart, Quantity
from ..units import base_unit, known, unit, unit_words
from .located import record_problem

MAX_SERIES = 8
"""The colours a chart has for its series (`charts.schemes`): no two series share one."""

OTHERS = "(others)"
"""The series of a bar chart's figures that have no side: sourced figures, so never drawn as
computed; a series of its own, named by the chart's `others` (no side id can be this)."""


def series_of(chart: Chart, q: Quantity) -> str | None:
    """What a row's colour stands for: the measure in a range-bar chart, the side in a bar
    chart (OTHERS for a figure with none); None only for a figure computed by this site, one
    of a kind (drawn in neutral grey)."""
    if q.computed:
        return None
    if chart.kind == "range-bar":
        return q.measure
    if chart.kind == "stacked-bar":
        return q.id  # each part a colour of its own
    return q.side if q.side is not None else OTHERS


def chart_problems(content: Content) -> list[Problem]:
    """Every problem of every chart whose figures are all there to be read."""
    return [p for chart in content.charts.values() for p in problems_of(content, chart)]


def problems_of(content: Content, chart: Chart) -> list[Problem]:
    """A chart's problems; none for a timeline, nor for a chart naming a figure that is not
    there (unknown, or not computed): that figure's own problem says why."""
    if chart.kind == "timeline":
        return []
    ids = [*chart.figures, *([chart.whole] if chart.whole else [])]
    if any(qid not in content.figures and qid not in content.derived for qid in ids):
        return []
    quantities = [content.quantity(qid) for qid in ids]
    if any(not known(q.unit, content.units) for q in quantities):
        return []  # an unknown unit: reported by the references
    problems = []
    mixed = _mixed_units(content, quantities)
    if mixed:
        problems.append(
            record_problem(
                content,
                chart.id,
                f"{chart.id}.figures",
                f"mixes units that cannot share one axis: {mixed}; chart figures of one kind "
                "of quantity only",
            )
        )
    bases: dict[int | None, str] = {}
    for q in quantities:
        bases.setdefault(q.price_base, q.id)
    if len(bases) > 1:
        listed = ", ".join(
            f"{year} prices ({qid})" if year else f"current prices ({qid})"
            for year, qid in bases.items()
        )
        problems.append(
            record_problem(
                content,
                chart.id,
                f"{chart.id}.figures",
                f"mixes money in prices of different years: {listed}; a chart shows money "
                "in one year's prices only",
            )
        )
    drawn = quantities[: len(chart.figures)]  # a stacked bar's whole is its track, not a series
    series = list(dict.fromkeys(s for q in drawn if (s := series_of(chart, q)) is not None))
    if len(series) > MAX_SERIES:
        what = {"range-bar": "measures", "stacked-bar": "parts"}.get(chart.kind, "sides")
        problems.append(
            record_problem(
                content,
                chart.id,
                f"{chart.id}.figures",
                f"shows {len(series)} {what} ({', '.join(series)}), and a chart has colours "
                f"for {MAX_SERIES}; split it into charts of {MAX_SERIES} {what} at most",
            )
        )
    unnamed = [m for m in series if m not in content.sheet.measures]
    if chart.kind == "range-bar" and len(series) > 1 and unnamed:
        problems.append(
            record_problem(
                content,
                chart.id,
                f"{chart.id}.figures",
                f"colours its bars by measure, and its legend shows each measure's name: name "
                f"{', '.join(unnamed)} under `measures:` in content/sheet.yml",
            )
        )
    if chart.kind in ("line", "column"):
        undated = [q.id for q in quantities if q.as_of is None and q.period is None]
        if undated:
            problems.append(
                record_problem(
                    content,
                    chart.id,
                    f"{chart.id}.figures",
                    f"a {chart.kind} chart places each figure at its date, and "
                    f"{', '.join(map(repr, undated))} has none (timeless); chart dated "
                    "figures only, or use `kind: bar`",
                )
            )
    if chart.kind == "stacked-bar" and not mixed:
        problems.extend(_parts_problems(content, chart, quantities[:-1], quantities[-1]))
    if chart.kind == "column" and chart.scale == "log":
        problems.append(
            record_problem(
                content,
                chart.id,
                f"{chart.id}.scale",
                "a column's height is its value, which a logarithmic scale does not show; use "
                "`kind: line` for a logarithmic scale, or `scale: linear`",
            )
        )
    if chart.scale == "log":
        below = next((q for q in quantities if q.bounds[0] <= 0), None)
        if below is not None:
            problems.append(
                record_problem(
                    content,
                    chart.id,
                    f"{chart.id}.scale",
                    f"a logarithmic scale cannot show {below.id!r} "
                    f"({content.writer.shown(below)}): values "
                    "must be above zero; use `scale: linear`",
                )
            )
    return problems


def _mixed_units(content: Content, quantities: list[Quantity]) -> str | None:
    """'metres a day (a), per cent (b)' when the figures' units convert to more than one base
    unit, naming the first figure in each by the unit it is written in; None when they share
    one."""
    first: dict[str, Quantity] = {}
    for q in quantities:
        first.setdefault(base_unit(q.unit)[0], q)
    if len(first) < 2:
        return None
    # The unit as the editor wrote it ('years'), never the base it converts to ('months').
    return ", ".join(f"{unit_words(unit(q.unit, content.units))} ({q.id})" for q in first.values())


def _parts_problems(
    content: Content, chart: Chart, parts: list[Quantity], whole: Quantity
) -> list[Problem]:
    """A stacked bar's parts are single values (a range cannot be stacked: where would the
    next part start?) that add up to the whole within the chart's `rounding`."""
    ranges = [q.id for q in parts + [whole] if q.bounds[0] != q.bounds[1]]
    if ranges:
        return [
            record_problem(
                content,
                chart.id,
                f"{chart.id}.figures",
                f"a stacked bar adds its parts end to end, and {', '.join(map(repr, ranges))} "
                "is a range; stack figures given as single values, or use `kind: range-bar`",
            )
        ]
    factors = {q.id: base_unit(q.unit)[1] for q in parts + [whole]}
    total = sum(q.bounds[0] * factors[q.id] for q in parts)
    expected = whole.bounds[0] * factors[whole.id]
    step = chart.rounding * factors[whole.id]
    if abs(total - expected) <= step + 1e-9 * max(abs(expected), 1):
        return []
    writer = content.writer
    return [
        record_problem(
            content,
            chart.id,
            f"{chart.id}.figures",
            f"its parts add up to {writer.number(total / factors[whole.id])}, and its whole "
            f"{whole.id!r} is {writer.shown(whole)}: more than `rounding` "
            f"({writer.number(chart.rounding)}) apart; stack the parts of that whole only, or "
            "state the rounding the sources give",
        )
    ]
