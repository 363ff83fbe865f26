"""Rules across records: derived figures that can be computed, a part within its whole, dates
within what their sources could know, sources used, figures not stale.

Each rule reads only records whose references resolve, so it runs, and reports, in the same
run as the problems of other records and files: a record naming an unknown source has that
problem reported once, by the references, and is left out here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Set
from dataclasses import replace

from ..content import Content
from ..derive import DerivedProblems, resolve_all
from ..errors import Problem
from ..language import Language
from ..models import Derived, Figure
from ..numbers import Writer
from .located import problem as _problem

EDITOR = Writer(Language.of("en"))
"""Messages to the editor are English whatever the sheet's language, dates included."""


def derive(content: Content) -> tuple[Content, list[Problem]]:
    """`content` with its derived figures computed, and a problem for each that cannot be.

    A derived figure with an input that is not there (unknown, or in a file that failed) is
    left out without a problem of its own: the missing input is the problem, reported where
    it is named. The figures that can be computed are, so that the rules about them (charts)
    report in the same run.
    """
    specs = computable(content.specs, set(content.figures))
    try:
        derived = resolve_all(list(specs.values()), dict(content.figures))
        return replace(content, derived=derived), []
    except DerivedProblems as exc:
        failed = {item_id for item_id, _ in exc.problems}
        problems = [_problem(content, i, f"{i}.inputs", m) for i, m in exc.problems]
    # resolve_all names every figure computed from one that failed, so the rest compute.
    rest = [spec for item_id, spec in specs.items() if item_id not in failed]
    try:
        derived = resolve_all(rest, dict(content.figures))
    except DerivedProblems:  # pragma: no cover - the first run named every failure
        derived = {}
    return replace(content, derived=derived), problems


def computable(specs: Mapping[str, Derived], figures: Set[str]) -> dict[str, Derived]:
    """The derived figures whose inputs, and their inputs' inputs, are all written down."""
    kept = dict(specs)
    while True:
        known = figures | set(kept)
        missing = [i for i, spec in kept.items() if any(x not in known for x in spec.inputs)]
        if not missing:
            return kept
        for item_id in missing:
            del kept[item_id]


def consistency(content: Content) -> list[Problem]:
    """A part within its whole, dates within sources, sources used (a warning)."""
    problems: list[Problem] = []
    groups: dict[tuple[object, ...], dict[str, list[Figure]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for f in content.figures.values():
        if f.side:
            groups[(f.side, f.period, f.as_of)][f.measure].append(f)
    for group in groups.values():
        for part_measure, whole_measure in content.sheet.parts.items():
            for part in group.get(part_measure, []):
                for whole in group.get(whole_measure, []):
                    # The part's range may sit anywhere below the whole's top; past it, some
                    # of the part's values would need a whole larger than its source gives.
                    if part.bounds[1] > whole.bounds[1]:
                        problems.append(
                            _problem(
                                content,
                                part.id,
                                part.id,
                                f"{part_measure} ({_range(part)}) exceed {whole_measure} "
                                f"{whole.id!r} ({_range(whole)}) for the same side and period",
                            )
                        )
    for f in content.figures.values():
        if f.projection or f.timeless or f.source not in content.sources:
            continue
        source = content.sources[f.source]
        published = source.date.last_day()
        ends = f.period.end.first_day() if f.period else f.as_of.first_day()  # type: ignore[union-attr]
        if ends > published:
            problems.append(
                _problem(
                    content,
                    f.id,
                    f"{f.id}.period" if f.period else f"{f.id}.as_of",
                    f"covers a time after its source {source.id!r} was published "
                    f"({source.date.iso()}); mark it `projection: true` if it is a forecast",
                )
            )
    for kind in ("statements", "events"):
        for item in getattr(content, kind).values():
            if item.source not in content.sources:
                continue
            source = content.sources[item.source]
            if item.date.first_day() > source.date.last_day():
                problems.append(
                    _problem(
                        content,
                        item.id,
                        f"{item.id}.date",
                        f"dated {item.date.iso()}, after its source {source.id!r} "
                        f"({source.date.iso()})",
                    )
                )
    problems += _reviewed_after_changes(content)
    used = {sid for sid in content.sources if content.citations(sid)}
    used |= {c.source for c in content.changes.values() if c.source}  # a log entry cites it
    used |= {v for s in content.sources.values() if s.id in used for v in s.via}
    for sid in content.sources:
        if sid not in used:
            problems.append(
                _problem(content, sid, sid, "source is not cited by anything", "warning")
            )
    return problems


def _range(f: Figure) -> str:
    low, high = f.bounds
    return f"{low:,.0f}" if low == high else f"{low:,.0f}–{high:,.0f}"


def _reviewed_after_changes(content: Content) -> list[Problem]:
    """The sheet's `updated` (its review date) is not earlier than its latest change: a page
    saying "Content reviewed 29 January 2026" beside a correction of 26 November 2026 would
    tell readers the corrected figures were never reviewed."""
    if not content.changes:
        return []
    latest = max(content.changes.values(), key=lambda c: c.date)
    updated = getattr(content.sheet, "updated", None)  # none when sheet.yml failed to load
    if updated is None or updated.last_day() >= latest.date:
        return []
    line, column = content.sheet_at.at("updated")
    return [
        Problem(
            content.sheet_at.file,
            line,
            column,
            "sheet.updated",
            f"{updated.iso()} is earlier than the latest change in changes.yml "
            f"({latest.id!r}, {latest.date.isoformat()}); set it to the day the sheet was "
            f"last reviewed, on or after {latest.date.isoformat()}",
        )
    ]


def future_changes(content: Content, today: dt.date) -> list[Problem]:
    """Log entries dated after `today` (the day of the build, or `check --today`): a change is
    logged when it is published, and a date in the future would top the feed (its `<updated>`)
    and the Changes page until that day."""
    return [
        _problem(
            content,
            change.id,
            f"{change.id}.date",
            f"dated {change.date.isoformat()}, after today ({today.isoformat()}); a change is "
            "dated the day it is published",
        )
        for change in content.changes.values()
        if change.date > today
    ]


def stale_figures(content: Content, today: dt.date) -> list[Problem]:
    """Figures dated (as of, or period end) more than `sheet.stale_after_days` before today.

    Only `factsheet check` asks: a build's verdict must not change with the day it runs.
    """
    limit = content.sheet.stale_after_days
    problems = []
    for figure in content.figures.values():
        if figure.historical or figure.timeless:
            continue
        if figure.as_of is not None:
            field_, dated = "as_of", figure.as_of
        elif figure.period is not None:
            field_, dated = "period.end", figure.period.end
        else:  # pragma: no cover - the model requires one of them unless timeless
            continue
        age = (today - dated.last_day()).days
        if age > limit:
            message = (
                f"dated {EDITOR.date(dated)}, {age} days before {today.isoformat()}; older "
                f"than sheet.stale_after_days ({limit}); look for a newer figure, or mark it "
                "`historical: true` if it is about a closed past period, or `timeless: true` "
                "(with no date) if it holds at no date"
            )
            problems.append(
                _problem(content, figure.id, f"{figure.id}.{field_}", message, "warning")
            )
    return problems
