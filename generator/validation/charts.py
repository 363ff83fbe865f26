"""Rules for charts: every figure of a chart on one axis, in one kind of unit, and a
logarithmic axis only for values above zero.

They are content rules, so `check` reports them with every other problem, at the chart's line
in content/charts.yml; the chart stage (`charts/data.py`) asks them again before it draws.
"""

from __future__ import annotations

from ..content import Content
from ..errors import Problem
from ..models import Chart, Quantity
from ..units import base_unit, known, unit, unit_words
from .located import record_problem


def chart_problems(content: Content) -> list[Problem]:
    """Every problem of every chart whose figures are all there to be read."""
    return [p for chart in content.charts.values() for p in problems_of(content, chart)]


def problems_of(content: Content, chart: Chart) -> list[Problem]:
    """A chart's problems; none for a timeline, nor for a chart naming a figure that is not
    there (unknown, or not computed): that figure's own problem says why."""
    if chart.kind == "timeline":
        return []
    if any(qid not in content.figures and qid not in content.derived for qid in chart.figures):
        return []
    quantities = [content.quantity(qid) for qid in chart.figures]
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
    unit, naming the first figure in each; None when they share one."""
    first: dict[str, str] = {}
    for q in quantities:
        first.setdefault(base_unit(q.unit)[0], q.id)
    if len(first) < 2:
        return None
    return ", ".join(
        f"{unit_words(unit(base, content.units))} ({qid})" for base, qid in first.items()
    )
