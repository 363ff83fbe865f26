"""Which fields of each kind of record are words an edition may translate.

Everything else (ids, numbers, units, dates, periods, sources, urls, topics, sides, measures,
kinds, chart data) comes from the source record alone: that is what keeps an edition's
numbers the source's.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, ...]] = {
    "sources": ("short", "note", "title"),
    "figures": ("label", "name", "short", "says", "note"),
    "derived": ("label", "name", "short", "explain"),
    "statements": ("speaker", "role", "place", "context", "translation"),
    "events": ("title", "summary"),
    "notes": ("title", "source_says", "claim_translation"),
    "charts": ("title", "caption", "others"),
    "changes": ("what", "why"),
}
"""The translatable fields of each kind, as the overlay files key them. A statement's `quote`
and a note's `claim` are the words as said and never change: an edition gives their
`translation` (`claim_translation`), shown marked as one with the original a click away. A
source's `title` is its own, as published: only a described one (`described: true`) is
translated."""

SHEET_WORDS = ("title", "description", "corrections")
"""The sheet's own words an edition translates."""
SHEET_NAMES = ("topics", "sides", "measures")
"""The sheet's display names, by id, an edition translates name by name."""

NOT_ASKED = {"statements": ("translation",), "notes": ("claim_translation",)}
"""Fields an edition gives that the source record has no counterpart of: a translation is
asked for by `needs_translation`, not by the source having the field."""


def source_words(kind: str, record: object) -> dict[str, str]:
    """The words of a source record an edition should translate, by field, as written."""
    found: dict[str, str] = {}
    for name in WORDS[kind]:
        if name in NOT_ASKED.get(kind, ()):
            continue
        if kind == "sources" and name == "title" and not getattr(record, "described", False):
            continue
        value = getattr(record, name, None)
        if isinstance(value, str):
            found[name] = value
    return found
