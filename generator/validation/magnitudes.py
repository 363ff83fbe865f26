"""A figure far smaller than the others of its kind: most likely a number written the way its
language writes it ('13,2' for 13,2 milliards, read back as 13.2) rather than a true value.

A warning, at the figure's `value` (or `low`) line: `check --strict` stops on it, and the
editor either writes the whole number or, when the value is right, gives it a measure of its
own or draws it on a logarithmic axis.
"""

from __future__ import annotations

from ..content import Content
from ..errors import Problem
from ..models import Figure
from .located import problem

FACTOR = 1000
"""How many times smaller than the smallest of the others a figure must be to be warned of: a
number written in millions or billions and read as units is a million or a billion times off."""


def far_smaller(content: Content) -> list[Problem]:
    """Each stored figure whose top is FACTOR times below every other figure of the same unit
    and measure, or of the same unit in one chart with a linear axis."""
    groups: dict[str, list[Figure]] = {}
    for f in content.figures.values():
        groups.setdefault(f"{f.unit} figures of the measure {f.measure!r}", []).append(f)
    for chart in content.charts.values():
        if chart.kind == "timeline" or chart.scale == "log":
            continue
        for g in (content.figures[q] for q in chart.figures if q in content.figures):
            groups.setdefault(f"{g.unit} figures of the chart {chart.id!r}", []).append(g)
    warned: dict[str, Problem] = {}
    for what, figures in groups.items():
        # The two smallest lows of different figures: the smallest of the others is the
        # first unless it is the figure's own (one pass, not one per figure: at 3,400
        # figures comparing each with all the others took seconds).
        lows = sorted({g.id: g.bounds[0] for g in figures}.items(), key=lambda item: item[1])[:2]
        for f in figures:
            others = [low for id_, low in lows if id_ != f.id]
            if f.id in warned or not others or f.bounds[1] <= 0:
                continue
            smallest = others[0]
            if f.bounds[1] * FACTOR <= smallest:
                field_ = "value" if f.value is not None else "low"
                warned[f.id] = problem(
                    content,
                    f.id,
                    f"{f.id}.{field_}",
                    f"{f.bounds[1]:g} is over {FACTOR} times smaller than the other {what} "
                    f"(the smallest: {smallest:,.15g}); if the source writes it in millions or "
                    f"billions ('13,2 milliards'), write the whole number ({f.bounds[1]:g} "
                    f"billion is {_whole(f.bounds[1] * 1e9)})",
                    "warning",
                )
    return list(warned.values())


def _whole(x: float) -> str:
    return f"{round(x):d}"
