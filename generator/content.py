"""The fact sheet as one immutable aggregate: every record by id, and the lookups pages ask for.

Reading the files is `load.py`'s job and checking them the validation package's; a Content
holds what they produced."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from .derive import Computed
from .errors import Problem
from .language import Language
from .models import (
    Change,
    Chart,
    ContentFile,
    Derived,
    EditorNote,
    Event,
    Figure,
    Quantity,
    Sheet,
    Source,
    Statement,
)
from .numbers import Writer
from .typography import excerpt
from .units import Unit

KINDS = tuple(name for name in ContentFile.model_fields if name != "sheet")
"""The record kinds, as the content files list them (models.ContentFile, where they are
written once): ("sources", "figures", "derived", …)."""


@dataclass
class Located:
    """Where a record was written, for messages about it."""

    file: str
    line: int
    column: int
    fields: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)
    """Line and column of each of the record's fields ('source', 'via[0]')."""

    def at(self, field_: str) -> tuple[int, int]:
        """Where `field_` (or, failing that, the record) is written."""
        return self.fields.get(field_) or (self.line, self.column)


_TABLES = (*KINDS, "specs")
"""The tables of records by id: each kind's, and `specs`, the derived figures as written
(`derived` holds them computed)."""


@dataclass(frozen=True)
class Content:
    """The whole fact sheet, validated: lookups by id, derived figures computed.

    Immutable once made: its tables are read-only views of copies of what was passed in, so
    the lookups below are built once, on first use, and can never go stale. Make a changed
    sheet with `dataclasses.replace`, which starts with lookups of its own.
    """

    sheet: Sheet
    sources: Mapping[str, Source]
    figures: Mapping[str, Figure]
    derived: Mapping[str, Computed]
    statements: Mapping[str, Statement]
    events: Mapping[str, Event]
    notes: Mapping[str, EditorNote]
    charts: Mapping[str, Chart]
    specs: Mapping[str, Derived] = field(default_factory=dict)
    """The derived figures as written; `derived` holds their computed results."""
    where: Mapping[str, Located] = field(default_factory=dict)
    changes: Mapping[str, Change] = field(default_factory=dict)
    """The corrections and updates log, by entry id."""
    warnings: tuple[Problem, ...] = ()
    sheet_at: Located = field(default_factory=lambda: Located("content", 1, 1))
    """Where the `sheet:` mapping is written, with its fields ('language')."""
    editions: Mapping[str, Content] = field(default_factory=dict)
    """The sheet's other editions by tag (`sheet.editions`, in order), each the same records
    with an edition's words (editions/merge.py); empty in an edition itself."""
    site_words: Mapping[str, Any] = field(default_factory=dict)
    """In an edition, its words for mkdocs.yml: `site_name`, `site_description`, and `nav`
    and `toggles` (the source's words to the edition's); empty in the source edition."""

    def __post_init__(self) -> None:
        # Copies, so that no one holding the dicts passed in can change them under the lookups.
        for name in (*_TABLES, "where", "editions"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        object.__setattr__(self, "warnings", tuple(self.warnings))

    @cached_property
    def language(self) -> Language:
        """The sheet's language: the generator's messages for it, and its locale."""
        return Language.of(
            self.sheet.language, {**self.sheet.unit_messages(), **self.sheet.messages}
        )

    @cached_property
    def writer(self) -> Writer:
        """How every number, figure and date of this sheet is written."""
        return Writer(self.language, self.units)

    @cached_property
    def units(self) -> Mapping[str, Unit]:
        """The units the sheet defines for itself (`sheet.units`), by id."""
        return MappingProxyType(self.sheet.own_units())

    def quantity(self, qid: str) -> Quantity:
        """A stored or derived figure by id."""
        return self.figures.get(qid) or self.derived[qid]

    def quantities(self) -> list[Quantity]:
        return [*self.figures.values(), *self.derived.values()]

    def by_topic(self, topic: str) -> list[Quantity]:
        return list(self._topics.get(topic, ()))

    def headlines(self) -> list[Quantity]:
        return [q for q in self.quantities() if q.headline]

    def notes_about(self, item_id: str) -> list[EditorNote]:
        return list(self._notes.get(item_id, ()))

    def changes_to(self, item_id: str) -> list[Change]:
        """The log entries naming a record, newest first."""
        return list(self._changes.get(item_id, ()))

    def changed_lines(self, item_id: str) -> list[Change]:
        """The log entries a record's line links, newest first: one a kind and day, that day's
        last written. Two links reading 'Clarified 7 December 2026' must not lead to two
        places; the Changes page lists every entry of that day."""
        seen: set[tuple[str, object]] = set()
        lines = []
        for change in self.changes_to(item_id):
            if (change.kind, change.date) not in seen:
                seen.add((change.kind, change.date))
                lines.append(change)
        return lines

    def change_log(self) -> list[Change]:
        """Every log entry, newest first; entries of one day in the order written, reversed,
        so the last one written reads first."""
        return sorted(reversed(list(self.changes.values())), key=lambda c: c.date, reverse=True)

    def statements_on(self, topic: str) -> list[Statement]:
        return list(self._statements.get(topic, ()))

    def timeline(self) -> list[Event]:
        # A month- or year-precise date sorts at its end: 'September 2025' comes after the
        # 19th, because the event may have happened on any day of it.
        return sorted(self.events.values(), key=lambda e: (e.date.last_day(), e.id))

    def title_of(self, item_id: str) -> str:
        """A record's name for lists such as 'Cited by' and the Changes page: a figure's title,
        a statement's speaker and date (and the start of its quotation when the speaker has
        several that day: two links never read alike), an event's or a note's title."""
        if item_id in self.figures or item_id in self.derived:
            return self.quantity(item_id).title
        if item_id in self.statements:
            s = self.statements[item_id]
            title = f"{s.speaker}, {self.writer.date(s.date)}"
            if self._said_that_day[(s.speaker, s.date)] > 1:
                quote = self.language.text("blocks.quoted", text=excerpt(self.words_of(s), 40))
                title = self.language.text("typography.labelled", label=title, text=quote)
            return title
        if item_id in self.events:
            return self.events[item_id].title
        if item_id in self.notes:
            return self.language.text("notes.title", title=self.notes[item_id].title)
        return item_id

    def words_of(self, statement: Statement) -> str:
        """A quotation as this sheet's pages show it: its translation when it was said in
        another language and has one, its own words otherwise."""
        foreign = statement.quote_language and statement.quote_language != self.sheet.language
        return statement.translation if foreign and statement.translation else statement.quote

    @cached_property
    def _said_that_day(self) -> Counter[tuple[str, Any]]:
        """How many statements each speaker has on each date: a statement's title names its
        speaker and date, and its quotation too when that alone would name several."""
        return Counter((s.speaker, s.date) for s in self.statements.values())

    def citations(self, source_id: str) -> list[tuple[str, str]]:
        """(kind, id) of everything that cites a source, directly or as the outlet."""
        return list(self._citing.get(source_id, ()))

    # Pages ask these questions once per figure, statement or source; answering each by a scan
    # of every record made a sheet 100 times bigger 10,000 times slower. Each table is built in
    # one pass, the first time it is asked for (a frozen dataclass still has a __dict__ for
    # cached_property to fill).

    @cached_property
    def _topics(self) -> dict[str, tuple[Quantity, ...]]:
        return _frozen(self._by_topic())

    @cached_property
    def _notes(self) -> dict[str, tuple[EditorNote, ...]]:
        return _frozen(self._notes_about())

    @cached_property
    def _changes(self) -> dict[str, tuple[Change, ...]]:
        table: dict[str, list[Any]] = defaultdict(list)
        for change in self.change_log():
            for item_id in dict.fromkeys(change.ids):
                table[item_id].append(change)
        return _frozen(table)

    @cached_property
    def _statements(self) -> dict[str, tuple[Statement, ...]]:
        return _frozen(self._statements_on())

    @cached_property
    def _citing(self) -> dict[str, tuple[tuple[str, str], ...]]:
        return _frozen(self._citations())

    def _by_topic(self) -> dict[str, list[Any]]:
        table: dict[str, list[Any]] = defaultdict(list)
        for q in self.quantities():
            table[q.topic].append(q)
        return table

    def _notes_about(self) -> dict[str, list[Any]]:
        table: dict[str, list[Any]] = defaultdict(list)
        for note in self.notes.values():
            for item_id in dict.fromkeys(note.about):
                table[item_id].append(note)
        return table

    def _statements_on(self) -> dict[str, list[Any]]:
        table: dict[str, list[Any]] = defaultdict(list)
        for statement in self.statements.values():
            table[statement.topic].append(statement)
        for statements in table.values():
            statements.sort(key=lambda s: s.date.first_day())
        return table

    def _citations(self) -> dict[str, list[Any]]:
        table: dict[str, list[Any]] = defaultdict(list)

        def cite(kind: str, item_id: str, *source_ids: str | None) -> None:
            for sid in dict.fromkeys(source_ids):
                if sid is not None:
                    table[sid].append((kind, item_id))

        for kind in ("figures", "statements", "events"):
            for item in getattr(self, kind).values():
                cite(kind, item.id, item.source, item.via)
        for note in self.notes.values():
            cite("notes", note.id, note.source, note.claim_source)
        for computed in self.derived.values():
            cite("derived", computed.id, *computed.sources)
        return table


def _frozen(table: dict[str, list[Any]]) -> dict[str, tuple[Any, ...]]:
    return {key: tuple(values) for key, values in table.items()}
