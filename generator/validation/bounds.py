"""A bound on a range: 'up to 11–13 billion', 'more than 500,000–600,000'. A ceiling or a floor
of a range means nothing a reader can check, in any language (the French review, round 5, E1),
so it is warned of at the figure's `qualifier` line; old sheets still build. The editor gives
the range alone, or the bound alone ('up to 13 billion'), as the source says it."""

from __future__ import annotations

from ..content import Content
from ..errors import Problem
from .located import problem

BOUNDS = frozenset(
    {
        "up to",
        "up to about",
        "over",
        "more than",
        "at least",
        "under",
        "less than",
        "below",
        "nearly",
        "almost",
    }
)
"""The qualifiers that put a ceiling or a floor on a value; 'about', 'roughly' and 'exactly'
say how near it is, which a range may be too."""


def bound_on_range(content: Content) -> list[Problem]:
    """A warning for each stored figure with a low and a high and a bound for its qualifier."""
    return [
        problem(
            content,
            f.id,
            f"{f.id}.qualifier",
            f"{f.qualifier!r} on the range {f.low:,.15g}–{f.high:,.15g} bounds nothing a "
            f"reader can check ('{f.qualifier} {f.low:,.15g} to {f.high:,.15g}'): give the "
            "range without a qualifier (or with 'about'), or the bound alone as the value",
            "warning",
        )
        for f in content.figures.values()
        if f.qualifier in BOUNDS and f.low is not None and f.high is not None and f.low != f.high
    ]
