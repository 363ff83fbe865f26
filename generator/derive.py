"""Derived figures: computed from stored figures, with their formula, so none is typed by hand.

Ranges propagate as intervals: a ratio of two ranges runs from the smallest quotient to the
largest, so a reader never sees more precision than the inputs carry.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import numbers
from .models import Derived, Figure, PartialDate, Period

_APPROXIMATE = {"about", "roughly", "nearly", "almost"}


@dataclass(frozen=True)
class Computed:
    """A derived figure's result: the same reading surface as a Figure, plus its working."""

    spec: Derived
    low: float
    high: float
    qualifier: str | None
    unit: str
    period: Period | None
    as_of: PartialDate | None
    inputs: tuple[Figure | Computed, ...]
    formula: str
    """In words: 'Population in 2100 ÷ Population in 2024'."""
    working: str
    """In numbers: '1.2 million ÷ 500,000–600,000 = 2–2.4'."""
    significant: int = 2
    """Significant figures the result carries: no more than its least precise input."""

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def title(self) -> str:
        return self.spec.label

    @property
    def topic(self) -> str:
        return self.spec.topic

    @property
    def headline(self) -> bool:
        return self.spec.headline

    @property
    def bounds(self) -> tuple[float, float]:
        """The result as shown, rounded to the precision its inputs carry; `low` and `high`
        keep the exact quotient for further computation."""
        return (
            numbers.round_significant(self.low, self.significant),
            numbers.round_significant(self.high, self.significant),
        )

    @property
    def decimals(self) -> int:
        return self.spec.decimals

    @property
    def dated_in_label(self) -> bool:
        """A figure computed from one whose date would mislead keeps its date out too."""
        return any(item.dated_in_label for item in self.inputs)

    @property
    def projection(self) -> bool:
        """A figure computed from a forecast is a forecast too."""
        return any(item.projection for item in self.inputs)

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source behind the inputs, in order, without repeats."""
        seen: dict[str, None] = {}
        for item in self.inputs:
            for sid in item.sources if isinstance(item, Computed) else (item.source,):
                seen.setdefault(sid, None)
        return tuple(seen)


Quantity = Figure | Computed


def when(q: Quantity) -> str:
    """The time a stored or derived figure covers, as a phrase: 'as of …', 'by …', a period;
    nothing when its label says when, because the stored date would mislead."""
    if q.dated_in_label:
        return ""
    return numbers.when(q.period, q.as_of, projection=q.projection)


def shown(q: Quantity) -> str:
    """How a stored or derived figure reads: 'about 1.2 million', '2–2.4 times'."""
    decimals = q.decimals if isinstance(q, Computed) else None
    low, high = q.bounds
    return numbers.quantity(low, high, q.qualifier, q.unit, decimals)


def compute(spec: Derived, inputs: list[Quantity]) -> Computed:
    """Apply `spec.op` to its inputs (already resolved, in order)."""
    a = inputs[0]
    alo, ahi = _exact(a)
    qualifier = _qualifier(spec, inputs)
    period: Period | None = a.period
    as_of = a.as_of
    if spec.op in ("ratio", "share", "difference"):
        b = inputs[1]
        blo, bhi = _exact(b)
        if spec.op == "difference":
            low, high = alo - bhi, ahi - blo
            unit = spec.unit or a.unit
            sign = "−"
        else:
            if blo <= 0:
                raise ValueError(f"cannot divide by {b.id}: its value can be zero or less")
            scale = 100.0 if spec.op == "share" else 1.0
            low, high = alo / bhi * scale, ahi / blo * scale
            unit = spec.unit or ("percent" if spec.op == "share" else "times")
            sign = "÷"
        if a.period != b.period:
            period = None
        if a.as_of != b.as_of:
            as_of = None
        formula = f"{a.title} {sign} {b.title}"
        working = f"{_bare(a)} {sign} {_bare(b)}"
        if spec.op == "share":
            formula += " × 100"
            working += " × 100"
    else:
        if a.period is None:
            raise ValueError(f"{spec.op} needs an input with a period; {a.id} has none")
        days = a.period.days
        per = (spec.days or 1) if spec.op == "per-period" else 1  # the model requires days
        low, high = alo / days * per, ahi / days * per
        unit = spec.unit or a.unit
        if spec.op == "per-day":
            formula = f"{a.title} ÷ days in {numbers.period(a.period)}"
            working = f"{_bare(a)} ÷ {days:,} days"
        else:
            formula = f"{a.title} ÷ days in {numbers.period(a.period)} × {per}"
            working = f"{_bare(a)} ÷ {days:,} days × {per}"
    significant = max(2, min(_significant(q) for q in inputs))
    result_text = numbers.span(
        numbers.round_significant(low, significant),
        numbers.round_significant(high, significant),
        spec.decimals,
    )
    return Computed(
        spec=spec,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        period=period,
        as_of=as_of,
        inputs=tuple(inputs),
        formula=formula,
        working=f"{working} = {result_text}",
        significant=significant,
    )


def _exact(q: Quantity) -> tuple[float, float]:
    return (q.low, q.high) if isinstance(q, Computed) else q.bounds


def _significant(q: Quantity) -> int:
    """How precisely an input is given: a range is as precise as its more precise end."""
    if isinstance(q, Computed):
        return q.significant
    return max(numbers.significant_figures(x) for x in q.bounds)


def _bare(q: Quantity) -> str:
    low, high = q.bounds
    decimals = q.decimals if isinstance(q, Computed) else None
    text = numbers.span(low, high, decimals)
    return f"({text})" if numbers.DASH in text else text


def _qualifier(spec: Derived, inputs: list[Quantity]) -> str | None:
    """'about' when an input is approximate; exact inputs give an exact result.

    A one-sided hedge ('up to', 'over') survives a rate of one input unchanged, but has no
    honest meaning once two figures are combined ('up to' over 'about' is not 'about'), so
    that is refused rather than softened.
    """
    hedges = {q.qualifier for q in inputs if q.qualifier and q.qualifier != "exactly"}
    one_sided = hedges - _APPROXIMATE
    if not one_sided:
        return "about" if hedges else None
    if len(inputs) == 1:
        return inputs[0].qualifier
    raise ValueError(
        f"cannot combine {' and '.join(repr(h) for h in sorted(one_sided))} figures in a "
        f"{spec.op}: a one-sided bound does not carry through; use figures given as values "
        "or ranges"
    )


class DerivedProblems(Exception):
    """Derived figures that could not be computed: (id, what is wrong) for each."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{i}: {m}" for i, m in problems))


def resolve_all(derived: list[Derived], figures: dict[str, Figure]) -> dict[str, Computed]:
    """Compute every derived figure, inputs first; DerivedProblems names each one that fails.

    A derived figure may take another as input, in any order in the files. One that cannot
    be computed is reported, and so is every figure computed from it, never silently skipped.
    """
    pending = {d.id: d for d in derived}
    done: dict[str, Computed] = {}
    problems: list[tuple[str, str]] = []
    failed: set[str] = set()
    while pending:
        progressed = False
        for did, spec in list(pending.items()):
            if any(i in failed for i in spec.inputs):
                problems.append((did, "cannot be computed: an input has a problem of its own"))
                failed.add(did)
            elif all(i in figures or i in done for i in spec.inputs):
                try:
                    done[did] = compute(spec, [figures.get(i) or done[i] for i in spec.inputs])
                except ValueError as exc:
                    problems.append((did, str(exc)))
                    failed.add(did)
            else:
                continue
            del pending[did]
            progressed = True
        if not progressed:
            problems += [
                (did, "derived figures form a cycle through their inputs") for did in pending
            ]
            break
    if problems:
        raise DerivedProblems(problems)
    return done
