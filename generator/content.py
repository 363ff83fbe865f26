"""Load every YAML file under `content/` into one validated, cross-checked Content."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Mapping, Set
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from . import numbers
from .derive import Computed, DerivedProblems, Quantity, resolve_all
from .errors import ContentError, Problem, relative
from .models import (
    Chart,
    ContentFile,
    Derived,
    EditorNote,
    Event,
    Figure,
    Sheet,
    Source,
    Statement,
)
from .validation import problems_from
from .yaml_loader import Loaded, YamlProblems, dotted, load_yaml, read_regular_file

KINDS = ("sources", "figures", "derived", "statements", "events", "notes", "charts")


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


_TABLES = ("sources", "figures", "derived", "statements", "events", "notes", "charts", "specs")


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
    warnings: tuple[Problem, ...] = ()

    def __post_init__(self) -> None:
        # Copies, so that no one holding the dicts passed in can change them under the lookups.
        for name in (*_TABLES, "where"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        object.__setattr__(self, "warnings", tuple(self.warnings))

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

    def statements_on(self, topic: str) -> list[Statement]:
        return list(self._statements.get(topic, ()))

    def timeline(self) -> list[Event]:
        # A month- or year-precise date sorts at its end: 'September 2025' comes after the
        # 19th, because the event may have happened on any day of it.
        return sorted(self.events.values(), key=lambda e: (e.date.last_day(), e.id))

    def title_of(self, item_id: str) -> str:
        """A record's name for lists such as 'Cited by': a figure's title, a statement's speaker
        and date, an event's or a note's title."""
        if item_id in self.figures or item_id in self.derived:
            return self.quantity(item_id).title
        if item_id in self.statements:
            s = self.statements[item_id]
            return f"{s.speaker}, {numbers.date(s.date)}"
        if item_id in self.events:
            return self.events[item_id].title
        if item_id in self.notes:
            return f"Editor’s note: {self.notes[item_id].title}"
        return item_id

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
            cite("notes", note.id, note.source, note.article)
        for computed in self.derived.values():
            cite("derived", computed.id, *computed.sources)
        return table


def _frozen(table: dict[str, list[Any]]) -> dict[str, tuple[Any, ...]]:
    return {key: tuple(values) for key, values in table.items()}


def content_files(content_dir: Path) -> list[Path]:
    """The YAML files under `content_dir`. rglob does not enter a linked folder, and a linked
    file is refused when read; a linked content/ itself would lead anywhere, so it is refused."""
    if content_dir.is_symlink():
        raise ContentError(
            [Problem("content", 1, 1, "", "content/ is a symbolic link; keep the files in it")]
        )
    return sorted(p for p in content_dir.rglob("*") if p.suffix in (".yml", ".yaml"))


def load_content(root: Path) -> Content:
    """Read `root/content`; raise ContentError listing every problem found.

    A file that cannot be read or validated does not hide the others' problems: the files
    that validated are merged and their references checked in the same run. An id that a
    failed file may define is never reported unknown, since the failure may be all that
    hides it.
    """
    content_dir = root / "content"
    problems: list[Problem] = []
    parts: list[tuple[str, Loaded, ContentFile]] = []
    unsure: set[str] = set()
    """Ids that the files with problems may define."""
    files = content_files(content_dir)
    if not files:
        raise ContentError([Problem(relative(content_dir, root), 1, 1, "", "no YAML files found")])
    for path in files:
        display = relative(path, root)
        try:
            loaded = load_yaml(path, display)
        except YamlProblems as exc:
            problems.extend(exc.problems)
            unsure |= _ids_written_in(path)
            continue
        try:
            if loaded.validated is None:
                loaded.validated = ContentFile.model_validate(loaded.data)
            parts.append((display, loaded, loaded.validated))
        except ValidationError as exc:
            problems.extend(problems_from(exc, loaded, display, ContentFile))
            unsure |= _ids_in(loaded.data)
    complete = not problems
    content, merge_problems, skipped = _merge(parts, complete)
    problems += merge_problems
    problems += check_references(content, unsure | skipped)
    if not problems:
        try:
            derived = resolve_all(list(content.specs.values()), content.figures)
            content = replace(content, derived=derived)
        except DerivedProblems as exc:
            problems += [_problem(content, i, f"{i}.inputs", m) for i, m in exc.problems]
    if not problems:
        problems = check_consistency(content)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise ContentError(errors)
    return replace(content, warnings=tuple(p for p in problems if p.level == "warning"))


_ID_WRITTEN = re.compile(r"""\bid['"]?\s*:\s*['"]?([a-z0-9][a-z0-9-]*)""")


def _ids_written_in(path: Path) -> set[str]:
    """Every id a file that failed to load seems to define (`id: x`, `{id: x}`), read from
    its text: the YAML could not tell, so any such line counts. Only what the loader may read
    is read; its problem already says what is wrong with anything else."""
    try:
        data = read_regular_file(path, path.name)
    except YamlProblems:
        return set()
    return set(_ID_WRITTEN.findall(data.decode("utf-8", errors="replace")))


def _ids_in(data: object) -> set[str]:
    """The ids of the records of a file that failed validation, even of records that failed:
    references to them are not unknown, only their records are wrong. A misspelt `id` key
    (`idd:`, `ID:`), a misspelt kind (`figuers:`) or a record not in a list count too."""
    found: set[str] = set()
    # Every top-level list, not only the known kinds: `figuers:` holds figures too.
    for records in data.values() if isinstance(data, dict) else ():
        records = [records] if isinstance(records, dict) else records
        for record in records if isinstance(records, list) else ():
            if not isinstance(record, dict):
                continue
            if "id" in record:
                keys = ["id"]
            else:
                lower = {str(k).strip().lower(): k for k in record}
                keys = [lower[k] for k in difflib.get_close_matches("id", lower)]
            found |= {record[k] for k in keys if isinstance(record[k], str)}
    return found


def _merge(
    parts: list[tuple[str, Loaded, ContentFile]], complete: bool = True
) -> tuple[Content, list[Problem], set[str]]:
    """One Content from the files' records; problems with ids used twice or the sheet; and
    the ids of the records left out as duplicates. `complete` is False when some files
    failed, and so may hold the sheet."""
    problems: list[Problem] = []
    skipped: set[str] = set()
    sheets = [(display, loaded, part.sheet) for display, loaded, part in parts if part.sheet]
    if len(sheets) > 1 or (complete and not sheets):
        where = ", ".join(d for d, _, _ in sheets) or "content/"
        problems.append(
            Problem(
                sheets[1][0] if len(sheets) > 1 else "content",
                1,
                1,
                "sheet",
                f"expected exactly one `sheet:` mapping in content/, found {len(sheets)} ({where})",
            )
        )
    tables: dict[str, dict[str, object]] = {kind: {} for kind in KINDS}
    where: dict[str, Located] = {}
    for display, loaded, part in parts:
        fields = _fields_by_record(loaded)
        for kind in KINDS:
            for index, item in enumerate(getattr(part, kind)):
                line, col = loaded.position((kind, index))
                if item.id in where:
                    first = where[item.id]
                    problems.append(
                        Problem(
                            display,
                            line,
                            col,
                            f"{kind}[{index}].id",
                            f"duplicate id {item.id!r} (first in {first.file}:{first.line}); "
                            "ids must be unique across the fact sheet",
                        )
                    )
                    skipped.add(item.id)
                    continue
                where[item.id] = Located(display, line, col, fields[(kind, index)])
                tables[kind][item.id] = item
    content = Content(
        sheet=sheets[0][2] if sheets else Sheet.model_construct(),  # type: ignore[arg-type]
        sources=tables["sources"],  # type: ignore[arg-type]
        figures=tables["figures"],  # type: ignore[arg-type]
        derived={},
        statements=tables["statements"],  # type: ignore[arg-type]
        events=tables["events"],  # type: ignore[arg-type]
        notes=tables["notes"],  # type: ignore[arg-type]
        charts=tables["charts"],  # type: ignore[arg-type]
        specs=tables["derived"],  # type: ignore[arg-type]
        where=where,
    )
    return content, problems, skipped


def _fields_by_record(loaded: Loaded) -> dict[tuple, dict[str, tuple[int, int]]]:
    """{('figures', 3): {'source': (12, 13), 'inputs[0]': (30, 14)}} for one file."""
    records: dict[tuple, dict[str, tuple[int, int]]] = defaultdict(dict)
    for path, position in loaded.positions.items():
        if len(path) > 2:
            records[path[:2]][dotted(path[2:])] = position
    return records


def _problem(content: Content, item_id: str, field_: str, message: str, level: str = "error"):
    """A problem about `field_` ('ru-deaths.source'), at the line where that field is written."""
    at = content.where.get(item_id, Located("content", 1, 1))
    line, column = at.at(field_.removeprefix(item_id).removeprefix("."))
    return Problem(at.file, line, column, field_, message, level)  # type: ignore[arg-type]


def check_references(content: Content, unsure: Set[str] = frozenset()) -> list[Problem]:
    """Every id named anywhere resolves to something of the right kind; an id in `unsure` (one
    that a file with problems may define) is never reported unknown."""
    problems: list[Problem] = []
    specs = content.specs
    quantity_ids = set(content.figures) | set(specs)
    annotatable = quantity_ids | set(content.statements)

    def expect(item_id: str, field_: str, ref: str | None, pool: set[str] | dict, what: str):
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
        expect(note.id, f"{note.id}.article", note.article, content.sources, "source")
        for i, ref in enumerate(note.about):
            expect(note.id, f"{note.id}.about[{i}]", ref, annotatable, "figure or statement")
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
    sides, topics = content.sheet.sides, content.sheet.topics
    for q in [*content.figures.values(), *specs.values()]:
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
    from .units import UNITS

    for q in [*content.figures.values(), *specs.values()]:
        if q.unit is not None and q.unit not in UNITS:
            problems.append(
                _problem(
                    content,
                    q.id,
                    f"{q.id}.unit",
                    f"unknown unit {q.unit!r}; expected one of {', '.join(UNITS)}",
                )
            )
    return problems


def check_consistency(content: Content) -> list[Problem]:
    """Rules across records: a part within its whole, dates within sources, sources used."""
    problems: list[Problem] = []
    groups: dict[tuple, dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
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
        if f.projection:
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
    used = {sid for sid in content.sources if content.citations(sid)}
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
