"""Which fields of each kind of record are words an edition may translate.

Everything else (ids, numbers, units, dates, periods, sources, urls, topics, sides, measures,
kinds, chart data) comes from the source record alone: that is what keeps an edition's
numbers the source's.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, ...]] = {
    "sources": ("publisher", "short", "in_text", "note", "title"),
    "figures": ("label", "name", "short", "says", "note"),
    "derived": ("label", "name", "short", "explain"),
    "statements": ("speaker", "role", "place", "context", "translation"),
    "events": ("title", "summary"),
    "notes": ("title", "source_says", "claim_translation"),
    "charts": ("title", "caption", "others"),
    "changes": ("what", "why", "removed"),
}
"""The translatable fields of each kind, as the overlay files key them. A statement's `quote`
and a note's `claim` are the words as said and never change: an edition gives their
`translation` (`claim_translation`), shown marked as one with the original a click away. A change's
`removed` gives what each removed record said, by the removed id. A
source's `title` is its own, as published: only a described one (`described: true`) is
translated; its `publisher` is named in the edition's words ("Кремль"), its id and url stay."""

SHEET_WORDS = ("title", "description", "corrections")
"""The sheet's own words an edition translates."""
SHEET_NAMES = ("topics", "sides", "measures")
"""The sheet's display names, by id, an edition translates name by name."""

NOT_ASKED = {
    "statements": ("translation",),
    "notes": ("claim_translation",),
    "sources": ("publisher", "in_text"),
}
"""Fields an edition may give but is not asked for by the source having them: a quotation's
translation (asked for by report.py when the quote was said in another language), and a
publisher's name, which many editions keep as it is ("Associated Press"), and a name for
running text (`in_text`), which an edition's language may not need ("цит. за: AP")."""


def source_words(kind: str, record: object) -> dict[str, str]:
    """The words of a source record an edition should translate, by field, as written."""
    found: dict[str, str] = {}
    if kind == "changes":  # what each removed record said, by its id
        found.update({f"removed.{r.id}": r.said for r in getattr(record, "removed", ())})
    for name in WORDS[kind]:
        if name in NOT_ASKED.get(kind, ()):
            continue
        if kind == "sources" and name == "title" and not getattr(record, "described", False):
            continue
        value = getattr(record, name, None)
        if isinstance(value, str):
            found[name] = value
    return found
