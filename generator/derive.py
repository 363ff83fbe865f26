"""Derived figures: computed from stored figures, with their formula, so none is typed by hand.

Ranges propagate as intervals: a ratio of two ranges runs from the smallest quotient to the
largest, so a reader never sees more precision than the inputs carry.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import numbers
from .models import Derived, Figure, PartialDate, Period, Quantity

_APPROXIMATE = {"about", "roughly", "nearly", "almost"}


@dataclass(frozen=True)
class Computed:
    """A derived figure's result: a `Quantity` like a stored Figure, computed from its inputs."""

    derivation: Derived
    low: float
    high: float
    qualifier: str | None
    unit: str
    period: Period | None
    as_of: PartialDate | None
    inputs: tuple[Quantity, ...]
    price_base: int | None = None
    """The year of the constant prices money is in, carried over from its inputs."""
    significant: int = 2
    """Significant figures the result carries: no more than its least precise input."""

    says = None
    """Nobody's words: this site computes it."""
    via = None
    side = None
    computed = True

    @property
    def id(self) -> str:
        return self.derivation.id

    @property
    def label(self) -> str:
        return self.derivation.label

    @property
    def title(self) -> str:
        return self.derivation.name or self.derivation.label

    @property
    def short(self) -> str | None:
        return self.derivation.short

    @property
    def topic(self) -> str:
        return self.derivation.topic

    @property
    def headline(self) -> bool:
        return self.derivation.headline

    @property
    def measure(self) -> str:
        """What kind of comparison it is: its operation ('ratio', 'share', …)."""
        return self.derivation.op

    @property
    def note(self) -> str | None:
        return self.derivation.explain

    @property
    def bounds(self) -> tuple[float, float]:
        """The result as shown, rounded to the precision its inputs carry; `exact` keeps the
        unrounded result for further computation."""
        return (
            numbers.round_significant(self.low, self.significant, self.decimals),
            numbers.round_significant(self.high, self.significant, self.decimals),
        )

    @property
    def exact(self) -> tuple[float, float]:
        return (self.low, self.high)

    @property
    def decimals(self) -> int:
        return self.derivation.decimals

    @property
    def dated_in_label(self) -> bool:
        """A figure computed from one whose date would mislead keeps its date out too."""
        return any(item.dated_in_label for item in self.inputs)

    @property
    def projection(self) -> bool:
        """A figure computed from a forecast is a forecast too."""
        return any(item.projection for item in self.inputs)

    @property
    def timeless(self) -> bool:
        """Holds at no date when every input does: a ratio of two constants."""
        return all(item.timeless for item in self.inputs)

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source behind the inputs, in order, without repeats."""
        return tuple(dict.fromkeys(sid for item in self.inputs for sid in item.sources))


def compute(spec: Derived, inputs: list[Quantity]) -> Computed:
    """Apply `spec.op` to its inputs (already resolved, in order)."""
    a = inputs[0]
    alo, ahi = a.exact
    qualifier = _qualifier(spec, inputs)
    period: Period | None = a.period
    as_of = a.as_of
    if spec.op in ("ratio", "share", "difference"):
        b = inputs[1]
        blo, bhi = b.exact
        if spec.op == "difference":
            low, high = alo - bhi, ahi - blo
            unit = spec.unit or a.unit
        else:
            if blo <= 0:
                raise ValueError(f"cannot divide by {b.id}: its value can be zero or less")
            scale = 100.0 if spec.op == "share" else 1.0
            low, high = alo / bhi * scale, ahi / blo * scale
            unit = spec.unit or ("percent" if spec.op == "share" else "times")
        if a.price_base != b.price_base:  # money of two years' prices: no honest sum or ratio
            raise ValueError(
                f"cannot combine {a.id} ({_prices(a.price_base)}) and {b.id} "
                f"({_prices(b.price_base)}) in a {spec.op}: give both in the same year's prices"
            )
        if a.period != b.period:
            period = None
        if a.as_of != b.as_of:
            as_of = None
    else:
        if a.period is None:
            raise ValueError(f"{spec.op} needs an input with a period; {a.id} has none")
        days = a.period.days
        per = (spec.days or 1) if spec.op == "per-period" else 1  # the model requires days
        low, high = alo / days * per, ahi / days * per
        unit = spec.unit or a.unit
    significant = max(2, min(q.significant for q in inputs))
    if qualifier is None and rounded_further(low, high, significant, spec.decimals):
        qualifier = "about"
    return Computed(
        derivation=spec,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        period=period,
        as_of=as_of,
        inputs=tuple(inputs),
        price_base=a.price_base if unit == a.unit else None,
        significant=significant,
    )


def rounded_further(low: float, high: float, significant: int, decimals: int) -> bool:
    """True when the result is shown to fewer figures than its `decimals` ask, because its
    inputs carry no more (355.4 from 500,000 shows as 360): a number rounded that far is no
    longer the computation's result, so it is 'about' that number."""
    return any(
        numbers.round_significant(x, significant, decimals) != float(numbers.half_up(x, decimals))
        for x in (low, high)
    )


def _prices(year: int | None) -> str:
    return f"{year} prices" if year else "current prices"


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
