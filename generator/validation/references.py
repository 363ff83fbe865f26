"""Every id a record names resolves to a record of the right kind, and every topic, side and
unit to one the sheet or the generator knows."""

from __future__ import annotations

from collections.abc import Container, Set
from decimal import Decimal

from .. import numerals
from ..content import Content
from ..errors import Problem
from ..models import Derived, Figure
from ..units import known, unit, unknown_unit
from .located import problem as _problem


def check_references(content: Content, unsure: Set[str] = frozenset()) -> list[Problem]:
    """Every id named anywhere resolves to something of the right kind; an id in `unsure` (one
    that a file with problems may define) is never reported unknown."""
    problems: list[Problem] = []
    specs = content.specs
    quantity_ids = set(content.figures) | set(specs)
    annotatable = quantity_ids | set(content.statements)

    def expect(item_id: str, field_: str, ref: str | None, pool: Container[str], what: str) -> None:
        if ref is not None and ref not in pool and ref not in unsure:
            problems.append(_problem(content, item_id, field_, f"unknown {what} {ref!r}"))

    for source in content.sources.values():
        for i, via in enumerate(source.via):
            expect(source.id, f"{source.id}.via[{i}]", via, content.sources, "source")
    for kind in ("figures", "statements", "events"):
        for item in getattr(content, kind).values():
            expect(item.id, f"{item.id}.source", item.source, content.sources, "source")
            expect(item.id, f"{item.id}.via", item.via, content.sources, "source")
    for note in content.notes.values():
        expect(note.id, f"{note.id}.source", note.source, content.sources, "source")
        expect(note.id, f"{note.id}.claim_source", note.claim_source, content.sources, "source")
        for i, ref in enumerate(note.about):
            expect(note.id, f"{note.id}.about[{i}]", ref, annotatable, "figure or statement")
    changeable = annotatable | set(content.events) | set(content.notes)
    for change in content.changes.values():
        expect(change.id, f"{change.id}.source", change.source, content.sources, "source")
        for i, ref in enumerate(change.ids):
            expect(
                change.id,
                f"{change.id}.ids[{i}]",
                ref,
                changeable,
                "figure, derived figure, statement, event or note",
            )
        for i, gone in enumerate(change.removed):
            if gone.id in changeable or gone.id in content.sources or gone.id in content.charts:
                problems.append(
                    _problem(
                        content,
                        change.id,
                        f"{change.id}.removed[{i}].id",
                        f"'{gone.id}' is still in the sheet; name it under `ids`, not `removed`",
                    )
                )
    for spec in specs.values():
        for i, ref in enumerate(spec.inputs):
            expect(spec.id, f"{spec.id}.inputs[{i}]", ref, quantity_ids, "figure")
            if ref == spec.id:
                problems.append(_problem(content, spec.id, f"{spec.id}.inputs", "uses itself"))
    for chart in content.charts.values():
        for i, ref in enumerate(chart.figures):
            expect(chart.id, f"{chart.id}.figures[{i}]", ref, quantity_ids, "figure")
        for i, ref in enumerate(chart.events):
            expect(chart.id, f"{chart.id}.events[{i}]", ref, content.events, "event")
        if chart.whole is not None:
            expect(chart.id, f"{chart.id}.whole", chart.whole, quantity_ids, "figure")
    sides, topics = content.sheet.sides, content.sheet.topics
    written: list[Figure | Derived] = [*content.figures.values(), *specs.values()]
    for q in written:
        if topics and q.topic not in topics:
            problems.append(
                _problem(
                    content,
                    q.id,
                    f"{q.id}.topic",
                    f"unknown topic {q.topic!r}; "
                    f"expected one of {', '.join(sorted(topics))} (sheet.topics)",
                )
            )
    for f in content.figures.values():
        if f.side and sides and f.side not in sides:
            problems.append(
                _problem(
                    content,
                    f.id,
                    f"{f.id}.side",
                    f"unknown side {f.side!r}; "
                    f"expected one of {', '.join(sorted(sides))} (sheet.sides)",
                )
            )
    for q in written:
        if q.unit is not None and not known(q.unit, content.units):
            problems.append(
                _problem(content, q.id, f"{q.id}.unit", unknown_unit(q.unit, content.units))
            )
    for f in content.figures.values():
        if known(f.unit, content.units) and unit(f.unit, content.units).counts:
            for field_, x in _numbers(f):
                if not float(x).is_integer():
                    problems.append(
                        _problem(content, f.id, f"{f.id}.{field_}", not_whole(f.unit, x))
                    )
        if known(f.unit, content.units):
            for field_, x in _numbers(f):
                if content.writer.shows_as_zero(x, f.unit):
                    problems.append(
                        _problem(
                            content,
                            f.id,
                            f"{f.id}.{field_}",
                            f"{numerals.exact_text(x)} would show on the page as 0; give it "
                            "in a smaller unit",
                        )
                    )
    return problems


def _numbers(f: Figure) -> list[tuple[str, float]]:
    return [("value", f.value)] if f.value is not None else [("low", f.low), ("high", f.high)]  # type: ignore[list-item]


def not_whole(unit_key: str, x: float) -> str:
    """Why a count with a fraction is refused, and the number a German or French hand meant
    when it wrote '2.065' (YAML reads the '.' as a decimal point, not a thousands separator)."""
    what = {"people": "a count of people", "count": "a count"}.get(
        unit_key, f"a count ({unit_key})"
    )
    message = f"{what} must be a whole number, got {x:.15g}"
    places = -Decimal(repr(float(x))).as_tuple().exponent  # type: ignore[operator]
    if places <= 3:
        meant = int(Decimal(repr(float(x))).scaleb(3))
        message += (
            f"; if the '.' separates thousands, write {meant} (YAML reads '.' as a decimal point)"
        )
    return message
